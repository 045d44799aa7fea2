"""Soak (reliability plan test 40, shortened): thousands of loopback feeds with mixed behaviours
polled by the real cycle (Poller → evaluate → deliver to a verifying webhook receiver) on an
accelerated clock, watching memory, fetch times, schedule adherence, per-host load and CPU.

    .venv/bin/python -m bench.soak [--feeds 2000|5000] [--rounds N] [--max-seconds S]
        [--pg postgresql+psycopg://USER@127.0.0.1:5432/DB]

Feeds: 5 % slow (answer after --slow seconds), 5 % errors (500/502/503/404/403), 1 % huge
(a chunked body past max_bytes, so the cap cuts it), 1 % redirecting (302 each time), the rest
answer 200 with an ETag and 304 when unchanged; each publishes a new item every 5 to 60 simulated
minutes (news texts from ../shared/corpus/feeds, 1 in 40 a labelled item about a shipped
commitment, so evidence, status changes and alerts flow). A round is one feed interval (30 min)
of simulated time in ticks of interval / --ticks; each tick runs the cycle until nothing due is
left to claim (as the daemon's 15-second poll ticks would). The servers and the webhook receiver
run in a child process, so RSS and CPU below are the monitor's own.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import sqlalchemy
from sqlmodel import col, func, or_, select

from bench.false_alarms import CORPUS, corpus_items
from bench.fetch_concurrency import Farm, Gauge
from monitor.core.enums import FeedState
from monitor.feeds.fetch import Fetcher, FetchResult, FetchSettings, HostLimiter, Validators
from monitor.service.config import load_config
from monitor.service.cycle import Monitor
from monitor.store import Store, stamp
from monitor.store.tables import AlertRow, DeliveryRow, FeedRow
from tests.alertkit import SECRET, hook
from tests.conftest import write_config
from tests.faultserver import FaultServer, Reply, Seen
from tests.feedbuilder import Entry, rss
from tests.webhookreceiver import WebhookReceiver

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "tests" / "data" / "assess_dev.jsonl"
T0 = datetime(2026, 6, 1, 0, 0, tzinfo=UTC)
INTERVAL = timedelta(minutes=30)
SHOWN = 5  # items a feed document carries
ERRORS = (500, 502, 503, 404, 403)


def behaviours(n: int, seed: int) -> list[str]:
    """The behaviour of each feed: slow 5 %, error 5 %, huge 1 %, redirect 1 %, else normal."""
    kinds = (
        ["slow"] * (n * 5 // 100)
        + ["error"] * (n * 5 // 100)
        + ["huge"] * (n // 100)
        + ["redirect"] * (n // 100)
    )
    kinds += ["normal"] * (n - len(kinds))
    random.Random(seed).shuffle(kinds)
    return kinds


class _Feeds:
    """What each feed serves at the current tick (the child process's side)."""

    def __init__(self, n: int, seed: int, slow: float, huge: int, tick: timedelta) -> None:
        self.kinds = behaviours(n, seed)
        self.slow, self.huge, self.tick = slow, huge, tick
        self.now_tick = 0
        news = [(i.title, i.text[:600]) for i in corpus_items(CORPUS) if i.title]
        labelled = [json.loads(x) for x in LABELLED.read_text(encoding="utf-8").splitlines() if x]
        self.news = news
        self.relevant = [(x["title"], x["summary"]) for x in labelled]
        self._cache: dict[tuple[int, int], bytes] = {}

    def period(self, i: int) -> int:
        return 1 + (i * 7) % 12  # a new item every 1..12 ticks

    def document(self, i: int) -> tuple[bytes, str]:
        published = 3 + self.now_tick // self.period(i)
        etag = f'"{i}-{published}"'
        body = self._cache.get((i, published))
        if body is None:
            entries = []
            for n in range(max(0, published - SHOWN), published):
                pick = (i * 13 + n) % 40 == 0
                title, text = (
                    self.relevant[(i + n) % len(self.relevant)]
                    if pick
                    else self.news[(i * 31 + n) % len(self.news)]
                )
                at = T0 + (n - 3) * self.period(i) * self.tick
                entries.append(
                    Entry(title, text, f"http://example.test/f{i}/{n}", at, f"urn:feed{i}:item{n}")
                )
            body = rss(entries, title=f"Feed {i}")
            self._cache[(i, published)] = body
        return body, etag

    def answer(self, i: int, seen: Seen, *, moved: bool = False) -> Reply:
        kind = self.kinds[i]
        if kind == "error":
            return Reply(ERRORS[i % len(ERRORS)], body=b"server trouble")
        if kind == "huge":
            chunk = b"<!-- padding -->" * 4096
            count = self.huge // len(chunk) + 2
            return Reply(200, body=lambda: (chunk for _ in range(count)), framing="chunked")
        if kind == "redirect" and not moved:
            return Reply(302, headers=[("Location", f"/moved/{i}")])
        body, etag = self.document(i)
        if seen.headers.get("if-none-match") == etag:
            return Reply(304, headers=[("ETag", etag)])
        return Reply(
            200,
            body=body,
            headers=[("ETag", etag), ("Content-Type", "application/rss+xml")],
            delay=self.slow if kind == "slow" else 0.0,
        )


def _soak_farm(
    servers: list[FaultServer], n: int, seed: int, slow: float, huge: int, tick: timedelta
) -> Any:
    feeds = _Feeds(n, seed, slow, huge, tick)
    for i in range(n):
        server = servers[i % len(servers)]
        server.route(f"/feed/{i}", partial(feeds.answer, i))
        server.route(f"/moved/{i}", partial(feeds.answer, i, moved=True))
    receiver = WebhookReceiver(SECRET).__enter__()

    def control(command: str, arg: Any) -> Any:
        if command == "tick":
            feeds.now_tick = arg
            for server in servers:
                server.requests.clear()  # the FaultServer keeps every request; we need none
            return None
        if command == "hook_url":
            return receiver.url
        ids = Counter(r.headers.get("webhook-id") for r in receiver.requests)
        return {
            "requests": len(receiver.requests),
            "verified": sum(r.verified for r in receiver.requests),
            "duplicates": sum(c - 1 for c in ids.values()),
        }

    return control


class MeteredFetcher(Fetcher):
    """The real fetcher, counting requests in progress per host and keeping fetch times."""

    def __init__(self, settings: FetchSettings) -> None:
        super().__init__(settings)
        self.gauges: defaultdict[str, Gauge] = defaultdict(Gauge)
        self.elapsed: list[float] = []

    def fetch(self, url: str, validators: Validators | None = None) -> FetchResult:
        gauge = self.gauges[HostLimiter.key(url)]
        gauge.enter()
        try:
            result = super().fetch(url, validators)
        finally:
            gauge.leave()
        self.elapsed.append(result.elapsed)
        return result

    def take(self) -> tuple[list[float], int]:
        """(fetch times, most requests at one host at once) since the last call."""
        elapsed, self.elapsed = self.elapsed, []
        return elapsed, max((g.take_peak() for g in list(self.gauges.values())), default=0)


@contextmanager
def scratch_database(pg: str | None, work: Path) -> Iterator[str]:
    """A database URL for one run: a SQLite file in `work`, or a new schema in the PostgreSQL
    database `pg`, dropped afterwards."""
    if pg is None:
        yield f"sqlite:///{work / 'monitor.db'}"
        return
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = sqlalchemy.create_engine(pg)
    with admin.begin() as conn:
        conn.execute(sqlalchemy.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield pg + ("&" if "?" in pg else "?") + f"options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(sqlalchemy.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def rss_mib() -> float:
    """Resident set size of this process now (Linux /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def slope(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of y over x."""
    n = len(points)
    if n < 2:
        return 0.0
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    den = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / den if den else 0.0


def due_count(store: Store, now: datetime) -> int:
    """Active feeds whose next poll is due at `now` (and not held by a Retry-After)."""
    at = stamp(now)
    with store.read() as s:
        return int(
            s.exec(
                select(func.count(col(FeedRow.id)))
                .where(col(FeedRow.archived).is_(False))
                .where(FeedRow.state != FeedState.GONE)
                .where(or_(col(FeedRow.next_poll_at).is_(None), col(FeedRow.next_poll_at) <= at))
                .where(
                    or_(
                        col(FeedRow.retry_after_until).is_(None),
                        col(FeedRow.retry_after_until) <= at,
                    )
                )
            ).one()
        )


def outbox_counts(store: Store) -> tuple[int, Counter[str]]:
    with store.read() as s:
        alerts = int(s.exec(select(func.count(col(AlertRow.id)))).one())
        states = Counter(str(st) for st in s.exec(select(DeliveryRow.state)).all())
    return alerts, states


def run(args: argparse.Namespace, work: Path, db_url: str) -> int:
    tick = INTERVAL / args.ticks
    with Farm(
        args.hosts, _soak_farm, args.feeds, args.seed, args.slow, 2 * args.max_bytes, tick
    ) as farm:
        urls = [farm.url(i % args.hosts, f"/feed/{i}") for i in range(args.feeds)]
        directory = write_config(
            work / "cfg",
            database_url=db_url,
            feeds=[{"url": u} for u in urls],
            channels={"hooks": hook(farm.ask("hook_url"))},
            polling={
                "interval": "30m",
                "min_interval": "1m",
                "workers": args.workers,
                "per_host": args.per_host,
                "max_bytes": args.max_bytes,
                "failing_after": "2h",
                "timeout": "3s",
                "deadline": "5s",
            },
        )
        config = load_config(directory)
        p = config.settings.poll
        fetcher = MeteredFetcher(
            FetchSettings(timeout=p.timeout, deadline=p.deadline, max_bytes=p.max_bytes)
        )
        store = Store.open(db_url)
        monitor = Monitor(store, config, owner="soak", fetcher=fetcher)
        monitor.sync(T0)
        kinds = Counter(behaviours(args.feeds, args.seed))
        print(
            f"{args.feeds} feeds on {args.hosts} loopback hosts ({dict(kinds)}), "
            f"{store.dialect}, workers {args.workers}, per_host {args.per_host}; round = "
            f"{INTERVAL} simulated in {args.ticks} ticks"
        )
        print(
            " round  wall s  cpu s  RSS MiB  due  polled  missed  new items  sent  "
            "p95 ms  p99 ms  max/host"
        )
        started = time.perf_counter()
        rss_points: list[tuple[float, float]] = []
        all_elapsed: list[float] = []
        totals: Counter[str] = Counter()
        worst_host = 0
        baseline: tracemalloc.Snapshot | None = None
        if args.tracemalloc:
            tracemalloc.start(8)
        for r in range(args.rounds):
            round_start, cpu_start = time.perf_counter(), time.process_time()
            row: Counter[str] = Counter()
            for t in range(args.ticks):
                k = r * args.ticks + t
                now = T0 + k * tick
                farm.ask("tick", k)
                row["due"] += due_count(store, now)
                for _ in range(50):  # bounded: each call claims at most 500 feeds
                    cycle = monitor.run_once(lambda now=now: now)  # type: ignore[misc]
                    row["polled"] += cycle.poll.fetched + cycle.poll.failed
                    row["items"] += cycle.poll.items_new
                    row["sent"] += cycle.deliver.sent
                    if cycle.poll.feeds == 0:
                        break
                row["missed"] += due_count(store, now)
            elapsed, peak = fetcher.take()
            worst_host = max(worst_host, peak)
            all_elapsed += elapsed
            totals.update(row)
            mem = rss_mib()
            rss_points.append((r, mem))
            if args.tracemalloc and r + 1 == args.warmup:
                baseline = tracemalloc.take_snapshot()
            p95, p99 = (1000 * percentile(elapsed, q) for q in (0.95, 0.99))
            print(
                f" {r + 1:5}  {time.perf_counter() - round_start:6.1f}  "
                f"{time.process_time() - cpu_start:5.1f}  {mem:7.1f}  {row['due']:4}  "
                f"{row['polled']:6}  {row['missed']:6}  {row['items']:9}  {row['sent']:4}  "
                f"{p95:6.0f}  {p99:6.0f}  {peak:8}"
            )
            if time.perf_counter() - started > args.max_seconds:
                print(f"stopped after {r + 1} rounds: past --max-seconds {args.max_seconds}")
                break
        monitor.close()
        if args.tracemalloc and baseline is not None:
            growth = tracemalloc.take_snapshot().compare_to(baseline, "lineno")
            print("largest growth of Python allocations since the warm-up:")
            for stat in growth[:12]:
                print(f"  {stat}")
        hook_seen = farm.ask("hook")
        alerts, states = outbox_counts(store)
        store.close()
    polls_per_round = totals["polled"] / max(1, len(rss_points))

    def trend(points: list[tuple[float, float]]) -> str:
        if len(points) < 2:
            return "too few rounds"
        per_round = slope(points)
        return (
            f"{1024 * per_round:+.0f} KiB/round "
            f"({1024 * per_round / max(polls_per_round, 1) * 1000:+.1f} KiB per 1,000 polls)"
        )

    cpu = resource.getrusage(resource.RUSAGE_SELF)
    print(
        f"RSS {rss_points[0][1]:.1f} → {rss_points[-1][1]:.1f} MiB (peak "
        f"{max(m for _, m in rss_points):.1f}); slope after round {args.warmup}: "
        f"{trend([pt for pt in rss_points if pt[0] >= args.warmup])}; over the last half: "
        f"{trend(rss_points[len(rss_points) // 2 :])}"
    )
    print(
        f"fetch time p50 {1000 * percentile(all_elapsed, 0.5):.0f} ms, "
        f"p95 {1000 * percentile(all_elapsed, 0.95):.0f} ms, "
        f"p99 {1000 * percentile(all_elapsed, 0.99):.0f} ms over {len(all_elapsed)} fetches"
    )
    print(
        f"schedule: {totals['polled']} polls done for {totals['due']} due "
        f"({totals['polled'] / max(1, totals['due']):.3f}); still due at the end of a tick: "
        f"{totals['missed']}"
    )
    print(
        f"CPU: {cpu.ru_utime + cpu.ru_stime:.1f} s (user {cpu.ru_utime:.1f}, system "
        f"{cpu.ru_stime:.1f}) in {time.perf_counter() - started:.1f} s wall, "
        f"{1000 * (cpu.ru_utime + cpu.ru_stime) / max(1, totals['polled']):.1f} ms per poll"
    )
    print(
        f"alerts: {alerts} in the outbox, deliveries {dict(states)}; webhook got "
        f"{hook_seen['requests']} requests, {hook_seen['verified']} verified, "
        f"{hook_seen['duplicates']} duplicate ids"
    )
    ok = worst_host <= args.per_host and totals["missed"] == 0
    print(
        f"max concurrent requests at one host: {worst_host} (limit {args.per_host}); "
        + ("OK" if ok else "FAIL")
    )
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--feeds", type=int, default=2000)
    ap.add_argument("--hosts", type=int, default=50, help="loopback ports the feeds spread over")
    ap.add_argument("--rounds", type=int, default=8, help="feed intervals to simulate")
    ap.add_argument("--ticks", type=int, default=6, help="cycle ticks per round")
    ap.add_argument(
        "--max-seconds",
        type=float,
        default=170,
        help="stop after the round that passes this wall time",
    )
    ap.add_argument("--warmup", type=int, default=2, help="rounds left out of the RSS slope")
    ap.add_argument("--workers", type=int, default=16)
    ap.add_argument("--per-host", type=int, default=2)
    ap.add_argument("--slow", type=float, default=1.0, help="seconds a slow feed waits")
    ap.add_argument("--max-bytes", type=int, default=1024 * 1024)
    ap.add_argument("--seed", type=int, default=40)
    ap.add_argument(
        "--tracemalloc",
        action="store_true",
        help="trace allocations; print what grew most after the warm-up (slow)",
    )
    ap.add_argument("--pg", help="PostgreSQL URL (a scratch schema is created and dropped)")
    args = ap.parse_args(argv)
    if not CORPUS.is_dir():
        print(
            f"corpus not found: {CORPUS} (the shared corpus must sit beside the checkout)",
            file=sys.stderr,
        )
        return 2
    work = Path(tempfile.mkdtemp(prefix="soak-"))
    try:
        with scratch_database(args.pg, work) as url:
            return run(args, work, url)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
