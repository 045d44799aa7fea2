"""One polling cycle for the due feeds: claim → fetch → parse → store items → judge → evidence.

This is the one place that chains the pipeline's steps for a feed. Feeds are claimed with a lease
(so several daemons share the work), fetched on a bounded thread pool with a per-host limit, and
each feed's outcome is written in its own transaction. Status evaluation and delivery follow in
monitor.cycle.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlmodel import Session, col, or_, select

from monitor.config import Config
from monitor.enums import AlertKind, FeedState
from monitor.errors import FeedError
from monitor.evidence import evidence_for
from monitor.fetch import Fetcher, FetchResult, FetchSettings, HostLimiter, Validators
from monitor.judge import Judge
from monitor.netguard import Guard
from monitor.outbox import enqueue
from monitor.parse import ParsedFeed, parse_feed
from monitor.politeness import PollPolicy, next_poll_at, parse_retry_after
from monitor.store import Store, stamp, utc
from monitor.store.tables import FeedRow, ItemRow

log = logging.getLogger(__name__)
REDIRECT_CONFIRMATIONS = 3  # a 301/308 seen this many times in a row moves the feed


@dataclass
class PollReport:
    feeds: int = 0
    fetched: int = 0
    not_modified: int = 0
    failed: int = 0
    items_new: int = 0
    evidence_new: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass
class _Outcome:
    feed: FeedRow
    fetch: FetchResult
    parsed: ParsedFeed | None = None
    error: FeedError | None = None


class Poller:
    """Polls feeds for one process; `owner` names it in leases."""

    def __init__(self, store: Store, config: Config, owner: str,
                 fetcher: Fetcher | None = None, rand: random.Random | None = None) -> None:
        self.store = store
        self.config = config
        self.owner = owner
        p = config.settings.poll
        self.fetcher = fetcher or Fetcher(FetchSettings(
            timeout=p.timeout, deadline=p.deadline, max_bytes=p.max_bytes,
            guard=Guard() if p.ssrf_guard else None,
        ))
        self.limiter = HostLimiter(p.per_host)
        self.judge = Judge(config.commitments)
        self.rand = rand or random.Random()

    def claim(self, now: datetime, all_feeds: bool = False, limit: int = 500) -> list[FeedRow]:
        """Lease the due feeds (all active ones with all_feeds, Retry-After still honoured)."""
        lease_until = stamp(now + self.config.settings.lease)
        at = stamp(now)
        with self.store.write() as s:
            q = select(FeedRow).where(col(FeedRow.archived).is_(False)) \
                .where(FeedRow.state != FeedState.GONE) \
                .where(or_(col(FeedRow.lease_until).is_(None), col(FeedRow.lease_until) < at)) \
                .where(or_(col(FeedRow.retry_after_until).is_(None),
                           col(FeedRow.retry_after_until) <= at))
            if not all_feeds:
                q = q.where(or_(col(FeedRow.next_poll_at).is_(None),
                                col(FeedRow.next_poll_at) <= at))
            q = q.order_by(col(FeedRow.next_poll_at).asc().nulls_first(), col(FeedRow.id)) \
                .limit(limit).with_for_update(skip_locked=True)
            feeds = list(s.exec(q).all())
            for feed in feeds:
                feed.lease_owner, feed.lease_until = self.owner, lease_until
                s.add(feed)
        return feeds

    def poll(self, clock: Callable[[], datetime], all_feeds: bool = False,
             should_stop: Callable[[], bool] = lambda: False) -> PollReport:
        """Fetch and ingest every due feed; `clock` gives the time each step is recorded at."""
        report = PollReport()
        feeds = self.claim(clock(), all_feeds)
        report.feeds = len(feeds)
        if not feeds:
            return report
        workers = min(self.config.settings.poll.workers, len(feeds))
        with ThreadPoolExecutor(workers, thread_name_prefix="fetch") as pool:
            futures = [pool.submit(self._fetch, feed, clock, should_stop) for feed in feeds]
            for future in futures:
                outcome = future.result()
                self._record(outcome, clock(), report)
        return report

    def _fetch(self, feed: FeedRow, clock: Callable[[], datetime],
               should_stop: Callable[[], bool]) -> _Outcome:
        if should_stop():
            return _Outcome(feed, FetchResult(feed.url, feed.url,
                                              error=FeedError("cancelled", "shutting down")))
        with self.limiter.slot(feed.url):
            result = self.fetcher.fetch(feed.url, Validators(feed.etag, feed.last_modified))
        outcome = _Outcome(feed, result)
        if result.ok and not result.not_modified and result.body is not None:
            try:
                outcome.parsed = parse_feed(result.body, result.headers, result.final_url,
                                            max_entries=self.config.settings.poll.max_entries,
                                            now=clock())
            except FeedError as exc:
                outcome.error = exc
        return outcome

    def _record(self, o: _Outcome, now: datetime, report: PollReport) -> None:
        feed, result = o.feed, o.fetch
        error = result.error or o.error
        if error is not None and error.kind == "cancelled":
            with self.store.write() as s:
                self._release(s, feed)
            return
        with self.store.write() as s:
            fresh = s.get(FeedRow, feed.id)
            if fresh is None or fresh.lease_owner != self.owner:
                log.warning("lost the lease on %s; another instance will record it", feed.url)
                return
            first_fetch = fresh.last_success_at is None
            self._schedule(s, fresh, result, error, now)
            if error is None:
                report.fetched += 1
                report.not_modified += int(result.not_modified)
                if o.parsed is not None:
                    fresh.title = o.parsed.title or fresh.title
                    new, evidence = self._ingest(s, fresh, o.parsed, now, first_fetch)
                    report.items_new += new
                    report.evidence_new += evidence
            else:
                report.failed += 1
                report.errors.append(f"{feed.url}: {error}")
            self._release(s, fresh)

    def _release(self, s: Session, feed: FeedRow) -> None:
        feed.lease_owner, feed.lease_until = None, None
        s.add(feed)

    def _schedule(self, s: Session, feed: FeedRow, result: FetchResult,
                  error: FeedError | None, now: datetime) -> None:
        """Validators, failure counters, redirects, state and the next poll time."""
        p = self.config.settings.poll
        feed.last_polled_at = stamp(now)
        feed.last_status = result.status or None
        if result.status and result.validators != Validators():
            feed.etag, feed.last_modified = result.validators.etag, result.validators.last_modified
        self._redirect(feed, result)
        if error is None:
            if feed.failing_since is not None and feed.state == FeedState.FAILING:
                self._feed_alert(s, feed, AlertKind.FEED_RECOVERED, now,
                                 f"recovered:{feed.id}:{feed.failing_since.isoformat()}",
                                 "recovered")
            feed.failures, feed.failing_since, feed.last_error = 0, None, None
            feed.last_error_kind, feed.state = None, FeedState.OK
            feed.last_success_at = stamp(now)
        else:
            feed.failures += 1
            feed.last_error, feed.last_error_kind = str(error)[:2000], error.kind
            feed.failing_since = feed.failing_since or stamp(now)
            if error.kind == "gone":
                feed.state = FeedState.GONE
                self._feed_alert(s, feed, AlertKind.FEED_FAILING, now, f"gone:{feed.id}",
                                 "gone (HTTP 410): polling stopped until re-enabled")
            elif now - (utc(feed.failing_since) or now) >= p.failing_after:
                feed.state = FeedState.FAILING
                self._feed_alert(s, feed, AlertKind.FEED_FAILING, now,
                                 f"failing:{feed.id}:{feed.failing_since.isoformat()}",
                                 f"failing since {feed.failing_since.isoformat()}Z: {error}")
        interval = max(timedelta(seconds=feed.interval_s), p.min_interval)
        policy = PollPolicy(interval=interval, min_interval=p.min_interval,
                            max_backoff=max(p.max_backoff, interval), jitter=p.jitter)
        # A 200 whose body is no feed is a failure for scheduling too: back off.
        status = result.status if error is None else (result.status if result.error else 0)
        feed.next_poll_at = stamp(next_poll_at(now, policy, status=status,
                                               headers=result.headers, failures=feed.failures,
                                               rand=self.rand))
        retry_after = None
        if result.status in (429, 503):
            retry_after = parse_retry_after(result.headers.get("retry-after"), now,
                                            result.headers.get("date"))
        feed.retry_after_until = stamp(retry_after) if retry_after else None

    def _redirect(self, feed: FeedRow, result: FetchResult) -> None:
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

    def _feed_alert(self, s: Session, feed: FeedRow, kind: AlertKind, now: datetime, key: str,
                    message: str) -> None:
        since = utc(feed.failing_since)
        data = {
            "commitment": None, "title": feed.name or feed.title or feed.url,
            "status": str(feed.state), "previous_status": None, "deadline": None,
            "forecast": None, "evidence": None, "reason": message,
            "feed": {"url": feed.url, "name": feed.name or feed.title, "state": str(feed.state),
                     "error": feed.last_error, "failures": feed.failures,
                     "failing_since": since.isoformat() if since else None},
        }
        enqueue(s, self.config, kind=kind, dedupe_key=f"{kind}:{key}", data=data, now=now,
                feed_id=feed.id)

    def _ingest(self, s: Session, feed: FeedRow, parsed: ParsedFeed, now: datetime,
                first_fetch: bool) -> tuple[int, int]:
        """Store the items not seen before and judge them; returns (items, evidence) added."""
        assert feed.id is not None
        keys = [it.key for it in parsed.items]
        known = set(s.exec(select(ItemRow.key).where(ItemRow.feed_id == feed.id)
                           .where(col(ItemRow.key).in_(keys))).all())
        backfill_from = now - self.config.settings.poll.backfill
        new_items = evidence = 0
        for it in parsed.items:
            if it.key in known:
                continue
            known.add(it.key)
            published = it.published or now
            history = first_fetch and published < backfill_from
            row = ItemRow(feed_id=feed.id, key=it.key, guid=it.guid, link=it.link,
                          title=it.title, text=it.text, published=stamp(published),
                          fetched_at=stamp(now), lang=it.lang or feed.lang or parsed.lang,
                          fingerprint=it.fingerprint, history=history)
            s.add(row)
            s.flush()
            new_items += 1
            for ev in evidence_for(self.judge, self.config, row, alerting=not history, now=now):
                s.add(ev)
                evidence += 1
        feed.items_seen += new_items
        return new_items, evidence
