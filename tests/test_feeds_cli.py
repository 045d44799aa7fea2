"""`monitor feeds` (state, last success, last error, next poll, items seen), `feeds check URL`
(one fetch, explained) and `feeds enable URL`, on a loopback server and real databases."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import pytest

from tests.faultserver import FaultServer, Reply
from tests.feedbuilder import rss
from tests.test_poll import MENTION, WEATHER, Rig

HTML = b"<!doctype html><html><head><title>Home</title></head><body>Welcome</body></html>"


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as srv:
        srv.route(
            "/good.xml",
            Reply(200, body=rss([MENTION, WEATHER], title="Good news"), headers=[("ETag", '"g1"')]),
        )
        srv.route("/page", Reply(200, body=HTML, headers=[("Content-Type", "text/html")]))
        srv.route("/moved", Reply(301, headers=[("Location", "/good.xml")]))
        yield srv


def test_feeds_lists_health(
    rig: Callable[..., Rig], server: FaultServer, capsys: pytest.CaptureFixture[str]
) -> None:
    r = rig([{"url": server.url("/good.xml"), "name": "Good"}, {"url": server.url("/page")}])
    assert r.cli("poll") == 0
    capsys.readouterr()
    assert r.cli("feeds") == 0
    out = capsys.readouterr().out
    good, bad = out.split("\nok ", 1)[0], out[out.index(server.url("/page")) - 9 :]
    assert good.startswith("ok       Good") and "2 items" in good
    assert f"last ok {r.now.isoformat()}" in good and "next poll 2026-11-29T12:3" in good
    assert bad.startswith("ok       " + server.url("/page"))  # failing only after 24 h
    assert "last ok never" in bad and "1 failures in a row" in bad
    assert "last error [not_feed]" in bad

    assert r.cli("feeds", "--json") == 0
    rows = {f["url"]: f for f in json.loads(capsys.readouterr().out)}
    assert rows[server.url("/good.xml")]["items_seen"] == 2
    assert rows[server.url("/page")]["last_error_kind"] == "not_feed"
    assert rows[server.url("/page")]["last_success_at"] is None


CHECKS = [
    ("feed", "/good.xml", 0, ["status: 200", 'etag: "g1"', "'Good news', 2 items"]),
    ("moved", "/moved", 0, ["redirect: 301 →", "moved: permanently to", "'Good news'"]),
    ("html", "/page", 1, ["status: 200", "parse: [not_feed]"]),
    ("missing", "/nowhere", 1, ["status: 404", "error: [http]"]),
]


@pytest.mark.parametrize(
    "path, code, expected", [c[1:] for c in CHECKS], ids=[c[0] for c in CHECKS]
)
def test_feeds_check_explains_one_fetch(
    rig: Callable[..., Rig],
    server: FaultServer,
    capsys: pytest.CaptureFixture[str],
    path: str,
    code: int,
    expected: list[str],
) -> None:
    r = rig([])
    capsys.readouterr()
    assert r.cli("feeds", "check", server.url(path)) == code
    out = capsys.readouterr().out
    for text in expected:
        assert text in out, out
    assert server.hits(path) == 1


def test_feeds_enable_unknown_url_fails(
    rig: Callable[..., Rig], capsys: pytest.CaptureFixture[str]
) -> None:
    r = rig([])
    assert r.cli("feeds", "enable", "http://127.0.0.1:9/none") == 1
    assert "no feed" in capsys.readouterr().out
    assert r.cli("feeds", "check") == 2
