"""Scheduling rules: the Retry-After matrix (plan 5), cache floors, backoff (plan 11), jitter."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from monitor.feeds.politeness import (
    PollPolicy,
    backoff,
    cache_lifetime,
    next_poll_at,
)
from monitor.net.http_time import parse_http_date, parse_retry_after

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
DAY = 86400
CAP31 = 31 * DAY


# (id, Retry-After value, Date header, expected seconds after NOW or None)
RETRY_AFTER_ROWS = [
    ("seconds", "120", None, 120),
    ("zero", "0", None, 0),
    ("padded", " 3600 ", None, 3600),
    ("imf-gmt", "Sun, 01 Mar 2026 12:05:00 GMT", None, 300),
    ("imf-no-tz", "Sun, 01 Mar 2026 12:05:00", None, 300),
    ("imf-plus0100", "Sun, 01 Mar 2026 13:05:00 +0100", None, 300),
    ("rfc850", "Sunday, 01-Mar-26 12:05:00 GMT", None, 300),
    ("asctime", "Sun Mar  1 12:05:00 2026", None, 300),
    ("date-behind", "Sun, 01 Mar 2026 12:05:00 GMT", "Sun, 01 Mar 2026 11:50:00 GMT", 900),
    ("date-ahead-past", "Sun, 01 Mar 2026 12:05:00 GMT", "Sun, 01 Mar 2026 12:10:00 GMT", 0),
    ("bad-date-header", "Sun, 01 Mar 2026 12:05:00 GMT", "yesterday", 300),
    ("past-date", "Sat, 28 Feb 2026 12:00:00 GMT", None, 0),
    ("over-cap-seconds", "5000000", None, CAP31),
    ("over-cap-date", "Fri, 01 May 2026 12:00:00 GMT", None, CAP31),
    ("huge-seconds", "999999999999", None, CAP31),
    ("word", "soon", None, None),
    ("negative", "-5", None, None),
    ("fraction", "1.5", None, None),
    ("empty", "", None, None),
    ("absent", None, None, None),
]


@pytest.mark.parametrize(
    ("value", "date", "expected"),
    [r[1:] for r in RETRY_AFTER_ROWS],
    ids=[r[0] for r in RETRY_AFTER_ROWS],
)
def test_retry_after_matrix(value: str | None, date: str | None, expected: int | None) -> None:
    got = parse_retry_after(value, NOW, date)
    assert got == (None if expected is None else NOW + timedelta(seconds=expected))


FIXED = PollPolicy(
    interval=timedelta(minutes=30),
    min_interval=timedelta(minutes=5),
    max_backoff=timedelta(hours=12),
    max_retry_after=timedelta(days=1),
    jitter=0,
)
H = 3600
IN_3H = "Sun, 01 Mar 2026 15:00:00 GMT"
DATE_NOW = "Sun, 01 Mar 2026 12:00:00 GMT"

# (id, status, headers, failures, expected seconds after NOW)
SCHEDULE_ROWS = [
    ("ok-plain", 200, {}, 0, 1800),
    ("not-modified", 304, {}, 0, 1800),
    ("max-age-floor", 200, {"cache-control": "public, max-age=7200"}, 0, 2 * H),
    ("max-age-below-interval", 200, {"cache-control": "max-age=60"}, 0, 1800),
    ("max-age-minus-age", 200, {"cache-control": "max-age=7200", "age": "3600"}, 0, H),
    ("expires-vs-date", 200, {"expires": IN_3H, "date": DATE_NOW}, 0, 3 * H),
    (
        "expires-skewed-server",
        200,
        {"expires": IN_3H, "date": "Sun, 01 Mar 2026 11:00:00 GMT"},
        0,
        4 * H,
    ),
    ("no-cache-ignores-max-age", 200, {"cache-control": "no-cache, max-age=7200"}, 0, 1800),
    ("expires-zero", 200, {"expires": "0"}, 0, 1800),
    ("max-age-capped", 200, {"cache-control": "max-age=2592000"}, 0, 12 * H),
    (
        "max-age-beats-expires",
        200,
        {"cache-control": "max-age=3600", "expires": "Sun, 01 Mar 2026 17:00:00 GMT"},
        0,
        H,
    ),
    ("retry-after-on-success-ignored", 200, {"retry-after": "7200"}, 0, 1800),
    ("429-short-ra-backoff-wins", 429, {"retry-after": "120"}, 1, 1800),
    ("429-long-ra", 429, {"retry-after": "7200"}, 1, 2 * H),
    ("503-ra-date", 503, {"retry-after": IN_3H, "date": DATE_NOW}, 1, 3 * H),
    ("429-ra-capped", 429, {"retry-after": str(10 * DAY)}, 1, DAY),
    ("429-ra-invalid", 429, {"retry-after": "later"}, 1, 1800),
    ("429-no-ra-doubles", 429, {}, 2, H),
    ("503-ra-past", 503, {"retry-after": "Sat, 28 Feb 2026 12:00:00 GMT"}, 1, 1800),
    (
        "429-ra-ignores-max-age",
        429,
        {"retry-after": "7200", "cache-control": "max-age=99999"},
        1,
        2 * H,
    ),
    ("500-ra-not-honoured", 500, {"retry-after": "7200"}, 1, 1800),
    ("500-third-failure", 500, {}, 3, 2 * H),
    ("transport-at-cap", 0, {}, 10, 12 * H),
    ("410-backs-off", 410, {}, 1, 1800),
    ("429-ra-beyond-backoff-cap", 429, {"retry-after": str(20 * H)}, 9, 20 * H),
]


@pytest.mark.parametrize(
    ("status", "headers", "failures", "expected"),
    [r[1:] for r in SCHEDULE_ROWS],
    ids=[r[0] for r in SCHEDULE_ROWS],
)
def test_next_poll_matrix(
    status: int, headers: dict[str, str], failures: int, expected: int
) -> None:
    got = next_poll_at(
        NOW, FIXED, status=status, headers=headers, failures=failures, rand=random.Random(0)
    )
    assert got == NOW + timedelta(seconds=expected)


def test_backoff_schedule_over_three_days_then_reset_on_success() -> None:
    policy = PollPolicy(
        interval=timedelta(minutes=30),
        min_interval=timedelta(minutes=5),
        max_backoff=timedelta(hours=12),
        jitter=0.1,
    )
    rand = random.Random(42)
    now, failures, waits = NOW, 0, []
    while now < NOW + timedelta(days=3):
        failures += 1
        nxt = next_poll_at(now, policy, status=502, headers={}, failures=failures, rand=rand)
        waits.append((failures, nxt - now))
        now = nxt
    worst = 0.0
    for n, wait in waits:
        nominal = min(timedelta(minutes=30) * 2 ** (n - 1), timedelta(hours=12))
        assert nominal * 0.9 <= wait <= nominal
        worst = max(worst, (nominal - wait) / nominal)
    assert worst > 0  # jitter is really applied
    at_cap = [w for n, w in waits if n >= 6]
    assert at_cap and all(w > timedelta(hours=10) for w in at_cap)  # about 2 polls a day at cap
    recovered = next_poll_at(now, policy, status=200, headers={}, failures=failures, rand=rand)
    assert timedelta(minutes=30) <= recovered - now <= timedelta(minutes=33)


def test_backoff_never_stops_or_overflows() -> None:
    assert backoff(FIXED, 10_000) == timedelta(hours=12)
    assert backoff(FIXED, 0) == FIXED.interval
    nxt = next_poll_at(NOW, FIXED, status=0, headers={}, failures=10**9, rand=random.Random(1))
    assert nxt == NOW + timedelta(hours=12)


def test_success_jitter_only_adds_and_stays_within_fraction() -> None:
    policy = PollPolicy(interval=timedelta(minutes=60), jitter=0.25)
    rand = random.Random(7)
    waits = [
        next_poll_at(NOW, policy, status=200, headers={}, failures=0, rand=rand) - NOW
        for _ in range(500)
    ]
    assert min(waits) >= timedelta(minutes=60)
    assert max(waits) <= timedelta(minutes=75)
    assert len(set(waits)) > 400  # spread, not synchronised


def test_min_interval_floors_jittered_error_waits() -> None:
    policy = PollPolicy(
        interval=timedelta(minutes=5), min_interval=timedelta(minutes=5), jitter=1.0
    )
    rand = random.Random(3)
    waits = [
        next_poll_at(NOW, policy, status=500, headers={}, failures=1, rand=rand) - NOW
        for _ in range(100)
    ]
    assert min(waits) == timedelta(minutes=5)


def test_policy_validation_and_naive_now_rejected() -> None:
    with pytest.raises(ValueError):
        PollPolicy(interval=timedelta(minutes=1), min_interval=timedelta(minutes=5))
    with pytest.raises(ValueError):
        PollPolicy(jitter=2)
    with pytest.raises(ValueError):
        next_poll_at(
            datetime(2026, 1, 1), FIXED, status=200, headers={}, failures=0, rand=random.Random(0)
        )


def test_http_date_and_cache_lifetime_helpers() -> None:
    assert parse_http_date("Sun, 01 Mar 2026 13:00:00 +0100") == NOW
    assert parse_http_date("not a date") is None
    assert cache_lifetime({"cache-control": "no-store"}, NOW) is None
    assert cache_lifetime({"cache-control": 'max-age="600"'}, NOW) == timedelta(minutes=10)
    assert cache_lifetime({"expires": "Sat, 28 Feb 2026 00:00:00 GMT"}, NOW) == timedelta(0)
