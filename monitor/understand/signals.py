"""Signals: what one sentence says happened to a commitment, with its revised date and figure.

The lexicon is data (`monitor.understand.lexicon`, one module per language): regular expressions
over folded text, grouped by what a match says (cancel, delay, late, dated, after_date, done,
risk, work, plan, event). Cue words before a term change its meaning: negation ("not delayed"
-> on track; "will not be ready", "не состоялся" -> a missed target), modality ("could be
delayed" -> risk) and the future ("will be completed in 2026" -> a plan). A sentence then reads
as its strongest term (cancellation > delay > completion > risk > progress > mention), except
that a completion outranks lateness ("the long-delayed line finally opened": met, late) and a
delay told in an earlier clause ("postponed by a day, the rocket lifted off on the 28th"); a
completion dated after publication is a plan, and a plan that names the date it replaced with
a later one ("in the fourth quarter instead of July") is a delay.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import regex

from monitor.core.enums import Signal
from monitor.understand.dates import DateExpr, find_dates
from monitor.understand.language import base_code, guess
from monitor.understand.lexicon import LEXICONS
from monitor.understand.lexicon.compiled import Compiled, compiled
from monitor.understand.matching import fold
from monitor.understand.quantity import Quantity, find_quantities

_SCOPE = 5  # cue words count within this many words before a term
_DATED_AFTER = 45  # a "dated" term needs a date starting within this many characters after it
_DATED_BEFORE = 25  # "after_date" terms need one ending this close before them
_NEEDS_DATE = ("dated", "after_date")
# Words that make a relative date a future one ("next year", "l'an prochain", "в следующем году").
_FORWARD = regex.compile(
    r"\b(?:next|coming|prochain\w*|suivant\w*|следующ\w*|ближайш\w*|nachst\w*|kommend\w*|"
    r"gelecek|onumuzdeki|proxim\w*)\b|\b(?:in|within|dans|через|in|icinde) (?:\w+ )?"
    r"(?:years?|months?|weeks?|ans?|annees?|mois|лет|год\w*|месяц\w*|jahr\w*|monat\w*)\b"
)
_SLIPS = frozenset(("cancel", "delay", "late", "dated", "after_date"))
_OLD_REACH = 40  # characters before a date searched for "originally", "instead of" …
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_WORD = regex.compile(r"[\p{L}\p{N}']+")
_CLAUSE_BREAK = regex.compile(
    r"[,;:()\u2013\u2014]|\s-\s|\b(?:but|mais|но|однако|while|"
    r"whereas|tandis|aber|jedoch|ancak|fakat|ama)\b"
)
_CLAUSE_OR_AND = regex.compile(_CLAUSE_BREAK.pattern + r"|\b(?:and|et|и|und|ve)\b")
# Contractions cut into the words the cues know ("won't" -> will not, "n'est" -> n est).
_CONTRACTIONS = {"won't": ("will", "not"), "can't": ("can", "not"), "cannot": ("can", "not")}


def lexicon_lang(text: str, lang: str | None) -> str:
    """The lexicon to read `text` with: the declared code when we have a lexicon for it, else
    the guessed language's, else English's."""
    declared = base_code(lang)
    if declared in LEXICONS:
        return declared
    code = guess(text, declared)
    return code if code in LEXICONS else "en"


@dataclass(frozen=True)
class Reading:
    """The signal of one sentence and what backs it."""

    signal: Signal
    forecast: DateExpr | None
    quantity: Quantity | None
    confidence: float
    terms: tuple[str, ...]
    negated: bool
    late: bool = False  # a completion told with its lateness ("after years of delays")


@dataclass(frozen=True)
class _Term:
    kind: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class _Meaning:
    """A term once its cues are applied."""

    signal: Signal
    negated: bool
    strong: bool  # a delay stated outright, not lateness or a date's wording
    term: _Term


def _cue_words(text: str, offset: int) -> list[tuple[int, str]]:
    """(position, word) of the words of `text`, contractions cut apart."""
    out = []
    for m in _WORD.finditer(text):
        w, pos = m.group(), offset + m.start()
        if w == "no" and text[m.end() : m.end() + 1] == ".":
            continue  # "No. 1", "Line No.1": a number, not a negation
        if w in _CONTRACTIONS:
            out += [(pos, part) for part in _CONTRACTIONS[w]]
        elif w.endswith("n't") and len(w) > 3:
            out += [(pos, w[:-3]), (pos, "not")]
        else:
            out += [(pos, part) for part in w.split("'") if part]
    return out


def _find_terms(folded: str, c: Compiled) -> list[_Term]:
    found = [
        _Term(kind, m.group(), m.start(), m.end())
        for kind, pattern in c.kinds
        for m in pattern.finditer(folded)
    ]
    return sorted(found, key=lambda t: (t.start, -t.end))


def _prune(terms: list[_Term]) -> list[_Term]:
    """Drop a term that begins or ends a longer one of the same family: the longer reading
    wins ("delayed" in "long-delayed", "abandoned" in "abandoned the 2026 target", "reached"
    in "reached full capacity"). A term in the middle of a longer one is a word of its own
    ("erst" in "geht erst 2020 in Betrieb"), and a plan never hides a delay ("will now" in
    "will now open")."""
    return [
        t
        for t in terms
        if not any(
            u is not t
            and u.kind not in _NEEDS_DATE  # "pushed back to" keeps "pushed back" a delay
            and (u.kind in _SLIPS) == (t.kind in _SLIPS)
            and u.start <= t.start
            and t.end <= u.end
            and (u.start == t.start or u.end == t.end)
            and (u.end - u.start) > (t.end - t.start)
            for u in terms
        )
    ]


def _dated(term: _Term, dates: list[DateExpr]) -> bool:
    """Whether a date stands where the term needs one: after it ("not until May"), or just
    before it for "after_date" terms ("in 2021 at the earliest")."""
    if any(d.span[0] < term.end and term.start < d.span[1] for d in dates):
        return True  # the date engine read the cue as part of the date ("не раньше конца …")
    if term.kind == "after_date":
        return any(term.start - _DATED_BEFORE <= d.span[1] <= term.start + 1 for d in dates)
    return any(term.end - 2 <= d.span[0] <= term.end + _DATED_AFTER for d in dates)


def _negates_itself(term: _Term, c: Compiled) -> bool:
    """A delay pattern that opens with a negation ("not … until", "pas … avant")."""
    if term.kind not in ("delay", "dated", "after_date"):
        return False
    first = _cue_words(term.text, term.start)[:1]
    return bool(first) and bool(c.neg.match(first[0][1]))


@dataclass(frozen=True)
class _Cues:
    """The cue words around one term."""

    negated: bool
    strict: bool  # the negation is one that turns a plan into a missed target
    yet: bool
    modal: bool
    future: bool


def _cues(term: _Term, terms: list[_Term], folded: str, c: Compiled) -> _Cues:
    """Cue words before `term` in its clause (and a negation inside it, "won't open"); a
    negation belongs to the nearest term after it ("no delay is expected")."""
    breaks = list(_CLAUSE_BREAK.finditer(folded, 0, term.start))
    lo = breaks[-1].end() if breaks else 0
    words = _cue_words(folded[lo : term.start], lo)[-_SCOPE:]
    if term.kind in _INNER_NEGATION:
        words += _cue_words(term.text, term.start)
    others = [t.start for t in terms if t is not term and t.start < term.start]
    negators = {
        p for p, w in words if c.neg.match(w) and not any(p < s < term.start for s in others)
    }
    negated = bool(negators)
    strict = any(c.strict.match(w) for p, w in words if p in negators)
    if _negates_itself(term, c):
        negated = strict = False  # "ne … pas avant mars": the term holds its own negation
    after = folded[term.end : term.end + 30]
    if c.negation_after.match(after):
        negated = strict = True
    return _Cues(
        negated=negated,
        strict=strict,
        yet=negated and any(c.yet.match(w) for _, w in words),
        modal=any(c.modal.match(w) for p, w in words if p < term.start),
        future=any(c.future.match(w) for p, w in words if p < term.start)
        or bool(c.future_after.match(after)),
    )


# kind -> (signal as is, signal when negated, signal under a modal); True marks a strong delay
_SIMPLE: dict[str, tuple[tuple[Signal, bool], Signal, Signal]] = {
    "cancel": ((Signal.CANCELLATION, True), Signal.MENTION, Signal.RISK),
    "delay": ((Signal.DELAY, True), Signal.PROGRESS, Signal.RISK),  # "no delay": on track
    "late": ((Signal.DELAY, False), Signal.PROGRESS, Signal.RISK),
    "dated": ((Signal.DELAY, False), Signal.PROGRESS, Signal.RISK),
    "after_date": ((Signal.DELAY, False), Signal.PROGRESS, Signal.RISK),
    "risk": ((Signal.RISK, False), Signal.MENTION, Signal.RISK),
    "work": ((Signal.PROGRESS, False), Signal.MENTION, Signal.PROGRESS),
}
_INNER_NEGATION = frozenset(("done", "plan", "event", "work", "risk"))


def _meaning(term: _Term, cues: _Cues) -> _Meaning:
    """What a term says once its cues are applied."""
    simple = _SIMPLE.get(term.kind)
    if simple is not None:
        (signal, strong), negated_signal, modal_signal = simple
        if cues.negated:
            return _Meaning(negated_signal, True, False, term)
        if cues.modal:
            return _Meaning(modal_signal, False, False, term)
        return _Meaning(signal, False, strong, term)
    # done, plan, event: negated, a missed target ("did not open", "won't be ready in time")
    if cues.negated:
        if cues.yet or not cues.strict:
            return _Meaning(Signal.MENTION, True, False, term)
        if cues.modal:
            return _Meaning(Signal.RISK, False, False, term)
        missed = Signal.CANCELLATION if term.kind == "event" else Signal.DELAY
        return _Meaning(missed, False, True, term)
    if term.kind == "done" and not (cues.modal or cues.future):
        return _Meaning(Signal.COMPLETION, False, False, term)
    return _Meaning(Signal.PROGRESS, False, False, term)  # a plan, or a completion to come


_PRIORITY = {
    Signal.CANCELLATION: 0,
    Signal.DELAY: 1,
    Signal.COMPLETION: 2,
    Signal.RISK: 3,
    Signal.PROGRESS: 4,
    Signal.MENTION: 5,
}


def _decide(meanings: list[_Meaning], folded: str) -> tuple[Signal, bool, _Meaning | None, bool]:
    """(signal, negated, the meaning that decides, late) of a sentence."""
    if not meanings:
        return Signal.MENTION, False, None, False
    done = [x for x in meanings if x.signal is Signal.COMPLETION]
    delays = [x for x in meanings if x.signal is Signal.DELAY]
    if done and delays and not any(x.signal is Signal.CANCELLATION for x in meanings):
        last = max(x.term.start for x in done)
        # lateness modifies the event; a delay told in an earlier clause came before it
        if all(not x.strong or _earlier_clause(x, last, folded) for x in delays):
            return Signal.COMPLETION, False, min(done, key=lambda x: x.term.start), True
    top = min(meanings, key=lambda x: (_PRIORITY[x.signal], x.negated, x.term.start))
    return top.signal, top.negated, top, False


def _earlier_clause(x: _Meaning, done_at: int, folded: str) -> bool:
    return x.term.end < done_at and bool(_CLAUSE_BREAK.search(folded, x.term.end, done_at))


def _plans(
    meanings: list[_Meaning], dates: list[DateExpr], folded: str, published: date, c: Compiled
) -> list[_Meaning]:
    """A completion dated in the future is a plan: the future date's nearest term, when it is
    a completion in the same clause ("the line opens in 2027"), or a completion in the same
    clause as that nearest term when it is a plan ("the start-up of unit 1 is planned for
    2026"), becomes progress."""
    future = [
        d
        for d in dates
        if d.start > published
        and not _is_old(d, folded, c)
        # a bare day or month resolves forward: "was commissioned in May" is no plan
        and (not d.relative or bool(_FORWARD.search(fold(d.text))))
    ]
    planned = set()
    for d in future:
        near = min(meanings, key=lambda x: _gap(x.term, d))
        date_term = _Term("date", "", d.span[0], d.span[1])
        if near.signal is Signal.COMPLETION and _same_clause(near.term, date_term, folded):
            planned.add(id(near))
        elif near.term.kind == "plan" and near.signal is Signal.PROGRESS:
            planned |= {
                id(x)
                for x in meanings
                if x.signal is Signal.COMPLETION and _same_clause(x.term, near.term, folded)
            }
    return [
        _Meaning(Signal.PROGRESS, False, False, x.term) if id(x) in planned else x for x in meanings
    ]


def _same_clause(a: _Term, b: _Term, folded: str) -> bool:
    lo, hi = min(a.end, b.end), max(a.start, b.start)
    return lo >= hi or not _CLAUSE_OR_AND.search(folded, lo, hi)


def _gap(term: _Term, d: DateExpr) -> int:
    if d.span[0] >= term.end:
        return d.span[0] - term.end
    if d.span[1] <= term.start:
        return term.start - d.span[1]
    return 0


def _is_old(d: DateExpr, folded: str, c: Compiled) -> bool:
    before = folded[max(0, d.span[0] - _OLD_REACH) : d.span[0]]
    return bool(c.old.search(before) or c.moved_from.search(before))


def _pick_forecast(
    dates: list[DateExpr],
    folded: str,
    signal: Signal,
    published: date,
    anchor: int,
    c: Compiled,
) -> DateExpr | None:
    """The revised window a sentence gives: the latest date that is not the story's past."""
    kept = []
    for d in dates:
        if _is_old(d, folded, c):
            continue
        before = folded[max(0, d.span[0] - _OLD_REACH) : d.span[0]]
        if signal is not Signal.COMPLETION and d.end <= published:
            continue  # a window already over is history unless it dates a completion
        if signal is not Signal.COMPLETION and c.past.search(before) and d.start <= published:
            continue
        kept.append(d)
    if not kept:
        return None
    if signal is Signal.DELAY:
        after = [d for d in kept if d.span[0] >= anchor]
        if after:
            return min(after, key=lambda d: d.span[0])  # "pushed back to X": the nearest X
    return max(kept, key=lambda d: (d.start, d.end))


def _revision(dates: list[DateExpr], folded: str, forecast: DateExpr | None, c: Compiled) -> bool:
    """Whether the sentence sets a later date against the one it replaced ("expected in the
    fourth quarter instead of July", "initially planned for 2019 … now 2021")."""
    if forecast is None:
        return False
    old = [
        d
        for d in dates
        if c.old.search(folded[max(0, d.span[0] - _OLD_REACH) : d.span[0]]) and d is not forecast
    ]
    return bool(old) and forecast.start >= max(d.end for d in old)


def read_sentence(sentence: str, lang: str | None, published: date) -> Reading:
    """Signal, revised window, figure and terms of one sentence, read as of `published`."""
    code = lexicon_lang(sentence, lang)
    c = compiled(code)
    plain = fold(sentence)
    folded = plain.translate(_APOSTROPHES)  # same length: offsets hold in both
    quantities = find_quantities(sentence)
    found: list[DateExpr] | None = None

    def dates() -> list[DateExpr]:
        nonlocal found
        if found is None:
            found = [
                d
                for d in find_dates(sentence, published, code)
                if not any(q.span[0] <= d.span[0] < q.span[1] for q in quantities)
            ]
        return found

    terms = _find_terms(folded, c)
    if any(t.kind in _NEEDS_DATE for t in terms):
        terms = [t for t in terms if t.kind not in _NEEDS_DATE or _dated(t, dates())]
    terms = _prune(terms)
    meanings = [_meaning(t, _cues(t, terms, folded, c)) for t in terms]
    if any(x.signal is Signal.COMPLETION for x in meanings):
        meanings = _plans(meanings, dates(), folded, published, c)
    signal, negated, top, late = _decide(meanings, folded)
    anchor = top.term.start if top else 0
    forecast = None
    # A date is a forecast only when the sentence speaks of the project's course.
    revisable = signal in (Signal.PROGRESS, Signal.MENTION) and not negated
    if (signal is not Signal.MENTION and not negated) or (revisable and c.old_any.search(folded)):
        forecast = _pick_forecast(dates(), folded, signal, published, anchor, c)
    if revisable and _revision(dates() if forecast else [], folded, forecast, c):
        signal = Signal.DELAY
    elif signal is Signal.MENTION:
        forecast = None  # a year next to an alias is not a revised date
    used = _used(meanings, signal, plain)
    confidence = 0.5 if signal is Signal.MENTION else 0.8
    if forecast is not None:
        confidence += 0.1
    if negated:
        confidence -= 0.1
    return Reading(
        signal,
        forecast,
        quantities[0] if quantities else None,
        round(confidence, 2),
        used,
        negated,
        late,
    )


def _used(meanings: list[_Meaning], signal: Signal, plain: str) -> tuple[str, ...]:
    """The terms behind the signal, in text order, as the folded sentence spells them."""
    wanted = {signal, Signal.DELAY} if signal is Signal.COMPLETION else {signal}
    return tuple(
        dict.fromkeys(plain[x.term.start : x.term.end] for x in meanings if x.signal in wanted)
    )
