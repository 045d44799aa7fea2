"""The Poller on loopback servers and real databases: conditional GET (plan tests 1–3), no early
polls across restarts and crashes (4), and Retry-After holding a whole host (6).

Also the kit the other test_poll*/test_ingest*/test_feeds_cli files share: `Rig` (a config
directory, a store and a simulated clock) and counting helpers.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

from sqlmodel import func, select

from monitor.core.settings import Config
from monitor.feeds.poll import Poller, PollReport
from monitor.service.config import load_config
from monitor.service.sync import sync_definitions
from monitor.store import Store, utc
from monitor.store.tables import AlertRow, EvidenceRow, FeedRow, ItemRow
from tests.conftest import write_config
from tests.faultserver import FaultServer, Reply, Seen
from tests.feedbuilder import Entry, rss

T0 = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
PUBLISHED = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
MENTION = Entry(
    "Officials discuss the Zangezur corridor",
    "Delegations from Baku and Yerevan met to discuss the Zangezur corridor and regional trade.",
    "http://news.test/en/zangezur-talks",
    PUBLISHED,
)
WEATHER = Entry(
    "Heavy rain expected in Paris",
    "Storms over the weekend could disrupt trains.",
    "http://news.test/en/weather",
    PUBLISHED,
)


@dataclass
class Rig:
    """A configuration, its database and a clock that only moves when told."""

    config: Config
    store: Store
    directory: Path
    now: datetime = T0
    pollers: int = 0
    rand: random.Random = field(default_factory=lambda: random.Random(7))

    def clock(self) -> datetime:
        return self.now

    def poller(self) -> Poller:
        """A new Poller, as a restarted process would make (same database, no memory)."""
        self.pollers += 1
        return Poller(
            self.store, self.config, f"p{self.pollers}", rand=random.Random(self.rand.random())
        )

    def cli(self, *args: str) -> int:
        """`monitor --now <the rig's now> ARGS` on this rig's configuration."""
        from monitor.cli.main import main

        return main(["--config", str(self.directory), "--now", self.now.isoformat(), *args])

    def poll(self, poller: Poller | None = None, all_feeds: bool = False) -> PollReport:
        return (poller or self.poller()).poll(self.clock, all_feeds)

    def feed(self, url: str) -> FeedRow:
        with self.store.read() as s:
            row = s.exec(select(FeedRow).where(FeedRow.source_url == url)).one()
        return row

    def count(self, table: Any, *where: Any) -> int:
        with self.store.read() as s:
            return int(s.exec(select(func.count()).select_from(table).where(*where)).one())

    def alerts(self, kind: str) -> list[AlertRow]:
        with self.store.read() as s:
            return list(s.exec(select(AlertRow).where(AlertRow.kind == kind)).all())

    def rows(self) -> int:
        """Item, evidence and alert rows: what a poll may write."""
        return self.count(ItemRow) + self.count(EvidenceRow) + self.count(AlertRow)


@contextmanager
def rigs(tmp_path: Path, db_url: str) -> Iterator[Callable[..., Rig]]:
    """make(feeds, **write_config options) -> Rig; the stores are closed afterwards."""
    made: list[Rig] = []

    def make(feeds: list[dict[str, Any]], **options: Any) -> Rig:
        directory = write_config(
            tmp_path / f"cfg{len(made)}", database_url=db_url, feeds=feeds, **options
        )
        config = load_config(directory)
        store = Store.open(db_url)
        sync_definitions(store, config, T0)
        made.append(Rig(config, store, directory))
        return made[-1]

    try:
        yield make
    finally:
        for r in made:
            r.store.close()


# -- 1. Conditional GET round trip -------------------------------------------------------------

ETAG, MODIFIED = '"v1-abc"', "Sat, 28 Nov 2026 10:00:00 GMT"


