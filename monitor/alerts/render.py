"""Turn an alert message into a subject line, plain text and HTML a busy reader can scan.

Everything that came from a feed is untrusted: it is stripped of control characters and capped
here, escaped by Jinja autoescape in HTML, and only http(s) links become hrefs.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any
from urllib.parse import urlsplit

import jinja2

from monitor.alerts.message import Message
from monitor.alerts.redact import redact_url
from monitor.core.enums import AlertKind

GROUP_KIND = "alert.group"
SUBJECT_LIMIT = 160
LINE_LIMIT = 300
QUOTE_LIMIT = 1500

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# C0/C1 controls, line/paragraph separators, and bidi overrides/isolates (which can make a
# subject read backwards); ordinary RTL letters and emoji are kept.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"\s+")

_LABELS: dict[str, str] = {
    AlertKind.SLIPPED: "Slipped",
    AlertKind.AT_RISK: "At risk",
    AlertKind.OVERDUE: "Overdue",
    AlertKind.MET: "Met",
    AlertKind.DUE_SOON: "Due soon",
    AlertKind.SILENT: "No news",
    AlertKind.CANCELLED: "Cancelled",
    AlertKind.FEED_FAILING: "Feed failing",
    AlertKind.FEED_RECOVERED: "Feed recovered",
    AlertKind.DELIVERY_FAILED: "Delivery failed",
    AlertKind.TEST: "Test",
}
_FEED_KINDS = (AlertKind.FEED_FAILING, AlertKind.FEED_RECOVERED)
_OPERATIONAL = (*_FEED_KINDS, AlertKind.DELIVERY_FAILED, AlertKind.TEST)  # about the monitor


@dataclass(frozen=True)
class Link:
    text: str
    href: str | None  # None when the URL is not http(s): shown as text only


@dataclass(frozen=True)
class AlertView:
    """One alert, flattened to display strings."""

    kind: str
    headline: str
    facts: list[tuple[str, str]] = field(default_factory=list)
    quote: str | None = None
    link: Link | None = None
    history: str | None = None


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def render(message: Message) -> Rendered:
    """Subject, plain-text and HTML bodies for one message (single alert or a group)."""
    if message.kind == GROUP_KIND:
        views = [_view(*_unpack(item)) for item in message.data.get("alerts") or []]
        subject = _group_subject(views)
    else:
        views = [_view(message.kind, message.data)]
        subject = views[0].headline
    context = {"subject": subject, "alerts": views, "alert_id": message.alert_id}
    env = _environment()
    return Rendered(
        subject=clean_line(subject, SUBJECT_LIMIT),
        text=env.get_template("alert.txt").render(context),
        html=env.get_template("alert.html").render(context),
    )


def clean_line(value: Any, limit: int = LINE_LIMIT) -> str:
    """One line of display text: no control characters, whitespace collapsed, capped."""
    text = "" if value is None else str(value)
    text = _SPACES.sub(" ", _UNSAFE.sub(" ", unicodedata.normalize("NFC", text))).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def safe_href(url: Any) -> str | None:
    """`url` if it is an absolute http(s) URL, else None (javascript:, data:, relative...)."""
    if not isinstance(url, str):
        return None
    candidate = url.strip()
    if _UNSAFE.search(candidate) or any(ch.isspace() for ch in candidate):
        return None
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    return candidate if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def window_label(window: Any) -> str:
    """A compact English label for a {"text","start","end"} window (end exclusive)."""
    if not isinstance(window, Mapping):
        return clean_line(window, 80) if window else ""
    start, end = _day(window.get("start")), _day(window.get("end"))
    label = _span_label(start, end) if start and end and end > start else ""
    return label or clean_line(window.get("text"), 80)


def _span_label(start: date, end: date) -> str:
    last = end - timedelta(days=1)
    if start == last:
        return f"{start.day} {_MONTHS[start.month - 1]} {start.year}"
    if start.day != 1 or end.day != 1:
        return f"{start.day} {_MONTHS[start.month - 1]} {start.year} – {_day_text(last)}"
    months = (end.year - start.year) * 12 + end.month - start.month
    if start.month == 1 and months % 12 == 0:
        return _years_label(start, last, months // 12)
    named = _named_months(start, months) if start.year == last.year else None
    if named is not None:
        return f"{named} {start.year}"
    return f"{_MONTHS[start.month - 1]} {start.year} – {_MONTHS[last.month - 1]} {last.year}"


def _years_label(start: date, last: date, years: int) -> str:
    """Whole calendar years: `2027`, `2030s`, `2027–2029`."""
    if years == 1:
        return str(start.year)
    if years == 10 and start.year % 10 == 0:
        return f"{start.year}s"
    return f"{start.year}–{last.year}"


def _named_months(start: date, months: int) -> str | None:
    """The name of a run of whole months within one year (`Q3`, `H1`, `late`, `March`)."""
    named = {
        (1, 3): "Q1", (4, 3): "Q2", (7, 3): "Q3", (10, 3): "Q4",
        (1, 6): "H1", (7, 6): "H2",
        (1, 4): "early", (5, 4): "mid", (9, 4): "late",
        (start.month, 1): _MONTHS[start.month - 1],
    }  # fmt: skip
    return named.get((start.month, months))


def _day_text(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _day(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _window_fact(window: Any) -> str:
    """Label plus the original words when they differ: `late 2028 (“à la fin de 2028”)`."""
    label = window_label(window)
    words = clean_line(window.get("text"), 120) if isinstance(window, Mapping) else ""
    return f"{label} (“{words}”)" if words and words != label else label


def _unpack(item: Any) -> tuple[str, Mapping[str, Any]]:
    """A grouped alert, either {"kind", "data": {...}} or the data itself with a "kind" key."""
    if not isinstance(item, Mapping):
        return "", {"title": item}
    data = item.get("data")
    return str(item.get("kind", "")), data if isinstance(data, Mapping) else item


def _view(kind: str, data: Mapping[str, Any]) -> AlertView:
    label = _LABELS.get(kind, clean_line(kind, 40) or "Alert")
    title = clean_line(data.get("title"), 120)
    deadline, forecast = data.get("deadline"), data.get("forecast")
    found = data.get("evidence")
    evidence: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
    facts = _facts(data) + _reported(evidence)
    return AlertView(
        kind=kind,
        headline=_headline(kind, label, title, deadline, forecast, data),
        facts=facts,
        quote=clean_line(evidence.get("quote"), QUOTE_LIMIT) or None,
        link=_link(evidence),
        history=_history(data.get("history")),
    )


def _facts(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The labelled facts of an alert: status change, windows, severity, feed or delivery."""
    facts: list[tuple[str, str]] = []
    previous, status = data.get("previous_status"), data.get("status")
    if status:
        change = f"{_status(previous)} → {_status(status)}" if previous else _status(status)
        facts.append(("Status", change))
    for key in ("deadline", "forecast"):
        if data.get(key):
            facts.append((key.capitalize(), _window_fact(data[key])))
    for key in ("severity", "reason"):
        if data.get(key):
            facts.append((key.capitalize(), clean_line(data[key])))
    for key in ("feed", "delivery"):
        facts += _detail_facts(key, data.get(key))
    if data.get("commitment"):
        facts.append(("Commitment", clean_line(data["commitment"], 120)))
    return facts


