"""parse_feed on small fixtures (tests/data/feeds) and generated hostile documents: plain text,
identity, not-a-feed, entity bombs, XXE, encoding chaos, size and depth (plan 17, 19-23)."""

from __future__ import annotations

import sys
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from monitor.errors import ParseError
from monitor.feeds.parse import ParsedFeed, item_key, limit_entries, parse_feed, strip_doctype
from monitor.understand.text import distance, fingerprint, html_to_text, sketch

DATA = Path(__file__).parent / "data" / "feeds"
NOW = datetime(2026, 3, 1, tzinfo=UTC)
BASE = "https://news.example.org/feed.xml"

# Side effects seen by the audit hook while `_audit_on` is set (hooks cannot be removed).
_audit_on: list[bool] = []
_events: list[tuple[str, str]] = []


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if not _audit_on:
        return
    if event in ("socket.connect", "socket.getaddrinfo", "urllib.Request"):
        _events.append((event, repr(args)[:200]))
    elif event == "open" and args and "hostname" in str(args[0]):
        _events.append((event, str(args[0])))


sys.addaudithook(_audit)


def parse(name: str, headers: dict[str, str] | None = None, **kw: Any) -> ParsedFeed:
    return parse_feed((DATA / name).read_bytes(), headers or {}, BASE, now=NOW, **kw)


def rss(items: str, prolog: str = "") -> bytes:
    return (
        f'<?xml version="1.0"?>{prolog}<rss version="2.0"><channel><title>T</title>'
        f"{items}</channel></rss>"
    ).encode()


def test_rss_items_become_plain_text_with_keys_dates_and_language() -> None:
    feed = parse("rss_basic.xml")
    assert feed.title == "Caucasus & Caspian Wire" and feed.lang == "en-gb"
    first, second, third = feed.items
    assert first.key == "guid:wire-0001" and first.link == "https://news.example.org/a/1"
    assert first.title == "Zangezur corridor works to finish by mid-2026"
    assert first.text == "Construction will be completed by mid-2026.\n\nOfficials said so."
    assert "alert" not in first.text  # script content dropped, never rendered
    assert first.published == datetime(2026, 2, 2, 8, 30, tzinfo=UTC)
    assert second.key == "link:https://news.example.org/a/2"
    assert second.text == "Freight\n\nFreight on the route rose to 10 Mt a year."  # content wins
    assert third.key.startswith("hash:") and third.link is None and third.published is None


def test_atom_relative_links_xhtml_plain_titles_and_future_dates() -> None:
    feed = parse("atom_basic.xml")
    first, second = feed.items
    assert first.link == "https://news.example.org/articles/42"
    assert first.title == "Le corridor achevé à la mi-2026" and first.lang == "fr"
    assert first.text == "La construction sera achevée à la mi-2026."
    assert first.published == datetime(2026, 2, 2, 7, 0, tzinfo=UTC)
    assert second.title == "Texte brut <pas une balise> & co"  # text/plain stays literal
    assert second.published == NOW  # 2031 is clamped to now
    assert second.link is None  # an urn: is not a link


@pytest.mark.parametrize(
    "name",
    [
        "not_feed.html",
        "not_feed.json",
        "truncated_no_entries.xml",
    ],
)
def test_not_a_feed_is_a_parse_error(name: str) -> None:
    with pytest.raises(ParseError) as err:
        parse(name)
    assert err.value.kind == "not_feed"


@pytest.mark.parametrize("body", [b"", b"   \n", b"\x00"[:0]], ids=["empty", "blank", "nothing"])
def test_empty_body_is_a_parse_error(body: bytes) -> None:
    with pytest.raises(ParseError) as err:
        parse_feed(body, {}, BASE)
    assert err.value.kind == "empty"


def test_truncated_feed_keeps_whole_entries_and_reports_bozo() -> None:
    feed = parse("truncated_with_entries.xml")
    assert [i.title for i in feed.items][:1] == ["Whole"]
    assert feed.bozo is not None and "SAXParseException" in feed.bozo


def test_empty_but_valid_feed_is_not_an_error() -> None:
    feed = parse_feed(rss(""), {}, BASE)
    assert feed.items == [] and feed.title == "T"
    assert feed.bozo is not None and "NonXMLContentType" in feed.bozo  # no header: survivable


@pytest.mark.parametrize("name", ["billion_laughs_multiline.xml", "billion_laughs_oneline.xml"])
def test_billion_laughs_is_not_expanded(name: str) -> None:
    start = time.perf_counter()
    feed = parse(name)
    assert time.perf_counter() - start < 1.0
    assert len(feed.items) == 1 and len(feed.items[0].title) < 50
    assert "lollol" not in feed.title + feed.items[0].title + feed.items[0].text


@pytest.mark.parametrize("breakage", ["", "<broken>"], ids=["strict", "loose-fallback"])
def test_quadratic_entity_is_bounded(breakage: str) -> None:
    entity = "A" * 20_000
    body = rss(
        f"<item><title>{'&big;' * 20_000}</title><link>https://e.org/q</link></item>{breakage}",
        prolog=f'<!DOCTYPE rss [<!ENTITY big "{entity}">]>',
    )
    tracemalloc.start()
    start = time.perf_counter()
    try:
        feed = parse_feed(body, {}, BASE)
        elapsed, peak = time.perf_counter() - start, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    title = feed.items[0].title
    assert "AAAA" not in title and len(title) <= 1001  # unguarded: 400 million characters
    assert elapsed < 3.0 and peak < 64 * 1024 * 1024  # unguarded: 1.18 GiB


