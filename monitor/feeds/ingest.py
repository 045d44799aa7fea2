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
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal
from urllib.parse import urljoin

from sqlmodel import Session, col, select

from monitor.core.settings import Config
from monitor.feeds.evidence import evidence_rows, findings_for, material, refresh
from monitor.feeds.parse import ParsedFeed, ParsedItem
from monitor.store import iso, stamp, utc
from monitor.store.tables import EvidenceRow, FeedRow, ItemRow
from monitor.understand.judge import Finding, ItemText, Judge
from monitor.understand.text import distance, words

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
        rest = guid[len(folder) :]
        if (
            guid.startswith(folder)
            and rest
            and not set(rest) & set("/?#")
            and urljoin(base, rest) == guid
        ):
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
    return [(i, (sketch >> shift) & ((1 << width) - 1)) for i, (shift, width) in enumerate(_BANDS)]


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
        candidates = (
            c for band in _bands(sketch) for c in self.buckets.get(band, ()) if c[2] >= since
        )
        best = min(((distance(sketch, sk), st) for sk, st, _ in candidates), default=None)
        return best[1] if best is not None and best[0] <= STORY_DISTANCE else None

    def add(self, sketch: int, story: str, at: datetime) -> None:
        for band in _bands(sketch):
            self.buckets.setdefault(band, []).append((sketch, story, at))

    def _catch_up(self, s: Session, now: datetime) -> None:
        """Add the sketches stored since the last read, by any process, and prune now and then."""
        since = max(self.read_to or now - STORY_WINDOW, now - STORY_WINDOW)
        seen = {(sk, st) for bucket in self.buckets.values() for sk, st, _ in bucket}
        for sketch, story, at in _stored_sketches(s, since):
            if (sketch, story) not in seen:
                self.add(sketch, story, utc(at) or now)
        self.read_to, self.stale = now, False
        if self.pruned_at is None or now - self.pruned_at > STORY_WINDOW / 3:
            self._prune(now - STORY_WINDOW)
            self.pruned_at = now

    def _prune(self, cutoff: datetime) -> None:
        """Drop the entries older than `cutoff`, and the bands left empty."""
        self.buckets = {
            band: kept
            for band, entries in self.buckets.items()
            if (kept := [e for e in entries if e[2] >= cutoff])
        }


def _stored_sketches(s: Session, since: datetime) -> list[tuple[int, str, datetime]]:
    """The sketch, story and fetch time of the items of any feed fetched after `since`."""
    rows = s.exec(
        select(ItemRow.sketch, ItemRow.story, ItemRow.fetched_at)
        .where(col(ItemRow.fetched_at) > stamp(since))
        .where(col(ItemRow.story).is_not(None))
        .where(col(ItemRow.sketch).is_not(None))
    ).all()
    return [(int(sk, 16), st, at) for sk, st, at in rows if sk and st]


# Ingesting a document takes two steps. Judging (`judge_items`) needs no lock: it reads what the
# feed already holds in a short read (`lookup`) and judges only the items that look new or
# edited. Writing (`store_items`) opens the transaction, looks again under the lock, and only
# writes; an item that turns out to need a judgement it did not get is judged there.

Kind = Literal["new", "edited", "unchanged", "rekeyed"]


@dataclass
class JudgedItem:
    """A document's item under its stored key, with the judge's findings.

    `declared` is the item's own language, when it declares one other than its document's.
    `published` and `lang` are what the judge read it with; `findings` is None when the item
    looked stored already (unchanged or re-keyed) and was not judged."""

    key: str
    item: ParsedItem
    declared: str | None
    published: datetime
    lang: str | None
    findings: list[Finding] | None = None


@dataclass
class Known:
    """What a feed already holds for a document: its rows under the document's keys, and the
    fingerprints it holds of the items whose keys are new."""

    rows: dict[str, ItemRow]
    held: set[str]


def candidates(parsed: ParsedFeed, base: str | None = None) -> dict[str, ParsedItem]:
    """A document's items by stored key; the first entry with a key wins, as on every fetch."""
    items: dict[str, ParsedItem] = {}
    for it in parsed.items:
        items.setdefault(stored_key(it.key, base), it)
    return items


def lookup(s: Session, feed_id: int, items: Mapping[str, ParsedItem]) -> Known:
    rows = {
        r.key: r
        for r in s.exec(
            select(ItemRow)
            .where(ItemRow.feed_id == feed_id)
            .where(col(ItemRow.key).in_(list(items)))
        )
    }
    prints = [it.fingerprint for k, it in items.items() if k not in rows]
    held = (
        set(
            s.exec(
                select(ItemRow.fingerprint)
                .where(ItemRow.feed_id == feed_id)
                .where(col(ItemRow.fingerprint).in_(prints))
            ).all()
        )
        if prints
        else set()
    )
    return Known(rows, held)


