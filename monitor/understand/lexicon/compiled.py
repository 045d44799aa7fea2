"""The signal lexicons compiled once per language: term patterns per kind, cue words."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from monitor.understand.lexicon import KINDS, LEXICONS, Lexicon


def _fullword(pattern: str) -> regex.Pattern[str]:
    return regex.compile(r"^(?:" + pattern + r")$", regex.IGNORECASE)


def _before(pattern: str, reach: int) -> regex.Pattern[str]:
    """`pattern` as a word followed by at most `reach` words up to the end of the text."""
    return regex.compile(
        rf"(?<![\p{{L}}\p{{N}}])(?:{pattern})\W+(?:[\w'-]+\W+){{0,{reach}}}$",
        regex.IGNORECASE,
    )


@dataclass(frozen=True)
class Compiled:
    """A lexicon's patterns, compiled once."""

    kinds: tuple[tuple[str, regex.Pattern[str]], ...]
    neg: regex.Pattern[str]
    strict: regex.Pattern[str]
    modal: regex.Pattern[str]
    future: regex.Pattern[str]
    yet: regex.Pattern[str]
    negation_after: regex.Pattern[str]
    future_after: regex.Pattern[str]
    old: regex.Pattern[str]  # a replaced date follows within 5 words
    old_any: regex.Pattern[str]  # cheap test: is there any such marker in the sentence
    moved_from: regex.Pattern[str]
    past: regex.Pattern[str]


def _compile(lex: Lexicon) -> Compiled:
    kinds = tuple(
        (
            kind,
            regex.compile(
                r"(?<![\p{L}\p{N}])(?:" + "|".join(lex.terms[kind]) + ")", regex.IGNORECASE
            ),
        )
        for kind in KINDS
        if lex.terms.get(kind)
    )
    return Compiled(
        kinds=kinds,
        neg=_fullword(lex.negation),
        strict=_fullword(lex.strict),
        modal=_fullword(lex.modal),
        future=_fullword(lex.future),
        yet=_fullword(lex.yet),
        negation_after=regex.compile(lex.negation_after, regex.IGNORECASE),
        future_after=regex.compile(lex.future_after, regex.IGNORECASE),
        old=_before(lex.old, 5),
        old_any=regex.compile(r"(?<![\p{L}\p{N}])(?:" + lex.old + r")\b", regex.IGNORECASE),
        moved_from=_before(lex.shift_from, 3),
        past=_before(lex.past_context, 2),
    )


@cache
def compiled(code: str) -> Compiled:
    """The compiled lexicon of a language code (one of LEXICONS)."""
    return _compile(LEXICONS[code])
