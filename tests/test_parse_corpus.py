"""The 40 real news feeds of ../shared/corpus/feeds read by parse_feed agree with plain feedparser
on every item's title, link and date (issue 6, "Show"), and identities are deterministic."""

from __future__ import annotations

import calendar
import html
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import feedparser
import pytest

from monitor.feeds.parse import parse_feed
from monitor.understand.text import TITLE_MAX

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "feeds"
FEEDS = sorted(CORPUS.glob("*.xml")) if CORPUS.is_dir() else []
BASE = "https://feeds.example.org/feed.xml"


def reference_title(entry: Any) -> str:
    """feedparser's title reduced to text independently of monitor.understand.text: tags deleted,
    entities decoded, whitespace collapsed."""
    value = entry.get("title") or ""
    if (entry.get("title_detail") or {}).get("type", "text/html") != "text/plain":
        value = html.unescape(re.sub(r"<[^>]*>", "", value))
    return " ".join(value.split())


def reference_date(entry: Any) -> datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return datetime.fromtimestamp(calendar.timegm(parsed), UTC) if parsed else None


@pytest.mark.skipif(not FEEDS, reason=f"feed corpus not found at {CORPUS}")
def test_every_corpus_item_agrees_with_plain_feedparser() -> None:
    items = disagreements = 0
    for path in FEEDS:
        body = path.read_bytes()
        ours = parse_feed(body, {}, BASE)
        theirs = feedparser.parse(body, response_headers={"content-location": BASE})
        assert len(ours.items) == len(theirs.entries), path.name
        for mine, ref in zip(ours.items, theirs.entries, strict=True):
            items += 1
            expected = (reference_title(ref), ref.get("link") or None, reference_date(ref))
            if (mine.title, mine.link, mine.published) != expected:
                disagreements += 1
                print(path.name, (mine.title, mine.link, mine.published), expected)
            assert mine.title and len(mine.title) <= TITLE_MAX + 1
            mine.title.encode("utf-8")
            mine.text.encode("utf-8")
    print(f"\ncorpus: {len(FEEDS)} feeds, {items} items, {disagreements} disagreements")
    assert items == 2905
    assert disagreements == 0


@pytest.mark.skipif(not FEEDS, reason=f"feed corpus not found at {CORPUS}")
def test_corpus_keys_are_deterministic_and_unique_per_feed() -> None:
    for path in FEEDS[:10]:
        body = path.read_bytes()
        first = [(i.key, i.fingerprint, i.sketch) for i in parse_feed(body, {}, BASE).items]
        again = [(i.key, i.fingerprint, i.sketch) for i in parse_feed(body, {}, BASE).items]
        assert first == again, path.name
        keys = [k for k, _, _ in first]
        assert len(set(keys)) >= len(keys) * 0.95, path.name  # feeds do repeat a guid now and then
