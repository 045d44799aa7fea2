"""Fetch concurrency: 1,000 loopback feeds that answer after 50 ms, fetched on the poller's
thread pool with 8, 16 and 32 workers, against the brief's reference (requests, 32 threads:
2.1 s) and the floor feeds x delay / workers; the per-host limit is checked on the server side.

    .venv/bin/python -m bench.fetch_concurrency [--feeds N] [--hosts H] [--per-host P]
        [--delay S] [--workers 8,16,32] [--no-poller]

Two measures per worker count: the fetch stage alone (monitor.feeds.fetch.Fetcher + HostLimiter on a
pool, as Poller.poll runs them) and the whole Poller.poll (claim, fetch, parse, record into a
fresh SQLite file). The servers run in a child process so they do not share the GIL with the
client. Run from the repository root (`-m` puts it on the path for `tests`).
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from monitor.feeds.fetch import Fetcher, FetchSettings, HostLimiter
from monitor.feeds.poll import Poller
from monitor.service.config import load_config
from monitor.service.sync import sync_definitions
from monitor.store import Store
from tests.conftest import write_config
from tests.faultserver import FaultServer, Reply, Seen
from tests.feedbuilder import Entry, rss

REFERENCE_S = 2.1  # BRIEF.md: requests with 32 threads on 1,000 feeds at 50 ms
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)

Control = Callable[[str, Any], Any]
Build = Callable[..., Control]


class Gauge:
    """Requests in progress at one host, and the most seen at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.current = 0
        self.peak = 0

    def enter(self) -> None:
        with self._lock:
            self.current += 1
            self.peak = max(self.peak, self.current)

    def leave(self) -> None:
        with self._lock:
            self.current -= 1

    def take_peak(self) -> int:
        with self._lock:
            peak, self.peak = self.peak, self.current
        return peak


def counted(gauge: Gauge, reply: Reply, payload: bytes) -> Reply:
    """`reply` with `payload` as a chunked body whose request counts in `gauge` from arrival
    until just before the closing chunk: the client cannot have finished before that, so the
    count never includes a request its client already let go of."""
    gauge.enter()

    def body() -> Iterator[bytes]:
        try:
            yield payload
        finally:
            gauge.leave()

    reply.body, reply.framing = body, "chunked"
    return reply


class Farm:
    """Loopback servers in a child process: `hosts` FaultServers (one port each, each a host
    for the per-host limit) set up by `build(servers, *args)`, which returns the control
    function the parent's `ask(command, arg)` calls."""

    def __init__(self, hosts: int, build: Build, *args: Any) -> None:
        ctx = multiprocessing.get_context("spawn")
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(target=_farm_main, args=(child, hosts, build, args), daemon=True)
        self._proc.start()
        self.ports: list[int] = self._conn.recv()

    def url(self, host: int, path: str) -> str:
        return f"http://127.0.0.1:{self.ports[host]}{path}"

    def ask(self, command: str, arg: Any = None) -> Any:
        self._conn.send((command, arg))
        return self._conn.recv()

    def close(self) -> None:
        self._conn.send(("stop", None))
        self._proc.join(10)
        if self._proc.is_alive():
            self._proc.terminate()

    def __enter__(self) -> Farm:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _farm_main(conn: Connection, hosts: int, build: Build, args: tuple[Any, ...]) -> None:
    servers = [FaultServer() for _ in range(hosts)]
    for server in servers:
        server.__enter__()
    control = build(servers, *args)
    conn.send([s.port for s in servers])
    while True:
        command, arg = conn.recv()
        if command == "stop":
            break
        conn.send(control(command, arg))
    for server in servers:
        server.stop()


def _slow_feeds(servers: list[FaultServer], feeds: int, delay: float) -> Control:
    """Feed i at /feed/i on every server: one item, answered after `delay`; "peaks" returns
    (and resets) the most requests each server had in progress at once."""
    gauges = [Gauge() for _ in servers]
    for i in range(feeds):
        body = rss([Entry(f"Item {i}", "Nothing dated here.", f"http://example.test/{i}", NOW)])
        for server, gauge in zip(servers, gauges, strict=True):

            def answer(seen: Seen, gauge: Gauge = gauge, body: bytes = body) -> Reply:
                return counted(gauge, Reply(200, delay=delay), body)

            server.route(f"/feed/{i}", answer)

    def control(command: str, arg: Any) -> Any:
        for server in servers:
            server.requests.clear()  # the FaultServer keeps every request; the bench does not
        return [g.take_peak() for g in gauges]

    return control


