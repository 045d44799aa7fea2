"""Revised dates read at the level of a whole item, on top of the date engine's windows.

- Shifts: "pushed back by a further three months", "reporté d'un an", "сдвинули на полгода",
  "um zwei Jahre verschoben" move the last known window (the plan the text names, "originally
  slated for 2022", else the commitment's deadline) by that much.
- Open ends: "not before 2026", "pas avant 2026", "не раньше 2026", "nicht vor 2026", "2026 at
  the earliest", "au plus tôt", "frühestens" keep the window and mark its end open; "not in 2014"
  becomes 2015 onwards (open).
- Old plans: a window the text marks as the past plan ("originally", "initialement", "изначально",
  "ursprünglich", "had been expected in December") is never the forecast, is the base of a shift,
  and a bare month after it is the next one ("postponed to February" after "December").
- Plans in sentences without a signal word ("БКЛ замкнется к 2023 году"): a future window with a
  plan cue (will, prévu, будет, soll…, or a "by X" deadline) is the commitment's forecast.

Pure functions over folded text (monitor.understand.matching.fold: same length, so the date
engine's spans index it).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, timedelta

import regex

from monitor.core.enums import Grain
from monitor.understand.dates import DateExpr

# ----------------------------------------------------------------------------- durations

_NUMBERS = {
    # en
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18,
    # fr
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "dix-huit": 18,
    # ru
    "один": 1, "одна": 1, "одну": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5,
    "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10, "полтора": 1.5,
    "полторы": 1.5,
    # de
    "ein": 1, "eine": 1, "einen": 1, "einem": 1, "einer": 1, "eines": 1, "zwei": 2, "drei": 3,
    "vier": 4, "funf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10,
    "zwolf": 12, "anderthalb": 1.5, "eineinhalb": 1.5,
    # tr
    "bir": 1, "iki": 2, "uc": 3, "dort": 4, "bes": 5, "alti": 6, "yedi": 7, "sekiz": 8,
    "dokuz": 9, "on": 10,
}  # fmt: skip
# unit word (folded) -> (months, days) per one
_UNITS: dict[str, tuple[int, int]] = {}
for _words, _per in (
    ("day days jour jours день дня дней сутки суток tag tage tagen gun", (0, 1)),
    ("week weeks semaine semaines неделю недели недель woche wochen hafta", (0, 7)),
    ("month months mois месяц месяца месяцев monat monate monaten ay", (1, 0)),
    ("quarter quarters trimestre trimestres квартал квартала кварталов quartal quartale", (3, 0)),
    ("year years an ans annee annees год года лет jahr jahre jahren yil", (12, 0)),
    ("полгода", (6, 0)),
    ("hours heures часа часов stunden saat", (0, 0)),  # 24 hours: counted below
):
    for _w in _words.split():
        _UNITS[_w] = _per

_NUM = r"(?:\d{1,2}(?:[.,]5)?|" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + ")"
_UNIT = "(?:" + "|".join(sorted(_UNITS, key=len, reverse=True)) + ")"
_SEP = r"(?:\s*[-–]\s*|[\s-]+(?:to|or|a|ou|до|или|bis|oder)[\s-]+)"
_QTY = rf"(?P<lo>{_NUM})(?:{_SEP}(?P<hi>{_NUM}))?[\s-]+(?P<unit>{_UNIT})(?![\p{{L}}])"
_MORE = (
    r"(?:(?:a further|another|an additional|an extra|further|additional|about|around|nearly|"
    r"almost|roughly|some|up to|at least|more than|over|approximately|encore|plus de|pres de|"
    r"environ|quelque|еще|ещё|целых|почти|примерно|около|более чем|weitere|gut|rund|etwa|"
    r"fast|knapp|mindestens|mehr als)\s+)?"
)
_MOVE = regex.compile(
    r"(?<![\p{L}\p{N}])(?:"
    rf"(?:by|of)\s+{_MORE}{_QTY}"
    rf"|(?:de|d['’])\s*{_MORE}{_QTY}"
    rf"|на\s+{_MORE}(?:(?P<lo2>{_NUM})\s+)?(?P<unit2>{_UNIT})(?![\p{{L}}])"
    r"|(?:by|of|for)\s+(?:another|a further|an additional|an extra|yet another)\s+"
    rf"(?P<unit3>{_UNIT})(?![\p{{L}}])"
    rf"|um\s+{_MORE}{_QTY}"
    rf"|(?:additional|another|further|extra)\s+{_QTY}"
    rf"|{_QTY}\s+(?:delay|shift|slip|postponement|ertelen\w*)"
    ")",
    regex.IGNORECASE,
)
# How late the thing is, rather than how far it moved ("12 ans de retard", "two years behind").
_LATE = regex.compile(
    r"(?<![\p{L}\p{N}])(?:"
    rf"{_QTY}\s+(?:later|behind|late|de retard|supplementaires? de retard|plus tard|позже|"
    r"спустя|spater|verspatung|verzug|gecik\w*|sonra)"
    rf"|mit\s+{_QTY}\s+verspatung|с опозданием на\s+(?:(?P<lo2>{_NUM})\s+)?(?P<unit2>{_UNIT})"
    ")",
    regex.IGNORECASE,
)


@dataclass(frozen=True)
class Shift:
    """A delay by a length of time: at least `low`, at most `high`, as (months, days)."""

    low: tuple[int, int]
    high: tuple[int, int]
    text: str
    span: tuple[int, int]


def _amount(word: str | None) -> float | None:
    if word is None:
        return 1.0
    w = word.casefold()
    if w in _NUMBERS:
        return float(_NUMBERS[w])
    try:
        return float(w.replace(",", "."))
    except ValueError:
        return None


def _size(amount: float, unit: str) -> tuple[int, int] | None:
    months, days = _UNITS[unit.casefold()]
    if (months, days) == (0, 0):  # hours: whole days only
        return (0, int(amount // 24)) if amount >= 24 else None
    if months:
        return (round(amount * months), 0)
    return (0, round(amount * days))


def shift_spans(folded: str) -> list[tuple[int, int]]:
    """Where `folded` speaks of a length of delay ("a year later", "um zwei Jahre"): a date
    read there is a duration, not a date."""
    return [m.span() for p in (_MOVE, _LATE) for m in p.finditer(folded)]


def find_shift(folded: str, text: str, *, late: bool = False) -> Shift | None:
    """The first length of delay in `folded` (the folded form of `text`), if any: how far a
    date moved ("reporté de deux ans"), or with `late` how late it is ("12 ans de retard")."""
    for m in (_LATE if late else _MOVE).finditer(folded):
        groups = m.groupdict()
        unit = groups.get("unit") or groups.get("unit2") or groups.get("unit3")
        lo = _amount(groups.get("lo") if groups.get("unit") else groups.get("lo2"))
        hi = _amount(groups.get("hi")) if groups.get("hi") else lo
        if unit is None or lo is None or hi is None:
            continue
        low, high = _size(lo, unit), _size(max(lo, hi), unit)
        if low is None or high is None or low == (0, 0):
            continue
        return Shift(low, high, text[m.start() : m.end()].strip(), (m.start(), m.end()))
    return None


def add_months(day: date, months: int) -> date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _plus(day: date, size: tuple[int, int]) -> date:
    return add_months(day, size[0]) + timedelta(days=size[1])


def shifted(base: DateExpr, shift: Shift) -> DateExpr:
    """`base` moved later by `shift` (a range of lengths widens the window)."""
    return DateExpr(
        shift.text,
        _plus(base.start, shift.low),
        _plus(base.end, shift.high),
        base.grain,
        base.vague,
        False,
        True,
        shift.span,
    )


_GRAIN_MONTHS = {
    Grain.MONTH: 1,
    Grain.SEASON: 3,
    Grain.QUARTER: 3,
    Grain.THIRD: 4,
    Grain.HALF: 6,
    Grain.YEAR: 12,
    Grain.DECADE: 120,
}


def period_after(d: DateExpr) -> DateExpr:
    """The period of `d`'s grain that starts where `d` ends ("not in 2014" → 2015)."""
    if d.grain is Grain.DAY:
        end = d.end + timedelta(days=1)
    elif d.grain is Grain.WEEK:
        end = d.end + timedelta(days=7)
    else:
        end = add_months(d.end, _GRAIN_MONTHS.get(d.grain, 12))
    return replace(d, start=d.end, end=end, deadline=False)


