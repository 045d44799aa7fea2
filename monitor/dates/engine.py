"""The date engine: run a language's rules over a text, resolve each match against `ref`, keep the
longest non-overlapping matches, join ranges, and mark deadline forms. Pure: no I/O, no clock."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from monitor.dates import calendar as cal
from monitor.dates.grammar import Grammar, Rule, grammar_for
from monitor.enums import Grain

Window = cal.Window

# Default horizons (months from ref) of phrases with no calendar anchor; see docs/dates.md.
HORIZONS = {"soon": 12, "short": 24, "medium": 60, "long": 120, "months": 6, "years": 60, "decade": 120}
UNIT_GRAIN = {
    "day": Grain.DAY, "week": Grain.WEEK, "month": Grain.MONTH, "quarter": Grain.QUARTER,
    "half": Grain.HALF, "year": Grain.YEAR, "decade": Grain.DECADE,
}
COARSENESS = [Grain.DAY, Grain.WEEK, Grain.MONTH, Grain.SEASON, Grain.QUARTER, Grain.THIRD,
              Grain.HALF, Grain.YEAR, Grain.DECADE, Grain.CENTURY, Grain.VAGUE]
_SAME_LENGTH = str.maketrans({"’": "'", "ʼ": "'", "\u00a0": " ", "\u202f": " "})
_MONEY_BEFORE = re.compile(r"[$€£¥₽]\s*$")
_CODE_BEFORE = re.compile(r"[^\W\d_]-$")  # COVID-2019, A-2026: part of a name


@dataclass
class Cand:
    """A resolved match: character span, window and how it was read."""

    s: int
    e: int
    start: date
    end: date
    grain: Grain
    rank: int = 0
    vague: bool = False
    deadline: bool = False
    relative: bool = False
    year: int | None = None  # the year number written in the phrase, if any
    rebase: Callable[[int], Window] | None = None  # the same phrase put in another year


@dataclass(frozen=True)
class Reading:
    window: Window
    grain: Grain
    relative: bool = False
    year: int | None = None
    rebase: Callable[[int], Window] | None = None
    vague: bool = False
    deadline: bool = False


def find(text: str, ref: date, lang: str) -> list[Cand]:
    """All date expressions in `text` as candidates, in text order."""
    g = grammar_for(lang)
    work = text.translate(_SAME_LENGTH)
    found: list[Cand] = []
    for rank, rule in enumerate(g.rules):
        for m in rule.regex.finditer(work):
            if not _licensed(g, rule, m, work):
                continue
            reading = _resolve(g, rule.kind, m, ref)
            if reading is not None:
                found.append(_cand(m, rank, reading))
    chosen = _longest_first(found)
    merged = _join_ranges(g, chosen, work)
    for cand in merged:
        _mark_deadline(g, cand, work, ref)
    return merged


def _cand(m: re.Match[str], rank: int, r: Reading) -> Cand:
    return Cand(m.start(), m.end(), r.window[0], r.window[1], r.grain, rank, r.vague, r.deadline,
                r.relative, r.year, r.rebase)


def _licensed(g: Grammar, rule: Rule, m: re.Match[str], work: str) -> bool:
    """Reject matches that are words or numbers of another kind (modal "may", "10 000 tonnes")."""
    before = work[max(0, m.start() - 24):m.start()]
    month = m.groupdict().get("month")
    if month and g.capital and g.capital.fullmatch(month) and month[0].islower():
        return False
    word = month or m.groupdict().get("season")
    if rule.bare and word and g.risky and g.risky.fullmatch(word):
        return bool(g.lead and g.lead.search(before))
    if rule.kind == "year" and m.group().isdigit():
        after = work[m.end():m.end() + 30]
        if g.quantity.match(after) or _MONEY_BEFORE.search(before) or _CODE_BEFORE.search(before):
            return False
        return not (g.identifier and g.identifier.search(before))
    return True


def _year(g: Grammar, m: re.Match[str], ref: date) -> tuple[int, bool] | None:
    """(year, relative) from the year slot of a match, if it has one."""
    d = m.groupdict()
    if d.get("y"):
        return int(d["y"]), False
    if d.get("yy"):
        return 2000 + int(d["yy"]), False
    if d.get("yrel"):
        return ref.year + (g.rel.search(d["yrel"]) or 0), True
    if d.get("ygen"):
        return ref.year, True
    return None


def _upcoming_year(ref: date, month: int) -> int:
    """A month named without a year: this year's unless it is already past, then next year's."""
    return ref.year if month >= ref.month else ref.year + 1


def _resolve(g: Grammar, kind: str, m: re.Match[str], ref: date) -> Reading | None:
    d = m.groupdict()
    found = _year(g, m, ref)
    explicit = int(d["y"]) if d.get("y") else None
    if kind in ("year", "part_year", "part_year_fused", "later_year", "decade", "vague"):
        return _resolve_yearish(g, kind, d, ref, found)
    if kind in ("half", "quarter", "code"):
        return _resolve_part(g, kind, d, ref, found)
    if kind in ("within", "shift", "ago", "next_n", "last_n", "rel_unit"):
        return _resolve_count(g, kind, d, ref)
    if kind == "season":
        return _resolve_season(g, d, ref, found)
    if kind in ("month", "part_month", "day"):
        return _resolve_month(g, kind, d, ref, found, explicit)
    return _resolve_numeric(g, kind, d)


def _resolve_yearish(g: Grammar, kind: str, d: dict[str, str], ref: date,
                     found: tuple[int, bool] | None) -> Reading | None:
    if kind == "vague":
        key = g.vague.get(d["vague"]) or "soon"
        grain = Grain.DECADE if key == "decade" else Grain.VAGUE
        return Reading((ref, cal.add_months(ref, HORIZONS[key])), grain, True, vague=True)
    if kind == "later_year":
        return Reading((ref, date(ref.year + 1, 1, 1)), Grain.YEAR, True)
    if kind == "decade":
        first = int(d["dec"])
        return Reading(cal.year_window(first, 10), Grain.DECADE, year=first)
    if kind == "part_year_fused":
        index = 3 if d["fused"].lower() == "eoy" else 1
        return Reading(cal.part_of_year(ref.year, 4, index), Grain.THIRD, True)
    if found is None:
        return None
    year, relative = found
    explicit = None if relative else year
    if kind == "year":
        return Reading(cal.year_window(year), Grain.YEAR, relative, explicit)
    index = g.parts.get(d["part"]) or 1
    return Reading(cal.part_of_year(year, 4, index), Grain.THIRD, relative, explicit)


def _resolve_part(g: Grammar, kind: str, d: dict[str, str], ref: date,
                  found: tuple[int, bool] | None) -> Reading | None:
    if kind == "code":
        unit = g.lex.codes.get(d["code"].upper())
        if unit is None or (found is None and d["code"].upper() not in "QH"):
            return None
        kind = unit
    index = int(d["cn"]) if d.get("cn") else g.ordinals.get(d.get("ord") or "")
    size = 6 if kind == "half" else 3
    if not index or index * size > 12:
        return None
    year, relative = found or (ref.year, True)
    grain = Grain.HALF if kind == "half" else Grain.QUARTER
    return Reading(cal.part_of_year(year, size, index), grain, relative, None if relative else year)


def _count(g: Grammar, text: str) -> int | None:
    return int(text) if text.isdigit() else g.numbers.get(text)


def _resolve_count(g: Grammar, kind: str, d: dict[str, str], ref: date) -> Reading | None:
    unit = g.units.get(d["unit"])
    if unit is None:
        return None
    grain = UNIT_GRAIN[unit]
    if kind == "rel_unit":
        offset = g.rel.get(d.get("rel") or d.get("relpost") or "")
        if offset is None:
            return None
        return Reading(cal.unit_window(ref, unit, offset), grain, True)
    n = _count(g, d["num"])
    if not n or n > 100:
        return None
    if kind == "within":
        return Reading((ref, cal.shift(ref, unit, n)), grain, True, deadline=True)
    if kind == "next_n":
        return Reading(cal.unit_window(ref, unit, 1, n), grain, True)
    if kind == "last_n":
        return Reading(cal.unit_window(ref, unit, -n, n), grain, True)
    target = cal.shift(ref, unit, n if kind == "shift" else -n)
    if unit == "day":
        return Reading((target, target + timedelta(days=1)), Grain.DAY, True)
    if unit == "week":
        return Reading(cal.week_window(target), Grain.WEEK, True)
    return Reading(cal.months(target.year, target.month, 1), Grain.MONTH, True)


def _resolve_season(g: Grammar, d: dict[str, str], ref: date,
                    found: tuple[int, bool] | None) -> Reading | None:
    season = g.seasons.get(d["season"])
    if season is None:
        return None
    if found is not None and not d.get("rel"):
        year, relative = found
        return Reading(cal.season_window(year, season), Grain.SEASON, relative, None if relative else year)
    offset = g.rel.get(d.get("rel") or d.get("relpost") or "") or 0
    window = cal.season_window(cal.season_year(ref, season), season)
    if offset > 0 and window[0] <= ref:
        window = cal.season_window(window[0].year + 1, season)
    elif offset < 0:
        year = window[0].year if window[1] <= ref else window[0].year - 1
        window = cal.season_window(year, season)
    return Reading(window, Grain.SEASON, True)


def _resolve_month(g: Grammar, kind: str, d: dict[str, str], ref: date,
                   found: tuple[int, bool] | None, explicit: int | None) -> Reading | None:
    if d.get("mgen"):
        first = cal.add_months(ref.replace(day=1), g.rel.get(d.get("rel") or d.get("relpost") or "") or 0)
        ref, found = first, (first.year, True)
    month = ref.month if d.get("mgen") else g.months.get(d["month"])
    if month is None:
        return None
    if found is not None:
        year, relative = found
    elif d.get("rel"):
        offset = g.rel.get(d["rel"]) or 0
        year, relative = ref.year + _month_year_shift(ref, month, offset), True
    else:
        year, relative = _upcoming_year(ref, month), True
    if kind == "month":
        return Reading(cal.months(year, month, 1), Grain.MONTH, relative, explicit,
                       lambda y: cal.months(y, month, 1))
    if kind == "part_month":
        index = g.parts.get(d["part"]) or 1
        return Reading(cal.month_thirds(year, month, index), Grain.THIRD, relative, explicit,
                       lambda y: cal.month_thirds(y, month, index))
    day = int(d["day"])
    try:
        first = date(year, month, day)
    except ValueError:
        return None
    return Reading((first, first + timedelta(days=1)), Grain.DAY, relative, explicit,
                   lambda y: _day_window(y, month, day))


def _month_year_shift(ref: date, month: int, offset: int) -> int:
    if offset > 0:
        return 0 if month > ref.month else 1
    if offset < 0:
        return 0 if month < ref.month else -1
    return 0


def _day_window(year: int, month: int, day: int) -> Window:
    first = date(year, month, min(day, 28 if month == 2 else day))
    return first, first + timedelta(days=1)


def _resolve_numeric(g: Grammar, kind: str, d: dict[str, str]) -> Reading | None:
    year = int(d["y"])
    if kind == "num_month":
        return Reading(cal.months(year, int(d["m"]), 1), Grain.MONTH, year=year)
    if kind == "year_month":
        value = int(d["m"])
        short = year % 100
        if value == short + 1 or (value > short and value > 12):
            return Reading(cal.year_window(year, value - short + 1), Grain.YEAR, year=year)
        if 1 <= value <= 12:
            return Reading(cal.months(year, value, 1), Grain.MONTH, year=year)
        return None
    if kind == "iso_day":
        month, day = int(d["m"]), int(d["d"])
    else:
        a, b = int(d["a"]), int(d["b"])
        dotted = "." in d.get("sep", "")
        day_first = g.lex.day_first or dotted or a > 12
        day, month = (a, b) if day_first and b <= 12 else (b, a)
    try:
        first = date(year, month, day)
    except ValueError:
        return None
    return Reading((first, first + timedelta(days=1)), Grain.DAY, year=year)


def _longest_first(found: list[Cand]) -> list[Cand]:
    taken: list[Cand] = []
    for cand in sorted(found, key=lambda c: (c.s - c.e, c.rank, c.s)):
        if all(cand.e <= t.s or cand.s >= t.e for t in taken):
            taken.append(cand)
    return sorted(taken, key=lambda c: c.s)


def _join_ranges(g: Grammar, cands: list[Cand], work: str) -> list[Cand]:
    """'2027–2028', 'between 2029 and 2030', 'du 5 au 7 mai': one window covering both ends."""
    out: list[Cand] = []
    for cand in cands:
        prev = out[-1] if out else None
        if prev is not None and not prev.vague and not cand.vague:
            lead_s = _range_start(g, prev, cand, work)
            if lead_s is not None:
                out[-1] = _merge(prev, cand, lead_s)
                continue
        out.append(cand)
    return out


def _range_start(g: Grammar, a: Cand, b: Cand, work: str) -> int | None:
    """Where the range a..b starts (its lead word, if any), or None when a and b are no range."""
    between = work[a.e:b.s]
    before_s = max(0, a.s - 16)
    start, paired = a.s, False
    for lead_re, conn_re in g.ranges:
        lead = lead_re.search(work[before_s:a.s])
        if lead:
            start = before_s + lead.start()
            paired = bool(conn_re.fullmatch(between))
            break
    if not paired and not (g.range_free and g.range_free.fullmatch(between)):
        return None
    worded = any(ch.isalpha() for ch in between)
    if worded and g.revision and g.revision.search(work[max(0, start - 40):start]):
        return None  # "postponed from 2028 to 2030": two dates, the old and the new
    return start


def _merge(a: Cand, b: Cand, s: int) -> Cand:
    (start, end), relative = (a.start, a.end), a.relative
    anchor = b.year if b.year is not None else b.start.year
    if a.rebase is not None and a.year is None and (b.year is not None or start > b.start):
        # "from May to October 2020", "between August and October": a takes b's year, or the one before
        start, end = a.rebase(anchor)
        if start > b.start:
            start, end = a.rebase(anchor - 1)
        relative = b.year is None
    grain = a.grain if a.grain == b.grain else max(a.grain, b.grain, key=COARSENESS.index)
    return Cand(s, b.e, min(start, b.start), max(end, b.end), grain, a.rank,
                relative=relative or b.relative, year=b.year)


def _mark_deadline(g: Grammar, cand: Cand, work: str, ref: date) -> None:
    """'by X' keeps X's window (its end is the deadline); 'before X' ends where X starts."""
    before_s = max(0, cand.s - 40)
    before = work[before_s:cand.s]
    strict = g.deadline_strict.search(before) if g.deadline_strict else None
    if strict and g.parts.search(work[cand.s:cand.e]) == 3:
        strict = None  # "before the end of 2028" means by the end of 2028
    found = strict or (g.deadline.search(before) if g.deadline else None)
    if found:
        cand.deadline = True
        cand.s = before_s + found.start()
    if strict:
        cand.start, cand.end = min(ref, cand.start), cand.start
        cand.relative = True