def triage(items: Mapping[str, ParsedItem], known: Known) -> dict[str, Kind]:
    """Each item's fate: edited in place, unchanged, re-keyed (its words are held under another
    key, or an earlier entry of the document has them), or new."""
    held = set(known.held)
    kinds: dict[str, Kind] = {}
    for key, it in items.items():
        row = known.rows.get(key)
        if row is not None:
            kinds[key] = "unchanged" if row.fingerprint == it.fingerprint else "edited"
        elif groupable(it) and it.fingerprint in held:
            kinds[key] = "rekeyed"
        else:
            held.add(it.fingerprint)
            kinds[key] = "new"
    return kinds


def _declared(it: ParsedItem, parsed: ParsedFeed) -> str | None:
    """An item's own language. One it shares with its document is the document's, inherited:
    feeds often declare one language for items in several, so that one is not trusted."""
    return it.lang if it.lang and it.lang != parsed.lang else None


def _reading(
    it: ParsedItem, declared: str | None, row: ItemRow | None, feed_lang: str | None, now: datetime
) -> tuple[datetime, str | None]:
    """The date and language an item is judged with: its stored date if it has one; its own
    language, else the feed's configured one, else None (the judge tells)."""
    published = (utc(row.published) or now) if row is not None else stamp(it.published or now)
    return published, declared or feed_lang


def _judge(config: Config, judge: Judge, j: JudgedItem, link: str | None) -> list[Finding]:
    return findings_for(
        judge, config, ItemText(j.key, j.item.title, j.item.text, j.published, link, j.lang)
    )


def judge_items(
    config: Config,
    judge: Judge,
    parsed: ParsedFeed,
    items: Mapping[str, ParsedItem],
    known: Known,
    feed_lang: str | None,
    now: datetime,
) -> list[JudgedItem]:
    """Judge the `items` of `parsed` that `known` says are new or edited; no storage.
    `feed_lang` is the feed's configured language."""
    kinds = triage(items, known)
    judged = []
    for key, it in items.items():
        row = known.rows.get(key)
        declared = _declared(it, parsed)
        j = JudgedItem(key, it, declared, *_reading(it, declared, row, feed_lang, now))
        if kinds[key] in ("new", "edited"):
            j.findings = _judge(config, judge, j, it.link or (row.link if row else None))
        judged.append(j)
    return judged


def _findings(
    config: Config,
    judge: Judge,
    j: JudgedItem,
    row: ItemRow | None,
    feed_lang: str | None,
    now: datetime,
) -> list[Finding]:
    """`j`'s findings, judged again only if it was not judged, or with another date or language
    than the one that applies now (the stored rows changed since the judging)."""
    published, lang = _reading(j.item, j.declared, row, feed_lang, now)
    if j.findings is not None and (j.published, j.lang) == (published, lang):
        return j.findings
    again = JudgedItem(j.key, j.item, j.declared, published, lang)
    return _judge(config, judge, again, j.item.link or (row.link if row else None))


def store_items(
    s: Session,
    config: Config,
    judge: Judge,
    feed: FeedRow,
    judged: list[JudgedItem],
    now: datetime,
    *,
    first_fetch: bool,
    stories: StoryIndex | None = None,
) -> IngestReport:
    """Write a judged document's new and edited items of `feed` and their evidence, in `s`;
    idempotent: what the feed holds is looked up again here, under the write lock."""
    assert feed.id is not None
    stories = stories if stories is not None else StoryIndex()
    batch = _sort_out(s, feed.id, judged)
    report = IngestReport(rekeyed=batch.rekeyed, edited=len(batch.edits))
    report.evidence += _store_edits(s, config, judge, feed, batch.edits, now)
    history_before = (now - config.settings.poll.backfill) if first_fetch else None
    fresh = _insert_new(s, feed, batch.new, now, batch.told, stories, history_before)
    for (row, joined), j in zip(fresh, batch.new, strict=True):
        found = _findings(config, judge, j, None, feed.lang, now)
        report.evidence += _add_evidence(s, row, joined, found, now)
    report.new = len(fresh)
    report.grouped = sum(joined for _, joined in fresh)
    feed.items_seen += report.new
    return report


@dataclass
class _Batch:
    """A judged document sorted out against what its feed holds now."""

    edits: list[tuple[ItemRow, JudgedItem]]  # stored rows with their items' new words
    new: list[JudgedItem]
    rekeyed: int
    told: dict[str, str]  # the story already told under a new item's fingerprint


def _sort_out(s: Session, feed_id: int, judged: list[JudgedItem]) -> _Batch:
    by_key = {j.key: j for j in judged}
    items = {key: j.item for key, j in by_key.items()}
    known = lookup(s, feed_id, items)
    kinds = triage(items, known)
    return _Batch(
        # Before any write: the stories told are looked up as they were before this document.
        told=_stories_told(s, [it.fingerprint for k, it in items.items() if k not in known.rows]),
        edits=[(known.rows[key], by_key[key]) for key, kind in kinds.items() if kind == "edited"],
        new=[by_key[key] for key, kind in kinds.items() if kind == "new"],
        rekeyed=sum(kind == "rekeyed" for kind in kinds.values()),
    )