def fetch_stage(urls: list[str], workers: int, per_host: int) -> tuple[float, int]:
    """(wall seconds, failures) fetching every URL once, each inside its host's slot."""
    fetcher = Fetcher(FetchSettings(timeout=10, deadline=30))
    limiter = HostLimiter(per_host)

    def one(url: str) -> bool:
        with limiter.slot(url):
            return fetcher.fetch(url).ok

    started = time.perf_counter()
    with ThreadPoolExecutor(workers, thread_name_prefix="fetch") as pool:
        ok = list(pool.map(one, urls))
    return time.perf_counter() - started, ok.count(False)


def poller_run(urls: list[str], workers: int, per_host: int) -> tuple[float, int, int]:
    """(wall seconds, feeds polled, failures) for Poller.poll over every feed of a fresh
    SQLite database, called until nothing is left to claim (a call claims at most 500)."""
    work = Path(tempfile.mkdtemp(prefix="fetch-bench-"))
    try:
        url = f"sqlite:///{work / 'monitor.db'}"
        directory = write_config(
            work / "cfg",
            database_url=url,
            feeds=[{"url": u} for u in urls],
            commitments=[],
            polling={"workers": workers, "per_host": per_host},
        )
        config = load_config(directory)
        store = Store.open(url)
        sync_definitions(store, config, NOW)
        poller = Poller(store, config, "bench", rand=random.Random(1))
        polled = failed = 0
        started = time.perf_counter()
        while True:
            report = poller.poll(lambda: NOW)
            if report.feeds == 0:
                break
            polled += report.feeds
            failed += report.failed
        took = time.perf_counter() - started
        store.close()
        return took, polled, failed
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--feeds", type=int, default=1000)
    ap.add_argument("--hosts", type=int, default=50, help="loopback ports the feeds spread over")
    ap.add_argument("--per-host", type=int, default=2)
    ap.add_argument("--delay", type=float, default=0.05, help="seconds before each answer")
    ap.add_argument("--workers", default="8,16,32")
    ap.add_argument("--no-poller", action="store_true", help="only the fetch stage")
    ap.add_argument(
        "--crowded",
        type=int,
        default=8,
        help="hosts for the last run, where the per-host limit binds (0: skip)",
    )
    args = ap.parse_args(argv)
    counts = [int(w) for w in args.workers.split(",")]
    with Farm(args.hosts, _slow_feeds, args.feeds, args.delay) as farm:
        urls = [farm.url(i % args.hosts, f"/feed/{i}") for i in range(args.feeds)]
        print(
            f"{args.feeds} feeds on {args.hosts} loopback hosts, {args.delay * 1000:.0f} ms "
            f"each, per_host {args.per_host}; reference: requests, 32 threads, "
            f"{REFERENCE_S} s"
        )
        worst = 0
        for workers in counts:
            floor = args.feeds * args.delay / min(workers, args.hosts * args.per_host)
            took, failed = fetch_stage(urls, workers, args.per_host)
            peak = max(farm.ask("peaks"))
            worst = max(worst, peak)
            print(
                f"  fetch stage, {workers:2} workers: {took:5.2f} s ({args.feeds / took:6.0f} "
                f"feeds/s), floor {floor:.2f} s, x{took / floor:.2f} of floor, "
                f"x{took / REFERENCE_S:.2f} of reference; failed {failed}; max per host {peak}"
            )
            if not args.no_poller:
                took, polled, failed = poller_run(urls, workers, args.per_host)
                peak = max(farm.ask("peaks"))
                worst = max(worst, peak)
                print(
                    f"  Poller.poll, {workers:2} workers: {took:5.2f} s ({polled / took:6.0f} "
                    f"feeds/s) for {polled} feeds; failed {failed}; max per host {peak}"
                )
        if args.crowded:
            workers = max(counts)
            crowded = [farm.url(i % args.crowded, f"/feed/{i}") for i in range(args.feeds)]
            floor = args.feeds * args.delay / min(workers, args.crowded * args.per_host)
            took, failed = fetch_stage(crowded, workers, args.per_host)
            peak = max(farm.ask("peaks"))
            worst = max(worst, peak)
            print(
                f"  crowded: the same feeds on {args.crowded} hosts, {workers} workers: "
                f"{took:5.2f} s, floor {floor:.2f} s (per-host bound), x{took / floor:.2f} of "
                f"floor; failed {failed}; max per host {peak}"
            )
    if worst > args.per_host:
        print(f"FAIL: {worst} concurrent requests at one host (limit {args.per_host})")
        return 1
    print(f"per-host limit respected: at most {worst} at once (limit {args.per_host})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
