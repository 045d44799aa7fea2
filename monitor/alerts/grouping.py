"""Turns many queued deliveries of one channel into few messages, before delivery claims them:
alerts created within `group_wait` become one `alert.group` message; a digest channel gets one
summary per slot; beyond `max_per_hour` messages an hour, alerts wait and go as one digest when
the hour rolls. Members are marked `grouped` in the same transaction that writes the group, so
an alert is in exactly one message; they become sent (or dead) with it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session, col, func, or_, select

from monitor.alerts.digest import last_slot, next_slot
from monitor.alerts.outbox import enqueue
from monitor.alerts.render import GROUP_KIND
from monitor.core.enums import DeliveryState
from monitor.core.settings import Config
from monitor.store import stamp, utc
from monitor.store.tables import AlertRow, DeliveryRow

HELD = "held: over max_per_hour, goes in the next hourly digest"
_Pair = tuple[DeliveryRow, AlertRow]


def bundle(session: Session, config: Config, now: datetime) -> int:
    """Write the group messages that are due on every channel; returns how many."""
    made = 0
    cap = config.settings.alerts.max_per_hour
    wait = config.settings.alerts.group_wait
    for name, spec in sorted(config.channels.items()):
        room = _room(session, name, cap, now) if cap else None
        if room is not None and room <= 0:
            _hold(session, _due(session, name, now), now)  # not even a group fits this hour
            continue
        if spec.digest is not None:
            made += _digest(session, config, name, now)
        elif wait:
            made += _windows(session, config, name, wait, now)
        if room is not None:
            made += _cap(session, config, name, room, now)
    return made


def _candidates(session: Session, channel: str, due_by: datetime | None = None) -> list[_Pair]:
    """First-attempt pending deliveries of single alerts on `channel`, oldest alert first."""
    query = (
        select(DeliveryRow, AlertRow)
        .where(DeliveryRow.alert_id == AlertRow.id)
        .where(DeliveryRow.channel == channel)
        .where(DeliveryRow.state == DeliveryState.PENDING)
        .where(DeliveryRow.attempts == 0)
        .where(AlertRow.kind != GROUP_KIND)
        .where(col(DeliveryRow.lease_owner).is_(None))
        .where(col(DeliveryRow.held).is_(False))  # not held for an overflow digest
    )
    if due_by is not None:
        query = query.where(col(DeliveryRow.next_attempt_at) <= stamp(due_by))
    query = query.order_by(col(AlertRow.created_at), col(AlertRow.id))
    # Two dispatchers on PostgreSQL: the second skips rows the first is bundling.
    return list(session.exec(query.with_for_update(skip_locked=True, of=DeliveryRow)).all())


def _windows(session: Session, config: Config, channel: str, wait: timedelta, now: datetime) -> int:
    pending = _candidates(session, channel)
    made = 0
    while pending:
        start = utc(pending[0][1].created_at)
        assert start is not None
        if now < start + wait:
            break
        members = [p for p in pending if (utc(p[1].created_at) or now) < start + wait]
        pending = pending[len(members) :]
        if len(members) > 1:
            digest = hashlib.sha256(",".join(sorted(a.id for _, a in members)).encode())
            made += (
                _group(
                    session,
                    config,
                    channel,
                    members,
                    now,
                    f"{GROUP_KIND}:{channel}:{digest.hexdigest()[:32]}",
                    {},
                )
                is not None
            )
    return made


def _digest(session: Session, config: Config, channel: str, now: datetime) -> int:
    plan = config.channels[channel].digest
    assert plan is not None
    members = _candidates(session, channel, due_by=now)
    if not members:
        return 0
    slot = last_slot(plan, now)
    info = {"period": plan.period, "slot": slot.isoformat(), "timezone": plan.timezone}
    if _group(session, config, channel, members, now, f"digest:{channel}:{slot.isoformat()}", info):
        return 1
    # This slot's digest went already (a delivery queued late): wait for the next one.
    for delivery, _ in members:
        delivery.next_attempt_at = stamp(next_slot(plan, now))
        session.add(delivery)
    return 0


def _room(session: Session, channel: str, cap: int, now: datetime) -> int:
    """Messages `channel` may still send this clock hour (sent or in flight count)."""
    hour = now.replace(minute=0, second=0, microsecond=0)
    used = session.exec(
        select(func.count())
        .select_from(DeliveryRow)
        .where(DeliveryRow.channel == channel)
        .where(
            or_(col(DeliveryRow.sent_at) >= stamp(hour), col(DeliveryRow.lease_until) > stamp(now))
        )
        .where(col(DeliveryRow.group_id).is_(None))
    ).one()
    return cap - int(used)


def _cap(session: Session, config: Config, channel: str, room: int, now: datetime) -> int:
    """Send what fits; alerts held earlier go as one digest; the rest waits for the hour."""
    due = _due(session, channel, now)
    if len(due) <= room:
        return 0
    made = 0
    held = [p for p in due if p[0].held]
    hour = now.replace(minute=0, second=0, microsecond=0)
    if held:
        info = {"period": "hour", "slot": hour.isoformat(), "reason": "max_per_hour"}
        if _group(
            session, config, channel, held, now, f"overflow:{channel}:{hour.isoformat()}", info
        ):
            made, due = 1, _due(session, channel, now)
    _hold(session, due[room:], now)
    return made


def _hold(session: Session, due: Sequence[_Pair], now: datetime) -> None:
    """Push deliveries to the next clock hour; first attempts of single alerts are marked
    to travel in that hour's overflow digest."""
    later = stamp(now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1))
    for delivery, alert in due:
        delivery.next_attempt_at = later
        if delivery.attempts == 0 and alert.kind != GROUP_KIND:
            delivery.held, delivery.last_error = True, HELD
        session.add(delivery)


