"""The web's read model of activity: alerts with their deliveries (attempts, next retry, dead
letters) and feeds with their health, in the shapes of /api/alerts and /api/feeds."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import func
from sqlmodel import Session, col, select

from monitor.alerts.redact import redact_url
from monitor.store.tables import AlertRow, DeliveryRow, FeedRow
from monitor.web.queries import day


def _delivery(d: DeliveryRow) -> dict[str, Any]:
    return {
        "channel": d.channel,
        "state": d.state,
        "attempts": d.attempts,
        "next_attempt_at": day(d.next_attempt_at) if d.state == "pending" else None,
        "sent_at": day(d.sent_at),
        "last_error": d.last_error,
    }


def alerts(s: Session, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """The newest alerts with their deliveries (attempts, next retry, dead letters)."""
    rows = s.exec(
        select(AlertRow)
        .order_by(col(AlertRow.created_at).desc(), col(AlertRow.id))
        .offset(offset)
        .limit(limit)
    ).all()
    deliveries: dict[str, list[dict[str, Any]]] = {a.id: [] for a in rows}
    if rows:
        for d in s.exec(
            select(DeliveryRow)
            .where(col(DeliveryRow.alert_id).in_(list(deliveries)))
            .order_by(col(DeliveryRow.channel))
        ).all():
            deliveries[d.alert_id].append(_delivery(d))
    out = []
    for a in rows:
        data = json.loads(a.payload).get("data", {})
        out.append(
            {
                "id": a.id,
                "kind": a.kind,
                "commitment": a.commitment_id,
                "feed_id": a.feed_id,
                "created_at": day(a.created_at),
                "acked_at": day(a.acked_at),
                "title": data.get("title"),
                "status": data.get("status"),
                "data": data,
                "deliveries": deliveries[a.id],
            }
        )
    return out


def alert_count(s: Session) -> int:
    return int(s.exec(select(func.count()).select_from(AlertRow)).one())


def shown_url(url: str) -> str:
    """A feed URL as shown: credentials in it (user:password@) masked."""
    parts = urlsplit(url)
    return redact_url(url) if parts.username or parts.password else url


def feeds(s: Session) -> list[dict[str, Any]]:
    """Every active feed's health, in the shape of `monitor feeds --json` plus the id."""
    rows = s.exec(
        select(FeedRow).where(col(FeedRow.archived).is_(False)).order_by(col(FeedRow.id))
    ).all()
    return [
        {
            "id": f.id,
            "url": shown_url(f.url),
            "name": f.name or f.title,
            "state": f.state,
            "last_error": f.last_error,
            "last_error_kind": f.last_error_kind,
            "last_polled_at": day(f.last_polled_at),
            "last_success_at": day(f.last_success_at),
            "next_poll_at": day(f.next_poll_at),
            "failures": f.failures,
            "items_seen": f.items_seen,
        }
        for f in rows
    ]
