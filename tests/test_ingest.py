"""Identity through the Poller (plan test 23): deterministic keys, re-keyed items, edits in place,
and one wire story reprinted by several outlets being one story, one piece of evidence, one alert.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlmodel import select

from monitor.feeds.ingest import (
    KEY_COLUMN_MAX,
    Known,
    candidates,
    judge_items,
    stored_key,
    story_sources,
)
from monitor.feeds.parse import parse_feed
from monitor.service.config import load_config
from monitor.service.cycle import Monitor
from monitor.store.tables import EvidenceRow, ItemRow
from monitor.understand.judge import Finding, ItemText, Judge
from tests.conftest import ROOT
from tests.faultserver import FaultServer, Reply
from tests.feedbuilder import Entry, rss
from tests.test_poll import T0, Rig

PUBLISHED = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
SLIP_TEXT = (
    "L'ouverture du corridor de Zanguezour est reportée à 2030, a annoncé le ministère "
    "des Transports lundi à Bakou, évoquant des retards dans les travaux."
)
SLIP = Entry(
    "Zanguezour : l'ouverture du corridor reportée",
    SLIP_TEXT,
    "http://news.test/fr/zanguezour-2030",
    PUBLISHED,
    guid="wire-1",
)


def _items(r: Rig) -> list[ItemRow]:
    with r.store.read() as s:
        return list(s.exec(select(ItemRow).order_by(ItemRow.id)).all())  # type: ignore[arg-type]


def _evidence(r: Rig, commitment: str = "zangezur-opening") -> list[EvidenceRow]:
    with r.store.read() as s:
        return list(
            s.exec(select(EvidenceRow).where(EvidenceRow.commitment_id == commitment)).all()
        )


KEYS = [
    ("guid", "guid:http://news.test/a", "guid://news.test/a"),
    ("https-guid", "guid:https://news.test/a", "guid://news.test/a"),
    ("link", "link:HTTPS://news.test/b", "link://news.test/b"),
    ("opaque-guid", "guid:tag:news.test,2026:1", "guid:tag:news.test,2026:1"),
    ("hash", "hash:" + "a" * 64, "hash:" + "a" * 64),
]


@pytest.mark.parametrize("key, expected", [(k, e) for _, k, e in KEYS], ids=[i for i, _, _ in KEYS])
def test_stored_key_folds_the_scheme(key: str, expected: str) -> None:
    assert stored_key(key) == expected


def test_stored_key_fits_the_column_and_is_deterministic() -> None:
    long = "guid:" + "x" * 600
    assert len(stored_key(long)) <= KEY_COLUMN_MAX
    assert stored_key(long) == stored_key(long) != stored_key(long + "y")


def test_keys_are_deterministic_without_guid_or_link() -> None:
    doc = (
        b'<rss version="2.0"><channel><title>t</title><item><title>No id</title>'
        b"<description>Only words here</description></item></channel></rss>"
    )
    keys = {stored_key(parse_feed(doc, {}, "http://x.test/f").items[0].key) for _ in range(3)}
    assert len(keys) == 1 and next(iter(keys)).startswith("hash:")


def test_guid_changing_every_fetch_is_not_a_new_item(rig: Any, server: FaultServer) -> None:
    n = {"fetch": 0}

    def serve(_: Any) -> Reply:
        n["fetch"] += 1
        return Reply(
            200,
            body=rss(
                [
                    Entry(
                        SLIP.title, SLIP.summary, SLIP.link, PUBLISHED, guid=f"session-{n['fetch']}"
                    )
                ]
            ),
        )

    server.route("/f", serve)
    r = rig([{"url": server.url("/f")}])
    for hour in range(4):
        r.now = T0 + timedelta(hours=hour)
        r.poll()
    assert len(_items(r)) == 1 and len(_evidence(r)) == 1


def test_edited_item_is_updated_not_duplicated(rig: Any, server: FaultServer) -> None:
    edited = Entry(
        "Zanguezour : l'ouverture du corridor encore reportée",
        SLIP_TEXT.replace("2030", "2031"),
        SLIP.link,
        PUBLISHED,
        guid="wire-1",
    )
    server.route(
        "/f",
        [
            Reply(200, body=rss([SLIP])),
            Reply(200, body=rss([SLIP])),
            Reply(200, body=rss([edited])),
        ],
    )
    r = rig([{"url": server.url("/f")}])
    reports = []
    for hour in range(4):
        r.now = T0 + timedelta(hours=hour)
        reports.append(r.poll())
    items, evidence = _items(r), _evidence(r)
    assert [x.items_edited for x in reports] == [0, 0, 1, 0]
    assert len(items) == 1 and items[0].title == edited.title and "2031" in items[0].text
    # Edits are judged again; the piece of evidence is updated in place, never doubled.
    assert len(evidence) == 1
    assert evidence[0].forecast_start is not None and evidence[0].forecast_start.year == 2031


def _outlet(n: int) -> Entry:
    """The wire story as outlet n reprints it: other link and guid, cosmetic differences."""
    title = SLIP.title.upper() if n % 2 else SLIP.title
    text = [
        SLIP_TEXT,
        SLIP_TEXT.replace(",", ""),
        f"<p>{SLIP_TEXT}</p>",
        SLIP_TEXT + " (AFP)",
        SLIP_TEXT.replace("lundi", "ce lundi"),
    ][n]
    return Entry(
        title,
        text,
        f"http://outlet{n}.test/news/{n}",
        PUBLISHED + timedelta(hours=n),
        guid=f"outlet{n}-story",
    )


def test_one_wire_story_from_five_outlets_is_one_story(
    rig: Any,
    server: FaultServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for n in range(5):
        server.route(f"/o{n}", Reply(200, body=rss([_outlet(n)], lang="fr")))
    r = rig([{"url": server.url(f"/o{n}"), "name": f"Outlet {n}"} for n in range(5)])
    report = r.poll()
    assert report.items_new == 5
    items = _items(r)
    stories = {i.story for i in items}
    assert len(stories) == 1 and None not in stories
    with r.store.read() as s:
        sources = story_sources(s, items[0].story or "")
    print(f"\nstory sources: {[x['feed'] for x in sources]}")
    assert sorted(x["feed"] for x in sources) == [f"Outlet {n}" for n in range(5)]
    with r.store.read() as s:
        concerned = [e.commitment_id for e in s.exec(select(EvidenceRow)).all()]
    # One piece of evidence per commitment the story concerns, with five sources.
    assert "zangezur-opening" in concerned and len(concerned) == len(set(concerned))
    monitor = Monitor(r.store, r.config, owner="eval")
    for hour in range(3):
        monitor.evaluate(T0 + timedelta(hours=hour))
    slipped = [a.commitment_id for a in r.alerts("commitment.slipped")]
    print(f"alerts for the story: {slipped}")
    assert "zangezur-opening" in slipped and len(slipped) == len(set(slipped))
    capsys.readouterr()
    assert r.cli("status", "zangezur-opening", "--json") == 0
    status = json.loads(capsys.readouterr().out)
    assert status["status"] == "slipped" and len(status["evidence"]) == 1


def test_a_reprint_with_a_new_date_is_new_evidence(rig: Any, server: FaultServer) -> None:
    later = Entry(
        SLIP.title,
        SLIP_TEXT.replace("2030", "2032"),
        "http://other.test/x",
        PUBLISHED,
        guid="other-1",
    )
    server.route("/a", Reply(200, body=rss([SLIP], lang="fr")))
    server.route("/b", Reply(200, body=rss([later], lang="fr")))
    r = rig([{"url": server.url("/a")}, {"url": server.url("/b")}])
    r.poll()
    items = _items(r)
    assert items[0].story == items[1].story  # near-duplicates: one story …
    forecasts = sorted(e.forecast_start.year for e in _evidence(r) if e.forecast_start)
    assert forecasts == [2030, 2032]  # … but a different date is a material difference


def test_same_guid_in_two_feeds_is_two_items_of_one_story(rig: Any, server: FaultServer) -> None:
    server.route("/a", Reply(200, body=rss([SLIP], lang="fr")))
    server.route("/b", Reply(200, body=rss([SLIP], lang="fr")))
    r = rig([{"url": server.url("/a")}, {"url": server.url("/b")}])
    r.poll()
    items = _items(r)
    assert len(items) == 2 and items[0].key == items[1].key == "guid:wire-1"
    assert items[0].story == items[1].story and len(_evidence(r)) == 1


RELATIVE = [
    ("bare", "guid:http://h.test/feeds/wire-1", "http://h.test/feeds/rss.xml", "guid:wire-1"),
    ("moved", "guid:https://n.test/x/wire-1", "https://n.test/x/feed", "guid:wire-1"),
    (
        "deeper",
        "guid:http://h.test/feeds/a/b",
        "http://h.test/feeds/rss.xml",
        "guid://h.test/feeds/a/b",
    ),
    (
        "other-host",
        "guid:http://o.test/feeds/wire-1",
        "http://h.test/feeds/rss.xml",
        "guid://o.test/feeds/wire-1",
    ),
    (
        "link-kept",
        "link:http://h.test/feeds/wire-1",
        "http://h.test/feeds/rss.xml",
        "link://h.test/feeds/wire-1",
    ),
]


@pytest.mark.parametrize(
    "key, base, expected", [r[1:] for r in RELATIVE], ids=[r[0] for r in RELATIVE]
)
def test_relative_guids_are_keyed_as_written(key: str, base: str, expected: str) -> None:
    assert stored_key(key, base) == expected


class _Reader(Judge):
    """Records the language each item is judged in."""

    def __init__(self) -> None:
        super().__init__([])
        self.langs: dict[str, str | None] = {}

    def judge(self, item: ItemText) -> list[Finding]:
        self.langs[item.title] = item.lang
        return []


ATOM = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
<title>t</title><id>urn:f</id><updated>2026-11-28T09:30:00Z</updated>
<entry><title>inherited</title><id>urn:1</id><updated>2026-11-28T09:30:00Z</updated></entry>
<entry xml:lang="fr"><title>own</title><id>urn:2</id><updated>2026-11-28T09:30:00Z</updated>
</entry></feed>"""


@pytest.mark.parametrize("feed_lang", [None, "ru"])
def test_the_judge_reads_an_items_own_language_else_the_feeds_configured_one(
    feed_lang: str | None,
) -> None:
    # The document's own declaration ("en") is not passed: feeds declare one for items in several.
    parsed = parse_feed(ATOM, {}, "http://news.test/atom", now=T0)
    reader = _Reader()
    items = candidates(parsed)
    judge_items(
        load_config(ROOT / "config"), reader, parsed, items, Known({}, set()), feed_lang, T0
    )
    assert reader.langs == {"inherited": feed_lang, "own": "fr"}
