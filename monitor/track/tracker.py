"""Keeps each commitment's status: gathers its evidence, asks monitor.track.status to decide, and
records a change (compare-and-set on the row's version) with its alert in one transaction."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select, update

from monitor.alerts.outbox import enqueue, window_json
from monitor.core.commitment import Commitment
from monitor.core.enums import Signal, Status
from monitor.core.settings import Config
from monitor.store import stamp, utc
from monitor.store.tables import (
    CommitmentRow,
    EvidenceRow,
    FeedRow,
    ItemRow,
    StatusChangeRow,
)
from monitor.track.status import Decision, EvidenceView, Forecast, HumanCall, decide

log = logging.getLogger(__name__)


def in_dependency_order(commitments: Iterable[Commitment]) -> list[Commitment]:
    """Dependencies before dependents, so a slip propagates within one evaluation."""
    by_id = {c.id: c for c in commitments}
    done: dict[str, Commitment] = {}

    def visit(c: Commitment, trail: tuple[str, ...]) -> None:
        if c.id in done or c.id in trail:
            return
        for dep in c.depends_on:
            if dep in by_id:
                visit(by_id[dep], (*trail, c.id))
        done[c.id] = c

    for c in by_id.values():
        visit(c, ())
    return list(done.values())


def evaluate(session: Session, config: Config, now: datetime) -> list[StatusChangeRow]:
    """Re-decide every active commitment; returns the changes recorded."""
    rows = {r.id: r for r in session.exec(select(CommitmentRow)).all() if not r.archived}
    statuses = {cid: Status(r.status) for cid, r in rows.items()}
    quiet: set[str] = set()  # decided on history alone: what follows from them stays quiet
    changes = []
    for c in in_dependency_order(config.commitments):
        row = rows.get(c.id)
        if row is None:
            continue
        views, items = _evidence(session, c.id)
        decision = decide(
            c,
            views,
            now,
            dependencies={d: statuses[d] for d in c.depends_on if d in statuses},
            quiet_dependencies=quiet,
            coverage_ok=_coverage_ok(session, config, c.id, now),
            human=_human_call(session, c.id),
            corroboration=config.settings.alerts.corroboration,
            silent_after=config.settings.alerts.silent_after,
        )
        change = _apply(session, config, c, row, decision, items, now)
        if not decision.alerting:
            quiet.add(c.id)
        if change is not None:
            changes.append(change)
            statuses[c.id] = decision.status
    return changes


def _evidence(
    session: Session, commitment_id: str
) -> tuple[list[EvidenceView], dict[int, tuple[EvidenceRow, ItemRow, FeedRow]]]:
    rows = session.exec(
        select(EvidenceRow, ItemRow, FeedRow)
        .where(EvidenceRow.commitment_id == commitment_id)
        .where(EvidenceRow.item_id == ItemRow.id)
        .where(ItemRow.feed_id == FeedRow.id)
    ).all()
    views, by_id = [], {}
    for ev, item, feed in rows:
        assert ev.id is not None
        forecast = None
        if ev.forecast_start and ev.forecast_end:
            forecast = Forecast(ev.forecast_start, ev.forecast_end, ev.forecast_text or "")
        published = utc(ev.published)
        assert published is not None
        views.append(
            EvidenceView(
                ev.id,
                Signal(ev.signal),
                ev.verdict,
                forecast,
                published,
                feed.name or feed.url,
                ev.alerting,
            )
        )
        by_id[ev.id] = (ev, item, feed)
    return views, by_id


def _coverage_ok(session: Session, config: Config, commitment_id: str, now: datetime) -> bool:
    """Did at least one feed that covers the commitment (or any feed, if none has yet)
    succeed recently enough to trust that silence means nothing happened?"""
    covering = (
        session.exec(
            select(FeedRow).where(
                col(FeedRow.id).in_(
                    select(ItemRow.feed_id).where(
                        col(ItemRow.id).in_(
                            select(EvidenceRow.item_id).where(
                                EvidenceRow.commitment_id == commitment_id
                            )
                        )
                    )
                )
            )
        ).all()
        or session.exec(select(FeedRow).where(col(FeedRow.archived).is_(False))).all()
    )
    window = config.settings.poll.failing_after
    return any(
        f.last_success_at is not None and now - (utc(f.last_success_at) or now) <= window
        for f in covering
    )


def _human_call(session: Session, commitment_id: str) -> HumanCall | None:
    row = session.exec(
        select(StatusChangeRow)
        .where(StatusChangeRow.commitment_id == commitment_id)
        .where(StatusChangeRow.confirmed_by == "human")
        .order_by(col(StatusChangeRow.id).desc())
    ).first()
    if row is None:
        return None
    at = utc(row.at)
    assert at is not None
    return HumanCall(Status(row.to_status), at, row.note)


def _apply(
    session: Session,
    config: Config,
    c: Commitment,
    row: CommitmentRow,
    decision: Decision,
    items: dict[int, tuple[EvidenceRow, ItemRow, FeedRow]],
    now: datetime,
) -> StatusChangeRow | None:
    previous = row.status
    if _unchanged(row, decision) or not _compare_and_set(session, c, row, decision, now):
        return None
    change = None
    if previous != decision.status:
        change = StatusChangeRow(
            commitment_id=c.id,
            from_status=previous,
            to_status=decision.status,
            reason=decision.reason,
            evidence_id=decision.evidence_id,
            at=stamp(now),
        )
        session.add(change)
        log.info("%s: %s -> %s (%s)", c.id, previous, decision.status, decision.reason)
    # A further slip (same status, a later window) is news too; the dedupe key stops repeats.
    if decision.alert and decision.alerting:
        _raise_alert(session, config, c, previous, decision, items, now)
    return change


def _unchanged(row: CommitmentRow, decision: Decision) -> bool:
    """The same status and, if the decision has one, the same forecast window."""
    fc = decision.forecast
    return row.status == decision.status and (
        fc is None or (row.forecast_start, row.forecast_end) == (fc.start, fc.end)
    )


def _compare_and_set(
    session: Session, c: Commitment, row: CommitmentRow, decision: Decision, now: datetime
) -> bool:
    """Store the decision unless a concurrent evaluator got here first (it wins: its result is
    left alone); whether it was stored."""
    fc = decision.forecast
    result = session.execute(
        update(CommitmentRow)
        .where(col(CommitmentRow.id) == c.id)
        .where(col(CommitmentRow.version) == row.version)
        .values(
            status=decision.status,
            status_since=stamp(now),
            version=row.version + 1,
            forecast_start=fc.start if fc else row.forecast_start,
            forecast_end=fc.end if fc else row.forecast_end,
            forecast_text=fc.text if fc else row.forecast_text,
            updated_at=stamp(now),
        )
    )
    if not getattr(result, "rowcount", 1):
        log.info("status of %s changed concurrently; leaving it", c.id)
        return False
    return True


def _raise_alert(
    session: Session,
    config: Config,
    c: Commitment,
    previous: str,
    decision: Decision,
    items: dict[int, tuple[EvidenceRow, ItemRow, FeedRow]],
    now: datetime,
) -> None:
    assert decision.alert is not None
    data = commitment_data(
        c,
        decision.status,
        previous,
        decision.forecast,
        items.get(decision.evidence_id or -1),
        reason=decision.reason,
        history=_history(session, c.id),
    )
    enqueue(
        session,
        config,
        kind=decision.alert,
        data=data,
        now=now,
        commitment=c,
        dedupe_key=f"{decision.alert}:{c.id}:{decision.alert_key}",
    )


def _history(session: Session, commitment_id: str) -> list[str]:
    rows = session.exec(
        select(StatusChangeRow)
        .where(StatusChangeRow.commitment_id == commitment_id)
        .order_by(col(StatusChangeRow.id))
    ).all()
    return [f"{r.at.date().isoformat()} {r.from_status}→{r.to_status}" for r in rows[-6:]]


def commitment_data(
    c: Commitment,
    status: str,
    previous: str | None,
    forecast: Forecast | None,
    evidence: tuple[EvidenceRow, ItemRow, FeedRow] | None,
    **extra: Any,
) -> dict[str, Any]:
    """The contract `data` object of a commitment alert."""
    deadline = c.deadline
    data: dict[str, Any] = {
        "commitment": c.id,
        "title": c.title,
        "status": str(status),
        "previous_status": str(previous) if previous else None,
        "deadline": window_json(deadline.start, deadline.end, c.deadline_text)
        if deadline
        else None,
        "forecast": window_json(forecast.start, forecast.end, forecast.text) if forecast else None,
        "evidence": None,
        "severity": str(c.severity),
    }
    if evidence is not None:
        ev, item, feed = evidence
        published = utc(ev.published)
        data["evidence"] = {
            "quote": ev.quote,
            "url": item.link,
            "title": item.title,
            "published": published.isoformat() if published else None,
            "lang": ev.lang or item.lang,
            "feed": feed.name or feed.title or feed.url,
        }
    data.update(extra)
    return data