# ----------------------------------------------------------------------------- cues

_GAP = (
    r"(?:(?!(?:but|mais|но|однако|aber|jedoch|now|desormais|теперь|nun|jetzt)\W)"
    r"[\w'’]+[^\w,;:]+)"
)
# The past plan, just before its date.
_OLD = regex.compile(
    r"(?:(?:originally|initially|previously|formerly|had been (?:expected|scheduled|planned|"
    r"set|slated|due|targeted|targeting|projected|estimated|supposed|aiming)|"
    r"(?:was|were) (?:targeting|aiming)|(?:was|were) (?:supposed|expected|"
    r"scheduled|planned|set|slated|due|meant|targeted|projected|estimated|to have)|original|"
    r"previous|instead of|rather than|initialement|a l['’]origine|auparavant|precedemment|"
    r"au lieu de|devai(?:t|ent)|etai(?:t|ent) prevue?s?|jusqu['’]ici|jusqu['’]a present|"
    r"изначально|первоначально|ранее|прежде|вместо|планировал\w*|предполагал\w*|"
    r"долж\w* был\w*|ожидал(?:ся|ось|ась|ись)|намечал\w*|ursprunglich|bislang|bisher|zuvor|"
    r"eigentlich|statt|anstatt|sollte|war\w* (?:geplant|vorgesehen)|hedeflenen|planlanan)"
    rf"[^\w,;:]+{_GAP}{{0,8}})$",
    regex.IGNORECASE,
)
# "from X to Y", "с X на Y", "de X à Y", "von X auf Y": X is the old plan.
_FROM = regex.compile(r"(?<![\p{L}])(?:from|с|со|von|de|d['’])\s*$", regex.IGNORECASE)
_TO = regex.compile(r"^\W*(?:to|a|на|auf|bis|until|till)\W", regex.IGNORECASE)
# The past plan just after its date (Turkish puts it there: "Şubat ayına … hedeflenen").
_OLD_AFTER = regex.compile(
    r"^\W*(?:[\w'’]+\W+){0,3}(?:hedeflenen|planlanan|ongorulen|ursprunglich geplant\w*)",
    regex.IGNORECASE,
)
# "not before X", "pas avant X", "не раньше X", "nicht vor X", "no earlier than X".
_NOT_BEFORE = regex.compile(
    r"(?:no earlier than|not earlier than|(?:not|n['’]t|never)\W+(?:[\w'’]+\W+){0,5}?"
    r"(?:before|prior to)|(?:pas|plus|jamais)\W+(?:[\w'’]+\W+){0,6}?avant|"
    r"не\s+(?:раньше|ранее|прежде)(?:\s+чем)?|nicht\W+(?:[\w'’]+\W+){0,4}?vor|"
    r"fruhestens|en erken)\W*$",
    regex.IGNORECASE,
)
_NEG_END = regex.compile(
    r"(?:not|n['’]t|never|pas|plus|jamais|не|nicht|kein\w*)\W+(?:[\w'’]+\W+){0,6}$",
    regex.IGNORECASE,
)
_BEFORE_WORD = regex.compile(r"^(?:before|prior to|avant|до|vor|oncesi)\b", regex.IGNORECASE)
_AT_EARLIEST = regex.compile(
    r"^\W{0,3}(?:at the earliest|or (?:even |perhaps |maybe |possibly )?(?:later|longer)|"
    r"au plus tot|au mieux|ou plus tard|fruhestens|или позже|и позже|en erken)",
    regex.IGNORECASE,
)
_NOT_IN = regex.compile(
    r"(?:not|n['’]t|pas|не|nicht)\W+(?:[\w'’]+\W+){0,4}?(?:in|en|в|во|im(?: jahr)?)\W+$",
    regex.IGNORECASE,
)
# A plan: future, intention or expectation, or a "by X" target.
PLAN = regex.compile(
    r"(?<![\p{L}])(?:will|would|shall|to be|is to|are to|expect\w*|scheduled|planned|plans?|"
    r"planning|slated|set (?:to|for)|due|target\w*|aims?|aiming|projected|projections?|"
    r"forecast\w*|estimat\w*|should|could|may|might|hope\w*|now|still|remains?|"
    r"maintenu\w*|rest(?:e|era|erait)|toujours|по-прежнему|оста\w*|bleibt|weiterhin|"
    r"sera|seront|serai\w*|devr\w*|doi\w*|prevue?s?|prevoit|attendue?s?|vise|objectif|"
    r"pourr\w*|d['’]ici|interviendra|ouvrira|"
    r"будет|будут|планир\w*|намечен\w*|ожида\w*|долж\w*|предполага\w*|рассчитыва\w*|"
    r"собира\w*|замкн\w*|откро\w*|запуст\w*|заверш\w*ся|начн\w*|сдад\w*|введ\w*|заработа\w*|"
    r"планах|прогноз\w*|мож\w*|могут|возможн\w*|вероятн\w*|"
    r"soll\w*|wird|werden|geplant|erwart\w*|durfte|voraussichtlich|erst|angepeilt\w*|"
    r"plan\w*|hedef\w*|\w+(?:ecek|acak|eceg|acag)\w*)(?![\p{L}])",
    regex.IGNORECASE,
)


