"""A date window read from text: the value the date engine returns and everything downstream
(commitments, statuses, alerts) compares."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from monitor.core.enums import Grain


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
    # "not before", "at the earliest", "frühestens", "not in 2014": the window is the earliest
    # one named; nothing after its end is late (there is no deadline)
    open_end: bool = False

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "text": self.text,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "grain": str(self.grain),
            "vague": self.vague,
            "deadline": self.deadline,
            "relative": self.relative,
        }
        if self.open_end:  # only when set: the contract's existing keys stay as they were
            out["open_end"] = True
        return out
