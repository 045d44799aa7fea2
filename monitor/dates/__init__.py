"""Date engine: finds date expressions in EN/FR/RU text and turns them into windows.

Public API (stable; other modules import only these names):
    DateExpr, find_dates(text, ref, lang=None), read_deadline(text, ref, lang=None),
    detect_lang(text)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from monitor.enums import Grain
from monitor.errors import DateError


@dataclass(frozen=True)
class DateExpr:
    """A date expression found in text: the window [start, end) it denotes and how."""

    text: str
    start: date
    end: date
    grain: Grain
    vague: bool = False
    deadline: bool = False  # "by", "d'ici", "к", "no later than": the end is what counts
    relative: bool = False  # resolved against the reference date
    span: tuple[int, int] = (0, 0)  # character offsets in the searched text

    def as_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "grain": str(self.grain),
            "vague": self.vague,
            "deadline": self.deadline,
            "relative": self.relative,
        }


def find_dates(text: str, ref: date, lang: str | None = None) -> list[DateExpr]:
    """Every date expression in `text`, in order, resolved against `ref`."""
    from monitor.dates.engine import find

    found = find(text, ref, lang or detect_lang(text))
    return [
        DateExpr(text[c.s:c.e], c.start, c.end, c.grain, c.vague, c.deadline, c.relative,
                 (c.s, c.e))
        for c in found
    ]


def read_deadline(text: str, ref: date, lang: str | None = None) -> DateExpr:
    """The one window a deadline phrase denotes; DateError if it cannot be read."""
    found = find_dates(text, ref, lang)
    if not found:
        raise DateError(f"cannot read a date in {text!r}")
    return found[0]


def detect_lang(text: str) -> str:
    """A best guess among en/fr/ru (others as their code when obvious), default en."""
    from monitor.dates.language import guess

    return guess(text)
