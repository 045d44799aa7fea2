"""What `monitor.understand.extract` knows of one sentence, and of the sentences before it."""

from __future__ import annotations

from dataclasses import dataclass, field

from monitor.understand.dates import DateExpr
from monitor.understand.extract.clauses import Clause
from monitor.understand.extract.names import Name
from monitor.understand.quantity import Quantity


@dataclass
class Memory:
    """What earlier sentences named: for "il a annoncé", "son ouverture", "the project"."""

    speaker: str | None = None
    names: tuple[str, ...] = ()
    promised: bool = False  # the sentence before promised something
    persons: list[str] = field(default_factory=list)


@dataclass
class Sentence:
    text: str
    folded: str
    clauses: list[Clause]
    dates: list[DateExpr]
    figures: list[Quantity]
    names: list[Name]
    speakers: list[str]
