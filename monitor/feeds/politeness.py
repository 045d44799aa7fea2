"""When to poll a feed next: interval with jitter, server hints, and backoff that never gives up.

Pure functions: the current time and the random source are parameters, so schedules can be
asserted exactly. Rules, in order of strength:

- never sooner than `min_interval`;
- after a failure (anything but 2xx/304): exponential backoff from `interval`, doubling per
  consecutive failure up to `max_backoff`, shortened by up to `jitter`; never stops for good;
- on 429/503, `Retry-After` (seconds or HTTP-date, read relative to the server's `Date`) is
  honoured up to `max_retry_after`, and never makes the retry earlier than the backoff;
- on success: `interval` plus jitter, floored by Cache-Control max-age (minus Age) or Expires,
  a floor itself capped at `max_backoff` so a far-future Expires cannot silence a feed.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from monitor.net.http_time import SECONDS, aware, parse_http_date, parse_retry_after

RETRY_AFTER_STATUSES = frozenset({429, 503})

_MAX_AGE = re.compile(r"(?:^|[,\s])max-age\s*=\s*\"?(\d{1,12})\"?", re.IGNORECASE)
_NO_CACHE = re.compile(r"(?:^|[,\s])(?:no-cache|no-store)(?:$|[,\s=])", re.IGNORECASE)


def cache_lifetime(headers: Mapping[str, str], now: datetime) -> timedelta | None:
    """How long the response says it stays fresh (max-age minus Age, else Expires − Date)."""
    control = headers.get("cache-control", "")
    if _NO_CACHE.search(control):
        return None
    age_match = SECONDS.fullmatch(headers.get("age", "") or "")
    age = timedelta(seconds=int(age_match.group(1))) if age_match else timedelta(0)
    max_age = _MAX_AGE.search(control)
    if max_age is not None:
        return max(timedelta(0), timedelta(seconds=int(max_age.group(1))) - age)
    expires = parse_http_date(headers.get("expires"))
    if expires is None:
        return None  # absent, or an invalid value such as "0", which means already expired
    server_now = parse_http_date(headers.get("date")) or aware(now)
    return max(timedelta(0), expires - server_now)


@dataclass(frozen=True)
class PollPolicy:
    """Per-feed scheduling knobs; `jitter` is a fraction (0.1: success waits grow by up to 10%,
    error waits shrink by up to 10%)."""

    interval: timedelta = timedelta(minutes=30)
    min_interval: timedelta = timedelta(minutes=5)
    max_backoff: timedelta = timedelta(hours=12)
    max_retry_after: timedelta = timedelta(days=1)
    jitter: float = 0.1

    def __post_init__(self) -> None:
        if self.min_interval <= timedelta(0) or self.interval < self.min_interval:
            raise ValueError("need 0 < min_interval <= interval")
        if self.max_backoff < self.interval or not 0 <= self.jitter <= 1:
            raise ValueError("need max_backoff >= interval and 0 <= jitter <= 1")


def backoff(policy: PollPolicy, failures: int) -> timedelta:
    """The wait after `failures` consecutive failures, before jitter: interval × 2^(n−1), capped."""
    wait = policy.interval
    # Doubling step by step stops at the cap, so months of failures stay cheap and in range.
    for _ in range(failures - 1):
        if wait >= policy.max_backoff:
            break
        wait *= 2
    return min(wait, policy.max_backoff)


def is_success(status: int) -> bool:
    return 200 <= status < 300 or status == 304


def next_poll_at(
    now: datetime,
    policy: PollPolicy,
    *,
    status: int,
    headers: Mapping[str, str],
    failures: int,
    rand: random.Random,
) -> datetime:
    """When to poll next after a poll that ended with `status` (0 = no HTTP response).

    `failures` counts consecutive failures including this one; it is ignored on success.
    `headers` use lower-case names, as FetchResult.headers does.
    """
    now = aware(now)
    draw = rand.random() * policy.jitter
    if is_success(status):
        delay = policy.interval * (1 + draw)
        lifetime = cache_lifetime(headers, now)
        if lifetime is not None:
            delay = max(delay, min(lifetime, policy.max_backoff))
    else:
        # Jitter shortens error waits, so the cap holds while feeds at the cap stay spread out.
        delay = backoff(policy, max(failures, 1)) * (1 - draw)
        if status in RETRY_AFTER_STATUSES:
            asked = parse_retry_after(
                headers.get("retry-after"), now, headers.get("date"), cap=policy.max_retry_after
            )
            if asked is not None:
                delay = max(delay, min(asked - now, policy.max_retry_after))
    return now + max(delay, policy.min_interval)
