"""The web's read model of commitments: filtered, sorted and paged in SQL or on light rows
(10,000 stay fast), and one commitment with its evidence and status history. Plain dicts in the
shapes of the JSON API (the brief's contract); alerts and feeds are in monitor.web.activity."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import distinct, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from monitor.core.commitment import Commitment
from monitor.core.enums import Status
from monitor.store import iso
from monitor.store.tables import (
    CommitmentRow,
    EvidenceRow,
    FeedRow,
    ItemRow,
    StatusChangeRow,
)

SORTS = ("deadline", "id", "title", "status", "forecast", "slip", "evidence", "sources")
MAX_PER_PAGE = 1000
_IN_LIMIT = 1000  # ids in one IN (...) list; past it, read them all
_SUMMARY = CommitmentRow.__table__.c  # type: ignore[attr-defined]


class BadQuery(ValueError):
    """A query parameter that cannot be used (an unknown sort or status, a bad number)."""


def _int(params: Mapping[str, str], key: str, default: int, lo: int, hi: int) -> int:
    raw = params.get(key) or ""
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadQuery(f"{key} must be a whole number") from None
    if not lo <= value <= hi:
        raise BadQuery(f"{key} must be between {lo} and {hi}")
    return value


@dataclass(frozen=True)
class ListQuery:
    """Which commitments to list: filter by status (any of) and tag, sort ('-' first for
    descending), page from 1; `per_page` None lists everything."""

    statuses: tuple[str, ...] = ()
    tag: str | None = None
    sort: str = "deadline"
    descending: bool = False
    page: int = 1
    per_page: int | None = 50

    @classmethod
    def parse(
        cls, params: Mapping[str, str], statuses: Iterable[str], *, per_page: int | None
    ) -> ListQuery:
        """From query parameters: status (repeatable or comma-separated), tag, sort, page,
        per_page (the caller's default when absent)."""
        wanted = tuple(s for raw in statuses for s in raw.split(",") if s)
        known = {str(s) for s in Status}
        for s in wanted:
            if s not in known:
                raise BadQuery(f"unknown status {s!r}")
        sort = params.get("sort") or "deadline"
        if sort.lstrip("-") not in SORTS:
            raise BadQuery(f"sort must be one of {', '.join(SORTS)} (prefix '-' to reverse)")
        size = _int(params, "per_page", 0, 1, MAX_PER_PAGE) if params.get("per_page") else per_page
        return cls(
            statuses=wanted,
            tag=params.get("tag") or None,
            sort=sort.lstrip("-"),
            descending=sort.startswith("-"),
            page=_int(params, "page", 1, 1, 1_000_000),
            per_page=size,
        )


@dataclass(frozen=True)
class Page:
    rows: list[dict[str, Any]]
    total: int
    page: int
    pages: int


def day(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return iso(value)
    return str(value.isoformat())


def _window(text: str | None, start: date | None, end: date | None) -> dict[str, Any] | None:
    if start is None or end is None:
        return None
    return {"text": text, "start": start.isoformat(), "end": end.isoformat()}


def slip_days(deadline_end: date | None, forecast_end: date | None) -> int | None:
    """How many days the latest forecast's end lies after the deadline window's end (negative:
    ahead of it); None without both."""
    if deadline_end is None or forecast_end is None:
        return None
    return (forecast_end - deadline_end).days


@dataclass(frozen=True)
class Stats:
    """A commitment's evidence: how many pieces, the latest report, how many feeds told it."""

    evidence: int = 0
    last: datetime | None = None
    sources: int = 0


def evidence_stats(s: Session, ids: list[str] | None) -> dict[str, Stats]:
    """Evidence counts per commitment, for `ids` (None: every commitment)."""
    query = (
        select(
            EvidenceRow.commitment_id,
            func.count(col(EvidenceRow.id)),
            func.max(EvidenceRow.published),
            func.count(distinct(col(ItemRow.feed_id))),
        )
        .where(EvidenceRow.item_id == ItemRow.id)
        .group_by(col(EvidenceRow.commitment_id))
    )
    if ids is not None:
        if not ids:
            return {}
        query = query.where(col(EvidenceRow.commitment_id).in_(ids))
    return {cid: Stats(n, last, sources) for cid, n, last, sources in s.exec(query).all()}


Definitions = Mapping[str, Commitment]  # the configured commitments by id


def _summary(r: Any, defs: Definitions, stats: Stats) -> dict[str, Any]:
    """One commitment as /api/commitments lists it: the contract's keys, then a few more."""
    c = defs.get(r.id)
    return {
        "id": r.id,
        "title": r.title,
        "status": r.status,
        "deadline": _window(r.deadline_text, r.deadline_start, r.deadline_end),
        "forecast": _window(r.forecast_text, r.forecast_start, r.forecast_end),
        "slip_days": slip_days(r.deadline_end, r.forecast_end),
        "status_since": day(r.status_since),
        "last_evidence_at": day(stats.last),
        "evidence_count": stats.evidence,
        "sources": stats.sources,
        "tags": list(c.tags) if c else [],
        "severity": str(c.severity) if c else None,
        "acked": r.acked_at is not None,
        "snoozed_until": day(r.snoozed_until),
    }


_FULL = (
    _SUMMARY.id,
    _SUMMARY.title,
    _SUMMARY.status,
    _SUMMARY.status_since,
    _SUMMARY.deadline_text,
    _SUMMARY.deadline_start,
    _SUMMARY.deadline_end,
    _SUMMARY.forecast_text,
    _SUMMARY.forecast_start,
    _SUMMARY.forecast_end,
    _SUMMARY.acked_at,
    _SUMMARY.snoozed_until,
)
# Sorts on one column run in SQL (ORDER BY … LIMIT); the others sort light rows in Python.
_SQL_SORTS = {
    "id": _SUMMARY.id,
    "title": func.lower(_SUMMARY.title),
    "status": _SUMMARY.status,
    "deadline": _SUMMARY.deadline_end,
    "forecast": _SUMMARY.forecast_end,
}


def _sort_key(sort: str, r: Any, stats: Stats) -> Any:
    """The value a light row sorts by in Python; None sorts last whichever the direction."""
    keys = {
        "id": lambda: r.id,
        "title": lambda: r.title.lower(),
        "status": lambda: r.status,
        "deadline": lambda: r.deadline_end,
        "forecast": lambda: r.forecast_end,
        "slip": lambda: slip_days(r.deadline_end, r.forecast_end),
        "evidence": lambda: stats.last,
        "sources": lambda: stats.sources,
    }
    return keys[sort]()


def _sorted_ids(rows: list[Any], q: ListQuery, stats: dict[str, Stats]) -> list[str]:
    keyed = [(_sort_key(q.sort, r, stats.get(r.id, Stats())), r.id) for r in rows]
    present = sorted(k for k in keyed if k[0] is not None)
    if q.descending:
        present.reverse()
    return [cid for _, cid in present] + [cid for key, cid in keyed if key is None]


def _filters(q: ListQuery) -> list[Any]:
    where = [_SUMMARY.archived.is_(False)]
    if q.statuses:
        where.append(_SUMMARY.status.in_(q.statuses))
    return where


def _sql_page(s: Session, q: ListQuery, size: int) -> tuple[list[Any], int]:
    """One page sorted by a column, in SQL, and the total."""
    key = _SQL_SORTS[q.sort]
    order = [key.is_(None), key.desc() if q.descending else key]
    order.append(_SUMMARY.id.desc() if q.descending else _SUMMARY.id)
    total = s.execute(sa_select(func.count()).select_from(_SUMMARY.id.table).where(*_filters(q)))
    rows = s.execute(
        sa_select(*_FULL)
        .where(*_filters(q))
        .order_by(*order)
        .offset((q.page - 1) * size)
        .limit(size)
    ).all()
    return list(rows), int(total.scalar_one())


def _python_page(
    s: Session, defs: Definitions, q: ListQuery, size: int, stats: dict[str, Stats]
) -> tuple[list[Any], int]:
    """One page filtered by tag or sorted on more than a column: light rows sorted in Python,
    then the page's full rows."""
    columns = (_SUMMARY.id, _SUMMARY.title, _SUMMARY.status, _SUMMARY.deadline_end)
    light = s.execute(sa_select(*columns, _SUMMARY.forecast_end).where(*_filters(q))).all()
    if q.tag:
        tagged = {c.id for c in defs.values() if q.tag in c.tags}
        light = [r for r in light if r.id in tagged]
    ids = _sorted_ids(list(light), q, stats)
    shown = ids[(q.page - 1) * size : q.page * size]
    # A long page (the API's "everything") reads every row rather than a huge IN list.
    which = _SUMMARY.id.in_(shown) if len(shown) <= _IN_LIMIT else _filters(q)[0]
    rows = {r.id: r for r in s.execute(sa_select(*_FULL).where(which)).all()}
    return [rows[cid] for cid in shown], len(ids)


def list_commitments(s: Session, defs: Definitions, q: ListQuery) -> Page:
    """The active commitments that match `q`, sorted, one page of them."""
    size = q.per_page or 1_000_000_000
    # Sorting by evidence needs everyone's counts; otherwise only the page's are read.
    stats = evidence_stats(s, None) if q.sort in ("evidence", "sources") else {}
    if q.sort in _SQL_SORTS and not q.tag:
        rows, total = _sql_page(s, q, size)
    else:
        rows, total = _python_page(s, defs, q, size, stats)
    if not stats:
        stats = evidence_stats(s, [r.id for r in rows] if len(rows) <= _IN_LIMIT else None)
    return Page(
        [_summary(r, defs, stats.get(r.id, Stats())) for r in rows],
        total,
        q.page,
        max(1, -(-total // size)),
    )


def commitment(s: Session, defs: Definitions, cid: str) -> dict[str, Any] | None:
    """One commitment as /api/commitments/{id} shows it: the list's keys plus its evidence
    (oldest first) and status history; None when there is no such active commitment."""
    row = s.get(CommitmentRow, cid)
    if row is None or row.archived:
        return None
    out = _summary(row, defs, evidence_stats(s, [cid]).get(cid, Stats()))
    out["evidence"] = evidence(s, cid)
    out["history"] = history(s, cid)
    c = defs.get(cid)
    out["source"] = (
        {"url": c.source.url, "quote": c.source.quote, "lang": c.source.lang} if c else None
    )
    out["stated"] = c.stated.isoformat() if c else None
    return out


def evidence(s: Session, cid: str) -> list[dict[str, Any]]:
    """Every piece of evidence about the commitment, oldest report first."""
    rows = s.exec(
        select(EvidenceRow, ItemRow, FeedRow)
        .where(EvidenceRow.commitment_id == cid)
        .where(EvidenceRow.item_id == ItemRow.id)
        .where(ItemRow.feed_id == FeedRow.id)
        .order_by(col(EvidenceRow.published), col(EvidenceRow.id))
    ).all()
    told = _stories(s, {i.story for _, i, _ in rows if i.story})
    return [
        {
            "id": e.id,
            "published": day(e.published),
            "signal": e.signal,
            "verdict": e.verdict,
            "forecast": _window(e.forecast_text, e.forecast_start, e.forecast_end),
            "quote": e.quote,
            "lang": e.lang or i.lang,
            "score": round(e.score, 3),
            "url": i.link,
            "title": i.title,
            "source": f.name or f.title or f.url,
            "history": not e.alerting,
            # A wire story reprinted elsewhere is one piece of evidence with several sources.
            "sources": told.get(i.story, []) if i.story else [],
        }
        for e, i, f in rows
    ]


def _stories(s: Session, stories: set[str]) -> dict[str, list[dict[str, Any]]]:
    """Every item telling each story, oldest first (as feeds.ingest.story_sources), read in a
    few queries rather than one per piece of evidence."""
    out: dict[str, list[dict[str, Any]]] = {}
    wanted = sorted(stories)
    for at in range(0, len(wanted), _IN_LIMIT):
        for i, f in s.exec(
            select(ItemRow, FeedRow)
            .where(col(ItemRow.story).in_(wanted[at : at + _IN_LIMIT]))
            .where(ItemRow.feed_id == FeedRow.id)
            .order_by(col(ItemRow.published), col(ItemRow.id))
        ).all():
            out.setdefault(i.story or "", []).append(
                {
                    "feed": f.name or f.title or f.url,
                    "url": i.link,
                    "title": i.title,
                    "published": iso(i.published),
                }
            )
    return out


def history(s: Session, cid: str) -> list[dict[str, Any]]:
    """The status changes, oldest first: when, from, to, why and who."""
    rows = s.exec(
        select(StatusChangeRow)
        .where(StatusChangeRow.commitment_id == cid)
        .order_by(col(StatusChangeRow.id))
    ).all()
    return [
        {
            "at": day(c.at),
            "from": c.from_status,
            "to": c.to_status,
            "reason": c.reason,
            "by": c.confirmed_by,
            "note": c.note,
        }
        for c in rows
    ]
