"""A feed's bookkeeping after each poll: validators, failures and state, the operator's alerts,
301/308 adoption, Retry-After holds on the whole host, and when to poll it next.

Rules: validators are stored exactly as last received (a 304 may refresh them too). Any failure,
including a 200 whose body is no feed, backs off exponentially to `max_backoff` and never stops
for good, except a 410, which stops polling until `monitor feeds enable URL`. `feed.failing` is
sent once per failing episode, after `failing_after` (a 410 at once), and `feed.recovered` once
when it ends. A 429/503 with Retry-After holds every feed of that host:port, not only this one.
"""

from __future__ import annotations

import logging
import random
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from monitor.alerts.outbox import enqueue
from monitor.core.enums import AlertKind, FeedState
from monitor.core.settings import Config
from monitor.errors import FeedError
from monitor.feeds.fetch import FetchResult, HostLimiter, Validators
from monitor.feeds.politeness import RETRY_AFTER_STATUSES, PollPolicy, next_poll_at
from monitor.net.http_time import parse_retry_after
from monitor.store import iso, stamp, utc
from monitor.store.tables import FeedRow

log = logging.getLogger(__name__)
REDIRECT_CONFIRMATIONS = 3  # a 301/308 to the same place this many polls in a row moves the feed


def host_key(url: str) -> str:
    """The host:port a feed URL is fetched from (the unit of politeness)."""
    return HostLimiter.key(url)


def policy_for(config: Config, feed: FeedRow) -> PollPolicy:
    p = config.settings.poll
    interval = max(timedelta(seconds=feed.interval_s), p.min_interval)
    return PollPolicy(
        interval=interval,
        min_interval=p.min_interval,
        max_backoff=max(p.max_backoff, interval),
        jitter=p.jitter,
    )


def retry_hold(result: FetchResult, now: datetime, policy: PollPolicy) -> datetime | None:
    """Until when a 429/503 response asks the whole host to be left alone (capped), or None."""
    if result.status not in RETRY_AFTER_STATUSES:
        return None
    return parse_retry_after(
        result.headers.get("retry-after"),
        now,
        result.headers.get("date"),
        cap=policy.max_retry_after,
    )


def describe(error: FeedError, result: FetchResult) -> str:
    """The error as the operator reads it, with what the response says about itself."""
    text = str(error)
    if result.headers.get("cf-mitigated"):
        text += f" (cf-mitigated: {result.headers['cf-mitigated']}: a bot challenge, not a feed)"
    return text[:2000]


def record_poll(
    s: Session,
    config: Config,
    feed: FeedRow,
    result: FetchResult,
    error: FeedError | None,
    now: datetime,
    rand: random.Random,
) -> datetime | None:
    """Update `feed` after one poll; returns the host hold a Retry-After asked for, if any."""
    policy = policy_for(config, feed)
    feed.last_status = result.status or None
    if result.status and result.validators != Validators():
        feed.etag, feed.last_modified = result.validators.etag, result.validators.last_modified
    adopt_redirect(feed, result)
    if error is None:
        _succeeded(s, config, feed, now)
    else:
        _failed(s, config, feed, describe(error, result), error.kind, now)
    # A 200 whose body is no feed is a failure for scheduling too: back off (status 0).
    status = result.status if error is None or result.error is not None else 0
    feed.next_poll_at = stamp(
        next_poll_at(
            now, policy, status=status, headers=result.headers, failures=feed.failures, rand=rand
        )
    )
    hold = retry_hold(result, now, policy)
    feed.retry_after_until = stamp(hold) if hold else None
    return hold


def _succeeded(s: Session, config: Config, feed: FeedRow, now: datetime) -> None:
    if feed.failing_since is not None and feed.state == FeedState.FAILING:
        feed.state = FeedState.OK
        feed_alert(
            s,
            config,
            feed,
            AlertKind.FEED_RECOVERED,
            now,
            f"recovered:{feed.id}:{iso(feed.failing_since) or '?'}",
            f"recovered after failing since {iso(feed.failing_since) or '?'}",
        )
    feed.failures, feed.failing_since, feed.last_error = 0, None, None
    feed.last_error_kind, feed.state = None, FeedState.OK
    feed.last_success_at = stamp(now)


def _failed(
    s: Session, config: Config, feed: FeedRow, message: str, kind: str, now: datetime
) -> None:
    feed.failures += 1
    feed.last_error, feed.last_error_kind = message, kind
    feed.failing_since = feed.failing_since or stamp(now)
    since = iso(feed.failing_since) or "?"
    if kind == "gone":
        feed.state = FeedState.GONE
        feed_alert(
            s,
            config,
            feed,
            AlertKind.FEED_FAILING,
            now,
            f"gone:{feed.id}:{since}",
            "gone (HTTP 410): polling stopped until `monitor feeds enable URL`",
        )
    elif now - (utc(feed.failing_since) or now) >= config.settings.poll.failing_after:
        feed.state = FeedState.FAILING
        feed_alert(
            s,
            config,
            feed,
            AlertKind.FEED_FAILING,
            now,
            f"failing:{feed.id}:{since}",
            f"failing since {since}: {message}",
        )


def adopt_redirect(feed: FeedRow, result: FetchResult) -> None:
    """Count a permanent redirect; move the feed once confirmed (an https upgrade at once)."""
    target = result.permanent_redirect
    if not target or result.error is not None:
        feed.redirect_url, feed.redirect_seen = None, 0
        return
    feed.redirect_seen = feed.redirect_seen + 1 if feed.redirect_url == target else 1
    feed.redirect_url = target
    same_but_https = feed.url.startswith("http://") and target == "https://" + feed.url[7:]
    if same_but_https or feed.redirect_seen >= REDIRECT_CONFIRMATIONS:
        log.info("feed %s moved permanently to %s", feed.url, target)
        feed.url, feed.redirect_url, feed.redirect_seen = target, None, 0


def hold_host(s: Session, key: str, until: datetime) -> int:
    """Make every active feed on host:port `key` wait until `until`; returns how many."""
    held = 0
    for feed in s.exec(select(FeedRow).where(col(FeedRow.archived).is_(False))).all():
        current = utc(feed.retry_after_until)
        if host_key(feed.url) == key and (current is None or current < until):
            feed.retry_after_until = stamp(until)
            s.add(feed)
            held += 1
    return held


def enable(feed: FeedRow) -> None:
    """Poll a feed again (after a 410, or to retry a failing one now)."""
    feed.state = FeedState.OK
    feed.failures, feed.failing_since = 0, None
    feed.last_error, feed.last_error_kind = None, None
    feed.next_poll_at, feed.retry_after_until = None, None


def feed_alert(
    s: Session,
    config: Config,
    feed: FeedRow,
    kind: AlertKind,
    now: datetime,
    key: str,
    message: str,
) -> None:
    """Tell the operator about a feed (once per `key`)."""
    since = utc(feed.failing_since)
    data = {
        "commitment": None,
        "title": feed.name or feed.title or feed.url,
        "status": str(feed.state),
        "previous_status": None,
        "deadline": None,
        "forecast": None,
        "evidence": None,
        "reason": message,
        "feed": {
            "url": feed.url,
            "name": feed.name or feed.title,
            "state": str(feed.state),
            "error": feed.last_error,
            "failures": feed.failures,
            "failing_since": since.isoformat() if since else None,
        },
    }
    enqueue(s, config, kind=kind, dedupe_key=f"{kind}:{key}", data=data, now=now, feed_id=feed.id)
