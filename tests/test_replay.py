"""`monitor replay [--since DATE] [--apply]`: the preview lists what re-judging stored items
would change and writes nothing; --apply stores the new evidence and re-evaluates statuses."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import col, select

from monitor.cli.main import main
from monitor.service.config import load_config
from monitor.service.sync import sync_definitions
from monitor.store import Store
from monitor.store.tables import AlertRow, CommitmentRow, EvidenceRow, StatusChangeRow
from tests.conftest import write_config
from tests.test_tracker import AZ, AZ_SLIP, News, add_news

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
OPENING_2030 = News(
    "Zangezur corridor opening pushed back",
    "The opening of the Zangezur corridor has been pushed back to 2030.",
    datetime(2026, 2, 20, tzinfo=UTC),
)
OLD_TALKS = News(
    "Officials discuss the Zangezur corridor opening",
    "Delegations met to discuss the opening of the Zangezur corridor.",
    datetime(2025, 12, 1, tzinfo=UTC),
)


def _snapshot(store: Store) -> tuple[list[tuple[str, str, str | None]], list[str], int, int]:
    with store.read() as s:
        evidence = [
            (e.commitment_id, e.signal, e.verdict)
            for e in s.exec(select(EvidenceRow).order_by(col(EvidenceRow.id))).all()
        ]
        statuses = [
            f"{r.id}={r.status}"
            for r in s.exec(select(CommitmentRow).order_by(col(CommitmentRow.id))).all()
        ]
        changes = len(s.exec(select(StatusChangeRow)).all())
        alerts = len(s.exec(select(AlertRow)).all())
    return evidence, statuses, changes, alerts


@pytest.fixture
def stored(db_url: str, tmp_path: Path) -> Iterator[tuple[Path, Store]]:
    """Three stored items: two judged by nobody yet (stored before their commitments were
    configured), one whose evidence was read by older rules as a bare mention."""
    directory = write_config(tmp_path / "config", database_url=db_url)
    config = load_config(directory)
    store = Store.open(db_url)
    sync_definitions(store, config, NOW)
    add_news(store, dataclasses.replace(config, commitments=()), [OLD_TALKS, AZ_SLIP], NOW)
    add_news(store, config, [OPENING_2030], NOW)
    with store.write() as s:
        [stale] = s.exec(select(EvidenceRow)).all()
        stale.signal, stale.verdict = "mention", None
        stale.forecast_start = stale.forecast_end = stale.forecast_text = None
        s.add(stale)
    yield directory, store
    store.close()


def _replay(directory: Path, *extra: str) -> int:
    return main(["--config", str(directory), "--now", NOW.isoformat(), "replay", *extra])


def test_preview_writes_nothing(
    stored: tuple[Path, Store], capsys: pytest.CaptureFixture[str]
) -> None:
    directory, store = stored
    before = _snapshot(store)
    assert _replay(directory) == 0
    out = capsys.readouterr().out
    assert f"→ {AZ}: delay 2027" in out
    assert "→ zangezur-opening: mention/None → delay/slip" in out
    assert "3 items: 2 new, 1 changed, 0 no longer matched — preview only" in out
    assert _snapshot(store) == before


def test_apply_updates_evidence_and_reevaluates(
    stored: tuple[Path, Store], capsys: pytest.CaptureFixture[str]
) -> None:
    directory, store = stored
    assert _replay(directory, "--apply") == 0
    out = capsys.readouterr().out
    assert "3 items: 2 new, 1 changed" in out and "preview" not in out
    evidence, statuses, changes, alerts = _snapshot(store)
    assert ("zangezur-opening", "delay", "slip") in evidence
    assert (AZ, "delay", "slip") in evidence
    assert f"{AZ}=slipped" in statuses and "zangezur-opening=slipped" in statuses
    assert changes >= 2 and alerts >= 2
    # Replaying again finds nothing left to change.
    assert _replay(directory) == 0
    assert "3 items: 0 new, 0 changed, 0 no longer matched" in capsys.readouterr().out


def test_since_limits_the_items(
    stored: tuple[Path, Store], capsys: pytest.CaptureFixture[str]
) -> None:
    directory, store = stored
    assert _replay(directory, "--since", "2026-02-25", "--apply") == 0
    out = capsys.readouterr().out
    assert "1 items: 1 new, 0 changed" in out  # only AZ_SLIP (2026-03-02) is recent enough
    evidence, _, _, _ = _snapshot(store)
    assert (AZ, "delay", "slip") in evidence
    assert ("zangezur-opening", "mention", None) in evidence  # older item left as it was


def test_progress_bar(stored: tuple[Path, Store], capsys: pytest.CaptureFixture[str]) -> None:
    from monitor.cli.commands.replay import progress_bar

    assert progress_bar(0, 400, 10) == "\r[          ] 0/400"
    assert progress_bar(200, 400, 10) == "\r[#####     ] 200/400"
    assert progress_bar(400, 400, 10) == "\r[##########] 400/400"
    directory, _ = stored
    assert _replay(directory, "--progress") == 0
    assert capsys.readouterr().err == progress_bar(3, 3) + "\n"
