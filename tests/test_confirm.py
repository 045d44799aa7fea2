"""`monitor confirm ID STATUS --note`: kept in the audit trail, honoured by the tracker until
evidence newer than the confirmation arrives."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from monitor.cli.main import main
from monitor.service.config import load_config
from monitor.service.sync import sync_definitions
from monitor.store import Store
from tests.conftest import write_config
from tests.test_tracker import AZ, AZ_SLIP, News, add_news, changes_of, run_evaluation

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
LATER = datetime(2026, 4, 20, 12, 0, tzinfo=UTC)


def test_confirmation_holds_until_newer_evidence(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = write_config(tmp_path / "config", database_url=db_url)
    config = load_config(directory)
    store = Store.open(db_url)
    sync_definitions(store, config, NOW)
    add_news(store, config, [AZ_SLIP])
    run_evaluation(store, config, NOW)
    assert [c.to_status for c in changes_of(store, AZ)] == ["slipped"]

    assert (
        main(
            [
                "--config",
                str(directory),
                "--now",
                "2026-03-11T09:00:00+00:00",
                "confirm",
                AZ,
                "on_track",
                "--note",
                "ministry denied the report",
            ]
        )
        == 0
    )
    assert "slipped → on_track (human) — ministry denied the report" in capsys.readouterr().out
    # The rules see the same slip evidence but defer to the human call (and so does the
    # dependent commitment, which no longer has a slipped dependency).
    assert run_evaluation(store, config, LATER) == [("zangezur-opening", "at_risk", "pending")]
    trail = changes_of(store, AZ)
    assert [(c.to_status, c.confirmed_by, c.note) for c in trail] == [
        ("slipped", "rule", None),
        ("on_track", "human", "ministry denied the report"),
    ]

    assert (
        main(["--config", str(directory), "--now", LATER.isoformat(), "status", AZ, "--json"]) == 0
    )
    shown = json.loads(capsys.readouterr().out)
    assert shown["status"] == "on_track"
    assert shown["changes"][-1]["note"] == "ministry denied the report"
    assert shown["changes"][-1]["by"] == "human"

    # Evidence published after the confirmation overrides it.
    add_news(
        store,
        config,
        [
            News(
                "Zangezur construction postponed again",
                "Construction of the Zangezur railway section has been postponed to 2028.",
                datetime(2026, 4, 1, tzinfo=UTC),
                feed="other",
            )
        ],
        LATER,
    )
    assert run_evaluation(store, config, LATER) == [
        (AZ, "on_track", "slipped"),
        ("zangezur-opening", "pending", "at_risk"),
    ]
    assert "2028" in changes_of(store, AZ)[-1].reason
    store.close()


def test_confirm_rejects_unknown_commitment_and_status(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = write_config(tmp_path / "config", database_url=sqlite_url)
    assert main(["--config", str(directory), "confirm", "no-such-thing", "met"]) != 0
    with pytest.raises(SystemExit):
        main(["--config", str(directory), "confirm", AZ, "done"])
