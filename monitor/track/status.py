"""Status decisions for one commitment (pure): evidence + dependencies + clock → status.

Precedence, strongest first:
  1. a human call not contradicted by evidence published after it;
  2. the latest of cancellation / completion (cancelled, or met — late completions are met);
  3. slipped (the latest dated forecast slips, corroborated by N sources) — beats overdue;
  4. overdue after the deadline window's end + grace (unknown when the covering feeds failed;
     vague deadlines never go overdue: their horizon passing is only at_risk);
  5. at_risk from reports: delay/risk words newer than the latest dated forecast and than any
     reassuring report, a later overlapping window reported with delay words, an
     uncorroborated slip;
  6. at_risk from a dependency that slipped, went overdue or was cancelled;
  7. on_track from a consistent forecast, progress or plain coverage — unless silence near the
     deadline makes it at_risk; pending when there is nothing at all.
Evidence published before the promise (`stated`) or after `now` is ignored (history / future).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from monitor.core.commitment import Commitment
from monitor.core.enums import AlertKind, Signal, Status

SILENCE_WINDOW = timedelta(days=30)  # how close to the deadline silence starts to worry us
_BAD_FOR_DEPENDENTS = {Status.SLIPPED, Status.OVERDUE, Status.CANCELLED}
_ALERTS = {
    Status.SLIPPED: AlertKind.SLIPPED,
    Status.AT_RISK: AlertKind.AT_RISK,
    Status.OVERDUE: AlertKind.OVERDUE,
    Status.MET: AlertKind.MET,
    Status.CANCELLED: AlertKind.CANCELLED,
}
_DATED_VERDICTS = ("slip", "at_risk", "consistent")


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
    """When the deadline window's end (UTC midnight) plus grace has passed; None if no deadline."""
    if commitment.deadline is None:
        return None
    return datetime.combine(commitment.deadline.end, time(0), UTC) + commitment.grace


def decide(
    commitment: Commitment,
    evidence: Sequence[EvidenceView],
    now: datetime,
    *,
    dependencies: Mapping[str, Status] | None = None,
    quiet_dependencies: Collection[str] = (),
    coverage_ok: bool = True,
    human: HumanCall | None = None,
    corroboration: int = 1,
    silent_after: timedelta = SILENCE_WINDOW,
) -> Decision:
    """The status the commitment should have at `now` (aware datetime), stage by stage in the
    precedence above. `quiet_dependencies`: those whose status rests on history only, so their
    effect raises no alert either."""
    live = _live(commitment, evidence, now)
    settled = _human_call(human, live) or _outcome(commitment, live)  # 1, 2
    if settled is not None:
        return settled
    reported = _from_reports(commitment, live, max(1, corroboration))
    forecast = reported.forecast if reported else None
    return (
        _reported_as(reported, Status.SLIPPED)  # 3
        or _deadline_passed(commitment, reported, forecast, now, coverage_ok)  # 4
        or _reported_as(reported, Status.AT_RISK)  # 5
        or _dependency_risk(dependencies, quiet_dependencies, forecast)  # 6
        or _silence(commitment, live, now, silent_after)  # 7
        or reported
        or Decision(Status.PENDING, "no evidence yet")
    )


def _live(
    commitment: Commitment, evidence: Sequence[EvidenceView], now: datetime
) -> list[EvidenceView]:
    """The evidence that counts, oldest first: not history, published between the promise
    and `now`."""
    return sorted(
        (
            e
            for e in evidence
            if e.verdict != "history"
            and e.published <= now
            and e.published.date() >= commitment.stated
        ),
        key=lambda e: (e.published, e.id),
    )


def _human_call(human: HumanCall | None, live: Sequence[EvidenceView]) -> Decision | None:
    """The human call, unless evidence was published after it."""
    if human is None or any(e.published > human.at for e in live):
        return None
    note = f": {human.note}" if human.note else ""
    return Decision(human.status, f"confirmed by a human{note}", alerting=False)


def _reported_as(reported: Decision | None, status: Status) -> Decision | None:
    """What the reports say, if it is `status`."""
    return reported if reported is not None and reported.status is status else None


