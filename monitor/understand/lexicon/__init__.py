"""Signal lexicons, one data module per language (en, fr, ru, de, tr, es; az reads as tr).

Each module holds regular expressions over folded text (casefolded, Latin accents stripped,
typographic apostrophes made plain: see `monitor.understand.signals`), grouped by what a match
says. `monitor.understand.signals` decides what a sentence means from them:

    cancel  the project or target is dropped             "scrapped", "renonce", "отказались"
    delay   the date moved later or will be missed        "postponed", "reportée", "verschoben"
    late    lateness as a modifier: a delay, unless the   "long-delayed", "after years of delays",
            sentence reports the event itself             "avec 12 ans de retard", "с опозданием"
    dated   a delay only when a date follows it           "not … until", "now scheduled for",
                                                          "не ранее", "frühestens"
    after_date  a delay only when a date comes just       "2021 at the earliest", "au plus tôt"
            before it
    done    the event happened (completion)               "opened", "mise en service", "открыт"
    risk    a warning, a dispute, a suspension            "halted", "menacé", "под угрозой"
    work    a milestone of the work (progress)            "60% complete", "signed", "проложили"
    plan    a date held or planned (progress); negated,   "on schedule", "prévue pour",
            a missed target (delay)                       "запланирован", "wie geplant"
    event   an event planned (progress); negated, it is   "will take place", "aura lieu"
            called off (cancellation)

Cue words change a term found after them in the same clause: NEGATION ("not delayed"), STRICT
(the negations that turn a plan or an event into a missed target: "will not open in 2014"),
MODAL ("could be delayed": a risk), FUTURE ("will be completed": a plan), YET ("not yet
opened": nothing). NEGATION_AFTER and FUTURE_AFTER are read after the term ("ruled out",
"değil", "is expected"). OLD marks a date as the one a plan replaced ("originally 2024",
"au lieu de", "изначально"), SHIFT_FROM the start of a move ("from 2030 to 2035"),
PAST_CONTEXT one that is merely the story's past ("since 2019").
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

KINDS = (
    "cancel",
    "delay",
    "late",
    "dated",
    "after_date",
    "done",
    "risk",
    "work",
    "plan",
    "event",
)


@dataclass(frozen=True)
class Lexicon:
    """One language's terms (kind -> patterns) and cue words (regex alternations)."""

    terms: dict[str, tuple[str, ...]]
    negation: str
    strict: str
    modal: str
    future: str
    yet: str = r"(?!)"
    negation_after: str = r"(?!)"
    future_after: str = r"(?!)"
    old: str = r"(?!)"
    shift_from: str = r"(?!)"
    past_context: str = r"(?!)"


def _from_module(module: ModuleType) -> Lexicon:
    terms = dict(module.TERMS)
    unknown = set(terms) - set(KINDS)
    if unknown:
        raise ValueError(f"{module.__name__}: unknown term kinds {sorted(unknown)}")
    names = (
        "negation",
        "strict",
        "modal",
        "future",
        "yet",
        "negation_after",
        "future_after",
        "old",
        "shift_from",
        "past_context",
    )
    return Lexicon(
        terms=terms,
        **{n: getattr(module, n.upper()) for n in names if hasattr(module, n.upper())},
    )


def _load() -> dict[str, Lexicon]:
    from monitor.understand.lexicon import de, en, es, fr, ru, tr

    table = {m.__name__.rsplit(".", 1)[1]: _from_module(m) for m in (en, fr, ru, de, tr, es)}
    table["az"] = table["tr"]
    return table


LEXICONS: dict[str, Lexicon] = _load()
