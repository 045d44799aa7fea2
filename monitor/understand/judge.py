"""Judging one news item against the commitments: which ones, what signal, did it slip.

Pure: no clock, no storage. `forecast_verdict` is the one home of the brief's slip rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Literal

import regex

from monitor.core.commitment import Commitment
from monitor.core.enums import Signal
from monitor.understand.dates import DateExpr
from monitor.understand.matching import Matcher, Mention, fold, stem
from monitor.understand.quantity import Quantity, same_dimension
from monitor.understand.signals import Reading, read_sentence

Verdict = Literal["slip", "at_risk", "consistent", "history"]

# Where one sentence joins two statements ("… achevée à la mi-2026, et que son ouverture est
# prévue pour la fin de 2028"): a comma or semicolon followed by a coordinating word, or a bare
# semicolon. Splitting at every comma would cut subjects from their verbs.
_JOIN = regex.compile(
    r"\s*(?:;|,\s*(?:et\s+que|et|mais|tandis\s+que|alors\s+que|and|but|while|whereas|"
    r"а|но|и|однако|тогда\s+как))\s+",
    regex.IGNORECASE,
)
_WORD = regex.compile(r"\w+")

# Which sentence of an item carries the verdict: the strongest signal, a dated one first.
_RANK = {
    Signal.CANCELLATION: 0,
    Signal.DELAY: 0,
    Signal.COMPLETION: 1,
    Signal.RISK: 2,
    Signal.PROGRESS: 3,
    Signal.MENTION: 4,
}


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
    """What one item says about one commitment, with the exact sentence that says it."""

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
    def slip(self) -> bool:
        """Whether this finding says the commitment slipped (the slip rule's verdict)."""
        return self.verdict == "slip"


def forecast_verdict(
    commitment: Commitment, signal: Signal, forecast: DateExpr | None, published: date
) -> Verdict | None:
    """The slip rule. "slip": the revised window starts at or after the deadline window's end;
    "at_risk": a delay without a date, or a later window overlapping the deadline reported with
    delay words; "history": evidence older than the promise, or about a time before it;
    None: nothing to compare."""
    if published < commitment.stated:
        return "history" if forecast is not None or signal is Signal.DELAY else None
    if forecast is not None and forecast.end <= commitment.stated:
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
    if forecast.end > deadline.end:
        return "at_risk" if signal in (Signal.DELAY, Signal.RISK) else "consistent"
    return "consistent"


def _against_target(commitment: Commitment, reading: Reading) -> Signal:
    """A figure in the target's unit turns a bare mention into progress, or a completion
    when it reaches the target."""
    q, target = reading.quantity, commitment.target
    if q is None or target is None or not same_dimension(q.unit, target.unit):
        return reading.signal
    if reading.signal in (Signal.MENTION, Signal.PROGRESS, Signal.COMPLETION):
        if q.value >= target.value and reading.signal is not Signal.MENTION:
            return Signal.COMPLETION if reading.forecast is None else Signal.PROGRESS
        if q.value < target.value:
            return Signal.PROGRESS
    return reading.signal


class Judge:
    """Judges items against a fixed set of commitments (one matcher built once)."""

    def __init__(self, commitments: Sequence[Commitment]) -> None:
        self._commitments = {c.id: c for c in commitments}
        self._matcher = Matcher(commitments)

    def judge(self, item: ItemText) -> list[Finding]:
        """One finding per commitment the item mentions, best match first."""
        published = item.published.date()
        readings: dict[str, Reading] = {}
        best: dict[str, tuple[tuple[float, ...], Mention, Reading]] = {}
        for mention in self._matcher.find(item.title, item.text):
            clause = self._focus(mention)
            reading = readings.get(clause)
            if reading is None:
                reading = read_sentence(clause, item.lang, published)
                readings[clause] = reading
            rank = (
                _RANK[reading.signal],
                reading.forecast is None,
                -mention.score,
                mention.sentence_index,
            )
            current = best.get(mention.commitment_id)
            if current is None or rank < current[0]:
                best[mention.commitment_id] = (rank, mention, reading)
        findings = []
        for cid, (_, mention, reading) in best.items():
            commitment = self._commitments[cid]
            signal = _against_target(commitment, reading)
            verdict = forecast_verdict(commitment, signal, reading.forecast, published)
            score = round(0.7 * mention.score + 0.3 * reading.confidence, 3)
            findings.append(
                Finding(
                    cid,
                    signal,
                    reading.forecast,
                    mention.sentence,
                    score,
                    reading.quantity,
                    tuple(dict.fromkeys(mention.terms + reading.terms)),
                    item.lang,
                    verdict,
                )
            )
        return sorted(findings, key=lambda f: (-f.score, f.commitment_id))

    def _focus(self, mention: Mention) -> str:
        """The part of the mention's sentence that speaks of this commitment: when the sentence
        joins several statements, the one holding the commitment's context words (else its
        alias); the whole sentence when nothing tells them apart."""
        parts = _clauses(mention.sentence)
        if len(parts) == 1:
            return mention.sentence
        keys = _context_keys(self._commitments[mention.commitment_id].context)
        with_context = [p for p in parts if keys & _keys(p)]
        if len(with_context) == 1:
            return with_context[0]
        if with_context:
            return mention.sentence
        return next(
            (p for p in parts if mention.alias.casefold() in p.casefold()), mention.sentence
        )


def _clauses(sentence: str) -> list[str]:
    return [p for p in _JOIN.split(sentence) if p and p.strip()]


def _keys(text: str) -> set[str]:
    return {stem(w) for w in _WORD.findall(fold(text))}


@lru_cache(maxsize=4096)
def _context_keys(context: tuple[str, ...]) -> frozenset[str]:
    """Single-word context terms as matching keys (multi-word ones are left to the matcher)."""
    return frozenset(stem(fold(w)) for w in context if _WORD.fullmatch(fold(w)))
