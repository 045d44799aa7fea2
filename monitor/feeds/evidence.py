"""Evidence: what the judge found in one stored item, as rows ready to store."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from monitor.core.settings import Config
from monitor.store import stamp, utc
from monitor.store.tables import EvidenceRow, ItemRow
from monitor.understand.judge import Finding, ItemText, Judge

# What makes two pieces of evidence say different things (a change in one of these is news).
MATERIAL = (
    "signal",
    "verdict",
    "forecast_start",
    "forecast_end",
    "quantity_value",
    "quantity_unit",
)
_DETAIL = ("quote", "score", "terms", "forecast_text", "lang")


def material(ev: EvidenceRow) -> tuple[Any, ...]:
    """What a piece of evidence says about its commitment, for comparing two readings."""
    return (ev.commitment_id, *(getattr(ev, name) for name in MATERIAL))


def refresh(old: EvidenceRow, new: EvidenceRow) -> None:
    """Give a stored piece of evidence a new reading of the same item, in place: the status
    history may refer to its id, so it is never replaced."""
    for name in (*MATERIAL, *_DETAIL):
        setattr(old, name, getattr(new, name))


def findings_for(judge: Judge, config: Config, item: ItemText) -> list[Finding]:
    """What the judge finds in an item, for the commitments still configured. No storage."""
    return [f for f in judge.judge(item) if config.commitment(f.commitment_id) is not None]


def evidence_rows(
    findings: list[Finding], item_id: int, published: datetime, *, alerting: bool, now: datetime
) -> list[EvidenceRow]:
    """Findings on a stored item as evidence rows, one per commitment."""
    return [
        EvidenceRow(
            commitment_id=f.commitment_id,
            item_id=item_id,
            signal=f.signal,
            verdict=f.verdict,
            quote=f.quote,
            score=f.score,
            terms=" ".join(f.terms),
            forecast_start=f.forecast.start if f.forecast else None,
            forecast_end=f.forecast.end if f.forecast else None,
            forecast_text=f.forecast.text if f.forecast else None,
            quantity_value=f.quantity.value if f.quantity else None,
            quantity_unit=f.quantity.unit if f.quantity else None,
            lang=f.lang,
            published=stamp(published),
            created_at=stamp(now),
            alerting=alerting,
        )
        for f in findings
    ]


def evidence_for(
    judge: Judge,
    config: Config,
    item: ItemRow,
    *,
    alerting: bool,
    now: datetime,
    lang: str | None = None,
) -> list[EvidenceRow]:
    """Judge a stored item against the commitments; one row per commitment it concerns.

    `lang` is a language to read it in; None lets the judge tell. (`item.lang` is not used: it
    is often the document's declaration, and feeds declare one language for items in several.)
    """
    assert item.id is not None
    published = utc(item.published) or now
    findings = findings_for(
        judge, config, ItemText(str(item.id), item.title, item.text, published, item.link, lang)
    )
    return evidence_rows(findings, item.id, published, alerting=alerting, now=now)
