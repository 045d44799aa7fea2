"""The web on a real uvicorn server (127.0.0.1, a free port) over real SQLite and PostgreSQL:
the JSON API's shapes (the brief's contract, checked against our OpenAPI document), token
refusals, login + CSRF on forms, escaping of feed text, headers, secrets, and the subscriptions
(calendar parsed by icalendar, Atom by feedparser, exports)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import feedparser
import httpx
import icalendar
import pytest
from jsonschema import Draft202012Validator

from monitor.web.app import CSP, routes
from monitor.web.openapi import document
from tests.conftest import PG_URL, _pg_schema_url
from tests.faultserver import Reply
from tests.feedbuilder import Entry, rss
from tests.webkit import (
    ENTRIES,
    HOOK_QUERY_SECRET,
    HOOK_SECRET,
    NOW,
    TOKEN,
    TOKEN_ENV,
    XSS,
    Site,
    seed,
    site,
)

AUTH = {"Authorization": f"Bearer {TOKEN}"}
CONTRACT = {"id", "title", "status", "deadline", "forecast", "slip_days"}


@pytest.fixture(autouse=True)
def _token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TOKEN_ENV, TOKEN)


def _database(request: pytest.FixtureRequest, tmp: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp / 'monitor.db'}"
        return
    if not PG_URL:
        pytest.skip("PostgreSQL tests skipped: MONITOR_TEST_DATABASE_URL is not set")
    yield from _pg_schema_url()


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def seeded(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Site]:
    """One seeded site per database for the tests that only read."""
    tmp = tmp_path_factory.mktemp("web")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(TOKEN_ENV, TOKEN)
        for url in _database(request, tmp):
            with site(tmp, url) as s:
                yield s


@pytest.fixture
def fresh(tmp_path: Path, db_url: str) -> Iterator[Site]:
    """A site of its own, for the tests that write."""
    with site(tmp_path, db_url) as s:
        yield s


def _validator(name: str) -> Draft202012Validator:
    doc = document()
    return Draft202012Validator(
        {"$ref": f"#/components/schemas/{name}", "components": doc["components"]}
    )


# --- the JSON API ---------------------------------------------------------------------------


def test_commitments_list_has_the_contract_shape(seeded: Site) -> None:
    response = seeded.get("/api/commitments")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    rows = response.json()
    assert isinstance(rows, list) and len(rows) == 3
    assert response.headers["x-total-count"] == "3"
    for row in rows:
        assert set(row) >= CONTRACT
        _validator("Commitment").validate(row)
        for key in ("deadline", "forecast"):
            assert row[key] is None or set(row[key]) == {"text", "start", "end"}
    bridge = next(r for r in rows if r["id"] == "example-bridge")
    assert bridge["status"] == "slipped"
    assert bridge["deadline"] == {
        "text": "by the end of 2027",
        "start": "2027-09-01",
        "end": "2028-01-01",
    }
    assert bridge["forecast"] == {"text": "2029", "start": "2029-01-01", "end": "2030-01-01"}
    assert bridge["slip_days"] == (date(2030, 1, 1) - date(2028, 1, 1)).days
    pending = next(r for r in rows if r["id"] == "grain-terminal")
    assert pending["forecast"] is None and pending["slip_days"] is None


def test_one_commitment_adds_evidence_and_history(seeded: Site) -> None:
    detail = seeded.get("/api/commitments/example-bridge").json()
    _validator("CommitmentDetail").validate(detail)
    assert CONTRACT | {"evidence", "history"} <= set(detail)
    listed = next(r for r in seeded.get("/api/commitments").json() if r["id"] == "example-bridge")
    assert {k: detail[k] for k in CONTRACT} == {k: listed[k] for k in CONTRACT}
    assert [e["signal"] for e in detail["evidence"]] == ["progress", "delay"]
    slip = detail["evidence"][1]
    assert slip["quote"].startswith("The opening of the Example Bridge has been postponed")
    assert slip["lang"] == "en" and slip["url"] == "https://news.example/bridge-2029"
    assert 0 < slip["score"] <= 1
    assert detail["history"][-1]["to"] == "slipped" and detail["history"][-1]["by"] == "rule"
    missing = seeded.get("/api/commitments/nope")
    assert missing.status_code == 404 and "error" in missing.json()


def test_list_filters_sorts_and_pages(seeded: Site) -> None:
    ids = lambda r: [c["id"] for c in r.json()]  # noqa: E731
    assert ids(seeded.get("/api/commitments", params={"status": "slipped"})) == ["example-bridge"]
    assert set(ids(seeded.get("/api/commitments", params={"tag": "transport"}))) == {
        "example-bridge",
        "aktau-port",
    }
    by_deadline = ids(seeded.get("/api/commitments", params={"sort": "deadline"}))
    assert by_deadline == ["grain-terminal", "example-bridge", "aktau-port"]
    assert ids(seeded.get("/api/commitments", params={"sort": "-deadline"})) == by_deadline[::-1]
    # None sorts last both ways: only the bridge has a slip.
    assert ids(seeded.get("/api/commitments", params={"sort": "-slip"}))[0] == "example-bridge"
    page = seeded.get("/api/commitments", params={"per_page": 2, "page": 2})
    assert ids(page) == by_deadline[2:] and page.headers["x-page-count"] == "2"
    for bad in ({"sort": "nope"}, {"status": "sleeping"}, {"page": "0"}, {"per_page": "x"}):
        response = seeded.get("/api/commitments", params=bad)
        assert response.status_code == 400, bad
        assert "error" in response.json()


def test_alerts_and_feeds_shapes(seeded: Site) -> None:
    alerts = seeded.get("/api/alerts").json()
    assert alerts, "the slip raised an alert"
    for a in alerts:
        _validator("Alert").validate(a)
        assert {"id", "kind", "commitment", "created_at"} <= set(a)
    slipped = next(a for a in alerts if a["kind"] == "commitment.slipped")
    assert slipped["commitment"] == "example-bridge"
    (delivery,) = slipped["deliveries"]
    assert delivery["channel"] == "hooks" and delivery["state"] == "pending"
    assert delivery["attempts"] == 1 and delivery["next_attempt_at"]
    feeds = seeded.get("/api/feeds").json()
    assert len(feeds) == 1
    _validator("Feed").validate(feeds[0])
    assert feeds[0]["name"] == "Example News" and feeds[0]["state"] == "ok"
    assert feeds[0]["last_error"] is None and feeds[0]["items_seen"] == len(ENTRIES)


def test_openapi_describes_every_api_route(seeded: Site) -> None:
    doc = seeded.get("/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    served = {r.path for r in routes() if getattr(r, "path", "").startswith("/api/")}
    assert served == set(doc["paths"])
    Draft202012Validator.check_schema(
        {"$ref": "#/components/schemas/CommitmentDetail", "components": doc["components"]}
    )


# --- writes: the token ----------------------------------------------------------------------


def test_api_writes_need_the_bearer_token(fresh: Site) -> None:
    path = "/api/commitments/example-bridge/ack"
    for headers in (
        {},
        {"Authorization": "Bearer wrong-token-0123456789"},
        {"Authorization": TOKEN},
    ):
        refused = fresh.post(path, headers=headers)
        assert refused.status_code == 401, headers
        assert refused.headers["www-authenticate"].startswith("Bearer")
    assert fresh.get("/api/commitments/example-bridge").json()["acked"] is False
    done = fresh.post(path, headers=AUTH, json={"note": "seen it"})
    assert done.status_code == 200 and done.json()["acknowledged_alerts"] == 1
    assert fresh.get("/api/commitments/example-bridge").json()["acked"] is True
    assert all(a["acked_at"] for a in fresh.get("/api/alerts").json() if a["commitment"])


def test_api_snooze_and_confirm(fresh: Site) -> None:
    base = "/api/commitments/aktau-port"
    snoozed = fresh.post(f"{base}/snooze", headers=AUTH, json={"until": "2027-01-10"})
    assert snoozed.status_code == 200
    assert fresh.get(base).json()["snoozed_until"].startswith("2027-01-10")
    confirmed = fresh.post(
        f"{base}/confirm", headers=AUTH, json={"status": "at_risk", "note": "<b>board</b> says"}
    )
    assert confirmed.json() == {"id": "aktau-port", "previous": "on_track", "status": "at_risk"}
    detail = fresh.get(base).json()
    assert detail["status"] == "at_risk"
    assert detail["history"][-1] | {"at": None} == {
        "at": None,
        "from": "on_track",
        "to": "at_risk",
        "reason": "confirmed by a human",
        "by": "human",
        "note": "<b>board</b> says",
    }
    assert "&lt;b&gt;board&lt;/b&gt;" in fresh.get("/commitments/aktau-port").text
    for body, status in (
        ({"status": "sleeping"}, 400),
        ({}, 400),
        ({"until": "soon"}, 400),
    ):
        what = "confirm" if "until" not in body else "snooze"
        assert fresh.post(f"{base}/{what}", headers=AUTH, json=body).status_code == status
    assert fresh.post(f"{base}/snooze", headers=AUTH, content=b"[1]").status_code == 400
    assert fresh.post("/api/commitments/nope/ack", headers=AUTH).status_code == 404


def test_enable_a_failing_feed(fresh: Site) -> None:
    feed_id = fresh.get("/api/feeds").json()[0]["id"]
    assert fresh.post(f"/api/feeds/{feed_id}/enable").status_code == 401
    done = fresh.post(f"/api/feeds/{feed_id}/enable", headers=AUTH)
    assert done.status_code == 200 and done.json()["state"] == "ok"
    assert fresh.post("/api/feeds/999/enable", headers=AUTH).status_code == 404


def test_read_only_without_a_token(tmp_path: Path, sqlite_url: str, monkeypatch: Any) -> None:
    import yaml

    from monitor.service.config import load_config
    from monitor.store import Store
    from tests.webkit import running, site_config

    config_dir = site_config(tmp_path / "cfg", sqlite_url, "http://127.0.0.1:9/feed")
    settings = yaml.safe_load((config_dir / "monitor.yaml").read_text())
    settings["http"] = {}
    (config_dir / "monitor.yaml").write_text(yaml.safe_dump(settings))
    config = load_config(config_dir)
    assert config.settings.http is not None and config.settings.http.token is None
    store = Store.open(sqlite_url)
    seed(config, store)
    with (
        running(store, config) as server,
        httpx.Client(base_url=f"http://127.0.0.1:{server.port}") as c,
    ):
        refused = c.post("/api/commitments/example-bridge/ack", headers=AUTH)
        assert refused.status_code == 401 and "read-only" in refused.json()["error"]
        assert c.post("/login", data={"token": TOKEN}).status_code == 401
        assert "read-only" in c.get("/").text
    store.close()


def test_repeated_wrong_tokens_are_slowed_down(fresh: Site) -> None:
    with fresh.client() as c:
        codes = [
            c.post("/api/commitments/example-bridge/ack", headers={"Authorization": "Bearer x"})
            for _ in range(12)
        ]
        assert [r.status_code for r in codes[:10]] == [401] * 10
        assert codes[-1].status_code == 429
        # Even the right token waits now: a brute force cannot tell it found it.
        assert c.post("/api/commitments/example-bridge/ack", headers=AUTH).status_code == 429


# --- writes: forms, login and CSRF ----------------------------------------------------------


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf" value="([0-9a-f]{64})"', html)
    assert match, "the page carries a CSRF token"
    return match.group(1)


def test_forms_need_login_and_the_csrf_token(fresh: Site) -> None:
    page = "/commitments/aktau-port"
    with fresh.client() as anonymous:
        assert (
            "Log in" in anonymous.get(page).text and 'name="csrf"' not in anonymous.get(page).text
        )
        refused = anonymous.post(f"{page}/ack", data={"csrf": "0" * 64})
        assert refused.status_code == 401
        wrong = anonymous.post("/login", data={"token": "not-the-token", "next": page})
        assert wrong.status_code == 401 and "Wrong token" in wrong.text
    with fresh.client() as browser:
        login = browser.post("/login", data={"token": TOKEN, "next": page})
        assert login.status_code == 303 and login.headers["location"].startswith(page)
        cookie = login.headers["set-cookie"]
        assert "httponly" in cookie.lower() and "samesite=strict" in cookie.lower()
        assert TOKEN not in cookie
        token = _csrf(browser.get(page).text)
        assert browser.post(f"{page}/ack", data={}).status_code == 403
        assert browser.post(f"{page}/ack", data={"csrf": "f" * 64}).status_code == 403
        forged = browser.post(
            f"{page}/ack", data={"csrf": token}, headers={"Origin": "http://evil.example"}
        )
        assert forged.status_code == 403
        for headers in ({"Sec-Fetch-Site": "cross-site"}, {"Origin": "null"}):
            assert (
                browser.post(f"{page}/ack", data={"csrf": token}, headers=headers).status_code
                == 403
            )
        assert fresh.get("/api/commitments/aktau-port").json()["acked"] is False
        done = browser.post(f"{page}/ack", data={"csrf": token, "note": "ok"})
        assert done.status_code == 303 and done.headers["location"] == f"{page}?done=ack"
        assert fresh.get("/api/commitments/aktau-port").json()["acked"] is True
        snooze = browser.post(f"{page}/snooze", data={"csrf": token, "until": "2027-02-01"})
        assert snooze.status_code == 303
        confirm = browser.post(f"{page}/confirm", data={"csrf": token, "status": "met"})
        assert confirm.status_code == 303
        assert fresh.get("/api/commitments/aktau-port").json()["status"] == "met"
        assert (
            browser.post(f"{page}/confirm", data={"csrf": token, "status": "x"}).status_code == 400
        )
        logout = browser.post("/logout", data={"csrf": token})
        assert logout.status_code == 303
        assert browser.post(f"{page}/ack", data={"csrf": token}).status_code == 401


def test_login_redirects_only_to_this_site(fresh: Site) -> None:
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = fresh.post("/login", data={"token": TOKEN, "next": target})
        assert response.headers["location"].startswith("/?"), target


# --- escaping, headers, secrets -------------------------------------------------------------


def test_feed_text_is_escaped_everywhere(seeded: Site) -> None:
    page = seeded.get("/commitments/aktau-port").text
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<img" not in page and "<script" not in page
    assert 'href="javascript:' not in page
    alerts = seeded.get("/alerts").text
    assert "<img" not in alerts and "<script" not in alerts
    atom = seeded.get("/alerts.atom").text
    assert "<img" not in atom and "<script" not in atom
    api = seeded.get("/api/commitments/aktau-port").json()
    assert api["evidence"][0]["title"] == XSS  # JSON carries the text as it is


def test_security_headers_on_every_kind_of_response(seeded: Site) -> None:
    for path in ("/", "/commitments/example-bridge", "/api/commitments", "/nope", "/healthz"):
        headers = seeded.get(path).headers
        assert headers["content-security-policy"] == CSP, path
        assert "script-src" not in CSP and "default-src 'none'" in CSP
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "same-origin"
        assert "server" not in headers


def test_no_secret_is_ever_rendered(seeded: Site) -> None:
    paths = [
        "/",
        "/commitments/example-bridge",
        "/alerts",
        "/feeds",
        "/login",
        "/api/commitments",
        "/api/commitments/example-bridge",
        "/api/alerts",
        "/api/feeds",
        "/openapi.json",
        "/metrics",
        "/healthz",
        "/calendar.ics",
        "/alerts.atom",
        "/export.csv",
        "/export.json",
    ]
    secret_key = HOOK_SECRET.removeprefix("whsec_")
    for path in paths:
        response = seeded.get(path)
        assert response.status_code == 200, path
        for secret in (TOKEN, HOOK_SECRET, secret_key, HOOK_QUERY_SECRET):
            assert secret not in response.text, (path, secret)
    # The dead webhook's error did reach the page, masked.
    assert "connection failed" in seeded.get("/alerts").text


# --- pages ----------------------------------------------------------------------------------


def test_pages_render_their_data(seeded: Site) -> None:
    overview = seeded.get("/").text
    for text in ("Example Bridge opens to traffic", "slipped", "+731", "2026-11-25", "by the end"):
        assert text in overview
    filtered = seeded.get("/", params={"status": "on_track", "tag": "ports"}).text
    assert "Aktau port" in filtered and "Example Bridge" not in filtered
    detail = seeded.get("/commitments/example-bridge").text
    assert "<svg" in detail and 'class="band"' in detail
    assert detail.count('class="bar v-') == 2  # two reports with a forecast window
    assert "postponed to 2029" in detail and "new forecast" in detail
    assert seeded.get("/commitments/nope").status_code == 404
    assert "Example News" in seeded.get("/feeds").text
    alerts = seeded.get("/alerts").text
    assert "commitment.slipped" in alerts and "hooks" in alerts and "next try" in alerts
    assert seeded.get("/static/style.css").status_code == 200


# --- subscriptions --------------------------------------------------------------------------


def _events(site_: Site) -> dict[str, Any]:
    response = site_.get("/calendar.ics")
    assert response.headers["content-type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_calendar_events_are_stable_and_sequenced(fresh: Site) -> None:
    events = _events(fresh)
    deadline = events["deadline-example-bridge@commitment-monitor"]
    assert deadline.decoded("DTSTART") == date(2027, 9, 1)
    assert deadline.decoded("DTEND") == date(2028, 1, 1)
    forecast = events["forecast-example-bridge@commitment-monitor"]
    assert forecast.decoded("DTSTART") == date(2029, 1, 1)
    assert "Example Bridge" in str(forecast["SUMMARY"])
    assert len(events) == 4  # three deadlines, one forecast
    first_deadline, first_forecast = int(deadline["SEQUENCE"]), int(forecast["SEQUENCE"])
    assert _events(fresh).keys() == events.keys()  # the same UIDs every time
    etag = fresh.get("/calendar.ics").headers["etag"]
    assert fresh.get("/calendar.ics", headers={"If-None-Match": etag}).status_code == 304
    narrowed = icalendar.Calendar.from_ical(fresh.get("/calendar.ics?tag=ports").content)
    assert [str(e["UID"]) for e in narrowed.walk("VEVENT")] == [
        "deadline-aktau-port@commitment-monitor"
    ]

    # A new report revises the forecast; a human call changes the deadline event.
    revised = Entry(
        "Example Bridge pushed back again",
        "The opening of the Example Bridge has been postponed to 2031, officials said.",
        "https://news.example/bridge-2031",
        NOW.replace(day=28),
    )
    fresh.feeds.route("/feed", Reply(200, body=rss([*ENTRIES, revised])))
    seed(fresh.config, fresh.store, NOW + timedelta(hours=1))  # past the minimum interval
    moved = _events(fresh)[str(forecast["UID"])]
    assert moved.decoded("DTSTART") == date(2031, 1, 1)
    assert int(moved["SEQUENCE"]) > first_forecast
    fresh.post("/api/commitments/example-bridge/confirm", headers=AUTH, json={"status": "at_risk"})
    again = _events(fresh)
    assert fresh.get("/calendar.ics").headers["etag"] != etag
    assert int(again[str(deadline["UID"])]["SEQUENCE"]) > first_deadline
    assert "at_risk" in str(again[str(deadline["UID"])]["SUMMARY"])
    assert int(again[str(forecast["UID"])]["SEQUENCE"]) == int(moved["SEQUENCE"])


def test_a_moved_deadline_bumps_its_event(fresh: Site) -> None:
    import yaml

    from monitor.service.config import load_config
    from monitor.service.sync import sync_definitions

    uid = "deadline-grain-terminal@commitment-monitor"
    before = _events(fresh)[uid]
    path = fresh.config_dir / "commitments.yaml"
    data = yaml.safe_load(path.read_text())
    next(c for c in data["commitments"] if c["id"] == "grain-terminal")["deadline"] = "end of 2028"
    path.write_text(yaml.safe_dump(data))
    sync_definitions(fresh.store, load_config(fresh.config_dir), NOW)
    after = _events(fresh)[uid]
    assert after.decoded("DTSTART") == date(2028, 9, 1)
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])


def test_atom_feed_parses(seeded: Site) -> None:
    response = seeded.get("/alerts.atom")
    assert response.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    alerts = seeded.get("/api/alerts").json()
    assert len(parsed.entries) == len(alerts)
    entry = next(e for e in parsed.entries if "commitment.slipped" in e.title)
    assert entry.id.endswith(next(a["id"] for a in alerts if a["kind"] == "commitment.slipped"))
    assert entry.link.endswith("/commitments/example-bridge")
    assert "postponed to 2029" in entry.content[0].value


def test_exports_have_one_row_per_commitment(seeded: Site) -> None:
    listed = seeded.get("/api/commitments").json()
    assert seeded.get("/export.json").json() == listed
    response = seeded.get("/export.csv")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["id"] for r in rows] == [c["id"] for c in listed]
    bridge = next(r for r in rows if r["id"] == "example-bridge")
    assert bridge["forecast_start"] == "2029-01-01" and bridge["slip_days"] == "731"
    assert bridge["status"] == "slipped" and bridge["tags"] == "transport"