def test_conditional_get_round_trip(rig: Any, server: FaultServer) -> None:
    body = rss([MENTION, WEATHER])
    script = iter([None, Reply(500)])  # request 1 answers normally, request 2 fails

    def serve(seen: Seen) -> Reply:
        scripted = next(script, None)
        if scripted is not None:
            return scripted
        if (
            seen.headers.get("if-none-match") == ETAG
            and seen.headers.get("if-modified-since") == MODIFIED
        ):
            return Reply(304, headers=[("ETag", ETAG)])
        return Reply(200, body=body, headers=[("ETag", ETAG), ("Last-Modified", MODIFIED)])

    server.route("/f.xml", serve)
    r = rig([{"url": server.url("/f.xml"), "interval": "30m"}])
    reports = []
    for n in range(5):
        r.now = T0 + timedelta(hours=n)
        rows_before = r.rows()
        reports.append(r.poll())
        if n >= 2:  # the 304s
            assert reports[-1].not_modified == 1 and reports[-1].items_new == 0
            assert r.rows() == rows_before, "a 304 wrote items, evidence or alerts"
            assert r.feed(server.url("/f.xml")).failures == 0  # reset by the 304
    assert r.feed(server.url("/f.xml")).failures == 0
    first, *rest = server.requests
    assert "if-none-match" not in first.headers and "if-modified-since" not in first.headers
    conditional = [
        q
        for q in rest
        if q.headers.get("if-none-match") == ETAG and q.headers.get("if-modified-since") == MODIFIED
    ]
    print(f"\nconditional requests after the first: {len(conditional)}/{len(rest)}")
    assert len(conditional) == len(rest) == 4
    assert reports[1].failed == 1 and reports[0].items_new == 2
    assert r.count(ItemRow) == 2


def test_validators_rotate_and_are_stored_as_received(rig: Any, server: FaultServer) -> None:
    body = rss([MENTION])
    sent: list[tuple[str | None, str | None]] = []  # validators each response carried
    stale = 0

    def serve(seen: Seen) -> Reply:
        nonlocal stale
        n = len(sent)
        if n and (seen.headers.get("if-none-match"), seen.headers.get("if-modified-since")) != (
            sent[-1][0] or None,
            _last_modified(sent),
        ):
            stale += 1
        if n % 3 == 2:  # a 304 carrying only a new Last-Modified
            modified = f"Sun, 29 Nov 2026 0{n}:00:00 GMT"
            sent.append((None, modified))
            return Reply(304, headers=[("Last-Modified", modified)])
        etag, modified = f'W/"rot-{n}"', f"Sat, 28 Nov 2026 0{n}:00:00 GMT"
        sent.append((etag, modified))
        return Reply(200, body=body, headers=[("ETag", etag), ("Last-Modified", modified)])

    def _last_modified(history: list[tuple[str | None, str | None]]) -> str | None:
        return next((m for _, m in reversed(history) if m), None)

    def _etag(history: list[tuple[str | None, str | None]]) -> str | None:
        return next((e for e, _ in reversed(history) if e), None)

    server.route("/f.xml", serve)
    r = rig([{"url": server.url("/f.xml")}])
    for n in range(8):
        r.now = T0 + timedelta(hours=n)
        r.poll()
        feed = r.feed(server.url("/f.xml"))
        assert (feed.etag, feed.last_modified) == (_etag(sent), _last_modified(sent)), n
        sent[-1] = (_etag(sent), sent[-1][1])  # what the client now holds
    print(f"\nrequests that sent stale validators: {stale}")
    assert stale == 0
    assert r.count(ItemRow) == 1


def test_server_ignoring_conditionals_writes_nothing(rig: Any, server: FaultServer) -> None:
    body = rss([MENTION, WEATHER])
    server.route(
        "/f.xml",
        lambda seen: Reply(200, body=body, headers=[("ETag", f'"{len(server.requests)}"')]),
    )
    r = rig([{"url": server.url("/f.xml")}])
    r.poll()
    written = []
    for n in range(1, 5):
        r.now = T0 + timedelta(hours=n)
        before = r.rows()
        report = r.poll()
        written.append(r.rows() - before)
        assert report.fetched == 1 and report.items_new == 0
        assert r.feed(server.url("/f.xml")).etag == f'"{n + 1}"'  # still refreshed
    print(f"\nrows written per poll after the first: {written}")
    assert written == [0, 0, 0, 0]


# -- 4. Restarts and crashes do not cause early polls --------------------------------------------


