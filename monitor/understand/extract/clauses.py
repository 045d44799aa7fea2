"""A sentence cut into clauses and comma stretches, each marked with the promise cues it holds
(`monitor.understand.extract.cues`), for `monitor.understand.extract`.

A *clause* is one coordinated statement ("la construction … sera achevée à la mi-2026" | "et que
son ouverture est prévue pour la fin de 2028"); its *proposition* is what follows a reporting
lead-in ("il a annoncé que …", "Sunak confirmed …"). A *stretch* is a comma-separated piece of a
clause: past facts and replaced plans are judged there, so "adoptée lors du sommet d'août" does
not lend its month to the promise two commas later.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import cache

import regex

from monitor.understand.extract.cues import (
    CUES,
    FR_FUTURE,
    FR_FUTURE_NOT,
    RU_PAST,
    RU_PAST_NOT,
    Cues,
)
from monitor.understand.matching import fold

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_STRETCH = regex.compile(r"(?<!\d),(?!\d)|;|:\s|\s[\u2014\u2013-]\s|\s\.\.\.\s")
Span = tuple[int, int]


def folded(text: str) -> str:
    """Casefolded, accent-free text with plain apostrophes, offsets unchanged."""
    return fold(text).translate(_APOSTROPHES)


def _words(pattern: str) -> regex.Pattern[str]:
    return regex.compile(r"(?<![\p{L}\p{N}'])(?:" + pattern + r")(?![\p{L}\p{N}])")


@dataclass(frozen=True)
class Rx:
    """One language's cues, compiled."""

    plan: regex.Pattern[str]
    weak: regex.Pattern[str]
    old: regex.Pattern[str]
    past: regex.Pattern[str]
    target: regex.Pattern[str]
    create: regex.Pattern[str]
    build: regex.Pattern[str]  # building words, or "new" before a project noun
    new: regex.Pattern[str]
    speech: regex.Pattern[str]
    agent: regex.Pattern[str]
    negation: regex.Pattern[str]
    before: regex.Pattern[str]  # matched at the start of a date's text
    until: regex.Pattern[str]
    now: regex.Pattern[str]
    lead: regex.Pattern[str]
    anaphor: regex.Pattern[str]
    coord: regex.Pattern[str]
    heads: regex.Pattern[str]
    lead_after: regex.Pattern[str]  # a complementizer a few words after a reporting verb
    noun_first: regex.Pattern[str]  # a clause opening on a determiner: it names its subject
    cues: Cues
    lang: str


@cache
def compiled(lang: str) -> Rx | None:
    """The compiled cues of a fully read language; None for the others (dates and figures)."""
    c = CUES.get(lang)
    if c is None:
        return None
    return Rx(
        plan=_words(c.plan),
        weak=_words(c.weak),
        old=_words(c.old),
        past=_words(c.past),
        target=_words(c.target),
        create=_words(c.create),
        build=_words(rf"{c.create}|(?:{c.new})\s+(?:[\w'-]+\s+){{0,2}}?(?:{c.heads})"),
        new=_words(c.new),
        speech=_words(c.speech),
        agent=_words(c.agent),
        negation=_words(c.negation),
        before=regex.compile(r"(?:" + c.before + r")\s+"),
        until=_words(c.until),
        now=_words(c.now),
        lead=_words(c.lead),
        anaphor=regex.compile(r"^\W*(?:" + c.anaphor + r")(?![\p{L}\p{N}])"),
        coord=regex.compile(c.coord),
        heads=_words(c.heads),
        lead_after=regex.compile(r"[^,.;:]{0,40}?(?:" + c.lead + r")(?![\p{L}])"),
        noun_first=regex.compile(
            r"\W*(?:(?:" + c.coord_words + r")[\s']+)?(?:" + c.det + r")(?:\s|')"
        ),
        cues=c,
        lang=lang,
    )


@dataclass
class Stretch:
    """A comma-separated piece of a clause and the cues in it."""

    a: int
    b: int
    plan: list[Span] = field(default_factory=list)
    weak: bool = False
    past: bool = False
    report: bool = False
    olds: list[Span] = field(default_factory=list)


@dataclass
class Clause:
    """One coordinated statement of a sentence."""

    a: int
    b: int
    start: int  # where the proposition starts (after a reporting lead-in)
    stretches: list[Stretch]
    promise: bool = False
    past: bool = False

    @property
    def plan(self) -> list[Span]:
        return [p for s in self.stretches for p in s.plan]

    def stretch_at(self, pos: int) -> Stretch:
        for s in self.stretches:
            if s.a <= pos < s.b:
                return s
        return self.stretches[-1]


def _finds(rx: regex.Pattern[str], text: str, a: int, b: int) -> list[Span]:
    return [(m.start(), m.end()) for m in rx.finditer(text, a, b)]


def _future_verbs(rx: Rx, text: str, original: str, a: int, b: int) -> list[Span]:
    """French future and conditional verbs ("sera", "ouvrira", "seront"), lower-case only."""
    if rx.lang != "fr":
        return []
    out = []
    for m in regex.finditer(r"(?<![\p{L}'])" + FR_FUTURE + r"(?![\p{L}])", text, pos=a, endpos=b):
        word = m.group().split("'")[-1]
        if word not in FR_FUTURE_NOT and (not original or original[m.start()].islower()):
            out.append((m.start(), m.end()))
    return out


def _past_verbs(rx: Rx, text: str, a: int, b: int) -> bool:
    """Past-tense verbs other than reporting or planning ones: Russian "-л" ("открыли",
    "превысил"), English "-ed" with no auxiliary or article before it ("prices surged")."""
    if rx.lang == "en":
        return _simple_past(rx, text, a, b)
    if rx.lang != "ru":
        return False
    for m in regex.finditer(r"(?<![\p{L}])" + RU_PAST + r"(?![\p{L}])", text, pos=a, endpos=b):
        if m.group() not in RU_PAST_NOT and not rx.speech.fullmatch(m.group()):
            return True
    return False


