"""Delivery speed: alerts per second from the outbox to a loopback webhook receiver that verifies
every Standard Webhooks signature, with 1 and 4 dispatchers (threads of one process, or
processes), on SQLite and, given --pg, PostgreSQL.

    .venv/bin/python -m bench.deliver_speed [--alerts N] [--pg postgresql+psycopg://...]

Each run: a fresh database, N alerts enqueued through the real outbox in one transaction (as one
feed refresh would), then the dispatchers (monitor.alerts.deliver.Dispatcher, each its own lease
owner)
loop claim → send → record until nothing is left. Checked afterwards: every alert arrived once,
every signature verified. The receiver runs in a child process.
"""

from __future__ import annotations

import argparse
import multiprocessing
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from multiprocessing.synchronize import Event
from pathlib import Path
from typing import Any

from bench.fetch_concurrency import Farm
from bench.soak import scratch_database
from monitor.alerts.deliver import Dispatcher
from monitor.service.config import load_config
from monitor.store import Store
from tests.alertkit import SECRET, hook, storm
from tests.conftest import write_config
from tests.faultserver import FaultServer
from tests.webhookreceiver import WebhookReceiver

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def _receiver(servers: list[FaultServer]) -> Callable[[str, Any], Any]:
    receiver = WebhookReceiver(SECRET).__enter__()

    def control(command: str, arg: Any) -> Any:
        if command == "url":
            return receiver.url
        if command == "reset":
            receiver.requests.clear()
            return None
        ids = Counter(r.headers.get("webhook-id") for r in receiver.requests)
        return {
            "requests": len(receiver.requests),
            "distinct": len(ids),
            "unverified": sum(not r.verified for r in receiver.requests),
        }

    return control


def drain(config_dir: Path, owner: str, store: Store | None = None) -> int:
    """Run one dispatcher until the outbox has nothing due; returns how many it sent."""
    config = load_config(config_dir)
    own = store is None
    store = store or Store.open(config.settings.database_url)
    dispatcher = Dispatcher(store, config, owner)
    sent = 0
    while True:
        report = dispatcher.deliver(lambda: NOW)
        sent += report.sent
        if report.claimed == 0:
            break
    if own:
        store.close()
    return sent


def _process(config_dir: Path, owner: str, go: Event, results: Any) -> None:
    load_config(config_dir)  # imports and parsing happen before the clock starts
    go.wait()
    results.put(drain(config_dir, owner))


def timed_run(config_dir: Path, store: Store, workers: int, mode: str) -> tuple[float, int]:
    """(wall seconds, alerts sent) for `workers` dispatchers as threads or processes."""
    if mode == "threads":
        sent: list[int] = []
        threads = [
            threading.Thread(target=lambda k=k: sent.append(drain(config_dir, f"d{k}", store)))
            for k in range(workers)
        ]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return time.perf_counter() - started, sum(sent)
    ctx = multiprocessing.get_context("spawn")
    go, results = ctx.Event(), ctx.Queue()
    procs = [
        ctx.Process(target=_process, args=(config_dir, f"p{k}", go, results))
        for k in range(workers)
    ]
    for p in procs:
        p.start()
    time.sleep(3)  # let each process import and load before the start signal
    started = time.perf_counter()
    go.set()
    total = sum(results.get(timeout=600) for _ in procs)
    took = time.perf_counter() - started
    for p in procs:
        p.join(10)
    return took, total


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--alerts", type=int, default=2000)
    ap.add_argument("--pg", help="PostgreSQL URL (a scratch schema per run, dropped after)")
    ap.add_argument("--runs", default="threads:1,threads:4,processes:4")
    args = ap.parse_args(argv)
    runs = [(mode, int(n)) for mode, n in (r.split(":") for r in args.runs.split(","))]
    failures = 0
    with Farm(0, _receiver) as farm:
        url = farm.ask("url")
        for database in ["sqlite"] + (["postgresql"] if args.pg else []):
            for mode, workers in runs:
                work = Path(tempfile.mkdtemp(prefix="deliver-bench-"))
                try:
                    with scratch_database(
                        args.pg if database == "postgresql" else None, work
                    ) as db_url:
                        config_dir = write_config(
                            work / "cfg", database_url=db_url, channels={"hooks": hook(url)}
                        )
                        config = load_config(config_dir)
                        store = Store.open(db_url)
                        started = time.perf_counter()
                        storm(store, config, args.alerts, NOW)
                        enqueued = time.perf_counter() - started
                        farm.ask("reset")
                        took, sent = timed_run(config_dir, store, workers, mode)
                        store.close()
                        got = farm.ask("count")
                finally:
                    shutil.rmtree(work, ignore_errors=True)
                ok = got["distinct"] == args.alerts == sent and got["unverified"] == 0
                failures += not ok
                print(
                    f"{database:10} {workers} dispatcher {mode:9}: {sent} alerts in "
                    f"{took:5.2f} s = {sent / took:6.0f} alerts/s (enqueue "
                    f"{args.alerts / enqueued:,.0f}/s); receiver: {got['requests']} requests, "
                    f"{got['distinct']} distinct ids, {got['unverified']} unverified"
                    + ("" if ok else "  FAIL")
                )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
