"""Turns a Lexicon into compiled rules: the language's templates plus the numeric forms.

A Rule is (kind, regex, bare); the engine resolves each match by its kind. Lookup tables map the
text a placeholder matched back to its value (month number, offset, unit...).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Generic, TypeVar

from monitor.understand.dates.lexicon import Lexicon
from monitor.understand.dates.lexicon_de import DE
from monitor.understand.dates.lexicon_en import EN
from monitor.understand.dates.lexicon_fr import FR
from monitor.understand.dates.lexicon_ru import RU
from monitor.understand.dates.lexicon_tr import TR
from monitor.understand.dates.prefix import guarded, max_width
from monitor.understand.dates.trigger import Trigger, leads_with_fragment

FLAGS = re.IGNORECASE
LEXICONS = {lex.code: lex for lex in (EN, FR, RU, DE, TR)}
V = TypeVar("V")

YEAR = r"(?:19\d\d|20\d\d|2100)"
# A plausible year standing alone: not glued to letters, money signs or other digits.
YEAR_NUM = r"(?<![\w$€£¥₽#№])(?<!\d[.,/])" + YEAR + r"(?!\d|[.,]\d)"
DAY = r"(?<!\d)(?<!\d[.,])(?P<day>0?[1-9]|[12]\d|3[01])(?!\d)"

NUMERIC_RULES: tuple[tuple[str, str], ...] = (
    (
        "iso_day",
        r"(?<![\d.])(?P<y>" + YEAR + r")(?P<sep>[-/.])(?P<m>0?[1-9]|1[0-2])(?P=sep)"
        r"(?P<d>0?[1-9]|[12]\d|3[01])(?!\d|[.,]\d)",
    ),
    (
        "num_day",
        r"(?<![\d./])(?<!\d-)(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)"
        r"(?P<y>" + YEAR + r")(?!\d|[.,]\d)",
    ),
    ("num_month", r"(?<![\d./-])(?P<m>0?[1-9]|1[0-2])[./-](?P<y>" + YEAR + r")(?!\d|[.,]\d)"),
    # ISO 8601 "2011-12" written alone (a deadline field): the month, though in running text
    # year_month reads it as the years 2011-2012 (the engine licenses this rule only alone)
    ("iso_month", r"(?<![\d./-])(?P<y>" + YEAR + r")-(?P<m>0[1-9]|1[0-2])(?![\d./-])"),
    ("year_month", r"(?<![\d./-])(?P<y>" + YEAR + r")[-/–](?P<m>\d{1,2})(?!\d|[.,]\d|[-/]\d)"),
    (
        "code",
        r"(?<!\w)(?P<code>[a-z])(?P<cn>[1-4])"
        r"(?:\s*[-/]?\s*(?:of\s+|de\s+)?(?:fy\s*)?(?P<y>" + YEAR + r"))?(?!\w)",
    ),
    ("code", r"(?<!\w)(?P<y>" + YEAR + r")\s*[-/]?\s*(?P<code>[a-z])(?P<cn>[1-4])(?!\w)"),
    ("code", r"(?<!\w)(?P<yy>\d\d)(?P<code>q)(?P<cn>[1-4])(?!\w)"),
)

PLAN_CACHE_SIZE = 4096  # feature sets seen; the corpus needs about 300


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
    known: dict[str, V | None] = field(default_factory=dict, compare=False)  # get()'s answers

    @classmethod
    def of(cls, mapping: Mapping[str, V], exact: Callable[[str], str] = str) -> Table[V]:
        return cls(
            tuple(
                (re.compile(exact(rf"(?<!\w)(?:{key})(?!\w)"), FLAGS), value)
                for key, value in mapping.items()
            )
        )

    def get(self, text: str) -> V | None:
        if text in self.known:
            return self.known[text]
        norm = " ".join(text.split())
        found = next((value for pattern, value in self.entries if pattern.fullmatch(norm)), None)
        if len(self.known) < 4096:  # the spellings met in texts are few; stay bounded anyway
            self.known[text] = found
        return found

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
    needs: tuple[frozenset[str], ...] = ()  # features a stretch of text needs to be worth scanning
    leads: tuple[int | None, ...] = ()  # per need: see _lead


@dataclass(frozen=True)
class Grammar:
    """A language's compiled rules and the tables that read their matches."""

    lex: Lexicon
    rules: tuple[Rule, ...]
    trigger: Trigger  # any feature word, digit, or a rule that needs none: where to scan
    months: Table[int]
    seasons: Table[str]
    parts: Table[int]
    ordinals: Table[int]
    numbers: Table[int]
    units: Table[str]
    rel: Table[int]
    vague: Table[str]
    # the words that make a deadline, an open end or a negation of what follows ("by", "before",
    # "not before", "not in") or precedes ("at the latest"...): one pattern each way, whose
    # group "by", "strict", "open" or "notin" tells which (AFTER_WORDS: the text after)
    before_words: re.Pattern[str] | None
    after_words: re.Pattern[str] | None
    det_end: re.Pattern[str] | None  # a determiner ending the text: "before the| 2024 Games"
    range_and: re.Pattern[str] | None
    ranges: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]
    range_free: re.Pattern[str] | None
    revision: re.Pattern[str] | None
    lead: re.Pattern[str] | None
    risky: re.Pattern[str] | None
    capital: re.Pattern[str] | None
    quantity: re.Pattern[str]
    identifier: re.Pattern[str] | None
    abbr: re.Pattern[str] | None  # month abbreviations ("dec"): bare, they need a strict lead
    strict_lead: re.Pattern[str] | None
    conj: re.Pattern[str] | None
    plans: dict[frozenset[str], tuple[tuple[int, Rule], ...]] = field(
        default_factory=dict, compare=False
    )  # cache of plan()

    def plan(self, present: frozenset[str]) -> tuple[tuple[int, Rule], ...]:
        """The rules (with their rank) worth running where these features are present."""
        found = self.plans.get(present)
        if found is None:
            found = tuple(
                (rank, rule)
                for rank, rule in enumerate(self.rules)
                if all(need & present for need in rule.needs)
            )
            if len(self.plans) >= PLAN_CACHE_SIZE:
                self.plans.clear()  # a long-running daemon meets ever new combinations
            self.plans[present] = found
        return found


