"""Calendar windows [start, end) for the units the engine speaks of; pure arithmetic."""

from __future__ import annotations

from datetime import date, timedelta

Window = tuple[date, date]

# Meteorological seasons, northern hemisphere: first month of each.
SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}


def add_months(day: date, count: int) -> date:
    """`day` moved by `count` calendar months, the day clamped to the target month's length."""
    index = day.year * 12 + day.month - 1 + count
    year, month = divmod(index, 12)
    month += 1
    last = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


def months(year: int, first_month: int, count: int) -> Window:
    """`count` whole months starting at (year, first_month); months past 12 roll into next years."""
    start = add_months(date(year, 1, 1), first_month - 1)
    return start, add_months(start, count)


def year_window(year: int, count: int = 1) -> Window:
    return date(year, 1, 1), date(year + count, 1, 1)


def part_of_year(year: int, unit_months: int, index: int) -> Window:
    """The index-th (1-based) slice of `unit_months` months: quarter 3, third 4, half 6."""
    return months(year, (index - 1) * unit_months + 1, unit_months)


def season_window(year: int, season: str) -> Window:
    """Winter `year` starts in December of `year` and runs into the next year."""
    return months(year, SEASON_START[season], 3)


def season_year(ref: date, season: str) -> int:
    """The year of the season in the season-year holding `ref` (Jan/Feb: last winter)."""
    if season == "winter" and ref.month <= 2:
        return ref.year - 1
    return ref.year


def month_thirds(year: int, month: int, index: int) -> Window:
    """Early (1st-10th), mid (11th-20th) or late (21st-end) part of a month."""
    start = date(year, month, 1)
    if index == 1:
        return start, start + timedelta(days=10)
    if index == 2:
        return start + timedelta(days=10), start + timedelta(days=20)
    return start + timedelta(days=20), add_months(start, 1)


def week_window(ref: date, offset: int = 0) -> Window:
    """ISO week (Monday first) holding `ref`, moved by `offset` weeks."""
    start = ref - timedelta(days=ref.weekday()) + timedelta(weeks=offset)
    return start, start + timedelta(days=7)


def shift(ref: date, unit: str, count: int) -> date:
    """`ref` moved by `count` units (day, week, month, season, quarter, half, year, decade)."""
    if unit == "day":
        return ref + timedelta(days=count)
    if unit == "week":
        return ref + timedelta(weeks=count)
    return add_months(ref, count * UNIT_MONTHS[unit])


UNIT_MONTHS = {"month": 1, "season": 3, "quarter": 3, "half": 6, "year": 12, "decade": 120}


def unit_window(ref: date, unit: str, offset: int = 0, count: int = 1) -> Window:
    """`count` whole calendar units starting `offset` units from the one holding `ref`."""
    if unit == "day":
        start = ref + timedelta(days=offset)
        return start, start + timedelta(days=count)
    if unit == "week":
        start = week_window(ref, offset)[0]
        return start, start + timedelta(weeks=count)
    size = UNIT_MONTHS[unit]
    if unit == "season":  # seasons start in December, March, June, September
        base = add_months(ref.replace(day=1), -(ref.month % 3))
    else:
        first = (ref.month - 1) // size * size + 1 if size < 12 else 1
        base = date(ref.year - (ref.year % 10 if unit == "decade" else 0), first, 1)
    start = add_months(base, offset * size)
    return start, add_months(start, count * size)