@pytest.mark.parametrize(
    "name",
    [
        "xxe_multiline.xml",
        "xxe_oneline.xml",
        "xxe_tricky_quotes.xml",
        "external_dtd_stylesheet.xml",
    ],
)
def test_xxe_and_external_dtds_cause_no_file_or_network_access(name: str) -> None:
    secret = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else ""
    _events.clear()
    _audit_on.append(True)
    try:
        feed = parse(name)
    finally:
        _audit_on.clear()
    assert _events == []
    out = " ".join([feed.title] + [i.title + " " + i.text for i in feed.items])
    assert not secret or secret not in out
    assert "SYSTEM" not in out


def test_strip_doctype_handles_quotes_comments_and_leaves_body_alone() -> None:
    doc = b'<?xml version="1.0"?><!DOCTYPE x [<!-- ]> --><!ENTITY a "]>">]><x>&a;<!DOCTYPE y></x>'
    assert strip_doctype(doc) == b'<?xml version="1.0"?><x>&a;<!DOCTYPE y></x>'
    assert strip_doctype(b"<rss/>") == b"<rss/>"


def test_wide_documents_with_a_doctype_are_refused() -> None:
    with pytest.raises(ParseError) as err:
        parse("utf16_bom_doctype.xml")
    assert err.value.kind == "entities"


ENCODING_CASES = [
    ("latin1_labelled_utf8.xml", {}, "Crème brûlée à Paris"),
    ("utf16_no_bom.xml", {}, "Коридор Зангезур"),
    (
        "windows1251_no_decl.xml",
        {"content-type": "application/rss+xml; charset=windows-1251"},
        "Москва",
    ),
    (
        "rss_basic.xml",
        {"content-type": "text/html; charset=bogus"},
        "Zangezur corridor works to finish by mid-2026",
    ),
    ("netscape_rss091.xml", {"content-type": "text/xml"}, "Old item"),
]


@pytest.mark.parametrize(
    ("name", "headers", "title"), ENCODING_CASES, ids=[c[0] for c in ENCODING_CASES]
)
def test_encoding_chaos_yields_clean_text(name: str, headers: dict[str, str], title: str) -> None:
    feed = parse(name, headers)
    assert feed.items[0].title == title
    for item in feed.items:
        (item.title + item.text + feed.title).encode("utf-8")


def test_undeclared_legacy_encoding_still_yields_encodable_text() -> None:
    feed = parse("windows1251_no_decl.xml")
    assert feed.items[0].link == "https://example.org/m"
    feed.items[0].title.encode("utf-8")


def test_fifty_thousand_entries_are_cut_to_the_cap_before_parsing() -> None:
    items = "".join(f"<item><title>Item {i}</title><guid>g{i}</guid></item>" for i in range(50_000))
    start = time.perf_counter()
    feed = parse_feed(rss(items), {}, BASE)
    elapsed = time.perf_counter() - start
    assert feed.truncated and len(feed.items) == 2000
    assert feed.items[-1].key.endswith("g1999")  # feedparser resolves a permalink guid
    assert elapsed < 5.0  # unguarded: 16.6 s for all 50,000


def test_limit_entries_keeps_the_closing_tags() -> None:
    doc = b"<feed><entry>1</entry><entry>2</entry><entry>3</entry></feed>"
    assert limit_entries(doc, 2) == (b"<feed><entry>1</entry><entry>2</entry></feed>", True)
    assert limit_entries(doc, 3) == (doc, False)


def test_deep_nesting_and_huge_title_are_bounded() -> None:
    deep = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>D</title>'
        '<entry><title>Deep</title><id>urn:d</id><content type="xhtml">'
        '<div xmlns="http://www.w3.org/1999/xhtml">'
        + "<div>" * 50_000
        + "core"
        + "</div>" * 50_000
        + "</div></content></entry></feed>"
    ).encode()
    start = time.perf_counter()
    assert parse_feed(deep, {}, BASE).items[0].title == "Deep"
    huge = parse_feed(rss(f"<item><title>{'word ' * 1_000_000}</title></item>"), {}, BASE)
    assert len(huge.items[0].title) <= 1001
    assert time.perf_counter() - start < 6.0


def test_dedupe_key_policy() -> None:
    assert item_key("g1", "https://e.org/1", "t", "x") == "guid:g1"
    assert item_key(None, "https://e.org/1", "t", "x") == "link:https://e.org/1"
    assert item_key(None, None, "t", "x") == item_key(None, None, "t", "x")
    assert item_key(None, None, "t", "x") != item_key(None, None, "t", "y")
    assert item_key("x" * 600, None, "", "").startswith("guid:sha256:")


def test_edited_item_keeps_its_key_but_changes_fingerprint() -> None:
    before = parse_feed(rss("<item><guid>g</guid><title>Works start</title></item>"), {}, BASE)
    after = parse_feed(rss("<item><guid>g</guid><title>Works delayed</title></item>"), {}, BASE)
    assert before.items[0].key == after.items[0].key
    assert before.items[0].fingerprint != after.items[0].fingerprint


def test_wire_story_reprints_share_fingerprint_or_sketch() -> None:
    story = (
        "The Zangezur corridor will be completed by mid-2026, officials said on Monday "
        "in Baku, adding that trade could reach one billion dollars in the short term."
    )
    reprint = f"<p>{story.upper().replace(',', '')}</p>"
    assert fingerprint("Corridor by mid-2026", story) == fingerprint(
        "CORRIDOR BY MID 2026", html_to_text(reprint)
    )
    edited = story.replace("on Monday", "Monday") + " (Reuters)"
    other = "Markets fell sharply in Asia on Tuesday as investors moved away from risk assets."
    a, b, c = (sketch("Corridor by mid-2026", t) for t in (story, edited, other))
    assert distance(a, b) <= 6 < distance(a, c)