def _year_slot(lex: Lexicon, relative: bool, generic: bool) -> str:
    suffix = rf"(?:\s*(?:{lex.year_suffix}))?" if lex.year_suffix else ""
    # where "the year" may stand, it may also name its number: "la fin de l'année 2018"
    named = rf"(?:(?<!\w)(?:{lex.year_generic})\s+)?" if generic else ""
    forms = [rf"{named}(?P<y>{YEAR_NUM}){suffix}(?!\w)"]
    if relative:
        rel = [rf"(?<!\w){alt(lex.rel)}\s+(?:{lex.year_unit})(?!\w)"]
        if lex.relpost:
            art = rf"(?:{lex.article})?" if lex.article else ""
            rel.append(rf"(?<!\w){art}(?:{lex.year_unit})\s+{alt(lex.relpost)}(?!\w)")
        forms.append(rf"(?P<yrel>{'|'.join(rel)})")
    if generic:
        forms.append(rf"(?<!\w)(?P<ygen>{lex.year_generic})(?!\w)")
    return "(?:" + "|".join(forms) + ")"


def _spelled_slot(lex: Lexicon) -> str:
    """A year in words: "two thousand and fifteen", "nineteen ninety six", "nineteen oh five";
    never followed by another word ("two thousand people") but a conjunction."""
    if not lex.year_words:
        return "(?!)"

    def words(lo: int, hi: int) -> str:
        return alt(w for w, v in lex.year_words.items() if lo <= v <= hi)

    units, teens, tens = words(1, 9), words(10, 19), words(20, 90)
    zero, hundred, thousand = words(0, 0), words(100, 100), words(1000, 1000)
    two = rf"(?:{tens}(?:[\s-]+{units})?|{teens}|{units})"
    conj = rf"(?:\s+(?:{lex.year_and}))?" if lex.year_and else ""
    whole = (
        rf"{units}\s+{thousand}(?:{conj}\s+{two})?|(?:{teens}|{tens})\s+"
        rf"(?:{hundred}(?:{conj}\s+{two})?|{zero}\s+{units}|{tens}(?:[\s-]+{units})?|{teens})"
    )
    # then the end of the clause, or "and" + a word that does not continue the number
    ends = r"\s*(?:[^\w\s]|$)"
    if lex.conj:
        ends += rf"|\s+(?:{lex.conj})\s+(?!{alt(lex.year_words)}(?!\w))"
    return rf"(?<!\w)(?P<ysp>{whole})(?={ends})"