def test_restarts_and_crashes_never_poll_early(rig: Any, server: FaultServer) -> None:
    polled: dict[str, list[datetime]] = {}
    sim = {"now": T0}
    lock = threading.Lock()

    def serve(seen: Seen) -> Reply:
        with lock:
            polled.setdefault(seen.path, []).append(sim["now"])
        return Reply(200, body=rss([MENTION]), headers=[("ETag", '"x"')])

    feeds = [{"url": server.url(f"/f{i}.xml"), "interval": "60m"} for i in range(100)]
    for f in feeds:
        server.route(f["url"].split(str(server.port))[1], serve)
    r = rig(feeds, polling={"min_interval": "5m", "jitter": 0.1})
    chaos = random.Random(11)
    poller = r.poller()
    crashed: set[tuple[str, datetime]] = set()  # fetches whose outcome was never recorded
    for step in range(6 * 12 + 1):  # every 5 simulated minutes for 6 hours
        r.now = sim["now"] = T0 + timedelta(minutes=5 * step)
        roll = chaos.random()
        if roll < 0.08:  # kill -9 mid-cycle: feeds claimed, some fetched, nothing recorded
            claimed = poller.claim(r.now)
            for feed in claimed[: len(claimed) // 2]:
                poller.fetcher.fetch(feed.url)
                crashed.add((feed.url, r.now))
            poller = r.poller()
            continue
        if roll < 0.2:  # a clean restart
            poller = r.poller()
        r.poll(poller)
    assert r.pollers >= 6
    gaps, violations = [], 0
    crash_gaps = []
    for path, times in polled.items():
        for a, b in pairwise(times):
            gap = b - a
            url = server.url(path)
            if (url, a) in crashed:
                crash_gaps.append(gap)  # that fetch was never recorded: min_interval applies
                violations += gap < timedelta(minutes=5)
            else:
                gaps.append(gap)
                violations += gap < timedelta(minutes=60)
    print(
        f"\nrestarts {r.pollers - 1}; polls {sum(map(len, polled.values()))}; "
        f"min gap {min(gaps)}; min gap after an unrecorded (crashed) fetch "
        f"{min(crash_gaps, default=None)}; violations {violations}"
    )
    assert len(polled) == 100 and all(len(t) >= 5 for t in polled.values())
    assert violations == 0
    assert min(gaps) >= timedelta(minutes=60)


# -- 6. Retry-After holds the whole host ---------------------------------------------------------


def test_retry_after_holds_the_host_not_only_the_feed(rig: Any, server: FaultServer) -> None:
    sim = {"now": T0}
    times: list[datetime] = []

    def limited(seen: Seen) -> Reply:
        times.append(sim["now"])
        return Reply(429, headers=[("Retry-After", "600")])

    for i in range(50):
        server.route(f"/h{i}.xml", limited)
    with FaultServer() as other:
        other.route("/ok.xml", Reply(200, body=rss([MENTION])))
        feeds = [{"url": server.url(f"/h{i}.xml"), "interval": "5m"} for i in range(50)]
        feeds.append({"url": other.url("/ok.xml"), "interval": "5m"})
        r = rig(feeds, polling={"min_interval": "1m", "per_host": 2, "workers": 8})
        k = r.config.settings.poll.per_host
        for minute in range(0, 16):
            r.now = sim["now"] = T0 + timedelta(minutes=minute)
            report = r.poll(all_feeds=minute % 2 == 1)  # --all every other cycle
            if minute == 0:
                assert report.held >= 50 - 1 - k
        first = times[0]
        within = [t for t in times[1:] if t - first < timedelta(seconds=600)]
        print(
            f"\nrequests to the limited host within 600 s after the first 429: {len(within)};"
            f" other host polls: {other.hits('/ok.xml')}"
        )
        assert len(within) <= k - 1
        assert min(t for t in times if t - first >= timedelta(seconds=600)) == first + timedelta(
            minutes=10
        )
        # The other host was polled on its own schedule: at 0, 5(+jitter), 10(+jitter) minutes.
        assert other.hits("/ok.xml") >= 3
        held = r.feed(server.url("/h7.xml"))
        assert utc(held.retry_after_until) is not None and held.state == "ok"
