"""What a person does to the state, shared by the CLI verbs and the web: acknowledge, snooze,
confirm (override) a status, re-enable a feed. Each is one write transaction; an unknown id
raises NotFound, a bad value InvalidAction (both MonitorError)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, or_, select

from monitor.core.enums import Status
from monitor.errors import MonitorError
from monitor.feeds.feedstate import enable
from monitor.store import Store, stamp
from monitor.store.tables import AlertRow, CommitmentRow, FeedRow, StatusChangeRow


class NotFound(MonitorError):
    """No such commitment, alert or feed."""


class InvalidAction(MonitorError):
    """The action's value cannot be used (an unknown status, a date in the past)."""


@dataclass(frozen=True)
class Confirmed:
    commitment: str
    previous: str
    status: str


def ack(store: Store, target: str, note: str | None, now: datetime) -> int:
    """Acknowledge an alert (by alert id) or a commitment and its open alerts: stops reminders
    and escalation for the current status. Returns how many alerts were acknowledged."""
    at = stamp(now)
    with store.write() as s:
        alert = s.get(AlertRow, target)
        commitment_id = alert.commitment_id if alert else target
        row = s.get(CommitmentRow, commitment_id) if commitment_id else None
        if alert is None and row is None:
            raise NotFound(f"no alert or commitment {target!r}")
        alerts = (
            [alert]
            if alert
            else list(
                s.exec(
                    select(AlertRow)
                    .where(AlertRow.commitment_id == commitment_id)
                    .where(col(AlertRow.acked_at).is_(None))
                ).all()
            )
        )
        for a in alerts:
            a.acked_at, a.ack_note = at, note
            s.add(a)
        if row is not None:
            row.acked_at = at
            s.add(row)
    return len(alerts)


def snooze(store: Store, commitment_id: str, until: datetime) -> None:
    """No reminders or due-soon notices for the commitment until `until`."""
    with store.write() as s:
        row = s.get(CommitmentRow, commitment_id)
        if row is None:
            raise NotFound(f"no commitment {commitment_id!r}")
        row.snoozed_until = stamp(until)
        s.add(row)


def confirm(
    store: Store, commitment_id: str, status: str, note: str | None, now: datetime
) -> Confirmed:
    """A human sets the status (kept in the audit trail); it holds until newer evidence."""
    if status not in {str(s) for s in Status}:
        raise InvalidAction(f"unknown status {status!r}")
    with store.write() as s:
        row = s.get(CommitmentRow, commitment_id)
        if row is None or row.archived:
            raise NotFound(f"no active commitment {commitment_id!r}")
        previous = row.status
        s.add(
            StatusChangeRow(
                commitment_id=row.id,
                from_status=previous,
                to_status=status,
                reason="confirmed by a human",
                at=stamp(now),
                confirmed_by="human",
                note=note,
            )
        )
        row.status, row.status_since, row.version = status, stamp(now), row.version + 1
        s.add(row)
    return Confirmed(commitment_id, previous, status)


def enable_feed(store: Store, feed: str | int) -> tuple[str, str]:
    """Poll a feed again (after a 410, or retry a failing one now), by URL or id.
    Returns (url, previous state)."""
    with store.write() as s:
        query = select(FeedRow)
        if isinstance(feed, int):
            query = query.where(FeedRow.id == feed)
        else:
            query = query.where(or_(FeedRow.url == feed, FeedRow.source_url == feed))
        row = s.exec(query).first()
        if row is None:
            raise NotFound(f"no feed {feed}")
        was = row.state
        enable(row)
        s.add(row)
    return row.url, was
