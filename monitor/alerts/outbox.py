"""The alert outbox: detection writes alert rows (unique dedupe key) and their deliveries in the
caller's transaction; delivery (monitor.alerts.deliver) claims them later. An alert's id is derived
from its dedupe key, so the same event always carries the same `webhook-id` and `Message-ID`."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session, col, select

from monitor.alerts.digest import hold_until
from monitor.alerts.message import Message, envelope
from monitor.core.commitment import Commitment
from monitor.core.enums import DeliveryState
from monitor.core.settings import Config
from monitor.store import insert_ignore, stamp
from monitor.store.tables import AlertRow, ChannelStateRow, DeliveryRow, SilenceRow

QUEUE_HORIZON = timedelta(days=30)  # alerts older than this are not sent to newly added channels


def alert_id(dedupe_key: str) -> str:
    return "alrt_" + hashlib.sha256(dedupe_key.encode()).hexdigest()[:24]


def window_json(start: Any, end: Any, text: str | None) -> dict[str, Any] | None:
    if start is None or end is None:
        return None
    return {"text": text, "start": start.isoformat(), "end": end.isoformat()}


def enqueue(
    session: Session,
    config: Config,
    *,
    kind: str,
    dedupe_key: str,
    data: dict[str, Any],
    now: datetime,
    commitment: Commitment | None = None,
    feed_id: int | None = None,
    exclude_channels: tuple[str, ...] = (),
    only_channels: tuple[str, ...] | None = None,
) -> str | None:
    """Write the alert and one delivery per routed channel; None when it already existed."""
    aid = alert_id(dedupe_key)
    inserted = insert_ignore(
        session,
        AlertRow,
        {
            "id": aid,
            "kind": kind,
            "commitment_id": commitment.id if commitment else None,
            "feed_id": feed_id,
            "dedupe_key": dedupe_key,
            "created_at": stamp(now),
            "payload": json.dumps(
                envelope(Message(aid, kind, stamp(now), data)), ensure_ascii=False, sort_keys=True
            ),
        },
        ["dedupe_key"],
    )
    if not inserted:
        return None
    routed = config.channels_for(kind, commitment) if only_channels is None else only_channels
    channels = [c for c in routed if c not in exclude_channels]
    _add_deliveries(
        session, config, aid, kind, commitment.id if commitment else None, channels, now
    )
    return aid


def _add_deliveries(
    session: Session,
    config: Config,
    aid: str,
    kind: str,
    commitment_id: str | None,
    channels: list[str],
    now: datetime,
) -> None:
    """One delivery per channel: pending (held for grouping or a digest), suppressed by a
    silence, or dead when the channel was disabled by a 410."""
    silenced = _silenced(session, kind, commitment_id, now)
    disabled = {r.name for r in session.exec(select(ChannelStateRow)).all() if r.disabled_at}
    for name in channels:
        state = DeliveryState.SUPPRESSED if silenced else DeliveryState.PENDING
        error = "silenced" if silenced else None
        if name in disabled:
            state, error = DeliveryState.DEAD, "endpoint disabled (410 Gone earlier)"
        insert_ignore(
            session,
            DeliveryRow,
            {
                "alert_id": aid,
                "channel": name,
                "state": state,
                "attempts": 0,
                "next_attempt_at": stamp(hold_until(config, name, kind, now)),
                "last_error": error,
            },
            ["alert_id", "channel"],
        )


def _silenced(session: Session, kind: str, commitment_id: str | None, now: datetime) -> bool:
    rows = session.exec(select(SilenceRow).where(col(SilenceRow.until) > stamp(now))).all()
    return any(
        (r.commitment_id is None or r.commitment_id == commitment_id)
        and (r.kind is None or kind == r.kind or kind.startswith(r.kind + "."))
        for r in rows
    )


def attach_new_channels(session: Session, config: Config, now: datetime) -> int:
    """Give recent alerts that were never routed anywhere (no channel existed) their deliveries."""
    if not config.channels:
        return 0
    routed = select(DeliveryRow.alert_id).distinct()
    orphans = session.exec(
        select(AlertRow)
        .where(col(AlertRow.created_at) >= stamp(now - QUEUE_HORIZON))
        .where(col(AlertRow.id).not_in(routed))
    ).all()
    for alert in orphans:
        commitment = config.commitment(alert.commitment_id) if alert.commitment_id else None
        _add_deliveries(
            session,
            config,
            alert.id,
            alert.kind,
            alert.commitment_id,
            config.channels_for(alert.kind, commitment),
            now,
        )
    return len(orphans)
