"""What one sentence of an item says about one commitment, read at the level of the item.

The signal reader (`monitor.understand.signals.read_sentence`) reads a sentence alone; here its
reading is completed with what the item tells: old plans named elsewhere, the commitment's own
aliases and deadline, announcement days, lengths of delay, open ends and plans without signal
words (`monitor.understand.revision`). Pure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import regex

from monitor.core.commitment import Commitment
from monitor.core.enums import Grain, Signal
from monitor.understand.dates import DateExpr, find_dates
from monitor.understand.matching import Mention, fold
from monitor.understand.quantity import find_quantities, same_dimension
from monitor.understand.revision import (
    NOW,
    PAST,
    PLAN,
    REPORTED,
    find_shift,
    is_old_plan,
    open_reading,
    roll_forward,
    shift_spans,
    shifted,
)
from monitor.understand.signals import Reading, lexicon_lang, read_sentence
from monitor.understand.story import Story, focus

_YEAR = regex.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


@dataclass
class Statement:
    """One sentence (or clause) read for one commitment, with the item-level date."""

    index: int
    text: str
    reading: Reading
    signal: Signal
    forecast: DateExpr | None
    mention: Mention | None  # None: the sentence refers back without naming it
    old: list[DateExpr]  # windows the text marks as the past plan
    dates: tuple[DateExpr, ...]  # every window of `text`
    verdict: str | None = None  # the slip rule's, set by the judge

    def moved_to(self, forecast: DateExpr | None) -> Statement | None:
        """This statement with another forecast (a length of delay applied), or None."""
        if forecast is None:
            return None
        return Statement(
            self.index, self.text, self.reading, self.signal, forecast, self.mention, [], ()
        )


def read_statement(
    story: Story, c: Commitment, i: int, lang: str | None, published: date
) -> Statement:
    """Sentence `i` read for commitment `c`: the whole sentence, or the clause about `c`
    when the sentence names other commitments too."""
    mention = story.named[i].get(c.id)
    alone = set(story.named[i]) <= {c.id}
    text = focus(mention, c) if mention and not alone else story.sentences[i]
    reading = _read_cached(text, lang, published)
    dates = _dates(text, lang, published)
    folded = fold(text)
    old = [d for d in dates if is_old_plan(folded, d)]
    signal = against_target(c, reading)
    return Statement(i, text, reading, signal, reading.forecast, mention, old, dates)


def settle(st: Statement, c: Commitment, old: list[DateExpr], published: date) -> None:
    """The item-level date of one statement: old plans, announcement days and aliases ("the
    2030 ban") are not forecasts; open ends; a plan in a sentence without a signal word; a
    delay by a length of time from the plan the item names; a bare month after the old plan."""
    folded = fold(st.text)
    _pick(st, _fresh(st, c, published), folded, published)
    if (
        st.signal is Signal.COMPLETION
        and st.forecast is not None
        and st.forecast.start > published
        and not st.forecast.relative  # "opened in late October": read forward, but past
    ):
        st.signal = Signal.PROGRESS  # an opening still to come is a plan
    if st.forecast is not None:
        st.forecast = open_reading(folded, st.forecast)
        if st.signal is Signal.DELAY:
            st.forecast = roll_forward(st.forecast, old)
    elif st.signal is Signal.DELAY and old:
        st.forecast = shifted_date(folded, st.text, old, c, published)


def against_target(commitment: Commitment, reading: Reading) -> Signal:
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


@lru_cache(maxsize=2048)
def _read_cached(text: str, lang: str | None, published: date) -> Reading:
    return read_sentence(text, lang, published)


@lru_cache(maxsize=2048)
def _dates(text: str, lang: str | None, published: date) -> tuple[DateExpr, ...]:
    """The date engine's windows in `text` (read in the signal lexicon's language), minus
    figures ("10 millions de tonnes")."""
    figures = [q.span for q in find_quantities(text)]
    return tuple(
        d
        for d in find_dates(text, published, lexicon_lang(text, lang))
        if not any(a <= d.span[0] < b for a, b in figures)
    )


def _fresh(r: Statement, c: Commitment, published: date) -> list[DateExpr]:
    """The windows of a reading's text that can be a forecast: not a past plan, not inside one
    of the commitment's aliases ("the 2030 ban"), not already over (unless they date a
    completion)."""
    folded = fold(r.text)
    aliases = _alias_spans(folded, c.aliases)
    durations = shift_spans(folded)
    kept = []
    for d in r.dates:
        if is_old_plan(folded, d) or any(a <= d.span[0] < b for a, b in aliases):
            continue
        if d.relative and any(a < d.span[1] and d.span[0] < b for a, b in durations):
            continue  # "a year later than planned" is a length of delay, not a date
        if d.grain in (Grain.DAY, Grain.WEEK) and REPORTED.search(
            folded[max(0, d.span[0] - 40) : d.span[0]]
        ):
            continue  # the day it was said
        if r.signal is not Signal.COMPLETION:
            before = folded[max(0, d.span[0] - 40) : d.span[0]]
            if d.end <= published or (PAST.search(before) and d.start <= published):
                continue
        kept.append(d)
    return kept


def _alias_spans(folded: str, aliases: tuple[str, ...]) -> list[tuple[int, int]]:
    spans = []
    for alias in aliases:
        key = fold(alias)
        if any(ch.isdigit() for ch in key):
            spans += [(m.start(), m.end()) for m in regex.finditer(regex.escape(key), folded)]
    return spans


def _pick(r: Statement, dates: list[DateExpr], folded: str, published: date) -> None:
    """A reading's forecast among the item-level `dates`: the signal reader's when it is one
    of them, else one chosen here; a plan makes a bare mention progress."""
    quiet = r.reading.negated and r.signal is not Signal.MENTION
    if r.forecast is not None and not any(d.span == r.forecast.span for d in dates):
        r.forecast = None  # an old plan, an announcement day, a year inside an alias
    dated = r.signal is Signal.DELAY or (r.signal in (Signal.PROGRESS, Signal.RISK) and not quiet)
    if r.forecast is None and dated:
        r.forecast = _choose(dates, r.signal, folded, r.reading)
    elif r.forecast is None and quiet and r.signal is not Signal.DELAY:
        r.forecast = _plan(dates, folded, published, negated=True)  # "n'aura pas lieu avant"
    elif r.forecast is not None and r.signal is Signal.DELAY:
        r.forecast = _latest_news(dates, r.forecast, folded)
    elif r.signal is Signal.MENTION:
        plan = _plan(dates, folded, published, negated=r.reading.negated)
        if plan is not None:
            r.signal, r.forecast = Signal.PROGRESS, plan


def _choose(
    dates: list[DateExpr], signal: Signal, folded: str, reading: Reading
) -> DateExpr | None:
    """A forecast among `dates`: after a delay word the nearest date following it (or a later
    one the text marks as the latest news: "to 2022, and now to 2023"), else the latest."""
    if not dates:
        return None
    if signal is Signal.DELAY and reading.terms:
        anchor = folded.find(fold(reading.terms[0]))
        after = sorted((d for d in dates if d.span[0] >= anchor >= 0), key=lambda d: d.span[0])
        if after:
            return _latest_news(dates, after[0], folded)
    return max(dates, key=lambda d: (d.start, d.end))


def _latest_news(dates: list[DateExpr], forecast: DateExpr, folded: str) -> DateExpr:
    """`forecast`, or a date after it in the text that "now", "then", "теперь" mark as the
    latest move ("pushed back to 2024, and now to 2025")."""
    newer = [
        d
        for d in dates
        if d.span[0] > forecast.span[1] and NOW.search(folded[forecast.span[1] : d.span[0]])
    ]
    return max(newer, key=lambda d: d.span[0]) if newer else forecast


def _plan(dates: list[DateExpr], folded: str, published: date, *, negated: bool) -> DateExpr | None:
    """A plan in a sentence without a signal word: its latest future window, when the
    sentence speaks of the future or an intention, or the window is a "by X" target or
    an open one ("pas avant mai 2019"). Relative windows ("two years later") are skipped
    when the sentence tells of an earlier year: they count from that year, not from today."""
    planned = bool(PLAN.search(folded)) and not negated
    past_year = any(int(y) < published.year for y in _YEAR.findall(folded))
    usable = [
        d
        for d in dates
        if (planned or d.deadline or open_reading(folded, d).open_end)
        and not (negated and not open_reading(folded, d).open_end)
        and not (d.relative and past_year)
    ]
    if not usable:
        return None
    return max(usable, key=lambda d: (d.start, d.end))


def shifted_date(
    folded: str,
    text: str,
    old: list[DateExpr],
    c: Commitment,
    published: date,
    *,
    late: bool = False,
) -> DateExpr | None:
    """A delay by a length of time applied to the last known window: the latest plan the
    item names, else the commitment's deadline. None when the result is already over at
    publication (the deadline was long past: the length counts from a plan we do not know)."""
    shift = find_shift(folded, text, late=late)
    if shift is None:
        return None
    base = max(old, key=lambda d: (d.start, d.end)) if old else c.deadline
    if base is None or base.vague:
        return None
    moved = shifted(base, shift)
    return moved if moved.end > published else None
