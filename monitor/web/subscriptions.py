"""Things to subscribe to or download: `/calendar.ics` (each deadline window and each
commitment's latest revised forecast as all-day events with stable UIDs; SEQUENCE grows whenever
the event changes), `/alerts.atom`, and the exports (`/export.csv`, `/export.json`: one row per
commitment, the fields of /api/commitments)."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from icalendar import Calendar, Event
from sqlmodel import Session, col, select

from monitor.store.tables import CommitmentRow, EvidenceRow

PRODID = "-//commitment-monitor//calendar//EN"
UID_DOMAIN = "commitment-monitor"
ATOM = "http://www.w3.org/2005/Atom"


def forecast_revisions(s: Session) -> dict[str, int]:
    """Per commitment, how many times the reported forecast window changed, report by report.
    Evidence is only ever added, and adding a report never lowers this count, so it can serve
    as the forecast event's SEQUENCE."""
    rows = s.exec(
        select(
            EvidenceRow.commitment_id,
            col(EvidenceRow.forecast_start),
            col(EvidenceRow.forecast_end),
        )
        .where(col(EvidenceRow.forecast_start).is_not(None))
        .order_by(col(EvidenceRow.commitment_id), col(EvidenceRow.published), col(EvidenceRow.id))
    ).all()
    out: dict[str, int] = {}
    previous: tuple[str, Any, Any] | None = None
    for cid, start, end in rows:
        if previous is not None and previous[0] == cid and previous[1:] != (start, end):
            out[cid] = out.get(cid, 0) + 1
        out.setdefault(cid, 0)
        previous = (cid, start, end)
    return out


def versions(s: Session) -> dict[str, int]:
    """Each active commitment's row version (bumped on every status or deadline change)."""
    return dict(
        s.exec(
            select(CommitmentRow.id, CommitmentRow.version).where(
                col(CommitmentRow.archived).is_(False)
            )
        ).all()
    )


def _event(uid: str, sequence: int, summary: str, start: str, end: str, now: datetime) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("sequence", sequence)
    event.add("dtstamp", now)
    event.add("summary", summary)
    event.add("dtstart", date.fromisoformat(start))
    event.add("dtend", date.fromisoformat(end))  # exclusive, as our windows are
    event.add("transp", "TRANSPARENT")  # a window, not a meeting: it blocks no time
    return event


def calendar(
    rows: Iterable[dict[str, Any]],
    sequences: tuple[dict[str, int], dict[str, int]],
    base_url: str,
    now: datetime,
) -> bytes:
    """The iCalendar document; `sequences` is (versions, forecast revisions) per commitment."""
    version_of, revisions_of = sequences
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Commitment deadlines")
    for r in rows:
        link = f"{base_url}commitments/{r['id']}"
        about = f"Status: {r['status']}. {link}"
        if r["deadline"]:
            d = r["deadline"]
            event = _event(
                f"deadline-{r['id']}",
                version_of.get(r["id"], 0),
                f"Deadline: {r['title']} ({d['text']}) [{r['status']}]",
                d["start"],
                d["end"],
                now,
            )
            event.add("description", f"Promised: {d['text']}. {about}")
            event.add("url", link)
            cal.add_component(event)
        if r["forecast"]:
            f = r["forecast"]
            event = _event(
                f"forecast-{r['id']}",
                revisions_of.get(r["id"], 0),
                f"Forecast: {r['title']} ({f['text']})",
                f["start"],
                f["end"],
                now,
            )
            slip = r.get("slip_days")
            late = f" Slip: {slip} days." if slip is not None else ""
            event.add("description", f"Latest reported forecast: {f['text']}.{late} {about}")
            event.add("url", link)
            cal.add_component(event)
    return cal.to_ical()


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    element.text = text
    return element


def _alert_text(a: dict[str, Any]) -> str:
    """The alert in a few plain lines: what changed, the quote, the source."""
    data = a.get("data") or {}
    lines = [f"{a['kind']}: {a.get('title') or a.get('commitment') or ''}".strip()]
    if data.get("previous_status") and data.get("status"):
        lines.append(f"{data['previous_status']} → {data['status']}")
    for key in ("deadline", "forecast"):
        window = data.get(key)
        if isinstance(window, dict):
            lines.append(
                f"{key}: {window.get('text')} [{window.get('start')}, {window.get('end')})"
            )
    ev = data.get("evidence")
    if isinstance(ev, dict):
        lines.append(f"“{ev.get('quote') or ''}”")
        lines.append(f"{ev.get('feed') or ''} {ev.get('url') or ''}".strip())
    if data.get("message"):
        lines.append(str(data["message"]))
    return "\n".join(line for line in lines if line)


def atom(alerts: list[dict[str, Any]], base_url: str, now: datetime) -> bytes:
    """The newest alerts as an Atom 1.0 feed (text content: nothing from a feed is markup)."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "id", f"tag:{UID_DOMAIN},2025:alerts")
    _text(feed, "title", "Commitment monitor: alerts")
    _text(feed, "updated", alerts[0]["created_at"] if alerts else now.isoformat())
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": f"{base_url}alerts.atom"})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": f"{base_url}alerts"})
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "commitment monitor")
    for a in alerts:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", f"tag:{UID_DOMAIN},2025:alert/{a['id']}")
        _text(entry, "title", f"{a['kind']}: {a.get('title') or a.get('commitment') or ''}")
        _text(entry, "updated", a["created_at"])
        _text(entry, "published", a["created_at"])
        href = (
            f"{base_url}commitments/{a['commitment']}" if a["commitment"] else f"{base_url}alerts"
        )
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "href": href})
        ET.SubElement(entry, f"{{{ATOM}}}category", {"term": a["kind"]})
        _text(entry, "content", _alert_text(a), type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


CSV_FIELDS = (
    "id",
    "title",
    "status",
    "deadline_text",
    "deadline_start",
    "deadline_end",
    "forecast_text",
    "forecast_start",
    "forecast_end",
    "slip_days",
    "last_evidence_at",
    "evidence_count",
    "sources",
    "tags",
)


def _cell(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula gets a leading quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def export_csv(rows: Iterable[dict[str, Any]]) -> str:
    """One row per commitment: the /api/commitments fields, windows flattened, tags joined
    with ';'."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_FIELDS)
    for r in rows:
        d, f = r["deadline"] or {}, r["forecast"] or {}
        writer.writerow(
            _cell(v)
            for v in (
                r["id"],
                r["title"],
                r["status"],
                d.get("text"),
                d.get("start"),
                d.get("end"),
                f.get("text"),
                f.get("start"),
                f.get("end"),
                r["slip_days"],
                r["last_evidence_at"],
                r["evidence_count"],
                r["sources"],
                ";".join(r["tags"]),
            )
        )
    return out.getvalue()
