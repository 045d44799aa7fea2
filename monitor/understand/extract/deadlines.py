"""The deadline and the target of a promising clause, for `monitor.understand.extract`.

A date is a deadline when it sits in the clause's proposition, does not end before the article's
date, is not the plan that was replaced ("initially 2024", "devait", "изначально", the X of
"from X to Y") and does not sit next to a past fact or a reporting verb alone. A negated date
("will not open in 2020") is none, except "not … until X" and "not … by X", which stand, and "not
… before X", which becomes X, open at its end. A figure is a target after a target cue ("porter
à", "increase to", "довести до", "capacity of") or in a stretch that itself plans.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import regex

from monitor.understand.dates import DateExpr, find_dates
from monitor.understand.extract.clauses import Clause, Rx
from monitor.understand.extract.sentence import Sentence
from monitor.understand.quantity import Quantity

_NOW_GRAINS = frozenset(("day", "week"))
_TARGET_REACH = 90  # characters between a target cue and its figure
_AS = regex.compile(r"(?:^|\s)(?:as|comme|как и|как)\s+(?:\w+\s+)?$")
_YEAR = regex.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def deadlines(found: Sentence, rx: Rx, clause: Clause, published: date) -> list[DateExpr]:
    """The clause's dates that can be deadlines, negated "before" forms turned around."""
    out: list[DateExpr] = []
    for d in found.dates:
        if not _eligible(found, clause, d, published):
            continue
        kept = _not_before(found, rx, d, published) if _negated(found, rx, clause, d) else d
        if kept is not None:
            out.append(kept)
    return out


def _eligible(found: Sentence, clause: Clause, d: DateExpr, published: date) -> bool:
    """A date is a deadline when it is in the proposition, not over before `published`, not
    the plan that was replaced, and not next to a past fact or a reporting verb alone."""
    if not clause.start <= d.span[0] < clause.b or d.end <= published:
        return False
    stretch = clause.stretch_at(d.span[0])
    if d.start <= published and str(d.grain) in _NOW_GRAINS and not stretch.plan:
        return False  # a dateline's "April 14", "this week": the present, unless planned
    fact = (stretch.past or stretch.report) and not stretch.plan and not d.deadline
    if fact and not later_year(d, published):
        return False
    return not (_old(found, clause, d) or _from_to(found, d))


def later_year(d: DateExpr, published: date) -> bool:
    """A date that writes out a year and starts after `published` ("in 2027") cannot be a
    past fact or the day of a report, whatever the verbs around it; "d'août" or "on Friday"
    can (the date engine puts a bare month or weekday in the future)."""
    return d.start > published and bool(_YEAR.search(d.text))


def _confirmed(found: Sentence, old: tuple[int, int]) -> bool:
    """ "as previously announced", "comme prévu initialement", "как и планировалось": the date
    holds, it was not replaced."""
    return bool(_AS.search(found.folded[max(0, old[0] - 12) : old[0]]))


def _old(found: Sentence, clause: Clause, d: DateExpr) -> bool:
    """The plan that was replaced: an "initially", "devait", "ожидался" between the date
    before and this one; or a date that merely continues a replaced one with no plan cue in
    between ("ожидался в 2015 году, первый пилотируемый запуск — в 2018")."""
    earlier = [e for e in found.dates if clause.a <= e.span[0] and e.span[1] <= d.span[0]]
    previous = earlier[-1] if earlier else None
    lo = previous.span[1] if previous else clause.a
    olds = [o for s in clause.stretches for o in s.olds if not _confirmed(found, o)]
    if any(lo <= a and b <= d.span[0] for a, b in olds):
        return True
    if previous is None or any(lo <= a < d.span[0] for a, _ in clause.plan):
        return False
    return _old(found, clause, previous)


def _negated(found: Sentence, rx: Rx, clause: Clause, d: DateExpr) -> bool:
    """ "will not be ready in 2014", "ne rejoindra pas son site avant mars": a negation after
    the last plan cue before the date (the date's own words do not count: "pas avant X, au
    plus tôt" is read whole by the date engine)."""
    stretch = clause.stretch_at(d.span[0])
    cues = [b for a, b in stretch.plan if b <= d.span[0]]
    lo = cues[-1] if cues else stretch.a
    lo = min(lo, max(stretch.a, d.span[0] - 60))
    return bool(rx.negation.search(found.folded, lo, d.span[0]))


def _not_before(found: Sentence, rx: Rx, d: DateExpr, published: date) -> DateExpr | None:
    """A negated date: "not … until April", "not … by 2030" stand (the engine reads the
    window); "not … before May 2019" is the window of May 2019, open at its end; any other
    ("will not happen in 2020") is no deadline."""
    lead = rx.before.match(found.folded, d.span[0])
    near = found.folded[max(0, d.span[0] - 25) : d.span[1]]
    if not lead:
        return d if d.open_end or d.deadline or rx.until.search(near) else None
    rest = found.text[lead.end() : d.span[1]]
    inner = find_dates(rest, published, rx.lang)
    if not inner:
        return None
    x = inner[0]
    a = lead.end() + x.span[0]
    return replace(x, span=(a, a + len(x.text)), open_end=True)


def _from_to(found: Sentence, d: DateExpr) -> bool:
    """The first date of "from X to Y", "de X à Y", "с X на Y": the plan that moved."""
    before = found.folded[max(0, d.span[0] - 6) : d.span[0]]
    if not regex.search(r"(?:^|\s)(?:from|de|du|d'|с|со)\s*$", before):
        return False
    after = found.folded[d.span[1] : d.span[1] + 8]
    following = [e for e in found.dates if e.span[0] >= d.span[1]]
    return bool(following) and bool(regex.match(r"\s*(?:to|a|au|на|до)\s", after))


def pick(clause: Clause, dates: list[DateExpr]) -> DateExpr | None:
    """The first date after the clause's first plan cue, else the last one before it in the
    cue's stretch or the one just before ("les sommets de 2026, qui se tiendront à Bakou"),
    or in a "by X" form."""
    cue = next((a for a, _ in clause.plan if a >= clause.start), None)
    after = [d for d in dates if cue is None or d.span[0] >= cue]
    if after or cue is None:
        return after[0] if after else None
    near = clause.stretches.index(clause.stretch_at(cue)) - 1
    before = [
        d
        for d in dates
        if d.deadline or clause.stretches.index(clause.stretch_at(d.span[0])) >= near
    ]
    return before[-1] if before else None


def target_of(found: Sentence, rx: Rx, clause: Clause) -> Quantity | None:
    """A figure the clause aims at: after a target cue ("porter à", "capacity of"), or in a
    stretch that itself promises, and never next to a past fact."""
    for q in found.figures:
        if not clause.a <= q.span[0] < clause.b:
            continue
        stretch = clause.stretch_at(q.span[0])
        if stretch.past and not stretch.plan:
            continue
        lo = max(clause.a, q.span[0] - _TARGET_REACH)
        if rx.target.search(found.folded, lo, q.span[0]) or stretch.plan:
            return q
    return None
