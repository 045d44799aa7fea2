"""Status decisions for one commitment (pure): evidence + dependencies + clock → status.

Precedence, strongest first: a human call not yet contradicted by newer evidence; cancellation;
completion (met, possibly late); the latest dated forecast (slipped / at_risk / on_track, the
slip rule living in monitor.judge); delay or risk words newer than that forecast (at_risk); a
dependency that slipped (at_risk); the deadline passing (overdue, or unknown when the sources
were failing); silence near the deadline (at_risk). Slipped takes precedence over overdue.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from monitor.commitment import Commitment
from monitor.enums import AlertKind, Signal, Status

SILENCE_WINDOW = timedelta(days=30)  # how close to the deadline silence starts to worry us
_BAD_FOR_DEPENDENTS = {Status.SLIPPED, Status.OVERDUE, Status.CANCELLED}
_ALERTS = {
    Status.SLIPPED: AlertKind.SLIPPED,
    Status.AT_RISK: AlertKind.AT_RISK,
    Status.OVERDUE: AlertKind.OVERDUE,
    Status.MET: AlertKind.MET,
    Status.CANCELLED: AlertKind.CANCELLED,
}


@dataclass(frozen=True)
class Forecast:
    start: date
    end: date
    text: str


@dataclass(frozen=True)
class EvidenceView:
    """What the decider needs to know of one piece of evidence."""

    id: int
    signal: Signal
    verdict: str | None  # slip | at_risk | consistent | history | None (no forecast)
    forecast: Forecast | None
    published: datetime
    source: str  # feed or host: corroboration counts distinct sources
    alerting: bool = True


@dataclass(frozen=True)
class HumanCall:
    status: Status
    at: datetime
    note: str | None = None


@dataclass(frozen=True)
class Decision:
    status: Status
    reason: str
    evidence_id: int | None = None
    forecast: Forecast | None = None
    alert: AlertKind | None = None  # what to raise if this is a change
    alert_key: str = ""  # what makes this alert event unique for the commitment
    alerting: bool = True  # False when the decision rests on history (backfill)


def overdue_at(commitment: Commitment) -> datetime | None:
    """When the commitment becomes overdue: the deadline window's end plus grace (UTC midnight)."""
    if commitment.deadline is None:
        return None
    end = datetime.combine(commitment.deadline.end, datetime.min.time())
    from datetime import UTC

    return end.replace(tzinfo=UTC) + commitment.grace


def decide(
    commitment: Commitment,
    evidence: Sequence[EvidenceView],
    now: datetime,
    *,
    dependencies: Mapping[str, Status] | None = None,
    coverage_ok: bool = True,
    human: HumanCall | None = None,
    corroboration: int = 1,
) -> Decision:
    """The status the commitment should have at `now`."""
    live = sorted(
        (e for e in evidence if e.verdict != "history" and e.published <= now),
        key=lambda e: (e.published, e.id),
    )
    if human is not None and not any(e.published > human.at for e in live):
        return _with_alert(Decision(human.status, f"confirmed by a human: {human.note or ''}"
                                    .rstrip(": ")), f"human:{human.at.isoformat()}")

    cancelled = [e for e in live if e.signal == Signal.CANCELLATION]
    if cancelled:
        e = cancelled[-1]
        return _with_alert(Decision(Status.CANCELLED, "reported cancelled", e.id,
                                    alerting=e.alerting), "cancelled")
    completed = [e for e in live if e.signal == Signal.COMPLETION]
    if completed:
        e = completed[0]
        late = ""
        if commitment.deadline and e.published.date() >= commitment.deadline.end:
            days = (e.published.date() - commitment.deadline.end).days
            late = f", {days} days after the deadline window"
        return _with_alert(Decision(Status.MET, f"reported completed{late}", e.id,
                                    alerting=e.alerting), "met")

    decision = _from_forecasts(commitment, live, corroboration)
    if decision is None and live:
        decision = Decision(Status.ON_TRACK, "covered in the news, no sign of delay", live[-1].id,
                            alerting=live[-1].alerting)
    if decision is None or decision.status in (Status.ON_TRACK,):
        for dep, dep_status in sorted((dependencies or {}).items()):
            if dep_status in _BAD_FOR_DEPENDENTS:
                return _with_alert(Decision(
                    Status.AT_RISK, f"depends on {dep}, which is {dep_status}",
                    forecast=decision.forecast if decision else None,
                ), f"dependency:{dep}:{dep_status}")
    due = overdue_at(commitment)
    if due is not None and now >= due and (decision is None or decision.status in (
            Status.ON_TRACK, Status.AT_RISK)):
        if not coverage_ok:
            return Decision(Status.UNKNOWN, "deadline passed while the feeds covering it failed")
        return _with_alert(Decision(
            Status.OVERDUE, f"deadline {commitment.deadline_text!r} passed (+ grace), "
            "no report of completion", forecast=decision.forecast if decision else None,
        ), f"overdue:{due.date().isoformat()}")
    if decision is None:
        return _silence(commitment, live, now) or Decision(Status.PENDING, "no evidence yet")
    if decision.status == Status.ON_TRACK:
        return _silence(commitment, live, now) or decision
    return decision


