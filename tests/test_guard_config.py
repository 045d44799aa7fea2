"""The SSRF guard as a user switches it on in monitor.yaml: loopback feeds are refused at
connect time unless allowed by `ssrf_allow`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from monitor.cli.main import main
from tests.conftest import write_config
from tests.faultserver import FaultServer, Reply
from tests.feedbuilder import rss
from tests.test_end_to_end import MENTION


@pytest.mark.parametrize(
    "allow, state, items",
    [
        ([], "blocked", 0),
        (["127.0.0.1/32"], None, 1),
    ],
    ids=["guarded", "allowed"],
)
def test_guard_blocks_loopback_unless_allowed(
    tmp_path: Path,
    sqlite_url: str,
    capsys: pytest.CaptureFixture[str],
    allow: list[str],
    state: str | None,
    items: int,
) -> None:
    with FaultServer() as server:
        server.route("/f.xml", Reply(200, body=rss([MENTION])))
        cfg = write_config(
            tmp_path / "cfg",
            database_url=sqlite_url,
            feeds=[{"url": server.url("/f.xml")}],
            polling={"ssrf_guard": True, "ssrf_allow": allow},
        )
        assert main(["--config", str(cfg), "--now", "2026-11-29T12:00:00+00:00", "poll"]) == 0
        hits = server.hits("/f.xml")
    capsys.readouterr()
    assert main(["--config", str(cfg), "feeds", "--json"]) == 0
    feed = json.loads(capsys.readouterr().out)[0]
    assert feed["items_seen"] == items
    if state == "blocked":
        assert hits == 0, "the guard must refuse before connecting"
        assert feed["last_error"].startswith("blocked")
    else:
        assert hits == 1 and feed["last_error"] is None


@pytest.mark.parametrize(
    "allow, code, hits",
    [
        ([], 1, 0),
        (["127.0.0.1/32"], 0, 1),
    ],
    ids=["guarded", "allowed"],
)
def test_feeds_check_honours_ssrf_allow(
    tmp_path: Path,
    sqlite_url: str,
    capsys: pytest.CaptureFixture[str],
    allow: list[str],
    code: int,
    hits: int,
) -> None:
    """`feeds check` builds its guard like the poller: `ssrf_allow` lets a loopback feed through."""
    with FaultServer() as server:
        server.route("/f.xml", Reply(200, body=rss([MENTION])))
        cfg = write_config(
            tmp_path / "cfg",
            database_url=sqlite_url,
            polling={"ssrf_guard": True, "ssrf_allow": allow},
        )
        capsys.readouterr()
        assert main(["--config", str(cfg), "feeds", "check", server.url("/f.xml")]) == code
        assert server.hits("/f.xml") == hits
    out = capsys.readouterr().out
    if hits:
        assert "status: 200" in out and "1 items" in out
    else:
        assert "error: [blocked]" in out
