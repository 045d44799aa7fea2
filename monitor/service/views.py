"""Read-only views of the state for the CLI: commitments with their status and forecast history,
alerts with their deliveries, feeds with their health. Plain dicts, ready for JSON or tables."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, func, select

from monitor.core.settings import Config
from monitor.feeds.ingest import story_sources
from monitor.store import iso
from monitor.store.tables import (
    AlertRow,
    CommitmentRow,
    DeliveryRow,
    EvidenceRow,
    FeedRow,
    ItemRow,
    StatusChangeRow,
)


def _iso(value: Any) -> str | None:
    if isinstance(value, datetime):
        return iso(value)
    return None if value is None else str(value.isoformat())


def commitments(session: Session, config: Config) -> list[dict[str, Any]]:
    rows = {r.id: r for r in session.exec(select(CommitmentRow)).all()}
    counts = dict(
        session.exec(
            select(EvidenceRow.commitment_id, func.count()).group_by(col(EvidenceRow.commitment_id))
        ).all()
    )
    out = []
    for c in config.commitments:
        r = rows.get(c.id)
        if r is None:
            continue
        out.append(
            {
                "id": c.id,
                "title": c.title,
                "status": r.status,
                "status_since": _iso(r.status_since),
                "deadline": {
                    "text": c.deadline_text,
                    "start": _iso(r.deadline_start),
                    "end": _iso(r.deadline_end),
                    "vague": bool(c.deadline and c.deadline.vague),
                }
                if c.deadline
                else None,
                "forecast": {
                    "text": r.forecast_text,
                    "start": _iso(r.forecast_start),
                    "end": _iso(r.forecast_end),
                }
                if r.forecast_start
                else None,
                "evidence": counts.get(c.id, 0),
                "acked": r.acked_at is not None,
            }
        )
    return out


def history(session: Session, commitment_id: str) -> dict[str, Any]:
    """Status changes and the forecast history (every dated piece of evidence)."""
    changes = session.exec(
        select(StatusChangeRow)
        .where(StatusChangeRow.commitment_id == commitment_id)
        .order_by(col(StatusChangeRow.id))
    ).all()
    evidence = session.exec(
        select(EvidenceRow, ItemRow, FeedRow)
        .where(EvidenceRow.commitment_id == commitment_id)
        .where(EvidenceRow.item_id == ItemRow.id)
        .where(ItemRow.feed_id == FeedRow.id)
        .order_by(col(EvidenceRow.published), col(EvidenceRow.id))
    ).all()
    return {
        "changes": [
            {
                "at": _iso(c.at),
                "from": c.from_status,
                "to": c.to_status,
                "reason": c.reason,
                "by": c.confirmed_by,
                "note": c.note,
            }
            for c in changes
        ],
        "evidence": [
            {
                "id": e.id,
                "published": _iso(e.published),
                "signal": e.signal,
                "verdict": e.verdict,
                "forecast": {
                    "text": e.forecast_text,
                    "start": _iso(e.forecast_start),
                    "end": _iso(e.forecast_end),
                }
                if e.forecast_start
                else None,
                "quote": e.quote,
                "url": i.link,
                "source": f.name or f.title or f.url,
                # A wire story reprinted elsewhere is one piece of evidence with several sources.
                "sources": story_sources(session, i.story) if i.story else [],
            }
            for e, i, f in evidence
        ],
    }


def alerts(session: Session, limit: int = 100) -> list[dict[str, Any]]:
    rows = session.exec(
        select(AlertRow).order_by(col(AlertRow.created_at).desc(), col(AlertRow.id)).limit(limit)
    ).all()
    out = []
    for a in rows:
        deliveries = session.exec(
            select(DeliveryRow)
            .where(DeliveryRow.alert_id == a.id)
            .order_by(col(DeliveryRow.channel))
        ).all()
        payload = json.loads(a.payload)
        out.append(
            {
                "id": a.id,
                "kind": a.kind,
                "commitment": a.commitment_id,
                "feed_id": a.feed_id,
                "created_at": _iso(a.created_at),
                "acked_at": _iso(a.acked_at),
                "title": payload["data"].get("title"),
                "status": payload["data"].get("status"),
                "data": payload["data"],
                "deliveries": [
                    {
                        "channel": d.channel,
                        "state": d.state,
                        "attempts": d.attempts,
                        "next_attempt_at": _iso(d.next_attempt_at)
                        if d.state == "pending"
                        else None,
                        "sent_at": _iso(d.sent_at),
                        "last_error": d.last_error,
                    }
                    for d in deliveries
                ],
            }
        )
    return out


def feeds(session: Session) -> list[dict[str, Any]]:
    """Every feed's health: state, last success, last error (and its kind), next poll, items."""
    return [
        {
            "id": f.id,
            "url": f.url,
            "source_url": f.source_url,
            "name": f.name or f.title,
            "state": f.state,
            "archived": f.archived,
            "last_success_at": _iso(f.last_success_at),
            "last_polled_at": _iso(f.last_polled_at),
            "next_poll_at": _iso(f.next_poll_at),
            "retry_after_until": _iso(f.retry_after_until),
            "failures": f.failures,
            "failing_since": _iso(f.failing_since),
            "last_error": f.last_error,
            "last_error_kind": f.last_error_kind,
            "last_status": f.last_status,
            "items_seen": f.items_seen,
            "redirect_url": f.redirect_url,
            "redirect_seen": f.redirect_seen,
        }
        for f in session.exec(select(FeedRow).order_by(col(FeedRow.id))).all()
    ]