# Words that make a window the story's past rather than its forecast, when it has begun by
# publication ("since 2019", "in 2018 the works began").
PAST = regex.compile(
    r"(?<![\p{L}])(?:since|from|depuis|с|со|начиная с|seit|ab)\W+(?:[\w'’]+\W+){0,2}$",
    regex.IGNORECASE,
)
# The day something was said is not a forecast ("announced on Wednesday 8 December").
REPORTED = regex.compile(
    r"(?<![\p{L}])(?:announced|said|told|declared|stated|reported|confirmed|annonce\w*|"
    r"declare\w*|indique\w*|precise\w*|a dit|сообщил\w*|заявил\w*|объявил\w*|рассказал\w*|"
    r"teilte\w*|sagte\w*|erklarte\w*|bestatigte\w*|acikla\w*|soyledi)"
    r"\W+(?:[\w'’]+\W+){0,3}$",
    regex.IGNORECASE,
)
# "… to 2022, and now to 2023": the later date is the news.
NOW = regex.compile(
    r"(?<![\p{L}])(?:now|then|later|desormais|maintenant|puis|ensuite|теперь|затем|потом|"
    r"jetzt|nun|dann|artik|simdi)\W+(?:[\w'’]+\W+){0,3}$",
    regex.IGNORECASE,
)


