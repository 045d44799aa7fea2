"""Storing a parsed feed's items: identity, edits, stories across feeds, and their evidence.

Identity, per feed: the parser's key (guid, else link, else a hash of title and text) with the
URL scheme folded away, so a site moving to https does not re-key its items. An unknown key
whose exact words (fingerprint) the feed already holds is the same item re-keyed (a guid that
changes on every fetch, relative links read against a moved feed URL): nothing is stored.

Edits: a known key with new words is the item edited in place. Its text is replaced and it is
judged again; evidence already drawn from it is updated in place, never duplicated. A new
forecast window in the edit is news and reaches the tracker; the same window alerts no more.

Stories: items of any feed with the same fingerprint, or a SimHash within STORY_DISTANCE bits of
an item fetched in the last STORY_WINDOW, share a `story`. A story gives a commitment one piece
of evidence per distinct (signal, forecast): one wire story from five outlets is one piece of
evidence with five sources (story_sources), and so at most one alert.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urljoin

from sqlmodel import Session, col, select

from monitor.config import Config
from monitor.evidence import evidence_for, material, refresh
from monitor.judge import Judge
from monitor.parse import ParsedFeed, ParsedItem
from monitor.store import iso, stamp, utc
from monitor.store.tables import EvidenceRow, FeedRow, ItemRow
from monitor.text import distance, words

STORY_DISTANCE = 5  # bits; on the shared corpus every pair this close was the same story
STORY_WINDOW = timedelta(days=3)
STORY_MIN_WORDS = 8  # shorter items say too little to be recognised by their words
KEY_COLUMN_MAX = 200  # ItemRow.key's length
_SCHEME = re.compile(r"^(guid|link):https?://", re.IGNORECASE)


def stored_key(key: str, base: str | None = None) -> str:
    """The dedupe key as stored: scheme-free for URL keys, hashed past the column's length.

    feedparser resolves a relative guid such as "wire-1" against the document's URL `base`;
    the resolution is undone, so that moving the feed does not re-key its items.
    """
    if base and key.startswith("guid:"):
        guid = key[5:]
        folder = urljoin(base, ".")
        rest = guid[len(folder):]
        if guid.startswith(folder) and rest and not set(rest) & set("/?#") \
                and urljoin(base, rest) == guid:
            key = "guid:" + rest
    key = _SCHEME.sub(r"\1://", key)
    if len(key) > KEY_COLUMN_MAX:
        kind = key.split(":", 1)[0]
        key = f"{kind}:sha256:{hashlib.sha256(key.encode('utf-8', 'replace')).hexdigest()}"
    return key


def groupable(item: ParsedItem) -> bool:
    """Whether an item has enough words to be recognised by them (short ones stay alone)."""
    return len(words(item.title)) + len(words(item.text[:2000])) >= STORY_MIN_WORDS


@dataclass
class IngestReport:
    new: int = 0
    edited: int = 0
    rekeyed: int = 0  # known words under a new key: not stored again
    grouped: int = 0  # new items that joined a story already told elsewhere
    evidence: int = 0


# SimHash bands: two sketches within STORY_DISTANCE bits agree on at least one of these
# STORY_DISTANCE + 1 bands (pigeonhole), so only items sharing a band need comparing.
_BANDS = [(shift, 11 if i < 4 else 10) for i, shift in enumerate((0, 11, 22, 33, 44, 54))]


def _bands(sketch: int) -> list[tuple[int, int]]:
    return [(i, (sketch >> shift) & ((1 << width) - 1))
            for i, (shift, width) in enumerate(_BANDS)]


@dataclass
class StoryIndex:
    """Sketches of recently fetched items, kept by a Poller from one cycle to the next.

    At the start of each cycle (`stale`) it reads only the items stored since its last read,
    by any process; within a cycle it is extended as items arrive. Entries older than
    STORY_WINDOW are ignored and dropped now and then.
    """

    buckets: dict[tuple[int, int], list[tuple[int, str, datetime]]] = field(default_factory=dict)
    stale: bool = True
    read_to: datetime | None = None
    pruned_at: datetime | None = None

    def near(self, s: Session, sketch: int, now: datetime) -> str | None:
        if self.stale:
            self._catch_up(s, now)
        since = now - STORY_WINDOW
        candidates = (c for band in _bands(sketch) for c in self.buckets.get(band, ())
                      if c[2] >= since)
        best = min(((distance(sketch, sk), st) for sk, st, _ in candidates), default=None)
        return best[1] if best is not None and best[0] <= STORY_DISTANCE else None

    def add(self, sketch: int, story: str, at: datetime) -> None:
        for band in _bands(sketch):
            self.buckets.setdefault(band, []).append((sketch, story, at))

    def _catch_up(self, s: Session, now: datetime) -> None:
        since = max(self.read_to or now - STORY_WINDOW, now - STORY_WINDOW)
        rows = s.exec(select(ItemRow.sketch, ItemRow.story, ItemRow.fetched_at)
                      .where(col(ItemRow.fetched_at) > stamp(since))
                      .where(col(ItemRow.story).is_not(None))
                      .where(col(ItemRow.sketch).is_not(None))).all()
        seen = {(sk, st) for bucket in self.buckets.values() for sk, st, _ in bucket}
        for sk, st, at in rows:
            if sk and st and (int(sk, 16), st) not in seen:
                self.add(int(sk, 16), st, utc(at) or now)
        self.read_to, self.stale = now, False
        if self.pruned_at is None or now - self.pruned_at > STORY_WINDOW / 3:
            cutoff = now - STORY_WINDOW
            self.buckets = {band: kept for band, entries in self.buckets.items()
                            if (kept := [e for e in entries if e[2] >= cutoff])}
            self.pruned_at = now


def ingest(s: Session, config: Config, judge: Judge, feed: FeedRow, parsed: ParsedFeed,
           now: datetime, *, first_fetch: bool, base: str | None = None,
           stories: StoryIndex | None = None) -> IngestReport:
    """Store a parsed document's new and edited items of `feed`, judged; idempotent.

    `base` is the URL relative references in the document were read against."""
    assert feed.id is not None
    report = IngestReport()
    stories = stories if stories is not None else StoryIndex()
    items: dict[str, ParsedItem] = {}
    for it in parsed.items:  # the first entry with a key wins, as on every later fetch
        items.setdefault(stored_key(it.key, base), it)
    known = {r.key: r for r in s.exec(select(ItemRow).where(ItemRow.feed_id == feed.id)
                                      .where(col(ItemRow.key).in_(list(items))))}
    prints = [it.fingerprint for k, it in items.items() if k not in known]
    held = set(s.exec(select(ItemRow.fingerprint).where(ItemRow.feed_id == feed.id)
                      .where(col(ItemRow.fingerprint).in_(prints))).all()) if prints else set()
    told_before = dict(s.exec(select(ItemRow.fingerprint, ItemRow.story)
                              .where(col(ItemRow.fingerprint).in_(prints))
                              .where(col(ItemRow.story).is_not(None))).all()) if prints else {}
    backfill_from = now - config.settings.poll.backfill
    fresh: list[tuple[ItemRow, bool]] = []
    for key, it in items.items():
        row = known.get(key)
        if row is not None:
            if row.fingerprint != it.fingerprint:
                report.evidence += _edit(s, config, judge, row, it, now)
                report.edited += 1
            continue
        is_groupable = groupable(it)
        if is_groupable and it.fingerprint in held:
            report.rekeyed += 1
            continue
        held.add(it.fingerprint)
        story, joined = None, False
        if is_groupable:
            story = told_before.get(it.fingerprint) or stories.near(s, it.sketch, now)
            joined = story is not None
            story = story or it.fingerprint
            told_before.setdefault(it.fingerprint, story)
        published = it.published or now
        row = ItemRow(feed_id=feed.id, key=key, guid=it.guid, link=it.link, title=it.title,
                      text=it.text, published=stamp(published), fetched_at=stamp(now),
                      lang=it.lang or feed.lang or parsed.lang, fingerprint=it.fingerprint,
                      history=first_fetch and published < backfill_from,
                      sketch=f"{it.sketch:016x}", story=story)
        fresh.append((row, joined))
        if story is not None:
            stories.add(it.sketch, story, now)
    s.add_all([row for row, _ in fresh])
    s.flush()  # one batch of inserts: the rows get their ids, which evidence refers to
    for row, joined in fresh:
        told = _story_evidence(s, row.story) if joined and row.story else set()
        for ev in evidence_for(judge, config, row, alerting=not row.history, now=now):
            if material(ev) not in told:
                s.add(ev)
                report.evidence += 1
    report.new = len(fresh)
    report.grouped = sum(joined for _, joined in fresh)
    feed.items_seen += report.new
    return report


def _story_evidence(s: Session, story: str) -> set[tuple[Any, ...]]:
    rows = s.exec(select(EvidenceRow).join(ItemRow, col(EvidenceRow.item_id) == ItemRow.id)
                  .where(ItemRow.story == story)).all()
    return {material(ev) for ev in rows}


def _edit(s: Session, config: Config, judge: Judge, row: ItemRow, it: ParsedItem,
          now: datetime) -> int:
    """Replace an edited item's text and re-judge it; returns pieces of evidence added."""
    row.title, row.text, row.fingerprint = it.title, it.text, it.fingerprint
    row.sketch, row.link = f"{it.sketch:016x}", it.link or row.link
    s.add(row)
    existing = {ev.commitment_id: ev for ev in
                s.exec(select(EvidenceRow).where(EvidenceRow.item_id == row.id)).all()}
    added = 0
    for ev in evidence_for(judge, config, row, alerting=not row.history, now=now):
        old = existing.get(ev.commitment_id)
        if old is None:
            s.add(ev)
            added += 1
        elif material(old) != material(ev):
            refresh(old, ev)
            s.add(old)
    return added


def story_sources(s: Session, story: str) -> list[dict[str, Any]]:
    """Every item telling `story`, oldest first: feed, link, title, published."""
    rows = s.exec(select(ItemRow, FeedRow).where(ItemRow.story == story)
                  .where(ItemRow.feed_id == FeedRow.id)
                  .order_by(col(ItemRow.published), col(ItemRow.id))).all()
    return [{"feed": f.name or f.title or f.url, "url": i.link, "title": i.title,
             "published": iso(i.published)} for i, f in rows]
