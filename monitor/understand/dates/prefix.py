"""A first-character guard for a rule's regex. Python's matcher skips quickly through text only
when a pattern starts with a character class; ours start with look-behinds and optional words,
so each gets a look-ahead class of the characters any match can begin with (about twice faster
on long texts). The class is read from the compiled pattern's parse tree."""

from __future__ import annotations

import importlib
import re
from typing import Any

# the standard library's own regex parser (re._parser): typeshed does not describe it
_parser: Any = importlib.import_module("re._parser")
sre: Any = importlib.import_module("re._constants")

_CATEGORIES = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_SPACE: r"\s"}
_ZERO_WIDTH = {sre.ASSERT, sre.ASSERT_NOT, sre.AT}
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT}


def guarded(pattern: str, flags: int) -> str:
    """`pattern` behind a look-ahead for its possible first characters, when these are few."""
    try:
        first = _first(list(_parser.parse(pattern, flags)))
    except (AttributeError, TypeError, ValueError):  # a parse tree of another Python version
        return pattern
    if first is None or first[1] or not first[0]:
        return pattern
    return "(?=[" + "".join(sorted(first[0])) + "])(?:" + pattern + ")"


def max_width(pattern: str, space: int = 8) -> int:
    """The most characters `pattern` can match, counting a run of white space as at most
    `space` characters (news text is not padded further)."""
    pattern = pattern.replace(r"\s+", rf"\s{{1,{space}}}").replace(r"\s*", rf"\s{{0,{space}}}")
    return int(_parser.parse(pattern, re.IGNORECASE).getwidth()[1])


def _first(items: list[Any]) -> tuple[set[str], bool] | None:
    """(class items a match of `items` can start with, whether it can match empty), or None
    when that set is not worth a guard (any character, a word character...)."""
    out: set[str] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        inner = _item_first(op, av)
        if inner is None:
            return None
        out |= inner[0]
        if not inner[1]:
            return out, False
    return out, True


def _item_first(op: Any, av: Any) -> tuple[set[str], bool] | None:
    """The same for one item of a sequence that is not zero-width: a literal, a class, a
    group, alternatives or a repeat (which can match empty when its minimum is 0)."""
    if op is sre.LITERAL:
        return {re.escape(chr(av))}, False
    if op is sre.IN:
        chars = _class(av)
        return None if chars is None else (chars, False)
    if op is sre.SUBPATTERN:
        return _first(list(av[-1]))
    if op is sre.BRANCH:
        return _branches(av[1])
    if op in _REPEATS:
        inner = _first(list(av[2]))
        if inner is not None and av[0] == 0:
            return inner[0], True
        return inner
    return None


def _branches(alternatives: list[Any]) -> tuple[set[str], bool] | None:
    out: set[str] = set()
    empty = False
    for alternative in alternatives:
        inner = _first(list(alternative))
        if inner is None:
            return None
        out |= inner[0]
        empty = empty or inner[1]
    return out, empty


def _class(items: list[Any]) -> set[str] | None:
    out: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            out.add(re.escape(chr(av)))
        elif op is sre.RANGE:
            out.add(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is sre.CATEGORY and av in _CATEGORIES:
            out.add(_CATEGORIES[av])
        else:
            return None
    return out
