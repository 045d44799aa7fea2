"""A feed's life through the Poller: permanent and temporary redirects, loops and chains (plan
tests 7–9), 410 Gone (10), persistent errors and backoff (11), and responses that are no feed
(19). Loopback servers, real databases, a simulated clock."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from monitor.feeds.feedstate import adopt_redirect
from monitor.feeds.fetch import FetchResult
from monitor.feeds.politeness import PollPolicy, backoff
from monitor.service import views
from monitor.store import utc
from monitor.store.tables import FeedRow, ItemRow
from tests.faultserver import FaultServer, Reply
from tests.feedbuilder import rss
from tests.test_poll import MENTION, T0, WEATHER

DATA = Path(__file__).parent / "data" / "feeds"


def _relative_rss(extra: str = "", guid_scheme: str | None = None) -> bytes:
    """Items with relative links and no guid (or a guid URL in the given scheme)."""
    words = "officials said the works on the Zangezur corridor continue on schedule this year"
    items = "".join(
        f"<item><title>Report {n}: corridor works</title><link>/a/{n}</link>"
        + (f"<guid>{guid_scheme}://news.test/a/{n}</guid>" if guid_scheme else "")
        + f"<description>{words} {n}</description></item>"
        for n in (1, 2)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>R</title>{items}{extra}'
        "</channel></rss>"
    ).encode()


NEW_ITEM = (
    "<item><title>Report 3: trade talks</title><link>/a/3</link><description>a third "
    "report about regional trade and transit talks held in Baku</description></item>"
)


@pytest.mark.parametrize("status", [301, 308])
def test_permanent_redirect_is_adopted_after_confirmation(
    rig: Any, server: FaultServer, status: int
) -> None:
    with FaultServer() as moved:
        server.route("/old", Reply(200, body=_relative_rss()))
        r = rig([{"url": server.url("/old")}])
        r.poll()
        assert r.count(ItemRow) == 2
        # The site moves to another host: /old answers 301/308; links now resolve against it.
        server.route("/old", Reply(status, headers=[("Location", moved.url("/new"))]))
        moved.route("/new", Reply(200, body=_relative_rss(NEW_ITEM)))
        seen = []
        for n in range(1, 7):
            r.now = T0 + timedelta(hours=n)
            r.poll()
            feed = r.feed(server.url("/old"))
            seen.append((feed.url == moved.url("/new"), feed.redirect_seen))
        assert seen[:3] == [(False, 1), (False, 2), (True, 0)]
        old_hits_after = server.hits("/old") - 4  # 1 before the move + 3 confirmations
        print(f"\nrequests to /old after adoption: {old_hits_after}; items: {r.count(ItemRow)}")
        assert old_hits_after == 0 and moved.hits("/new") == 6
        with r.store.read() as s:
            titles = sorted(s.exec(select(ItemRow.title)).all())
        assert titles == [
            "Report 1: corridor works",
            "Report 2: corridor works",
            "Report 3: trade talks",
        ]  # no duplicates across the two URLs


def test_guid_scheme_change_after_https_move_is_the_same_item(
    rig: Any, server: FaultServer
) -> None:
    server.route(
        "/f",
        [
            Reply(200, body=_relative_rss(guid_scheme="http")),
            Reply(200, body=_relative_rss(guid_scheme="https")),
        ],
    )
    r = rig([{"url": server.url("/f")}])
    r.poll()
    r.now = T0 + timedelta(hours=1)
    report = r.poll()
    assert report.items_new == 0 and r.count(ItemRow) == 2


def test_https_upgrade_is_adopted_at_once() -> None:
    feed = FeedRow(source_url="http://news.test/f", url="http://news.test/f")
    adopt_redirect(
        feed,
        FetchResult(
            feed.url, "https://news.test/f", status=200, permanent_redirect="https://news.test/f"
        ),
    )
    assert feed.url == "https://news.test/f" and feed.redirect_seen == 0


@pytest.mark.parametrize("status", [302, 303, 307])
def test_temporary_redirect_is_never_adopted(rig: Any, server: FaultServer, status: int) -> None:
    server.route("/old", Reply(status, headers=[("Location", "/tmp")]))
    server.route("/tmp", Reply(200, body=rss([MENTION])))
    r = rig([{"url": server.url("/old")}])
    for n in range(5):
        r.now = T0 + timedelta(hours=n)
        r.poll()
    feed = r.feed(server.url("/old"))
    assert feed.url == server.url("/old") and feed.redirect_url is None
    assert server.hits("/old") == 5 and r.count(ItemRow) == 1


@pytest.mark.parametrize("kind", ["loop", "chain"])
def test_redirect_loop_and_chain_are_cut_and_backed_off(
    rig: Any, server: FaultServer, kind: str
) -> None:
    if kind == "loop":
        server.route("/a", Reply(301, headers=[("Location", "/b")]))
        server.route("/b", Reply(301, headers=[("Location", "/a")]))
    else:
        for n in range(12):
            server.route(
                f"/a{'' if n == 0 else n}", Reply(302, headers=[("Location", f"/a{n + 1}")])
            )
    r = rig([{"url": server.url("/a")}])
    reports = []
    for n in range(2):
        r.now = T0 + timedelta(days=n)
        reports.append(r.poll())
    feed = r.feed(server.url("/a"))
    hops = len(server.requests) / 2
    print(f"\n{kind}: hops followed per fetch {hops}")
    assert hops <= 6  # the first request and at most max_redirects (5) more
    assert feed.last_error_kind == ("redirect_loop" if kind == "loop" else "too_many_redirects")
    assert feed.failures == 2 and feed.url == server.url("/a")
    wait = (utc(feed.next_poll_at) or T0) - r.now
    assert wait >= 2 * timedelta(minutes=30) * 0.9  # second failure: twice the interval


def test_410_stops_polling_until_enabled(
    rig: Any, server: FaultServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server.route("/f", Reply(410))
    r = rig([{"url": server.url("/f")}])
    r.poll()
    feed = r.feed(server.url("/f"))
    assert feed.state == "gone"
    for n in range(1, 60):
        r.now = T0 + timedelta(hours=n)
        r.poll(all_feeds=n % 3 == 0)
    print(
        f"\nrequests after the 410: {server.hits('/f') - 1}; "
        f"operator alerts: {len(r.alerts('feed.failing'))}"
    )
    assert server.hits("/f") == 1
    assert len(r.alerts("feed.failing")) == 1
    assert "410" in json.loads(r.alerts("feed.failing")[0].payload)["data"]["reason"]

    server.route("/f", Reply(200, body=rss([MENTION])))
    assert r.cli("feeds", "enable", server.url("/f")) == 0
    assert "gone → ok" in capsys.readouterr().out
    r.poll()
    feed = r.feed(server.url("/f"))
    assert feed.state == "ok" and server.hits("/f") == 2 and r.count(ItemRow) == 1
    assert len(r.alerts("feed.failing")) == 1


@pytest.mark.parametrize("status", [500, 502, 403, 404])
def test_persistent_errors_back_off_to_the_cap_and_recover(
    rig: Any, server: FaultServer, status: int
) -> None:
    server.route("/f", Reply(status))
    r = rig(
        [{"url": server.url("/f"), "interval": "30m"}],
        polling={"min_interval": "5m", "max_backoff": "6h", "jitter": 0.1, "failing_after": "24h"},
    )
    policy = PollPolicy(
        interval=timedelta(minutes=30),
        min_interval=timedelta(minutes=5),
        max_backoff=timedelta(hours=6),
        jitter=0.1,
    )
    deviation, polls, at_cap = 0.0, 0, 0
    while r.now < T0 + timedelta(days=3):
        r.poll()
        polls += 1
        feed = r.feed(server.url("/f"))
        wait = (utc(feed.next_poll_at) or r.now) - r.now
        expected = backoff(policy, feed.failures)
        assert expected * 0.9 <= wait <= expected, (feed.failures, wait)
        deviation = max(deviation, abs((wait - expected) / expected))
        at_cap += expected == policy.max_backoff and r.now >= T0 + timedelta(days=2)
        r.now = utc(feed.next_poll_at) or r.now
    assert feed.failures == polls and feed.state == "failing"
    print(
        f"\nHTTP {status}: {polls} polls in 3 days, max deviation below the schedule "
        f"{deviation:.1%}, polls on the last day (at the cap) {at_cap}"
    )
    assert 4 <= at_cap <= 5  # 24 h / (6 h minus up to 10%)
    server.route("/f", Reply(200, body=rss([MENTION])))
    r.poll()
    feed = r.feed(server.url("/f"))
    wait = (utc(feed.next_poll_at) or r.now) - r.now
    assert feed.failures == 0 and feed.state == "ok"
    assert timedelta(minutes=30) <= wait <= timedelta(minutes=33)
    assert len(r.alerts("feed.failing")) == 1 and len(r.alerts("feed.recovered")) == 1


NOT_FEEDS = {
    "html": (
        Reply(
            200, body=(DATA / "not_feed.html").read_bytes(), headers=[("Content-Type", "text/html")]
        ),
        "not_feed",
    ),
    "cloudflare": (
        Reply(
            403,
            body=b"<html>Just a moment...</html>",
            headers=[("cf-mitigated", "challenge"), ("Content-Type", "text/html")],
        ),
        "http",
    ),
    "empty": (Reply(200, body=b""), "empty"),
    "truncated": (Reply(200, body=(DATA / "truncated_no_entries.xml").read_bytes()), "not_feed"),
    "json": (
        Reply(
            200,
            body=(DATA / "not_feed.json").read_bytes(),
            headers=[("Content-Type", "application/json")],
        ),
        "not_feed",
    ),
}


@pytest.mark.parametrize("name", list(NOT_FEEDS))
def test_not_a_feed_is_an_error_and_touches_nothing(
    rig: Any, server: FaultServer, name: str
) -> None:
    reply, kind = NOT_FEEDS[name]
    server.route("/f", [Reply(200, body=rss([MENTION, WEATHER])), reply])
    r = rig([{"url": server.url("/f"), "interval": "30m"}])
    r.poll()
    with r.store.read() as s:
        before = sorted((i.key, i.title, i.text) for i in s.exec(select(ItemRow)).all())
    rows = r.rows()
    for n in (1, 2):
        r.now = T0 + timedelta(hours=n)
        report = r.poll()
        assert report.failed == 1 and report.items_new == 0
    with r.store.read() as s:
        after = sorted((i.key, i.title, i.text) for i in s.exec(select(ItemRow)).all())
        shown = views.feeds(s)[0]
    assert after == before and len(after) == 2  # items deleted: 0
    assert r.rows() == rows  # alerts: 0 (failing_after has not passed)
    assert shown["last_error_kind"] == kind and shown["failures"] == 2
    if name == "cloudflare":
        assert "challenge" in shown["last_error"]
    wait = (utc(r.feed(server.url("/f")).next_poll_at) or r.now) - r.now
    assert wait >= timedelta(minutes=54)  # backed off (2 × 30 min − jitter), not on schedule
