"""Commitment definitions as read from commitments.yaml (pure data)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from monitor.core.enums import Severity
from monitor.core.window import DateExpr


@dataclass(frozen=True)
class Target:
    """A numeric target, e.g. 1e9 USD or 10e6 t/yr."""

    value: float
    unit: str


@dataclass(frozen=True)
class Source:
    url: str | None = None
    quote: str | None = None
    lang: str | None = None


@dataclass(frozen=True)
class Commitment:
    """One promise with its (possibly fuzzy) deadline window."""

    id: str
    title: str
    stated: date
    aliases: tuple[str, ...]
    deadline_text: str | None = None
    deadline: DateExpr | None = None
    source: Source = field(default_factory=Source)
    target: Target | None = None
    depends_on: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    grace: timedelta = timedelta(days=30)
    tags: tuple[str, ...] = ()
    severity: Severity = Severity.WARNING
    context: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()  # words that veto the commitment in a sentence
