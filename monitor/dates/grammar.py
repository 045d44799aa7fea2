"""Turns a Lexicon into compiled rules: the language's templates plus language-neutral numeric forms.

A Rule is (kind, regex, bare); the engine resolves each match by its kind. Lookup tables map the
text a placeholder matched back to its value (month number, offset, unit...).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Generic, TypeVar

from monitor.dates.lexicon import LEXICONS, Lexicon

FLAGS = re.IGNORECASE
V = TypeVar("V")

YEAR = r"(?:19\d\d|20\d\d|2100)"
# A plausible year standing alone: not glued to letters, money signs or other digits.
YEAR_NUM = r"(?<![\w$€£¥₽#№])(?<!\d[.,/])" + YEAR + r"(?!\d|[.,]\d)"
DAY = r"(?<!\d)(?<!\d[.,])(?P<day>0?[1-9]|[12]\d|3[01])(?!\d)"

NUMERIC_RULES: tuple[tuple[str, str], ...] = (
    ("iso_day", r"(?<![\d.])(?P<y>" + YEAR + r")(?P<sep>[-/.])(?P<m>0?[1-9]|1[0-2])(?P=sep)"
     r"(?P<d>0?[1-9]|[12]\d|3[01])(?!\d|[.,]\d)"),
    ("num_day", r"(?<![\d./])(?<!\d-)(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>" + YEAR + r")(?!\d|[.,]\d)"),
    ("num_month", r"(?<![\d./-])(?P<m>0?[1-9]|1[0-2])[./-](?P<y>" + YEAR + r")(?!\d|[.,]\d)"),
    ("year_month", r"(?<![\d./-])(?P<y>" + YEAR + r")[-/–](?P<m>\d{1,2})(?!\d|[.,]\d|[-/]\d)"),
    ("code", r"(?<!\w)(?P<code>[a-z])(?P<cn>[1-4])(?:\s*[-/]?\s*(?:of\s+|de\s+)?(?:fy\s*)?(?P<y>" + YEAR + r"))?(?!\w)"),
    ("code", r"(?<!\w)(?P<y>" + YEAR + r")\s*[-/]?\s*(?P<code>[a-z])(?P<cn>[1-4])(?!\w)"),
    ("code", r"(?<!\w)(?P<yy>\d\d)(?P<code>q)(?P<cn>[1-4])(?!\w)"),
)


def alt(keys: Iterable[str]) -> str:
    """One non-capturing alternation, longest keys first so the fullest form wins."""
    items = sorted((k for k in keys if k), key=len, reverse=True)
    return "(?:" + "|".join(items) + ")"


def word(name: str, keys: Iterable[str]) -> str:
    return rf"(?<!\w)(?P<{name}>{alt(keys)})(?!\w)"


@dataclass(frozen=True)
class Table(Generic[V]):
    """Maps the text a placeholder matched back to the value of the key it matched."""

    entries: tuple[tuple[re.Pattern[str], V], ...]

    @classmethod
    def of(cls, mapping: Mapping[str, V]) -> Table[V]:
        return cls(tuple((re.compile(rf"(?<!\w)(?:{key})(?!\w)", FLAGS), v) for key, v in mapping.items()))

    def get(self, text: str) -> V | None:
        norm = " ".join(text.split())
        for pattern, value in self.entries:
            if pattern.fullmatch(norm):
                return value
        return None

    def search(self, text: str) -> V | None:
        """The value of the first key found anywhere in `text` (for composite phrases)."""
        for pattern, value in self.entries:
            if pattern.search(text):
                return value
        return None


@dataclass(frozen=True)
class Rule:
    kind: str
    regex: re.Pattern[str]
    bare: bool


@dataclass(frozen=True)
class Grammar:
    lex: Lexicon
    rules: tuple[Rule, ...]
    months: Table[int]
    seasons: Table[str]
    parts: Table[int]
    ordinals: Table[int]
    numbers: Table[int]
    units: Table[str]
    rel: Table[int]
    vague: Table[str]
    deadline: re.Pattern[str] | None
    deadline_strict: re.Pattern[str] | None
    ranges: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]
    range_free: re.Pattern[str] | None
    revision: re.Pattern[str] | None
    lead: re.Pattern[str] | None
    risky: re.Pattern[str] | None
    capital: re.Pattern[str] | None
    quantity: re.Pattern[str]
    identifier: re.Pattern[str] | None


def _year_slot(lex: Lexicon, relative: bool, generic: bool) -> str:
    suffix = rf"(?:\s*(?:{lex.year_suffix}))?" if lex.year_suffix else ""
    forms = [rf"(?P<y>{YEAR_NUM}){suffix}(?!\w)"]
    if relative:
        rel = [rf"(?<!\w){alt(lex.rel)}\s+(?:{lex.year_unit})(?!\w)"]
        if lex.relpost:
            art = rf"(?:{lex.article})?" if lex.article else ""
            rel.append(rf"(?<!\w){art}(?:{lex.year_unit})\s+{alt(lex.relpost)}(?!\w)")
        forms.append(rf"(?P<yrel>{'|'.join(rel)})")
    if generic:
        forms.append(rf"(?<!\w)(?P<ygen>{lex.year_generic})(?!\w)")
    return "(?:" + "|".join(forms) + ")"


def _expand(lex: Lexicon, template: str) -> str:
    slots = {
        "{yr}": _year_slot(lex, True, True),
        "{yx}": _year_slot(lex, True, False),
        "{yn}": _year_slot(lex, False, False),
        "{month}": word("month", lex.months),
        "{mon}": word("month", {**lex.months, **lex.month_abbr}),
        "{day}": DAY,
        "{season}": word("season", lex.seasons),
        "{part}": word("part", lex.parts),
        "{ord}": word("ord", lex.ordinals),
        "{num}": rf"(?P<num>(?<!\w)(?:\d{{1,3}}|{alt(lex.numbers)})(?!\w))",
        "{unit}": word("unit", lex.units),
        "{rel}": word("rel", lex.rel),
        "{relpost}": word("relpost", lex.relpost),
        "{vague}": word("vague", lex.vague),
        "{dec}": r"(?<!\d)(?P<dec>(?:19|20)\d0)",
    }
    for slot, pattern in slots.items():
        template = template.replace(slot, pattern)
    return rf"(?<!\w){template}" if template[:1].isalpha() else template


def _maybe(core: str, before: str = "", after: str = "") -> re.Pattern[str] | None:
    return re.compile(before + "(?:" + core + ")" + after, FLAGS) if core else None


@cache
def grammar_for(code: str) -> Grammar:
    """The compiled grammar of a language (en when the code is unknown)."""
    lex = LEXICONS.get(code, LEXICONS["en"])
    rules = [Rule(kind, re.compile(_expand(lex, tpl), FLAGS), bare) for kind, tpl, bare in lex.templates]
    rules += [Rule(kind, re.compile(pattern, FLAGS), False) for kind, pattern in NUMERIC_RULES]
    det = rf"(?:\s+(?:{lex.det}))?" if lex.det else ""
    quantity = r"\s*(?:%|‰|percent|per\s+cent)" + (rf"|\s*(?:{lex.quantity})" if lex.quantity else "")
    return Grammar(
        lex=lex,
        rules=tuple(rules),
        months=Table.of({**lex.months, **lex.month_abbr}),
        seasons=Table.of(lex.seasons),
        parts=Table.of(lex.parts),
        ordinals=Table.of(lex.ordinals),
        numbers=Table.of(lex.numbers),
        units=Table.of(lex.units),
        rel=Table.of({**lex.rel, **lex.relpost}),
        vague=Table.of(lex.vague),
        deadline=_maybe(lex.deadline, r"(?<!\w)", det + r"\s*$"),
        deadline_strict=_maybe(lex.deadline_strict, r"(?<!\w)", det + r"\s*$"),
        ranges=tuple(
            (re.compile(rf"(?<!\w)(?:{lead}){det}\s*$", FLAGS), re.compile(rf"\s*(?:{conn}){det}\s*", FLAGS))
            for lead, conn in lex.ranges.items()
        ),
        range_free=_maybe(lex.range_conn_free, r"\s*", r"\s*"),
        revision=_maybe(lex.revision, r"(?<!\w)", r"(?!\w)"),
        lead=_maybe(lex.lead, r"(?<!\w)", r"\s*$"),
        risky=_maybe(lex.risky),
        capital=_maybe(lex.capital_months),
        quantity=re.compile(rf"(?:{quantity})", FLAGS),
        identifier=_maybe(lex.identifier, r"(?<!\w)", r"\s*$"),
    )
