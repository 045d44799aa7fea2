"""The seed article itself, read by the monitor: every promise lands on its commitment with its
own date, and the article that states the promises never reports them slipped or met."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from monitor.cli.main import main
from monitor.service.config import load_config
from monitor.understand.judge import ItemText, Judge
from tests.conftest import SHIPPED_CONFIG, shared_path, write_config
from tests.faultserver import FaultServer, Reply
from tests.feedbuilder import Entry, rss

STATED = datetime(2025, 10, 21, 12, 0, tzinfo=UTC)


def _lines() -> list[str]:
    text = shared_path("seed", "article-fr.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def _judge_line(judge: Judge, line: str) -> dict[str, tuple[str, str | None, bool]]:
    findings = judge.judge(ItemText("seed", "", line, STATED, None, "fr"))
    return {
        f.commitment_id: (
            str(f.signal),
            f.forecast.start.isoformat() if f.forecast else None,
            f.slip,
        )
        for f in findings
    }


def test_each_seed_promise_gets_its_own_date() -> None:
    judge = Judge(load_config(SHIPPED_CONFIG).commitments)
    zangezur = next(line for line in _lines() if "mi-2026" in line)
    found = _judge_line(judge, zangezur)
    # One sentence, two promises: each commitment reads the clause that speaks of it.
    assert found["zangezur-az-construction"][1] == "2026-05-01"
    assert found["zangezur-opening"][1] == "2028-09-01"
    assert not any(slip for _, _, slip in found.values())
    summits = next(line for line in _lines() if "CICA" in line)
    assert {"oic-summit-baku-2026", "cica-summit-baku-2026"} <= set(_judge_line(judge, summits))
    corridor = next(line for line in _lines() if "10 millions de tonnes" in line)
    assert {"middle-corridor-capacity", "aktau-alat-terminals", "caspian-ferry-system"} <= set(
        _judge_line(judge, corridor)
    )


def test_the_seed_article_changes_no_promise_to_slipped_or_met(
    tmp_path: Path,
    sqlite_url: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    article = Entry(
        "Azerbaïdjan–Kazakhstan : déclarations conjointes à Astana",
        " ".join(_lines()),
        "http://news.test/seed",
        STATED,
    )
    with FaultServer() as server:
        server.route("/seed.xml", Reply(200, body=rss([article], lang="fr")))
        cfg = write_config(
            tmp_path / "cfg",
            database_url=sqlite_url,
            feeds=[{"url": server.url("/seed.xml")}],
            polling={"backfill": "3650d"},
        )
        assert main(["--config", str(cfg), "--now", "2025-10-22T00:00:00+00:00", "poll"]) == 0
    capsys.readouterr()
    assert main(["--config", str(cfg), "status", "--json"]) == 0
    rows = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert not {cid for cid, r in rows.items() if r["status"] in ("slipped", "met", "at_risk")}
    assert rows["zangezur-opening"]["status"] == "on_track"
    assert rows["zangezur-opening"]["forecast"]["start"] == "2028-09-01"
    assert rows["zangezur-az-construction"]["forecast"]["start"] == "2026-05-01"
    assert sum(r["evidence"] > 0 for r in rows.values()) >= 8