def _store_edits(
    s: Session,
    config: Config,
    judge: Judge,
    feed: FeedRow,
    edits: list[tuple[ItemRow, JudgedItem]],
    now: datetime,
) -> int:
    """Edit the stored rows in place with their new words; returns the evidence written."""
    written = 0
    for row, j in edits:
        found = _findings(config, judge, j, row, feed.lang, now)
        written += _edit(s, row, j.item, found, now)
    return written


def _insert_new(
    s: Session,
    feed: FeedRow,
    new: list[JudgedItem],
    now: datetime,
    told: dict[str, str],
    stories: StoryIndex,
    history_before: datetime | None,
) -> list[tuple[ItemRow, bool]]:
    """Insert the rows of new items in one batch, which gives them the ids evidence refers to;
    with each row, whether it joined a story told before."""
    fresh = [_new_row(s, feed, j, now, told, stories, history_before) for j in new]
    s.add_all([row for row, _ in fresh])
    s.flush()
    return fresh


def ingest(
    s: Session,
    config: Config,
    judge: Judge,
    feed: FeedRow,
    parsed: ParsedFeed,
    now: datetime,
    *,
    first_fetch: bool,
    base: str | None = None,
    stories: StoryIndex | None = None,
) -> IngestReport:
    """Both steps in one transaction, for callers that hold one already (the Poller judges
    before opening its own). `base` is the URL relative references were read against."""
    assert feed.id is not None
    items = candidates(parsed, base)
    judged = judge_items(config, judge, parsed, items, lookup(s, feed.id, items), feed.lang, now)
    return store_items(
        s, config, judge, feed, judged, now, first_fetch=first_fetch, stories=stories
    )


def _stories_told(s: Session, prints: list[str]) -> dict[str, str]:
    """The story already told under each of these fingerprints, by any feed."""
    if not prints:
        return {}
    rows = s.exec(
        select(ItemRow.fingerprint, ItemRow.story)
        .where(col(ItemRow.fingerprint).in_(prints))
        .where(col(ItemRow.story).is_not(None))
    ).all()
    return {fp: story for fp, story in rows if story}


def _new_row(
    s: Session,
    feed: FeedRow,
    j: JudgedItem,
    now: datetime,
    told: dict[str, str],
    stories: StoryIndex,
    history_before: datetime | None,
) -> tuple[ItemRow, bool]:
    """A new item's row, in the story it joins (if it is long enough to have one); True when
    that story was told before. History: published before `history_before`."""
    assert feed.id is not None
    it = j.item
    story, joined = None, False
    if groupable(it):
        story = told.get(it.fingerprint) or stories.near(s, it.sketch, now)
        joined = story is not None
        story = story or it.fingerprint
        told.setdefault(it.fingerprint, story)
        stories.add(it.sketch, story, now)
    published = it.published or now
    row = ItemRow(
        feed_id=feed.id,
        key=j.key,
        guid=it.guid,
        link=it.link,
        title=it.title,
        text=it.text,
        published=stamp(published),
        fetched_at=stamp(now),
        lang=it.lang or feed.lang,
        fingerprint=it.fingerprint,
        history=history_before is not None and published < history_before,
        sketch=f"{it.sketch:016x}",
        story=story,
    )
    return row, joined


def _add_evidence(
    s: Session, row: ItemRow, joined: bool, found: list[Finding], now: datetime
) -> int:
    """Store a new item's evidence, less what its story already says; returns pieces added."""
    assert row.id is not None
    told = _story_evidence(s, row.story) if joined and row.story else set()
    added = 0
    for ev in evidence_rows(
        found, row.id, utc(row.published) or now, alerting=not row.history, now=now
    ):
        if material(ev) not in told:
            s.add(ev)
            added += 1
    return added


def _story_evidence(s: Session, story: str) -> set[tuple[Any, ...]]:
    rows = s.exec(
        select(EvidenceRow)
        .join(ItemRow, col(EvidenceRow.item_id) == ItemRow.id)
        .where(ItemRow.story == story)
    ).all()
    return {material(ev) for ev in rows}


def _edit(s: Session, row: ItemRow, it: ParsedItem, found: list[Finding], now: datetime) -> int:
    """Replace an edited item's text and update its evidence; returns pieces of evidence added."""
    assert row.id is not None
    row.title, row.text, row.fingerprint = it.title, it.text, it.fingerprint
    row.sketch, row.link = f"{it.sketch:016x}", it.link or row.link
    s.add(row)
    existing = {
        ev.commitment_id: ev
        for ev in s.exec(select(EvidenceRow).where(EvidenceRow.item_id == row.id)).all()
    }
    added = 0
    for ev in evidence_rows(
        found, row.id, utc(row.published) or now, alerting=not row.history, now=now
    ):
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
    rows = s.exec(
        select(ItemRow, FeedRow)
        .where(ItemRow.story == story)
        .where(ItemRow.feed_id == FeedRow.id)
        .order_by(col(ItemRow.published), col(ItemRow.id))
    ).all()
    return [
        {
            "feed": f.name or f.title or f.url,
            "url": i.link,
            "title": i.title,
            "published": iso(i.published),
        }
        for i, f in rows
    ]
