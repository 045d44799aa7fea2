"""Copies definitions from the YAML files into the database: add, update, archive — never delete."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import select

from monitor.core.enums import FeedState
from monitor.core.settings import Config
from monitor.store import Store, stamp
from monitor.store.tables import CommitmentRow, FeedRow


@dataclass(frozen=True)
class SyncReport:
    commitments_added: int
    commitments_archived: int
    feeds_added: int
    feeds_archived: int


def sync_definitions(store: Store, config: Config, now: datetime) -> SyncReport:
    """Make the database's commitments and feeds match the configuration."""
    c_added = c_archived = f_added = f_archived = 0
    # Several instances may start together: one syncs at a time.
    with store.exclusive("sync-definitions") as s:
        rows = {r.id: r for r in s.exec(select(CommitmentRow)).all()}
        for c in config.commitments:
            row = rows.pop(c.id, None)
            if row is None:
                row = CommitmentRow(id=c.id, title=c.title, status_since=stamp(now))
                c_added += 1
            row.title = c.title
            row.archived = False
            row.deadline_text = c.deadline_text
            row.deadline_start = c.deadline.start if c.deadline else None
            row.deadline_end = c.deadline.end if c.deadline else None
            s.add(row)
        for row in rows.values():
            if not row.archived:
                row.archived = True
                c_archived += 1
                s.add(row)

        feeds = {r.source_url: r for r in s.exec(select(FeedRow)).all()}
        interval = config.settings.poll.interval
        for f in config.feeds:
            feed = feeds.pop(f.url, None)
            if feed is None:
                # New feeds are due at once: next_poll_at stays empty.
                feed = FeedRow(source_url=f.url, url=f.url)
                f_added += 1
            feed.name = f.name
            feed.lang = f.lang
            feed.interval_s = int((f.interval or interval).total_seconds())
            if feed.archived:
                feed.archived = False
                feed.state = FeedState.OK
            s.add(feed)
        for feed in feeds.values():
            if not feed.archived:
                feed.archived = True
                feed.state = FeedState.ARCHIVED
                f_archived += 1
                s.add(feed)
    return SyncReport(c_added, c_archived, f_added, f_archived)
