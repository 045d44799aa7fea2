"""Resolving one rule match against `ref`: the window, grain and flags a phrase denotes."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from monitor.core.enums import Grain
from monitor.understand.dates import calendar as cal
from monitor.understand.dates.grammar import Grammar, spelled_year

Window = cal.Window

# Default horizons (months from ref) of phrases with no calendar anchor; see docs/dates.md.
HORIZONS = {
    "soon": 12,
    "short": 24,
    "medium": 60,
    "long": 120,
    "months": 6,
    "years": 60,
    "decade": 120,
}
UNIT_GRAIN = {
    "day": Grain.DAY,
    "week": Grain.WEEK,
    "month": Grain.MONTH,
    "quarter": Grain.QUARTER,
    "half": Grain.HALF,
    "year": Grain.YEAR,
    "decade": Grain.DECADE,
    "season": Grain.SEASON,
}


@dataclass(frozen=True)
class Reading:
    """What one match denotes: its window, grain, and what the phrase wrote or implied."""

    window: Window
    grain: Grain
    relative: bool = False
    year: int | None = None
    rebase: Callable[[int], Window] | None = None
    vague: bool = False
    deadline: bool = False


def _year(g: Grammar, m: re.Match[str], ref: date) -> tuple[int, bool] | None:
    """(year, relative) from the year slot of a match, if it has one."""
    d = m.groupdict()
    if d.get("y"):
        return int(d["y"]), False
    if d.get("yy"):
        return 2000 + int(d["yy"]), False
    if d.get("y2"):
        # "April of 87", "juillet 98": the century that puts it at most 20 years ahead of ref
        year = 2000 + int(d["y2"])
        return (year if year <= ref.year + 20 else year - 100), False
    if d.get("ysp"):
        spelled = spelled_year(g.lex, d["ysp"])
        return None if spelled is None else (spelled, False)
    if d.get("yrel"):
        return ref.year + (g.rel.search(d["yrel"]) or 0), True
    if d.get("ygen"):
        return ref.year, True
    return None


def _upcoming_year(ref: date, month: int) -> int:
    """A month named without a year: this year's unless it is already past, then next year's."""
    return ref.year if month >= ref.month else ref.year + 1


def resolve(g: Grammar, kind: str, m: re.Match[str], ref: date) -> Reading | None:
    """What the match of a rule of this kind denotes at `ref`; None when it is no date."""
    d = m.groupdict()
    found = _year(g, m, ref)
    if found is None and (d.get("ysp") or d.get("y2")):
        return None
    explicit = found[0] if found and not found[1] else None
    if kind in ("year", "part_year", "part_year_fused", "later_year", "decade", "vague"):
        return _resolve_yearish(g, kind, d, ref, found)
    if kind in ("half", "quarter", "code"):
        return _resolve_part(g, kind, d, ref, found)
    if kind in ("within", "shift", "ago", "next_n", "last_n", "rel_unit"):
        return _resolve_count(g, kind, d, ref)
    if kind == "season":
        return _resolve_season(g, d, ref, found)
    if kind in ("month", "part_month", "day", "month_ord"):
        return _resolve_month(g, kind, d, ref, found, explicit)
    return _resolve_numeric(g, kind, d)


def _resolve_yearish(
    g: Grammar, kind: str, d: dict[str, str], ref: date, found: tuple[int, bool] | None
) -> Reading | None:
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


def _resolve_part(
    g: Grammar, kind: str, d: dict[str, str], ref: date, found: tuple[int, bool] | None
) -> Reading | None:
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


def _resolve_season(
    g: Grammar, d: dict[str, str], ref: date, found: tuple[int, bool] | None
) -> Reading | None:
    season = g.seasons.get(d["season"])
    if season is None:
        return None
    if found is not None and not d.get("rel"):
        year, relative = found
        window = cal.season_window(year, season)
        return Reading(window, Grain.SEASON, relative, None if relative else year)
    offset = g.rel.get(d.get("rel") or d.get("relpost") or "") or 0
    window = cal.season_window(cal.season_year(ref, season), season)
    if offset > 0 and window[0] <= ref:
        window = cal.season_window(window[0].year + 1, season)
    elif offset < 0:
        year = window[0].year if window[1] <= ref else window[0].year - 1
        window = cal.season_window(year, season)
    return Reading(window, Grain.SEASON, True)


def _resolve_month(
    g: Grammar,
    kind: str,
    d: dict[str, str],
    ref: date,
    found: tuple[int, bool] | None,
    explicit: int | None,
) -> Reading | None:
    if d.get("mgen"):
        offset = g.rel.get(d.get("rel") or d.get("relpost") or "") or 0
        first = cal.add_months(ref.replace(day=1), offset)
        ref, found = first, (first.year, True)
    if kind == "month_ord":  # "the third month of 2021"
        month, kind = g.ordinals.get(d["ord"]), "month"
    else:
        month = ref.month if d.get("mgen") else g.months.get(d["month"])
    if month is None or month > 12:
        return None
    if found is not None:
        year, relative = found
    elif d.get("rel"):
        offset = g.rel.get(d["rel"]) or 0
        year, relative = ref.year + _month_year_shift(ref, month, offset), True
    else:  # "March after next" is the March after the coming one
        year, relative = _upcoming_year(ref, month) + bool(d.get("after")), True
    if kind == "month":
        return Reading(
            cal.months(year, month, 1),
            Grain.MONTH,
            relative,
            explicit,
            lambda y: cal.months(y, month, 1),
        )
    if kind == "part_month":
        index = g.parts.get(d["part"]) or 1
        return Reading(
            cal.month_thirds(year, month, index),
            Grain.THIRD,
            relative,
            explicit,
            lambda y: cal.month_thirds(y, month, index),
        )
    day = int(d["day"])
    try:
        first = date(year, month, day)
    except ValueError:
        return None
    return Reading(
        (first, first + timedelta(days=1)),
        Grain.DAY,
        relative,
        explicit,
        lambda y: _day_window(y, month, day),
    )


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
    if kind in ("num_month", "iso_month"):
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