def _far_year_slot(lex: Lexicon) -> str:
    """A year outside 1900-2100; the engine wants a suffix ("1865 года") or a strict lead word."""
    suffix = rf"(?:\s*(?P<ysuf>{lex.year_suffix}))?" if lex.year_suffix else "(?P<ysuf>(?!))?"
    return (
        r"(?<![\w$€£¥₽#№])(?<!\d[.,/])(?P<y>1[0-8]\d\d|2[1-9]\d\d)(?!\d|[.,]\d)"
        + suffix
        + r"(?!\w)"
    )


def spelled_year(lex: Lexicon, text: str) -> int | None:
    """The value of a year matched by the {ysp} slot, if it is between 1000 and 2999."""
    values = [lex.year_words[t] for t in re.split(r"[\s-]+", text.lower()) if t in lex.year_words]
    for unit in (1000, 100):
        if unit in values:
            i = values.index(unit)
            year = sum(values[:i]) * unit + sum(values[i + 1 :])
            break
    else:
        year = values[0] * 100 + sum(values[1:])
    return year if 1000 <= year <= 2999 else None


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
        "{anymon}": alt({**lex.months, **lex.month_abbr}),
        "{ysp}": _spelled_slot(lex),
        "{yfar}": _far_year_slot(lex),
    }
    for slot, pattern in slots.items():
        template = template.replace(slot, pattern)
    return rf"(?<!\w){template}" if template[:1].isalpha() else template


# the template slots that hold each feature's words
_SLOTS = {
    "month": ("{month}", "{mon}"),
    "season": ("{season}",),
    "part": ("{part}",),
    "ord": ("{ord}",),
    "unit": ("{unit}",),
    "vague": ("{vague}",),
    "digit": ("{day}",),
    "year4": ("{dec}", "{yfar}"),
    "yword": ("{ysp}",),
}
# an optional group with no slot in it, at the start of a template ("(?:the\s+)?")
_LEADING_GROUP = re.compile(r"\(\?:[^(){}]*\)\?")


def _needs(template: str, features: set[str]) -> tuple[frozenset[str], ...]:
    """Features a template cannot match without; a set needs any one of its members (a year
    slot: a number or the word for year)."""
    needs = [
        frozenset({name})
        for name, marks in _SLOTS.items()
        if name in features and any(mark in template for mark in marks)
    ]
    if "{yn}" in template and not re.search(r"\{yn\}(?:\\s[*+])?\)\?", template):  # optional?
        needs.append(frozenset({"year4"}))
    elif not needs and ("{yx}" in template or "{yr}" in template):
        needs.append(frozenset({"year4", "unit"}))
    elif not needs and r"\d" in template:  # "14 a.d.", "cy18"
        needs.append(frozenset({"digit"}))
    elif not needs:  # fixed words ("later this year"): the trigger knows them
        needs.append(frozenset({"literal"}))
    return tuple(needs)


def _lead(template: str, need: frozenset[str], leading: set[str]) -> int | None:
    """How far before the hit of a needed word a match can start, when the template opens
    with that word (after optional articles); None when it can start anywhere before."""
    rest, lead = template, 0
    while m := _LEADING_GROUP.match(rest):
        lead += max_width(m.group())
        rest = rest[m.end() :]
    slots = {"year4": ("{yn}", "{dec}", "{yfar}")}
    for name in need:
        if name not in leading or not rest.startswith(slots.get(name, _SLOTS.get(name, ()))):
            return None
    return lead


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(guarded(pattern, FLAGS), FLAGS)


def dotless(pattern: str) -> str:
    """`pattern` with each "ı" outside a character class matching only "ı" and "I": Python's
    case-insensitive matching would also take "i" and "İ" ("kış" would match "kişi")."""
    out: list[str] = []
    in_class = escaped = False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "ı":
            ch = "(?-i:[ıI])"
        out.append(ch)
    return "".join(out)


def _kinds(cores: dict[str, str], before: str, after: str) -> re.Pattern[str] | None:
    """One pattern for several kinds of words, each in a group named after its kind (the
    first kind listed wins where two match at the same place)."""
    alts = [f"(?P<{kind}>{core})" for kind, core in cores.items() if core]
    return re.compile(before + "(?:" + "|".join(alts) + ")" + after, FLAGS) if alts else None