def _reported(evidence: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Where and when the evidence was reported, when known."""
    published = _day(evidence.get("published"))
    when = published.isoformat() if published else clean_line(evidence.get("published"), 40)
    source = [clean_line(evidence.get("feed"), 120), when, clean_line(evidence.get("lang"), 20)]
    if any(source):
        return [("Reported", ", ".join(part for part in source if part))]
    return []


def _link(evidence: Mapping[str, Any]) -> Link | None:
    """The source link; shown as plain text when its URL is not safe to link."""
    url = evidence.get("url")
    if not url:
        return None
    link = Link(text=clean_line(evidence.get("title") or url, 200), href=safe_href(url))
    return link if link.href is not None else Link(text=clean_line(url, 200), href=None)


def _headline(
    kind: str, label: str, title: str, deadline: Any, forecast: Any, data: Mapping[str, Any]
) -> str:
    if kind in _OPERATIONAL:
        title, detail = _operational_subject(kind, title, data)
    else:
        detail = _window_detail(kind, window_label(deadline), window_label(forecast))
    head = f"{label}: {title}" if title else label
    return f"{head} — {detail}" if detail else head


def _window_detail(kind: str, due: str, later: str) -> str:
    """How a commitment alert's deadline (`due`) and forecast (`later`) read in its headline."""
    if not due:
        return ""
    if kind == AlertKind.SLIPPED:
        return f"{due} → {later}" if later else ""
    if kind in (AlertKind.AT_RISK, AlertKind.DUE_SOON, AlertKind.SILENT):
        return f"due {due}" + (f", now {later}" if later else "")
    if kind == AlertKind.OVERDUE:
        return f"was due {due}"
    if kind == AlertKind.MET:
        return f"due {due}"
    return ""


def _operational_subject(kind: str, title: str, data: Mapping[str, Any]) -> tuple[str, str]:
    """Title and detail of an alert about the monitor itself: a feed, a delivery, a test."""
    if kind == AlertKind.TEST:
        return title or "the commitment monitor can reach you", ""
    about = data.get("feed") if kind in _FEED_KINDS else data.get("delivery")
    return title or _detail_name(about), clean_line(data.get("reason"), 80)


def _status(value: Any) -> str:
    return clean_line(value, 40).replace("_", " ")


def _detail_name(detail: Any) -> str:
    if isinstance(detail, Mapping):
        for key in ("name", "channel", "title", "url"):
            if detail.get(key):
                value = str(detail[key])
                return clean_line(redact_url(value) if key == "url" else value, 120)
        return ""
    return clean_line(detail, 120)


def _detail_facts(key: str, detail: Any) -> list[tuple[str, str]]:
    """Scalar fields of a feed/delivery detail object, in their given order."""
    if not detail:
        return []
    if not isinstance(detail, Mapping):
        return [(key.capitalize(), clean_line(detail))]
    facts = []
    for name, value in detail.items():
        if value is None or isinstance(value, Mapping | list | tuple):
            continue
        text = redact_url(value) if name == "url" and isinstance(value, str) else value
        facts.append(
            (f"{key.capitalize()} {clean_line(name, 40).replace('_', ' ')}", clean_line(text))
        )
    return facts


def _history(history: Any) -> str | None:
    """The commitment's history in one line: `2025-06 pending → 2026-01 on track → ...`."""
    if not isinstance(history, list | tuple) or not history:
        return None
    steps = [_history_step(step) for step in history]
    return clean_line(" → ".join(step for step in steps if step), 600) or None


def _history_step(step: Any) -> str:
    if not isinstance(step, Mapping):
        return clean_line(step, 80)
    when = clean_line(step.get("at") or step.get("date") or "", 10)
    what = _status(step.get("status") or step.get("note") or "")
    return f"{when} {what}".strip()


def _group_subject(views: list[AlertView]) -> str:
    counts = Counter(_LABELS.get(view.kind, "other").lower() for view in views)
    summary = ", ".join(f"{n} {label}" for label, n in counts.most_common())
    noun = "alert" if len(views) == 1 else "alerts"
    head = f"{len(views)} {noun}: {summary}" if views else "0 alerts"
    return f"{head} — {views[0].headline}" if views else head


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("monitor.alerts", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