def _from_forecasts(
    commitment: Commitment, live: Sequence[EvidenceView], corroboration: int
) -> Decision | None:
    dated = [e for e in live if e.forecast is not None and e.verdict is not None]
    latest = dated[-1] if dated else None
    words = [e for e in live if e.signal in (Signal.DELAY, Signal.RISK) and e.forecast is None]
    if words and (latest is None or words[-1].published > latest.published):
        e = words[-1]
        return _with_alert(Decision(Status.AT_RISK, f"{e.signal} reported, no new date", e.id,
                                    alerting=e.alerting), f"words:{e.id}")
    if latest is None or latest.forecast is None:
        return None
    fc = latest.forecast
    if latest.verdict == "slip":
        sources = {e.source for e in dated if e.verdict == "slip" and e.forecast == fc}
        if len(sources) >= corroboration:
            return _with_alert(Decision(
                Status.SLIPPED, f"new forecast {fc.text!r} is after the deadline "
                f"{commitment.deadline_text!r}", latest.id, fc, alerting=latest.alerting,
            ), f"slip:{fc.start.isoformat()}:{fc.end.isoformat()}")
        return _with_alert(Decision(
            Status.AT_RISK, f"a slip to {fc.text!r} reported by {len(sources)} of "
            f"{corroboration} sources needed", latest.id, fc, alerting=latest.alerting,
        ), f"uncorroborated:{fc.start.isoformat()}")
    if latest.verdict == "at_risk":
        return _with_alert(Decision(
            Status.AT_RISK, f"delay reported, new forecast {fc.text!r} overlaps the deadline",
            latest.id, fc, alerting=latest.alerting,
        ), f"risk:{fc.start.isoformat()}:{fc.end.isoformat()}")
    return Decision(Status.ON_TRACK, f"forecast {fc.text!r} is within the deadline", latest.id,
                    fc, alerting=latest.alerting)


def _silence(
    commitment: Commitment, live: Sequence[EvidenceView], now: datetime
) -> Decision | None:
    due = overdue_at(commitment)
    if due is None or commitment.deadline is None or commitment.deadline.vague:
        return None
    end = due - commitment.grace
    last = live[-1].published if live else None
    if end - SILENCE_WINDOW <= now < due and (last is None or now - last > SILENCE_WINDOW):
        return Decision(Status.AT_RISK, "no news close to the deadline", alert=AlertKind.SILENT,
                        alert_key=f"silent:{end.date().isoformat()}")
    return None


def _with_alert(decision: Decision, key: str) -> Decision:
    kind = _ALERTS.get(decision.status)
    return Decision(decision.status, decision.reason, decision.evidence_id, decision.forecast,
                    kind, key if kind else "", decision.alerting)
