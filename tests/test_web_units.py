"""The web's pure parts, without a server: the chart's geometry, sessions and CSRF tokens, the
rate limiter, the heartbeat, link and CSV guards, list parameters."""

from __future__ import annotations

from datetime import date

import pytest

from monitor.service.liveness import Heartbeat
from monitor.web.activity import shown_url
from monitor.web.app import _href
from monitor.web.auth import MAX_FAILURES, SESSION_TTL, Auth, FailureLimiter
from monitor.web.chart import milestone_trend
from monitor.web.queries import BadQuery, ListQuery, slip_days
from monitor.web.subscriptions import export_csv

DEADLINE = {"text": "by the end of 2027", "start": "2027-09-01", "end": "2028-01-01"}


def _evidence(published: str, start: str, end: str, verdict: str = "slip") -> dict[str, object]:
    return {
        "published": f"{published}T09:00:00+00:00",
        "forecast": {"text": "x", "start": start, "end": end},
        "verdict": verdict,
        "source": "<b>feed</b>",
    }


def test_chart_puts_later_forecasts_higher_and_the_deadline_as_a_band() -> None:
    chart = milestone_trend(
        DEADLINE,
        [
            _evidence("2026-03-01", "2027-09-01", "2028-01-01", "consistent"),
            _evidence("2026-09-01", "2029-01-01", "2030-01-01"),
            {"published": "2026-10-01", "forecast": None},  # no window: not plotted
        ],
        date(2026, 11, 29),
    )
    assert chart is not None
    first, second = chart.bars
    assert first.x < second.x  # report date runs left to right
    assert second.top < first.top  # a later forecast is drawn higher (smaller y)
    assert chart.band is not None and chart.band[0] < chart.band[1]
    assert first.top == pytest.approx(chart.band[0])  # the consistent report ends on the band
    assert chart.today is not None and chart.today > second.x
    labels = [t.label for t in chart.y_ticks]
    assert {"2028-01", "2029-01", "2030-01"} <= set(labels) and len(labels) <= 8
    assert all(chart.left <= t.at <= chart.right_x for t in chart.x_ticks)
    assert chart.trend == f"{first.x},{first.end_y} {second.x},{second.end_y}"
    assert chart.diagonal is None  # reports in 2026, forecasts from 2027: no shared dates


def test_chart_draws_the_diagonal_where_the_axes_overlap() -> None:
    chart = milestone_trend(
        {"text": "2026", "start": "2026-01-01", "end": "2027-01-01"},
        [_evidence("2025-06-01", "2026-06-01", "2026-07-01", "consistent")],
        date(2026, 11, 29),
    )
    assert chart is not None and chart.diagonal is not None
    x1, y1, x2, y2 = chart.diagonal
    assert x1 < x2 and y1 > y2  # rising: later report date, later forecast date


def test_chart_needs_a_dated_report() -> None:
    assert milestone_trend(DEADLINE, [], date(2026, 1, 1)) is None
    assert (
        milestone_trend(None, [{"published": "2026-01-01", "forecast": None}], date.today()) is None
    )


def test_slip_days() -> None:
    assert slip_days(date(2028, 1, 1), date(2030, 1, 1)) == 731
    assert slip_days(date(2028, 1, 1), date(2027, 12, 1)) == -31
    assert slip_days(None, date(2027, 12, 1)) is None


def test_sessions_and_csrf_tokens() -> None:
    clock = [1_000_000.0]
    auth = Auth("a-token-of-sixteen-chars", wall=lambda: clock[0])
    cookie = auth.new_session()
    assert "a-token" not in cookie
    sid = auth.session(cookie)
    assert sid is not None
    csrf = auth.csrf(sid)
    assert auth.csrf_ok(cookie, csrf)
    assert not auth.csrf_ok(cookie, csrf[:-1] + ("0" if csrf[-1] != "0" else "1"))
    assert not auth.csrf_ok(auth.new_session(), csrf)  # bound to its session
    issued, nonce, signature = cookie.split(".")
    assert auth.session(f"{int(issued) + 1}.{nonce}.{signature}") is None  # tampered
    assert Auth("another-token-of-16-chars").session(cookie) is None  # token changed
    clock[0] += SESSION_TTL + 1
    assert auth.session(cookie) is None  # expired
    read_only = Auth(None)
    assert not read_only.writable and read_only.session(cookie) is None
    assert not read_only.token_ok("") and not read_only.bearer_ok("Bearer x")
    assert auth.bearer_ok("Bearer a-token-of-sixteen-chars")
    assert auth.bearer_ok("bearer  a-token-of-sixteen-chars")
    assert not auth.bearer_ok("Basic a-token-of-sixteen-chars")


def test_failure_limiter_forgets_after_a_minute() -> None:
    now = [0.0]
    limiter = FailureLimiter(clock=lambda: now[0])
    for _ in range(MAX_FAILURES):
        assert not limiter.blocked("1.2.3.4")
        limiter.failed("1.2.3.4")
    assert limiter.blocked("1.2.3.4") and not limiter.blocked("5.6.7.8")
    now[0] += 61
    assert not limiter.blocked("1.2.3.4")


def test_heartbeat() -> None:
    now = [0.0]
    beat = Heartbeat({"poll": 15.0, "deliver": 5.0}, clock=lambda: now[0])
    assert beat.check()[0]  # just started
    now[0] = 31.0
    ticking, detail = beat.check()
    assert not ticking and detail["steps"]["poll"]["age"] is None
    beat.beat("poll")
    now[0] = 60.0
    assert beat.check()[0]  # poll ran 29 s ago: within 2 × 15 s
    now[0] = 62.0
    assert not beat.check()[0]


def test_only_http_links_are_links() -> None:
    assert _href("https://news.example/a") == "https://news.example/a"
    for bad in ("javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,x", "", None):
        assert _href(bad) is None


def test_csv_cells_never_start_a_formula() -> None:
    row = {
        "id": "c",
        "title": '=HYPERLINK("http://evil")',
        "status": "slipped",
        "deadline": None,
        "forecast": {"text": "+1 year", "start": "2030-01-01", "end": "2031-01-01"},
        "slip_days": -5,
        "last_evidence_at": None,
        "evidence_count": 1,
        "sources": 1,
        "tags": ["@x"],
    }
    body = export_csv([row])
    assert "'=HYPERLINK" in body and "'+1 year" in body and "'@x" in body
    assert ",-5," in body  # numbers stay numbers


def test_feed_urls_hide_credentials() -> None:
    assert "secret" not in shown_url("https://user:secret@feeds.example/rss")
    assert (
        shown_url("https://feeds.example/rss?format=atom")
        == "https://feeds.example/rss?format=atom"
    )


def test_list_parameters() -> None:
    q = ListQuery.parse(
        {"sort": "-slip", "tag": "x", "page": "3"}, ["slipped,at_risk"], per_page=50
    )
    assert (q.sort, q.descending, q.page, q.per_page) == ("slip", True, 3, 50)
    assert q.statuses == ("slipped", "at_risk") and q.tag == "x"
    assert ListQuery.parse({}, [], per_page=None).per_page is None
    assert ListQuery.parse({"per_page": "10"}, [], per_page=None).per_page == 10
    for params, statuses in (({"sort": "size"}, []), ({}, ["asleep"]), ({"per_page": "0"}, [])):
        with pytest.raises(BadQuery):
            ListQuery.parse(params, statuses, per_page=50)
