"""Judging one news item against the commitments: which ones, what signal, did it slip.

Pure: no clock, no storage. `forecast_verdict` is the one home of the brief's slip rule.

The whole item is read: the title and every sentence (`monitor.understand.story`: the sentences
naming a commitment and those referring back to it). Each is read for the commitment
(`monitor.understand.statements`); the item's verdict is the strongest of them, its revised
date from that sentence, else the next one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from monitor.core.commitment import Commitment
from monitor.core.enums import Signal
from monitor.understand.dates import DateExpr
from monitor.understand.matching import Matcher, fold
from monitor.understand.quantity import Quantity
from monitor.understand.statements import Statement, read_statement, settle, shifted_date
from monitor.understand.story import Story, about, cut, quote

Verdict = Literal["slip", "at_risk", "consistent", "history"]

# Which sentence of an item carries the verdict: the strongest signal, a dated one first. A
# plan dated after the deadline (a derived slip) ranks after a completion, before a warning.
_RANK = {
    Signal.CANCELLATION: 0.0,
    Signal.DELAY: 0.0,
    Signal.COMPLETION: 1.0,
    Signal.RISK: 2.0,
    Signal.PROGRESS: 3.0,
    Signal.MENTION: 4.0,
}
_DERIVED_SLIP_RANK = 1.5
_BACKGROUND_COMPLETION_RANK = 2.5
_BACKGROUND_DELAY_RANK = 1.2
# Sentences read per commitment and item (the first ones about it): bounds the time a runaway
# text can take; a news item says what matters long before its 200th sentence on a project.
MAX_STATEMENTS = 200


@dataclass(frozen=True)
class ItemText:
    """The parts of a news item that judging reads."""

    id: str
    title: str
    text: str
    published: datetime  # aware
    url: str | None = None
    lang: str | None = None


@dataclass(frozen=True)
class Finding:
    """What one item says about one commitment, with the sentence(s) that say it."""

    commitment_id: str
    signal: Signal
    forecast: DateExpr | None
    quote: str
    score: float
    quantity: Quantity | None
    terms: tuple[str, ...]
    lang: str | None
    verdict: Verdict | None = None

    @property
    def open_end(self) -> bool:
        """Whether the forecast runs on from its start ("not before 2026", "au plus tôt")."""
        return self.forecast is not None and self.forecast.open_end

    @property
    def slip(self) -> bool:
        """Whether this finding says the commitment slipped (the slip rule's verdict)."""
        return self.verdict == "slip"


def forecast_verdict(
    commitment: Commitment,
    signal: Signal,
    forecast: DateExpr | None,
    published: date,
) -> Verdict | None:
    """The slip rule. "slip": the revised window starts at or after the deadline window's end;
    "at_risk": a delay without a date, or a later window overlapping the deadline reported with
    delay words; "history": evidence older than the promise, or about a time before it;
    None: nothing to compare. An open-ended window ("not before X") runs on from its start."""
    if published < commitment.stated:
        return "history" if forecast is not None or signal is Signal.DELAY else None
    if forecast is not None and forecast.end <= commitment.stated and not forecast.open_end:
        return "history"  # it reports on a time before the promise ("l'an dernier")
    if signal is Signal.COMPLETION:
        return "consistent"  # a late completion is met, never slipped
    if forecast is None:
        return "at_risk" if signal is Signal.DELAY else None
    deadline = commitment.deadline
    if deadline is None:
        return None
    if forecast.start >= deadline.end:
        # A modal or cancelling sentence with a later date is a warning, not a reported revision.
        return "at_risk" if signal in (Signal.RISK, Signal.CANCELLATION) else "slip"
    if forecast.end > deadline.end or forecast.open_end:
        return "at_risk" if signal in (Signal.DELAY, Signal.RISK) else "consistent"
    return "consistent"


class Judge:
    """Judges items against a fixed set of commitments (one matcher built once)."""

    def __init__(self, commitments: Sequence[Commitment]) -> None:
        self._commitments = {c.id: c for c in commitments}
        self._matcher = Matcher(commitments)

    def judge(self, item: ItemText) -> list[Finding]:
        """One finding per commitment the item mentions, best match first."""
        mentions = self._matcher.find(item.title, item.text)
        if not mentions:
            return []
        story = cut(item.title, item.text, mentions)
        published = item.published.date()
        findings = [
            self._finding(item, story, cid, indexes, published)
            for cid, indexes in about(story, self._commitments).items()
        ]
        return sorted(findings, key=lambda f: (-f.score, f.commitment_id))

    # ------------------------------------------------------------------ what they say

    def _finding(
        self, item: ItemText, story: Story, cid: str, indexes: list[int], published: date
    ) -> Finding:
        commitment = self._commitments[cid]
        readings = [
            read_statement(story, commitment, i, item.lang, published)
            for i in indexes[:MAX_STATEMENTS]
        ]
        old = [d for r in readings for d in r.old]
        for r in readings:
            self._settle(r, commitment, old, published)
        best = min(readings, key=lambda r: _rank(r, published))
        quote_at = [best.index]
        forecast, signal = best.forecast, best.signal
        if signal is Signal.DELAY and forecast is None:
            lender = self._lender(item, story, commitment, best, readings, old, published)
            if lender is not None:
                forecast = lender.forecast
                quote_at.append(lender.index)
        if forecast is not None and (signal is Signal.DELAY or best.verdict == "slip"):
            newer = _newest(readings, forecast)
            if newer is not None:
                forecast = newer.forecast
                quote_at.append(newer.index)
        if signal is Signal.PROGRESS and forecast is not None and old:
            plan = max(old, key=lambda d: (d.end, d.start))
            if forecast.start >= plan.end and not best.reading.negated:
                # "originally slated to open in 2022 … it will now open in spring 2027"
                signal = Signal.DELAY
                quote_at += [r.index for r in readings if plan in r.old]
        verdict = forecast_verdict(commitment, signal, forecast, published)
        top = max(
            (story.named[i][cid] for i in indexes if cid in story.named[i]), key=lambda m: m.score
        )
        confidence = best.reading.confidence
        if forecast is not None and best.reading.forecast is None:
            confidence += 0.1
        terms = (best.mention or top).terms + best.reading.terms
        return Finding(
            cid,
            signal,
            forecast,
            quote(item.text, story, quote_at),
            round(min(1.0, 0.7 * top.score + 0.3 * confidence), 3),
            best.reading.quantity,
            tuple(dict.fromkeys(terms)),
            item.lang,
            verdict,
        )

    @staticmethod
    def _settle(st: Statement, c: Commitment, old: list[DateExpr], published: date) -> None:
        """A statement's item-level date, then its verdict under the slip rule."""
        settle(st, c, old, published)
        st.verdict = forecast_verdict(c, st.signal, st.forecast, published)

    def _lender(
        self,
        item: ItemText,
        story: Story,
        c: Commitment,
        best: Statement,
        readings: list[Statement],
        old: list[DateExpr],
        published: date,
    ) -> Statement | None:
        """Where an undated delay finds its new date, in order: the next sentence (when it
        names no other commitment), a length of delay applied to the deadline, the nearest
        other sentence about the commitment, how late the sentence says it is."""
        nxt = best.index + 1
        following: Statement | None = None
        if nxt < len(story.sentences) and set(story.named[nxt]) <= {c.id}:
            following = next((r for r in readings if r.index == nxt), None)
            if following is None:
                following = read_statement(story, c, nxt, item.lang, published)
                self._settle(following, c, old, published)
        others = sorted(
            (r for r in readings if r is not following and r is not best),
            key=lambda r: (r.index < best.index, abs(r.index - best.index)),
        )
        folded = fold(best.text)
        for option in (
            following,
            best.moved_to(shifted_date(folded, best.text, [], c, published)),
            *others,
            best.moved_to(shifted_date(folded, best.text, old, c, published, late=True)),
        ):
            if (
                option is not None
                and option.forecast is not None
                and option.signal not in (Signal.COMPLETION, Signal.CANCELLATION)
                and not option.reading.negated
                and option.verdict != "history"
            ):
                return option
        return None


def _rank(r: Statement, published: date) -> tuple[float, bool, bool, bool, float, int]:
    rank = _RANK[r.signal]
    if r.verdict == "slip" and r.signal in (Signal.PROGRESS, Signal.MENTION):
        rank = _DERIVED_SLIP_RANK
    elif r.signal is Signal.COMPLETION and r.mention is None:
        rank = _BACKGROUND_COMPLETION_RANK  # "the work was completed": often a step of it
    elif r.signal is Signal.DELAY and r.forecast is None and r.mention is None:
        rank = _BACKGROUND_DELAY_RANK  # "… opened. The project was delayed by the pandemic"
    return (
        rank,
        r.forecast is None,
        r.forecast is not None and r.forecast.start <= published,  # "as of early February"
        r.mention is None,
        -(r.mention.score if r.mention else 0.0),
        r.index,
    )


def _newest(readings: list[Statement], forecast: DateExpr) -> Statement | None:
    """Of an item's successive delays, the last: a delay to a date later than `forecast`
    that also lies past the deadline ("pushed back to 2020 … then again to 2021")."""
    later = [
        r
        for r in readings
        if r.forecast is not None
        and r.forecast.start > forecast.start
        and r.signal is Signal.DELAY
        and not r.reading.negated
        and r.verdict == "slip"
    ]
    return (
        max(later, key=lambda r: (r.forecast.start, r.index) if r.forecast else ())
        if later
        else None
    )
