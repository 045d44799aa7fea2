"""Copies definitions from the YAML files into the database: add, update, archive — never delete."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from monitor.core.commitment import Commitment
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
    # Several instances may start together: one syncs at a time.
    with store.exclusive("sync-definitions") as s:
        c_added, c_archived = _sync_commitments(s, config, now)
        f_added, f_archived = _sync_feeds(s, config)
    return SyncReport(c_added, c_archived, f_added, f_archived)


def _sync_commitments(s: Session, config: Config, now: datetime) -> tuple[int, int]:
    """Add, update and archive commitment rows; how many were added and archived."""
    added = archived = 0
    rows = {r.id: r for r in s.exec(select(CommitmentRow)).all()}
    for c in config.commitments:
        row = rows.pop(c.id, None)
        if row is None:
            row = CommitmentRow(id=c.id, title=c.title, status_since=stamp(now))
            added += 1
        row.title = c.title
        row.archived = False
        _set_deadline(row, c)
        s.add(row)
    for row in rows.values():
        if not row.archived:
            row.archived = True
            archived += 1
            s.add(row)
    return added, archived


def _sync_feeds(s: Session, config: Config) -> tuple[int, int]:
    """Add, update, revive and archive feed rows; how many were added and archived."""
    added = archived = 0
    feeds = {r.source_url: r for r in s.exec(select(FeedRow)).all()}
    interval = config.settings.poll.interval
    for f in config.feeds:
        feed = feeds.pop(f.url, None)
        if feed is None:
            # New feeds are due at once: next_poll_at stays empty.
            feed = FeedRow(source_url=f.url, url=f.url)
            added += 1
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
            archived += 1
            s.add(feed)
    return added, archived


def _set_deadline(row: CommitmentRow, c: Commitment) -> None:
    """The deadline as the file says; changing one bumps the row's version, so the calendar's
    event for it (/calendar.ics, SEQUENCE) tells subscribers it moved."""
    d = c.deadline
    window = (c.deadline_text, d.start if d else None, d.end if d else None)
    previous = (row.deadline_text, row.deadline_start, row.deadline_end)
    if previous != window and previous != (None, None, None):
        row.version += 1
    row.deadline_text, row.deadline_start, row.deadline_end = window
