"""Date engine: finds date expressions in EN/FR/RU/DE/TR text and turns them into windows.

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
    return _find(text, ref, _code(lang) if lang else detect_lang(text))


def _find(text: str, ref: date, code: str, pairs: bool = False) -> list[DateExpr]:
    from monitor.understand.dates.engine import find

    found = find(text, ref, code, pairs=pairs)
    return [
        DateExpr(
            text[c.s : c.e],
            c.start,
            c.end,
            c.grain,
            c.vague,
            c.deadline,
            c.relative,
            (c.s, c.e),
            c.open_end,
        )
        for c in found
    ]


def read_deadline(text: str, ref: date, lang: str | None = None) -> DateExpr:
    """The one window a deadline phrase denotes; DateError if it cannot be read. Two units
    joined by "and" that follow each other are one window ("2016 and 2017"). Without
    `lang`, a phrase that the guessed language does not read whole (too short to tell:
    "mi-2026", "Ende 2027"; or in a language without tables) is read in every language with
    tables, and the reading covering most of the phrase wins (the guess on a tie)."""
    from monitor.understand.dates.grammar import LEXICONS

    if lang:
        codes = [_code(lang)]
    else:
        first = detect_lang(text)
        codes = list(dict.fromkeys([first if first in LEXICONS else "en", *LEXICONS]))
    best: DateExpr | None = None
    for code in codes:
        found = _find(text, ref, code, pairs=True)
        if not found:
            continue
        e = found[0]
        if best is None or e.span[1] - e.span[0] > best.span[1] - best.span[0]:
            best = e
        if not any(ch.isalnum() for ch in text[: e.span[0]] + text[e.span[1] :]):
            break  # the whole phrase is read
    if best is None:
        raise DateError(f"cannot read a date in {text!r}")
    return best


def _code(lang: str) -> str:
    """The base code the tables are keyed by: "de-DE", "DE" -> "de"."""
    return lang.strip().lower().replace("_", "-").split("-")[0]


def detect_lang(text: str) -> str:
    """The language to read `text`'s dates in (the project's one guesser)."""
    from monitor.understand.language import guess

    return guess(text)
