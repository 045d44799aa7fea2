"""Feed bytes to plain-text items with stable identities, under bounds on hostile documents.

feedparser gets bytes and headers only (never a URL, so it never fetches). Before it sees them:
DOCTYPE declarations are removed (entity expansion and XXE: feedparser keeps "safe-looking"
entities, and its loose parser once expanded a 20 KB entity × 20,000 references into a
400-million-character title), and documents with more than `max_entries` items are cut down to
that many so the parse time is bounded too.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import feedparser

from monitor.errors import ParseError
from monitor.understand.text import TEXT_MAX, TITLE_MAX, clean, fingerprint, html_to_text, sketch

KEY_MAX = 512
FUTURE_SLACK = timedelta(days=1)
PLAIN_TYPES = frozenset({"text/plain", "text"})
# feedparser complaints about labels, not content: the document was still read properly.
SURVIVABLE = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)

_ELEMENT = re.compile(rb"<[A-Za-z_]")
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_ITEM_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)[\s>/]")
_ITEM_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?(?:item|entry)\s*>")
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00")


@dataclass(frozen=True)
class ParsedItem:
    """One entry as plain text.

    `key` is the feed-local dedupe key: "guid:…", else "link:…", else "hash:…" of title and
    text (long values are hashed). `fingerprint` is equal for word-for-word reprints; `sketch`
    is a SimHash for near-duplicates (compare with monitor.understand.text.distance).
    """

    key: str
    guid: str | None
    link: str | None
    title: str
    text: str
    published: datetime | None
    lang: str | None
    fingerprint: str
    sketch: int


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    lang: str | None
    items: list[ParsedItem]
    bozo: str | None  # feedparser's complaint about a document it still read, if any
    truncated: bool  # more than max_entries items; only the first max_entries were read


def strip_doctype(body: bytes) -> bytes:
    """The document without its DOCTYPE declaration (internal subset included).

    Only the prolog (before the first element) is touched. Quotes and comments inside the
    internal subset are honoured, so a `]>` inside an entity value does not end it early.
    """
    first = _ELEMENT.search(body)
    prolog_end = first.start() if first else len(body)
    found = _DOCTYPE.search(body, 0, prolog_end)
    if found is None:
        return body
    end = _doctype_end(body, found.end())
    return body[: found.start()] + body[end:]


def _doctype_end(body: bytes, i: int) -> int:
    depth = 0
    n = len(body)
    while i < n:
        skipped = _skip_literal(body, i)
        if skipped is not None:
            i = skipped
            continue
        c = body[i]
        if c == 0x5B:  # [
            depth += 1
        elif c == 0x5D:  # ]
            depth = max(0, depth - 1)
        elif c == 0x3E and depth == 0:  # >
            return i + 1
        i += 1
    return n


def _skip_literal(body: bytes, i: int) -> int | None:
    """Past the comment or quoted string starting at `i` (the end if it never closes); None
    when neither starts there."""
    if body.startswith(b"<!--", i):
        close = body.find(b"-->", i + 4)
        return len(body) if close < 0 else close + 3
    if body[i] in (0x22, 0x27):  # " and '
        close = body.find(body[i : i + 1], i + 1)
        return len(body) if close < 0 else close + 1
    return None


def _is_wide(body: bytes) -> bool:
    """UTF-16/32 text, where byte patterns for markup do not apply."""
    return body.startswith(_WIDE_BOMS) or b"\x00" in body[:4]


def limit_entries(body: bytes, max_entries: int) -> tuple[bytes, bool]:
    """Drop the items after the first `max_entries`, keeping the document well-formed.

    The run from the first surplus item's start tag to the last item's end tag is removed;
    what follows it (the closing channel/feed tags) is kept.
    """
    starts = _ITEM_START.finditer(body)
    cut_at = None
    for count, match in enumerate(starts, start=1):
        if count > max_entries:
            cut_at = match.start()
            break
    if cut_at is None:
        return body, False
    ends = [m.end() for m in _ITEM_END.finditer(body, cut_at)]
    tail = body[ends[-1] :] if ends else b""
    return body[:cut_at] + tail, True


def _plain(detail: Mapping[str, Any] | None, value: str | None, limit: int, one_line: bool) -> str:
    if not value:
        return ""
    kind = str((detail or {}).get("type") or "text/html").lower()
    if kind in PLAIN_TYPES:
        return clean(value, limit, one_line=one_line)
    return html_to_text(value, limit, one_line=one_line)


def _when(entry: Mapping[str, Any]) -> datetime | None:
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(name)
        if parsed:
            try:
                return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
            except (OverflowError, ValueError, OSError):
                return None
    return None


def _body_text(entry: Mapping[str, Any]) -> str:
    for content in entry.get("content") or []:
        value = content.get("value")
        if value:
            return _plain(content, value, TEXT_MAX, one_line=False)
    return _plain(entry.get("summary_detail"), entry.get("summary"), TEXT_MAX, one_line=False)


def _key(kind: str, value: str) -> str:
    if len(value) > KEY_MAX:
        value = "sha256:" + hashlib.sha256(value.encode("utf-8", "replace")).hexdigest()
    return f"{kind}:{value}"


def item_key(guid: str | None, link: str | None, title: str, text: str) -> str:
    """The dedupe key policy: guid, else link, else a hash of title and text."""
    if guid:
        return _key("guid", guid)
    if link:
        return _key("link", link)
    digest = hashlib.sha256(f"{title}\x1f{text}".encode()).hexdigest()
    return f"hash:{digest}"


def _item(entry: Mapping[str, Any], feed_lang: str | None, now: datetime | None) -> ParsedItem:
    title = _plain(entry.get("title_detail"), entry.get("title"), TITLE_MAX, one_line=True)
    text = _body_text(entry)
    guid = _identifier(entry.get("id"))
    link = _web_link(entry.get("link"))
    lang = (entry.get("title_detail") or {}).get("language") or feed_lang
    return ParsedItem(
        key=item_key(guid, link, title, text),
        guid=guid,
        link=link,
        title=title,
        text=text,
        published=_published(entry, now),
        lang=_lang_tag(lang),
        fingerprint=fingerprint(title, text),
        sketch=sketch(title, text),
    )


def _lang_tag(lang: Any) -> str | None:
    return str(lang).lower() if lang else None


def _identifier(value: Any) -> str | None:
    return clean(str(value or ""), 4 * KEY_MAX, one_line=True) or None


def _web_link(value: Any) -> str | None:
    """The link if it is one to send a reader to (not javascript:, data:, urn: …)."""
    link = _identifier(value)
    if link is not None and not link.lower().startswith(("http://", "https://")):
        return None
    return link


def _published(entry: Mapping[str, Any], now: datetime | None) -> datetime | None:
    published = _when(entry)
    if now is not None and published is not None and published > now + FUTURE_SLACK:
        return now  # a date days ahead is a clock or zone error, not news from the future
    return published


def _substantial(item: ParsedItem) -> bool:
    """Whether an entry says anything (a truncated document can leave an empty husk)."""
    return bool(item.guid or item.link or item.title or item.text)


def parse_feed(
    body: bytes,
    headers: Mapping[str, str],
    url: str,
    *,
    max_entries: int = 2000,
    now: datetime | None = None,
) -> ParsedFeed:
    """Parse fetched bytes into plain-text items; ParseError when they are not a feed.

    `headers` are the response headers (lower-case names); `url` is the final URL, the base
    for relative links. Publication dates more than a day after `now` are clamped to `now`.
    """
    if not body or not body.strip():
        raise ParseError("empty response body", kind="empty")
    body, truncated = _defused(body, max_entries)
    result = _feedparse(body, headers, url)
    entries = list(result.get("entries") or [])
    if len(entries) > max_entries:
        entries, truncated = entries[:max_entries], True
    feed = result.get("feed") or {}
    feed_lang = feed.get("language") or (feed.get("title_detail") or {}).get("language")
    items = _items(entries, feed_lang, now)
    reason = _complaint(result, has_items=bool(items))
    return ParsedFeed(
        title=_plain(feed.get("title_detail"), feed.get("title"), TITLE_MAX, one_line=True),
        lang=_lang_tag(feed_lang),
        items=items,
        bozo=f"{type(reason).__name__}: {reason}"[:500] if reason is not None else None,
        truncated=truncated,
    )


def _items(
    entries: list[Mapping[str, Any]], feed_lang: str | None, now: datetime | None
) -> list[ParsedItem]:
    """The entries that say anything, as items."""
    now_utc = now.astimezone(UTC) if now is not None else None
    return [it for it in (_item(e, feed_lang, now_utc) for e in entries) if _substantial(it)]


def _defused(body: bytes, max_entries: int) -> tuple[bytes, bool]:
    """The document without DOCTYPE and cut to `max_entries` items, and whether it was cut.
    UTF-16/32 documents cannot be edited as bytes: with a DOCTYPE they are refused."""
    if not _is_wide(body):
        return limit_entries(strip_doctype(body), max_entries)
    if _DOCTYPE.search(body.replace(b"\x00", b"")[:65536]):
        raise ParseError("UTF-16/32 document with a DOCTYPE: refused", kind="entities")
    return body, False


def _feedparse(body: bytes, headers: Mapping[str, str], url: str) -> Any:
    fp_headers = {k.lower(): v for k, v in headers.items()}
    fp_headers.setdefault("content-location", url)
    # Sanitising and URI rewriting only matter for rendering HTML, which never happens here.
    return feedparser.parse(
        body, response_headers=fp_headers, sanitize_html=False, resolve_relative_uris=False
    )


def _complaint(result: Any, *, has_items: bool) -> BaseException | None:
    """feedparser's complaint about a document it read; ParseError when it is not a feed."""
    version = result.get("version") or ""
    reason = result.get("bozo_exception") if result.get("bozo") else None
    fatal = reason is not None and not isinstance(reason, SURVIVABLE)
    if not has_items and (not version or fatal):
        # An unrecognised document, or a feed so broken that no entry survived (truncated
        # XML): either way nothing here may replace what the feed said before.
        raise ParseError(f"not a feed{f': {reason}' if reason else ''}", kind="not_feed")
    return reason