def is_old_plan(folded: str, d: DateExpr) -> bool:
    """Whether the text marks `d` as the past plan ("originally 2022", "au lieu de 2020")."""
    before = folded[max(0, d.span[0] - 80) : d.span[0]]
    after = folded[d.span[1] : d.span[1] + 40]
    if _OLD.search(before) or _OLD_AFTER.match(after):
        return True
    return bool(_FROM.search(before) and _TO.match(after))


def open_reading(folded: str, d: DateExpr) -> DateExpr:
    """`d` as the text means it, with `open_end` set when it runs on: "not before X" /
    "X at the earliest" → X onwards; "not in X" → the next period onwards."""
    if d.open_end:
        return d
    before = folded[max(0, d.span[0] - 60) : d.span[0]]
    after = folded[d.span[1] : d.span[1] + 40]
    own = folded[d.span[0] : d.span[1]]
    if _BEFORE_WORD.match(own) and _NEG_END.search(before):
        return replace(period_after(d), open_end=True)  # "pas avant 2026" read as "by 2026"
    if _NOT_BEFORE.search(before) or _AT_EARLIEST.match(after):
        return replace(d, open_end=True)
    if d.grain is Grain.YEAR and _NOT_IN.search(before):
        return replace(period_after(d), open_end=True)
    return d


def roll_forward(d: DateExpr, old: list[DateExpr]) -> DateExpr:
    """A month or season named without its year ("postponed to February") after the plan
    the item names ("expected in December"): the first such period after that plan."""
    if not d.relative or d.grain not in (Grain.DAY, Grain.WEEK, Grain.MONTH, Grain.SEASON):
        return d
    if regex.search(r"\d{4}", d.text) or not old:
        return d
    latest = max(o.start for o in old)
    for _ in range(2):
        if d.start > latest:
            break
        d = replace(d, start=add_months(d.start, 12), end=add_months(d.end, 12))
    return d
