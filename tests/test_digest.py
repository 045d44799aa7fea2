"""Digest mode: a channel's alerts accumulate and go out as one summary at a local hour, DST
included, and a restart (new objects, same database) neither repeats nor skips a digest."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, time
from pathlib import Path

import pytest

from monitor.alerts.deliver import Dispatcher
from monitor.alerts.digest import last_slot, next_slot
from monitor.core.settings import DigestPlan
from monitor.errors import ConfigError
from tests.alertkit import SECRET, hook, member_counts, received, setup, storm
from tests.webhookreceiver import WebhookReceiver

PARIS_DAILY = DigestPlan("daily", time(8, 0), "Europe/Paris")
PARIS_MONDAY = DigestPlan("weekly", time(8, 0), "Europe/Paris", weekday=0)
NY_2_30 = DigestPlan("daily", time(2, 30), "America/New_York")


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# (plan, after, expected next slot in UTC). Paris is UTC+1 in winter, UTC+2 in summer; 2026
# changes on 29 March and 25 October; New York on 8 March (02:30 does not exist) and
# 1 November (01:00-02:00 happens twice; 02:30 happens once).
NEXT = [
    pytest.param(PARIS_DAILY, "2026-03-28T06:59", "2026-03-28T07:00", id="winter-08h-is-07z"),
    pytest.param(PARIS_DAILY, "2026-03-28T07:00", "2026-03-29T06:00", id="across-spring-change"),
    pytest.param(PARIS_DAILY, "2026-10-24T06:00", "2026-10-25T07:00", id="across-autumn-change"),
    pytest.param(PARIS_DAILY, "2026-10-25T06:30", "2026-10-25T07:00", id="autumn-day-itself"),
    pytest.param(PARIS_MONDAY, "2026-03-25T12:00", "2026-03-30T06:00", id="weekly-monday"),
    pytest.param(PARIS_MONDAY, "2026-03-30T06:00", "2026-04-06T06:00", id="weekly-strictly-after"),
    pytest.param(NY_2_30, "2026-03-08T05:00", "2026-03-08T07:30", id="missing-local-time"),
    pytest.param(NY_2_30, "2026-11-01T05:00", "2026-11-01T07:30", id="after-fall-back"),
]


@pytest.mark.parametrize(("plan", "after", "expected"), NEXT)
def test_next_slot(plan: DigestPlan, after: str, expected: str) -> None:
    assert next_slot(plan, utc(after)) == utc(expected)


@pytest.mark.parametrize(
    ("plan", "at", "expected"),
    [
        pytest.param(PARIS_DAILY, "2026-03-29T06:00", "2026-03-29T06:00", id="at-the-slot"),
        pytest.param(PARIS_DAILY, "2026-03-29T05:59", "2026-03-28T07:00", id="just-before"),
        pytest.param(PARIS_MONDAY, "2026-04-05T12:00", "2026-03-30T06:00", id="weekly"),
    ],
)
def test_last_slot(plan: DigestPlan, at: str, expected: str) -> None:
    assert last_slot(plan, utc(at)) == utc(expected)


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    with WebhookReceiver(SECRET) as r:
        yield r


def _digest_hook(url: str) -> dict[str, object]:
    return hook(url, digest="daily", digest_at="08:00", timezone="Europe/Paris")


def test_daily_digest_across_a_restart_and_the_spring_change(
    tmp_path: Path,
    db_url: str,
    receiver: WebhookReceiver,
) -> None:
    cfg = tmp_path / "cfg"
    _, config, store = setup(cfg, db_url, {"hooks": _digest_hook(receiver.url)})
    day1 = storm(store, config, 5, utc("2026-03-27T15:00"), "d1")
    first = Dispatcher(store, config, "first")
    for moment in ("2026-03-27T15:00", "2026-03-28T06:59"):
        first.deliver(lambda m=moment: utc(m))  # type: ignore[misc]
    assert receiver.requests == []
    store.close()

    # Restart: new store, config and dispatcher, same database. 08:00 Paris = 07:00 UTC.
    _, config, store = setup(cfg, db_url, {"hooks": _digest_hook(receiver.url)})
    second = Dispatcher(store, config, "second")
    assert second.deliver(lambda: utc("2026-03-28T07:00")).sent == 1
    assert second.deliver(lambda: utc("2026-03-28T07:05")).sent == 0
    store.close()

    # Restart again, after the slot: the digest is not repeated.
    _, config, store = setup(cfg, db_url, {"hooks": _digest_hook(receiver.url)})
    third = Dispatcher(store, config, "third")
    assert third.deliver(lambda: utc("2026-03-28T09:00")).sent == 0
    day2 = storm(store, config, 3, utc("2026-03-28T20:00"), "d2")
    # Sunday 29 March is summer time: 08:00 Paris = 06:00 UTC, not 07:00.
    assert third.deliver(lambda: utc("2026-03-29T05:59")).sent == 0
    assert third.deliver(lambda: utc("2026-03-29T06:00")).sent == 1

    got = received(receiver)
    assert [(k, sorted(m)) for _, k, m in got] == [
        ("alert.group", sorted(day1)),
        ("alert.group", sorted(day2)),
    ]
    slots = [json.loads(r.body)["data"]["digest"]["slot"] for r in receiver.requests]
    assert slots == ["2026-03-28T07:00:00+00:00", "2026-03-29T06:00:00+00:00"]
    assert member_counts(receiver) == dict.fromkeys(day1 + day2, 1)
    store.close()


def test_down_over_the_slot_sends_the_digest_on_start(
    tmp_path: Path,
    sqlite_url: str,
    receiver: WebhookReceiver,
) -> None:
    cfg = tmp_path / "cfg"
    _, config, store = setup(cfg, sqlite_url, {"hooks": _digest_hook(receiver.url)})
    ids = storm(store, config, 4, utc("2026-06-01T18:00"))
    store.close()
    _, config, store = setup(cfg, sqlite_url, {"hooks": _digest_hook(receiver.url)})
    # Down from 18:00 until 11:00 the next day, past the 06:00 UTC slot: sent on start.
    assert Dispatcher(store, config, "b").deliver(lambda: utc("2026-06-02T11:00")).sent == 1
    assert member_counts(receiver) == dict.fromkeys(ids, 1)
    store.close()


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        pytest.param({"digest": "hourly"}, "daily or weekly", id="bad-period"),
        pytest.param({"digest": "daily", "digest_at": "25:00"}, "HH:MM", id="bad-hour"),
        pytest.param(
            {"digest": "daily", "timezone": "Mars/Olympus"}, "unknown timezone", id="bad-zone"
        ),
        pytest.param({"digest_at": "08:00"}, "needs 'digest", id="hour-without-digest"),
        pytest.param({"digest": "weekly", "digest_day": "someday"}, "weekday", id="bad-day"),
    ],
)
def test_digest_options_are_checked(
    tmp_path: Path, sqlite_url: str, spec: dict[str, str], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        setup(tmp_path, sqlite_url, {"hooks": hook("http://127.0.0.1:9/h", **spec)})


def test_digest_options_are_read(tmp_path: Path, sqlite_url: str) -> None:
    spec = hook(
        "http://127.0.0.1:9/h",
        digest="weekly",
        digest_at="07:30",
        digest_day="Friday",
        timezone="Asia/Baku",
    )
    _, config, store = setup(
        tmp_path, sqlite_url, {"hooks": spec}, alerts={"group_wait": "45s", "max_per_hour": 20}
    )
    assert config.channels["hooks"].digest == DigestPlan("weekly", time(7, 30), "Asia/Baku", 4)
    assert config.settings.alerts.group_wait is not None
    assert config.settings.alerts.group_wait.total_seconds() == 45
    assert config.settings.alerts.max_per_hour == 20
    store.close()
