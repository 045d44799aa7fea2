"""Time-driven alerts: due-soon notices before a deadline, reminders while a commitment stays
overdue and unacknowledged, and escalation of alerts nobody acknowledged. Each is keyed so that
a restart neither repeats one nor loses one that fell due while the daemon was down."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from monitor.alerts.outbox import enqueue
from monitor.core.commitment import Commitment
from monitor.core.enums import AlertKind, Status
from monitor.core.settings import Config
from monitor.store import stamp, utc
from monitor.store.tables import AlertRow, CommitmentRow
from monitor.track.status import Forecast, overdue_at
from monitor.track.tracker import commitment_data

_CLOSED = {Status.MET, Status.CANCELLED, Status.SLIPPED, Status.OVERDUE, Status.UNKNOWN}


def remind(session: Session, config: Config, now: datetime) -> int:
    """Raise the due-soon, reminder and escalation alerts that are due; returns how many."""
    rows = {r.id: r for r in session.exec(select(CommitmentRow)).all() if not r.archived}
    raised = 0
    for c in config.commitments:
        row = rows.get(c.id)
        if row is None or c.deadline is None or c.deadline.vague or _snoozed(row, now):
            continue
        raised += _due_soon(session, config, c, row, now)
        raised += _overdue_reminder(session, config, c, row, now)
    return raised + _escalate(session, config, now)


def _snoozed(row: CommitmentRow, now: datetime) -> bool:
    return row.snoozed_until is not None and (utc(row.snoozed_until) or now) > now


def _forecast(row: CommitmentRow) -> Forecast | None:
    if row.forecast_start and row.forecast_end:
        return Forecast(row.forecast_start, row.forecast_end, row.forecast_text or "")
    return None


def _due_soon(
    session: Session, config: Config, c: Commitment, row: CommitmentRow, now: datetime
) -> bool:
    """The notice for the nearest due-soon threshold crossed before the deadline window ends."""
    due = overdue_at(c)
    assert due is not None
    end = due - c.grace
    status = Status(row.status)
    if status in _CLOSED or now >= end:
        return False
    crossed = [t for t in config.settings.alerts.due_soon if now >= end - t]
    if not crossed:
        return False
    t = min(crossed)
    days = -((now - end) // timedelta(days=1))  # rounded up: "in 7 days", not 6
    data = commitment_data(
        c, status, None, _forecast(row), None, reason=f"deadline window ends in {days} days"
    )
    return bool(
        enqueue(
            session,
            config,
            kind=AlertKind.DUE_SOON,
            data=data,
            now=now,
            commitment=c,
            dedupe_key=f"{AlertKind.DUE_SOON}:{c.id}:{end.date()}:{t.days}d",
        )
    )


def _overdue_reminder(
    session: Session, config: Config, c: Commitment, row: CommitmentRow, now: datetime
) -> bool:
    """The n-th reminder of an overdue status nobody acknowledged, n counted from its start."""
    status = Status(row.status)
    since = utc(row.status_since)
    if status != Status.OVERDUE or since is None or _acked(row, since):
        return False
    n = int((now - since) / config.settings.alerts.remind_every)
    if n < 1:
        return False
    data = commitment_data(
        c, status, None, _forecast(row), None, reason=f"still overdue (reminder {n})"
    )
    return bool(
        enqueue(
            session,
            config,
            kind=AlertKind.OVERDUE,
            data=data,
            now=now,
            commitment=c,
            dedupe_key=f"{AlertKind.OVERDUE}:{c.id}:reminder:{since.isoformat()}:{n}",
        )
    )


def _acked(row: CommitmentRow, since: datetime) -> bool:
    """An acknowledgement covers the status it was given for, not a later one."""
    acked_at = utc(row.acked_at)
    return acked_at is not None and acked_at >= since


def _escalate(session: Session, config: Config, now: datetime) -> int:
    a = config.settings.alerts
    if a.escalate_after is None or not a.escalate_to:
        return 0
    horizon = now - a.escalate_after
    stale = session.exec(
        select(AlertRow)
        .where(col(AlertRow.acked_at).is_(None))
        .where(col(AlertRow.created_at) <= stamp(horizon))
        .where(col(AlertRow.created_at) > stamp(horizon - timedelta(days=7)))
        .where(col(AlertRow.kind).in_([AlertKind.SLIPPED, AlertKind.OVERDUE, AlertKind.AT_RISK]))
        .where(col(AlertRow.dedupe_key).not_like("escalation:%"))
        .where(col(AlertRow.dedupe_key).not_like("%:reminder:%"))  # the original escalates once
    ).all()
    raised = 0
    for alert in stale:
        payload = json.loads(alert.payload)
        data = dict(payload["data"], escalated=True, escalated_from=alert.id)
        commitment = config.commitment(alert.commitment_id) if alert.commitment_id else None
        raised += bool(
            enqueue(
                session,
                config,
                kind=alert.kind,
                data=data,
                now=now,
                commitment=commitment,
                dedupe_key=f"escalation:{alert.id}",
                only_channels=a.escalate_to,
            )
        )
    return raised