def _deadline_passed(
    commitment: Commitment,
    reported: Decision | None,
    forecast: Forecast | None,
    now: datetime,
    coverage_ok: bool,
) -> Decision | None:
    """Overdue once the deadline window's end + grace has passed with no report of completion
    (unknown when the feeds covering it failed); None before that or without a deadline."""
    deadline, due = commitment.deadline, overdue_at(commitment)
    if deadline is None or due is None or now < due:
        return None
    if deadline.vague:
        return _horizon_passed(commitment, deadline.end, reported, forecast)
    if not coverage_ok:
        return Decision(
            Status.UNKNOWN, "deadline passed while the feeds covering it failed", forecast=forecast
        )
    return _with_alert(
        Decision(
            Status.OVERDUE,
            f"deadline {commitment.deadline_text!r} passed (+ grace), no report of completion",
            forecast=forecast,
        ),
        f"overdue:{due.date().isoformat()}",
    )


def _horizon_passed(
    commitment: Commitment, horizon: date, reported: Decision | None, forecast: Forecast | None
) -> Decision | None:
    """A vague deadline never goes overdue: its default horizon passing is only at_risk, and
    what the reports say of risk stands."""
    if reported is None or reported.status is Status.ON_TRACK:
        return _with_alert(
            Decision(
                Status.AT_RISK,
                f"the default horizon of {commitment.deadline_text!r} has "
                "passed (+ grace), no report of completion",
                forecast=forecast,
            ),
            f"horizon:{horizon.isoformat()}",
        )
    return reported


def _dependency_risk(
    dependencies: Mapping[str, Status] | None, quiet: Collection[str], forecast: Forecast | None
) -> Decision | None:
    """At risk from the first dependency (by name) that slipped, went overdue or was
    cancelled; a quiet one raises no alert."""
    for dep, dep_status in sorted((dependencies or {}).items()):
        if dep_status in _BAD_FOR_DEPENDENTS:
            return _with_alert(
                Decision(
                    Status.AT_RISK,
                    f"depends on {dep}, which is {dep_status}",
                    forecast=forecast,
                    alerting=dep not in quiet,
                ),
                f"dependency:{dep}:{dep_status}",
            )
    return None


def _outcome(commitment: Commitment, live: Sequence[EvidenceView]) -> Decision | None:
    """Cancelled or met, whichever was reported last (a project can be revived and finished)."""
    ends = [
        e
        for e in live
        if e.signal in (Signal.CANCELLATION, Signal.COMPLETION) and e.verdict != "at_risk"
    ]  # a cancellation "to 2030" is a warning, not an end
    if not ends:
        return None
    last = ends[-1]
    if last.signal is Signal.CANCELLATION:
        return _with_alert(
            Decision(Status.CANCELLED, "reported cancelled", last.id, alerting=last.alerting),
            "cancelled",
        )
    first = _final_run_start(ends)
    late = _lateness(commitment, first.published.date())
    return _with_alert(
        Decision(Status.MET, f"reported completed{late}", first.id, alerting=first.alerting), "met"
    )


def _final_run_start(ends: Sequence[EvidenceView]) -> EvidenceView:
    """The first completion of the final run of completions: it dates the event."""
    first = ends[-1]
    for e in reversed(ends):
        if e.signal is not Signal.COMPLETION:
            break
        first = e
    return first


def _lateness(commitment: Commitment, day: date) -> str:
    """How long after a precise deadline's window `day` is, as a reason's clause; or ""."""
    deadline = commitment.deadline
    if deadline and not deadline.vague and day >= deadline.end:
        return f", {(day - deadline.end).days} days after the deadline window"
    return ""


def _from_reports(
    commitment: Commitment, live: Sequence[EvidenceView], corroboration: int
) -> Decision | None:
    """slipped / at_risk / on_track from what the news says, before the clock is consulted."""
    dated = [e for e in live if e.forecast is not None and e.verdict in _DATED_VERDICTS]
    words = _undated(live, (Signal.DELAY, Signal.RISK))
    calm = _undated(live, (Signal.PROGRESS,))
    latest = dated[-1] if dated else None
    if latest is not None and latest.verdict == "slip":
        return _slip(commitment, dated, corroboration)
    return (
        _fresh_worry(words, latest, calm[-1] if calm else None)
        or _forecast_view(latest)
        or _coverage(live, calm)
    )