def plans(rx: Rx, text: str, original: str, a: int, b: int) -> list[Span]:
    """The plan cues between a and b, less those that name a replaced plan ("planned" in
    "originally planned", "планировалось")."""
    olds = _finds(rx.old, text, a, b)
    found = _finds(rx.plan, text, a, b) + _future_verbs(rx, text, original, a, b)
    return sorted(p for p in found if not any(x < p[1] and p[0] < y for x, y in olds))


_EN_ED = regex.compile(
    r"(?<![\p{L}'-])([a-z]+) ([a-z]{3,}ed)(?![\p{L}'-])"
    r"(?=\s*(?:$|[^\s\w]|\d|(?:the|a|an|its|their|his|her|our|to|in|on|at|by|for|from|with|into|"
    r"up|down|out|over|off|back|about|as|after|before|than|that|this|these|those|some|all|"
    r"more|less|again|\w+ly)\b))"
)  # a verb: what follows is an object, a preposition or an adverb, not the noun it describes
_NOT_VERB_BEFORE = (
    "is are be been being was were will would to has have had get got gets the a an its their "
    "this that these those his her our newly"
)
_EN_NOT_VERB = frozenset(_NOT_VERB_BEFORE.split())


def _simple_past(rx: Rx, text: str, a: int, b: int) -> bool:
    for m in _EN_ED.finditer(text, a, b, overlapped=True):
        before, word = m.group(1), m.group(2)
        if before in _EN_NOT_VERB or word in ("need", "speed", "feed", "seed", "proceed"):
            continue
        if any(p.fullmatch(word) for p in (rx.plan, rx.weak, rx.old, rx.speech)):
            continue
        return True
    return False


def _stretch(rx: Rx, text: str, original: str, span: Span, start: int) -> Stretch:
    """A stretch and its cues; past facts count in the proposition only (a reporting verb
    in the past tense, "a annoncé que", says nothing of the promise)."""
    a, b = span
    s = Stretch(a, b)
    s.plan = plans(rx, text, original, a, b)
    s.weak = bool(rx.weak.search(text, max(a, start), b))
    lo = max(a, start)
    piece = text[lo:b].strip(" ,;:") if lo < b else ""
    s.past = bool(rx.past.search(piece)) or _past_verbs(rx, text, lo, b)
    s.olds = _finds(rx.old, text, a, b)
    speech = _finds(rx.speech, text, a, b)
    own_plan = [p for p in s.plan if not any(x <= p[0] < y for x, y in speech)]
    s.report = bool(speech) and not own_plan and not (a <= start < b)  # "…, a promis X."
    return s


def _stretches(rx: Rx, text: str, original: str, a: int, b: int, start: int) -> list[Stretch]:
    return [_stretch(rx, text, original, span, start) for span in _cuts(text, a, b)]


def _cuts(text: str, a: int, b: int) -> list[Span]:
    cuts = [a] + [m.end() for m in _STRETCH.finditer(text, a, b)] + [b]
    return list(itertools.pairwise(cuts))


def _proposition(rx: Rx, text: str, a: int, b: int, anchors: list[int]) -> int:
    """Where the reported statement starts: after the last reporting verb ("… a annoncé
    mercredi que", "… said", "… says") that a plan cue or a date follows, outside a closing
    report (", operator TVO said on Friday")."""
    pieces = _cuts(text, a, b)
    cues = [p[0] for p in plans(rx, text, "", a, b)] + anchors
    last_cue = max(cues, default=a)
    start = a
    for m in rx.speech.finditer(text, a, b):
        if m.end() > last_cue or _in_tail(pieces, cues, m.start()):
            continue
        start = m.end()
        lead = rx.lead_after.match(text, m.end(), b)
        if lead:
            start = lead.end()
    return start


def _in_tail(pieces: list[Span], cues: list[int], pos: int) -> bool:
    """Whether `pos` lies in a run of closing stretches with no cue or date."""
    for x, y in reversed(pieces):
        if any(x <= c < y for c in cues):
            return False
        if x <= pos < y:
            return True
    return False


def clauses(rx: Rx, original: str, spans: list[Span]) -> tuple[str, list[Clause]]:
    """The folded sentence and its clauses, promise state decided and inherited. `spans` are
    the dates and figures: no cue is read inside one ("12 May" is not "may"), and a reporting
    verb before one opens a lead-in."""
    text = folded(original)
    cue_text = _blanked(text, spans)
    anchors = sorted(a for a, _ in spans)
    cuts = [0] + [m.start() for m in rx.coord.finditer(text) if m.start() > 0] + [len(text)]
    out: list[Clause] = []
    for a, b in itertools.pairwise(cuts):
        inside = [x for x in anchors if a <= x < b]
        start = _proposition(rx, cue_text, a, b, inside)
        clause = Clause(a, b, start, _stretches(rx, cue_text, original, a, b, start))
        _decide(clause, out[-1] if out else None)
        out.append(clause)
    return text, out


def _blanked(text: str, spans: list[Span]) -> str:
    """`text` with the given spans turned to spaces (offsets unchanged)."""
    chars = list(text)
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    return "".join(chars)


def _decide(clause: Clause, previous: Clause | None) -> None:
    """A clause promises when it holds a plan cue, or an intention with no past fact beside it,
    or when it continues a promising clause without a past fact of its own."""
    weak = any(s.weak and not s.past for s in clause.stretches)
    clause.past = any(s.past for s in clause.stretches)
    continues = previous is not None and previous.promise and not clause.past
    clause.promise = bool(clause.plan) or weak or continues