def _due(session: Session, channel: str, now: datetime) -> list[_Pair]:
    """Everything the claim would pick on `channel` now, in the claim's order."""
    return list(
        session.exec(
            select(DeliveryRow, AlertRow)
            .where(DeliveryRow.alert_id == AlertRow.id)
            .where(DeliveryRow.channel == channel)
            .where(DeliveryRow.state == DeliveryState.PENDING)
            .where(col(DeliveryRow.next_attempt_at) <= stamp(now))
            .where(
                or_(
                    col(DeliveryRow.lease_until).is_(None),
                    col(DeliveryRow.lease_until) < stamp(now),
                )
            )
            .order_by(col(DeliveryRow.next_attempt_at), col(DeliveryRow.id))
        ).all()
    )


def _group(
    session: Session,
    config: Config,
    channel: str,
    members: Sequence[_Pair],
    now: datetime,
    key: str,
    digest: dict[str, Any],
) -> str | None:
    """One group message for `members` on `channel`; None if `key` was used already."""
    alerts = [
        {
            "id": a.id,
            "kind": a.kind,
            "created_at": (utc(a.created_at) or now).isoformat(),
            "data": json.loads(a.payload)["data"],
        }
        for _, a in members
    ]
    noun = "digest" if digest else "alerts"
    data: dict[str, Any] = {
        "title": f"{len(alerts)} {noun} for {channel}",
        "channel": channel,
        "count": len(alerts),
        "alerts": alerts,
    }
    if digest:
        data["digest"] = digest
    gid = enqueue(
        session,
        config,
        kind=GROUP_KIND,
        dedupe_key=key,
        data=data,
        now=now,
        only_channels=(channel,),
    )
    if gid is None:
        return None
    for delivery, _ in members:
        delivery.state, delivery.group_id = DeliveryState.GROUPED, gid
        delivery.last_error = f"sent within {gid}"
        session.add(delivery)
    return gid


def settle_members(
    session: Session, group: dict[str, Any], channel: str, state: str, now: datetime
) -> None:
    """A group message was sent (or died): its members' deliveries on `channel` follow it."""
    ids = [a["id"] for a in group.get("alerts") or []]
    for start in range(0, len(ids), 500):
        rows = session.exec(
            select(DeliveryRow)
            .where(col(DeliveryRow.alert_id).in_(ids[start : start + 500]))
            .where(DeliveryRow.channel == channel)
            .where(DeliveryRow.state == DeliveryState.GROUPED)
        ).all()
        for row in rows:
            row.state = state
            if state == DeliveryState.SENT:
                row.sent_at = stamp(now)
            session.add(row)