def _undated(live: Sequence[EvidenceView], signals: Collection[Signal]) -> list[EvidenceView]:
    """The reports of one of `signals` that give no forecast, oldest first."""
    return [e for e in live if e.forecast is None and e.signal in signals]


def _fresh_worry(
    words: Sequence[EvidenceView], latest: EvidenceView | None, calm: EvidenceView | None
) -> Decision | None:
    """At risk from the last delay or risk words without a date, when they are newer than the
    latest dated forecast and than the last progress report."""
    if not words:
        return None
    w = words[-1]
    if not (_newer(w, latest) and _newer(w, calm)):
        return None
    return _with_alert(
        Decision(
            Status.AT_RISK,
            f"{w.signal} reported, no new date",
            w.id,
            latest.forecast if latest else None,
            alerting=w.alerting,
        ),
        f"words:{w.id}",
    )


def _newer(e: EvidenceView, than: EvidenceView | None) -> bool:
    return than is None or (e.published, e.id) > (than.published, than.id)


def _forecast_view(latest: EvidenceView | None) -> Decision | None:
    """What the latest dated forecast says: at risk (a delay to a window overlapping the
    deadline) or on track (consistent with the deadline)."""
    if latest is None or latest.forecast is None:
        return None
    fc = latest.forecast
    if latest.verdict == "at_risk":
        return _with_alert(
            Decision(
                Status.AT_RISK,
                f"delay reported, new forecast {fc.text!r} overlaps the deadline",
                latest.id,
                fc,
                alerting=latest.alerting,
            ),
            f"risk:{fc.start.isoformat()}:{fc.end.isoformat()}",
        )
    return Decision(
        Status.ON_TRACK,
        f"forecast {fc.text!r} is consistent with the deadline",
        latest.id,
        fc,
        alerting=latest.alerting,
    )


def _coverage(live: Sequence[EvidenceView], calm: Sequence[EvidenceView]) -> Decision | None:
    """On track from progress reports, else from any coverage at all; None without either."""
    if calm:
        return Decision(
            Status.ON_TRACK, "progress reported", calm[-1].id, alerting=calm[-1].alerting
        )
    if live:
        return Decision(
            Status.ON_TRACK,
            "covered in the news, no sign of delay",
            live[-1].id,
            alerting=live[-1].alerting,
        )
    return None


def _slip(commitment: Commitment, dated: Sequence[EvidenceView], corroboration: int) -> Decision:
    """Slipped once `corroboration` distinct sources reported a slip since the last report
    that was not one; at_risk until then."""
    streak: list[EvidenceView] = []
    for e in reversed(dated):
        if e.verdict != "slip":
            break
        streak.append(e)
    latest = streak[0]
    fc = latest.forecast
    assert fc is not None
    sources = {e.source for e in streak}
    if len(sources) >= corroboration:
        return _with_alert(
            Decision(
                Status.SLIPPED,
                f"new forecast {fc.text!r} is after the deadline {commitment.deadline_text!r}",
                latest.id,
                fc,
                alerting=latest.alerting,
            ),
            f"slip:{fc.start.isoformat()}:{fc.end.isoformat()}",
        )
    return _with_alert(
        Decision(
            Status.AT_RISK,
            f"a slip to {fc.text!r} reported by {len(sources)} of the "
            f"{corroboration} sources needed",
            latest.id,
            fc,
            alerting=latest.alerting,
        ),
        f"uncorroborated:{fc.start.isoformat()}",
    )


def _silence(
    commitment: Commitment, live: Sequence[EvidenceView], now: datetime, silent_after: timedelta
) -> Decision | None:
    """At risk when the deadline is near (SILENCE_WINDOW) and nothing was reported for
    `silent_after`."""
    due = overdue_at(commitment)
    if due is None or commitment.deadline is None or commitment.deadline.vague:
        return None
    end = due - commitment.grace
    last = live[-1].published if live else None
    if end - SILENCE_WINDOW <= now < due and (last is None or now - last > silent_after):
        return Decision(
            Status.AT_RISK,
            "no news close to the deadline",
            alert=AlertKind.SILENT,
            alert_key=f"silent:{end.date().isoformat()}",
        )
    return None


def _with_alert(decision: Decision, key: str) -> Decision:
    kind = _ALERTS.get(decision.status)
    return replace(decision, alert=kind, alert_key=key if kind else "")