def _maybe(core: str, before: str = "", after: str = "") -> re.Pattern[str] | None:
    return re.compile(before + "(?:" + core + ")" + after, FLAGS) if core else None


@cache
def grammar_for(code: str) -> Grammar:
    """The compiled grammar of a language (en when the code is unknown)."""
    lex = LEXICONS.get(code, LEXICONS["en"])
    exact = dotless if lex.dotless_i else str
    tables: dict[str, Iterable[str]] = {
        "month": {**lex.months, **lex.month_abbr},
        "season": lex.seasons,
        "part": lex.parts,
        "ord": lex.ordinals,
        "unit": lex.units,
        "vague": lex.vague,
    }
    features = {name for name, keys in tables.items() if keys} | {"digit", "year4", "glued"}
    if lex.year_words:
        features.add("yword")
    # features whose trigger hit is where their word starts (the year number's digits too)
    leading = {name for name, keys in tables.items() if all(map(leads_with_fragment, keys))}
    leading.add("year4")
    rules = []
    for kind, tpl, bare in lex.templates:
        needs = _needs(tpl, features)
        rules.append(
            Rule(
                kind,
                _compile(exact(_expand(lex, tpl))),
                bare,
                needs,
                tuple(_lead(tpl, need, leading) for need in needs),
            )
        )
    rules += [
        Rule(
            kind,
            _compile(pattern),
            False,
            (frozenset({"glued" if kind == "code" else "year4"}),),
            (None,),
        )
        for kind, pattern in NUMERIC_RULES
    ]
    det = rf"(?:\s+(?:{lex.det}))?" if lex.det else ""
    end_of = rf"(?:\s+(?:{lex.end_of}))?" if lex.end_of else ""
    quantity = r"\s*(?:%|‰|percent|per\s+cent)"
    if lex.quantity:
        quantity += rf"|\s*(?:{lex.quantity})"
    return Grammar(
        lex=lex,
        rules=tuple(rules),
        trigger=Trigger(
            {
                **tables,
                "yword": [w for w, v in lex.year_words.items() if v >= 10],
                "literal": [
                    tpl
                    for _, tpl, _ in lex.templates
                    if _needs(tpl, features) == (frozenset({"literal"}),)
                ],
            }
        ),
        months=Table.of({**lex.months, **lex.month_abbr}, exact),
        seasons=Table.of(lex.seasons, exact),
        parts=Table.of(lex.parts, exact),
        ordinals=Table.of(lex.ordinals, exact),
        numbers=Table.of(lex.numbers, exact),
        units=Table.of(lex.units, exact),
        rel=Table.of({**lex.rel, **lex.relpost}, exact),
        vague=Table.of(lex.vague, exact),
        before_words=_kinds(
            {
                "open": lex.open_start,
                "notin": lex.not_in,
                "strict": lex.deadline_strict,
                "by": lex.deadline,
            },
            r"(?<!\w)",
            det + end_of + r"\s*$",
        ),
        after_words=_kinds(
            {
                "open": lex.open_start_after,
                "notin": lex.not_in_after,
                "strict": lex.deadline_strict_after,
                "by": lex.deadline_after,
            },
            r"\s*,?\s*",  # maybe behind a comma: "2027, at the earliest"
            r"(?!\w)",
        ),
        det_end=_maybe(lex.det, r"(?<!\w)", r"\s*$"),
        range_and=_maybe(lex.range_and, r"\s*", r"\s*"),
        ranges=tuple(
            (
                re.compile(rf"(?<!\w)(?:{lead}){det}\s*$", FLAGS),
                re.compile(rf"\s*(?:{conn}){det}\s*", FLAGS),
            )
            for lead, conn in lex.ranges.items()
        ),
        range_free=_maybe(lex.range_conn_free, r"\s*", r"\s*"),
        revision=_maybe(lex.revision, r"(?<!\w)", r"(?!\w)"),
        lead=_maybe(lex.lead, r"(?<!\w)", r"\s*$"),
        risky=_maybe(lex.risky),
        capital=_maybe(lex.capital_months),
        quantity=re.compile(rf"(?:{quantity})", FLAGS),
        identifier=_maybe(lex.identifier, r"(?<!\w)", r"\s*$"),
        abbr=_maybe("|".join(lex.month_abbr)),
        strict_lead=_maybe(lex.strict_lead, r"(?<!\w)", r"\s*$"),
        conj=_maybe(lex.conj, r"\s+", r"(?!\w)"),
    )
