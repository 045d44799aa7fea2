"""Date engine: finds date expressions in EN/FR/RU text and turns them into windows.

Public API (stable; other modules import only these names):
    DateExpr, find_dates(text, ref, lang=None), read_deadline(text, ref, lang=None),
    detect_lang(text)
"""

from __future__ import annotations

from datetime import date

from monitor.core.window import DateExpr
from monitor.errors import DateError

__all__ = ["DateExpr", "detect_lang", "find_dates", "read_deadline"]


def find_dates(text: str, ref: date, lang: str | None = None) -> list[DateExpr]:
    """Every date expression in `text`, in order, resolved against `ref`."""
    from monitor.understand.dates.engine import find

    found = find(text, ref, lang or detect_lang(text))
    return [
        DateExpr(
            text[c.s : c.e], c.start, c.end, c.grain, c.vague, c.deadline, c.relative, (c.s, c.e)
        )
        for c in found
    ]


def read_deadline(text: str, ref: date, lang: str | None = None) -> DateExpr:
    """The one window a deadline phrase denotes; DateError if it cannot be read. A phrase too
    short to tell its language ("mi-2026") is tried in each fully read language in turn."""
    from monitor.understand.language import FULL

    first = lang or detect_lang(text)
    for code in (first, *(c for c in FULL if c != first and not lang)):
        found = find_dates(text, ref, code)
        if found:
            return found[0]
    raise DateError(f"cannot read a date in {text!r}")


def detect_lang(text: str) -> str:
    """The language to read `text`'s dates in (the project's one guesser)."""
    from monitor.understand.language import guess

    return guess(text)
