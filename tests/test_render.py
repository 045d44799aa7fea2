"""Rendering: subjects a busy reader understands, bodies that escape everything from feeds."""

from __future__ import annotations

from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from monitor.alerts.message import Message
from monitor.alerts.render import clean_line, render, safe_href, window_label

DATA = Path(__file__).parent / "data" / "render"
SUBJECTS = yaml.safe_load((DATA / "subjects.yaml").read_text(encoding="utf-8"))
WINDOWS = yaml.safe_load((DATA / "windows.yaml").read_text(encoding="utf-8"))
HOSTILE = yaml.safe_load((DATA / "hostile.yaml").read_text(encoding="utf-8"))
CREATED = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


class TagAudit(HTMLParser):
    """Collects every tag, attribute and href an email client would see in the HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(name, value or "") for name, value in attrs]


def audit(html: str) -> TagAudit:
    parser = TagAudit()
    parser.feed(html)
    parser.close()
    return parser


ALLOWED_TAGS = {"html", "head", "meta", "title", "body", "div", "h2", "table", "tr", "th", "td",
                "blockquote", "p", "a"}  # fmt: skip


def assert_html_inert(html: str) -> None:
    found = audit(html)
    assert set(found.tags) <= ALLOWED_TAGS, set(found.tags) - ALLOWED_TAGS
    assert not [name for name, _ in found.attributes if name.startswith("on")]
    hrefs = [value for name, value in found.attributes if name in ("href", "src", "xlink:href")]
    assert all(href.startswith(("https://", "http://")) for href in hrefs), hrefs


@pytest.mark.parametrize("case", SUBJECTS, ids=[case["id"] for case in SUBJECTS])
def test_subject_and_text_per_kind(case: dict[str, Any]) -> None:
    rendered = render(Message("alrt_0001", case["kind"], CREATED, case["data"]))
    assert rendered.subject == case["subject"]
    for fragment in case["text_has"]:
        assert fragment in rendered.text
    for fragment in case.get("text_lacks", []):
        assert fragment not in rendered.text and fragment not in rendered.html
    assert rendered.text.startswith(case["subject"])
    assert "alrt_0001" in rendered.text
    assert_html_inert(rendered.html)


@pytest.mark.parametrize("case", WINDOWS, ids=[case["id"] for case in WINDOWS])
def test_window_label(case: dict[str, Any]) -> None:
    assert window_label(case) == case["label"]


def test_window_label_of_nothing_is_empty() -> None:
    assert window_label(None) == ""
    assert window_label({}) == ""


@pytest.mark.parametrize("url", list(HOSTILE["links"]), ids=repr)
def test_safe_href(url: str) -> None:
    expected = url.strip() if HOSTILE["links"][url] else None
    assert safe_href(url) == expected


def test_link_that_is_not_http_is_text_not_href() -> None:
    data = {
        "title": "T",
        "evidence": {"quote": "q", "url": "javascript:alert(1)", "title": "Click"},
    }
    rendered = render(Message("alrt_1", "commitment.slipped", CREATED, data))
    assert "javascript:alert(1)" in rendered.html  # visible, so the reader sees what it was
    assert "href" not in rendered.html
    assert "Source: javascript:alert(1)\n" in rendered.text


def test_every_xss_vector_is_escaped_in_quote_and_title() -> None:
    vectors = HOSTILE["xss"]
    for vector in vectors:
        data = {"title": vector, "evidence": {"quote": vector, "url": "https://ok.example/"}}
        rendered = render(Message("alrt_x", "commitment.at_risk", CREATED, data))
        assert_html_inert(rendered.html)
        # the text survives, as text: what the feed said is still readable
        assert clean_line(vector) in rendered.text
    assert "{{ 7*7 }}" in render(Message("a", "x", CREATED, {"title": vectors[-1]})).text


def test_hostile_titles_become_one_clean_line() -> None:
    titles = HOSTILE["titles"]
    subject = render(
        Message("a", "commitment.slipped", CREATED, {"title": titles["crlf-bcc"]})
    ).subject
    assert subject == "Slipped: Corridor Bcc: victim@example.org X-Injected: yes"
    assert clean_line(titles["nul-and-bell"]) == "Corridor opening"
    assert clean_line(titles["rtl-emoji"]) == titles["rtl-emoji"]
    assert "\u202e" not in clean_line(titles["bidi-override"])


def test_long_title_is_capped() -> None:
    rendered = render(Message("a", "commitment.slipped", CREATED, {"title": "x" * 10_000}))
    assert len(rendered.subject) <= 160
    assert rendered.subject.endswith("…")
    assert len(rendered.text) < 2_000


def test_group_counts_kinds_and_renders_each_alert() -> None:
    items: list[Any] = [
        {"kind": "commitment.slipped", "data": SUBJECTS[0]["data"]},
        {"kind": "commitment.slipped", "data": {"title": "Second"}},
        {"kind": "commitment.at_risk", "title": "Flat item", "status": "at_risk"},
        "a stray string",
    ]
    rendered = render(Message("grp_1", "alert.group", CREATED, {"alerts": items}))
    assert rendered.subject.startswith(
        "4 alerts: 2 slipped, 1 at risk, 1 other — Slipped: Zangezur"
    )
    assert "1. Slipped: Zangezur corridor opening — late 2028 → 2030" in rendered.text
    assert "3. At risk: Flat item" in rendered.text
    assert "4. Alert: a stray string" in rendered.text
    assert rendered.html.count("<h2") == 4


def test_empty_group_still_renders() -> None:
    rendered = render(Message("grp_0", "alert.group", CREATED, {"alerts": []}))
    assert rendered.subject == "0 alerts"
