"""One polling cycle for the due feeds: claim → fetch → parse → judge → store items and evidence.

This is the one place that chains the pipeline's steps for a feed. Feeds are claimed with a lease
(so several daemons share the work), fetched on a bounded thread pool with a per-host limit, and
each feed's items are judged first, then its outcome is written in its own transaction
(bookkeeping in monitor.feeds.feedstate, items in monitor.feeds.ingest). Status evaluation and
delivery follow in monitor.service.cycle.

Claiming a feed also moves its next poll past the lease and the minimum interval, so a process
killed mid-cycle (its fetch perhaps already sent) never makes a restarted one poll that feed
sooner than that; a cycle that stops before fetching puts the schedule back.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urljoin

from sqlmodel import Session, col, or_, select

from monitor.core.enums import FeedState
from monitor.core.settings import Config
from monitor.errors import FeedError
from monitor.feeds.feedstate import hold_host, host_key, policy_for, record_poll, retry_hold
from monitor.feeds.fetch import Fetcher, FetchResult, FetchSettings, HostLimiter, Validators
from monitor.feeds.ingest import (
    JudgedItem,
    StoryIndex,
    candidates,
    judge_items,
    lookup,
    store_items,
)
from monitor.feeds.parse import ParsedFeed, parse_feed
from monitor.net.netguard import guard_from
from monitor.store import Store, stamp
from monitor.store.tables import FeedRow
from monitor.understand.judge import Judge

log = logging.getLogger(__name__)
SKIPPED = ("cancelled", "held")  # outcomes of feeds that were claimed but not fetched


@dataclass
class PollReport:
    feeds: int = 0
    fetched: int = 0
    not_modified: int = 0
    failed: int = 0
    held: int = 0  # not fetched: their host asked (Retry-After) to be left alone
    items_new: int = 0
    items_edited: int = 0
    evidence_new: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass
class _Outcome:
    feed: FeedRow
    fetch: FetchResult
    parsed: ParsedFeed | None = None
    error: FeedError | None = None


@dataclass(frozen=True)
class _Schedule:
    next_poll_at: datetime | None
    last_polled_at: datetime | None


class Poller:
    """Polls feeds for one process; `owner` names it in leases."""

    def __init__(
        self,
        store: Store,
        config: Config,
        owner: str,
        fetcher: Fetcher | None = None,
        rand: random.Random | None = None,
    ) -> None:
        self.store = store
        self.config = config
        self.owner = owner
        p = config.settings.poll
        self.fetcher = fetcher or Fetcher(
            FetchSettings(
                timeout=p.timeout,
                deadline=p.deadline,
                max_bytes=p.max_bytes,
                guard=guard_from(p),
            )
        )
        self.limiter = HostLimiter(p.per_host)
        self.judge = Judge(config.commitments)
        self.stories = StoryIndex()
        self.rand = rand or random.Random()
        self._holds: dict[str, datetime] = {}  # host:port -> Retry-After seen in this process
        self._holds_lock = threading.Lock()
        self._claimed: dict[int, _Schedule] = {}

    def claim(self, now: datetime, all_feeds: bool = False, limit: int = 500) -> list[FeedRow]:
        """Lease the due feeds. `all_feeds` takes every active one, but Retry-After and the
        minimum interval since the last poll still hold."""
        p = self.config.settings.poll
        at = stamp(now)
        lease_until = stamp(now + self.config.settings.lease)
        provisional = stamp(now + max(self.config.settings.lease, p.min_interval))
        with self.store.write() as s:
            q = (
                select(FeedRow)
                .where(col(FeedRow.archived).is_(False))
                .where(FeedRow.state != FeedState.GONE)
                .where(or_(col(FeedRow.lease_until).is_(None), col(FeedRow.lease_until) < at))
                .where(
                    or_(
                        col(FeedRow.retry_after_until).is_(None),
                        col(FeedRow.retry_after_until) <= at,
                    )
                )
                .where(
                    or_(
                        col(FeedRow.last_polled_at).is_(None),
                        col(FeedRow.last_polled_at) <= stamp(now - p.min_interval),
                    )
                )
            )
            if not all_feeds:
                q = q.where(
                    or_(col(FeedRow.next_poll_at).is_(None), col(FeedRow.next_poll_at) <= at)
                )
            q = (
                q.order_by(col(FeedRow.next_poll_at).asc().nulls_first(), col(FeedRow.id))
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
            feeds = list(s.exec(q).all())
            for feed in feeds:
                assert feed.id is not None
                self._claimed[feed.id] = _Schedule(feed.next_poll_at, feed.last_polled_at)
                feed.lease_owner, feed.lease_until = self.owner, lease_until
                feed.last_polled_at, feed.next_poll_at = at, provisional
                s.add(feed)
        return feeds

    def poll(
        self,
        clock: Callable[[], datetime],
        all_feeds: bool = False,
        should_stop: Callable[[], bool] = lambda: False,
    ) -> PollReport:
        """Fetch and ingest every due feed; `clock` gives the time each step is recorded at."""
        report = PollReport()
        feeds = self.claim(clock(), all_feeds)
        report.feeds = len(feeds)
        if not feeds:
            return report
        stories = self.stories
        stories.stale = True  # other processes may have stored items since the last cycle
        workers = min(self.config.settings.poll.workers, len(feeds))
        with ThreadPoolExecutor(workers, thread_name_prefix="fetch") as pool:
            futures = [pool.submit(self._fetch, feed, clock, should_stop) for feed in feeds]
            for future in futures:
                self._record(future.result(), clock(), report, stories)
        return report

    def _held_until(self, key: str, now: datetime) -> datetime | None:
        with self._holds_lock:
            until = self._holds.get(key)
        return until if until is not None and until > now else None

    def _fetch(
        self, feed: FeedRow, clock: Callable[[], datetime], should_stop: Callable[[], bool]
    ) -> _Outcome:
        if should_stop():
            return _Outcome(
                feed, FetchResult(feed.url, feed.url), error=FeedError("cancelled", "shutting down")
            )
        key = host_key(feed.url)
        with self.limiter.slot(feed.url):
            # Checked inside the slot: a 429 may have arrived while this fetch waited for it.
            if self._held_until(key, clock()) is not None:
                return _Outcome(
                    feed,
                    FetchResult(feed.url, feed.url),
                    error=FeedError("held", "host asked to wait (Retry-After)"),
                )
            result = self.fetcher.fetch(feed.url, Validators(feed.etag, feed.last_modified))
            hold = retry_hold(result, clock(), policy_for(self.config, feed))
            if hold is not None:
                with self._holds_lock:
                    self._holds[key] = max(hold, self._holds.get(key, hold))
        outcome = _Outcome(feed, result)
        if result.ok and not result.not_modified and result.body is not None:
            try:
                outcome.parsed = parse_feed(
                    result.body,
                    result.headers,
                    result.final_url,
                    max_entries=self.config.settings.poll.max_entries,
                    now=clock(),
                )
            except FeedError as exc:
                outcome.error = exc
        return outcome

    def _record(self, o: _Outcome, now: datetime, report: PollReport, stories: StoryIndex) -> None:
        feed = o.feed
        assert feed.id is not None
        error = o.fetch.error or o.error
        judged = self._judge(o, now) if error is None and o.parsed is not None else None
        with self.store.write() as s:  # from here on only writes: the judging is done
            fresh = s.get(FeedRow, feed.id)
            if fresh is None or fresh.lease_owner != self.owner:
                log.warning("lost the lease on %s; another instance will record it", feed.url)
                return
            before = self._claimed.pop(feed.id, None)
            if error is not None and error.kind in SKIPPED:
                self._unclaim(fresh, before, self._held_until(host_key(feed.url), now))
                report.held += int(error.kind == "held")
            else:
                self._record_fetch(s, o, fresh, error, judged, now, report, stories)
            self._release(s, fresh)

    def _record_fetch(
        self,
        s: Session,
        o: _Outcome,
        fresh: FeedRow,
        error: FeedError | None,
        judged: list[JudgedItem] | None,
        now: datetime,
        report: PollReport,
        stories: StoryIndex,
    ) -> None:
        """Record a fetch that happened (`fresh` is its feed's row, read under the write lock):
        the feed's health and schedule, then the items of a document that was read."""
        first_fetch = fresh.last_success_at is None
        hold = record_poll(s, self.config, fresh, o.fetch, error, now, self.rand)
        if hold is not None:
            hold_host(s, host_key(o.feed.url), hold)
        if error is not None:
            report.failed += 1
            report.errors.append(f"{o.feed.url}: {error}")
            return
        report.fetched += 1
        report.not_modified += int(o.fetch.not_modified)
        if o.parsed is None or judged is None:
            return
        fresh.title = o.parsed.title or fresh.title
        done = store_items(
            s, self.config, self.judge, fresh, judged, now, first_fetch=first_fetch, stories=stories
        )
        report.items_new += done.new
        report.items_edited += done.edited
        report.evidence_new += done.evidence

    def _judge(self, o: _Outcome, now: datetime) -> list[JudgedItem]:
        """Judge a parsed document before its write transaction: one short read of what the
        feed holds, then no database."""
        assert o.parsed is not None and o.feed.id is not None
        items = candidates(o.parsed, _base(o.fetch))
        with self.store.read() as s:
            known = lookup(s, o.feed.id, items)
        return judge_items(self.config, self.judge, o.parsed, items, known, o.feed.lang, now)

    @staticmethod
    def _unclaim(feed: FeedRow, before: _Schedule | None, hold: datetime | None) -> None:
        """Put back the schedule of a feed claimed but not fetched."""
        if before is not None:
            feed.next_poll_at, feed.last_polled_at = before.next_poll_at, before.last_polled_at
        if hold is not None:
            feed.retry_after_until = stamp(hold)

    @staticmethod
    def _release(s: Session, feed: FeedRow) -> None:
        feed.lease_owner, feed.lease_until = None, None
        s.add(feed)


def _base(result: FetchResult) -> str:
    """The URL the parser read relative references against (Content-Location wins)."""
    return urljoin(result.final_url, result.headers.get("content-location", ""))
