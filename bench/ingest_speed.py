"""Ingest speed: items per second through fetch → parse → store → judge (monitor.feeds.poll.Poller).

    .venv/bin/python bench/ingest_speed.py [--copies N] [--database URL]

Serves ../shared/corpus/feeds from a loopback HTTP server (each file N times under different
paths, so every copy is a feed of its own), polls them all once into a fresh SQLite database
(or the given URL), then once more (nothing new: the steady-state cost of an unchanged feed).
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml

from monitor.feeds.poll import Poller
from monitor.service.config import load_config
from monitor.service.sync import sync_definitions
from monitor.store import Store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "feeds"
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


def serve(files: dict[str, bytes]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            body = files.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body or b"")))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body or b"")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=1)
    ap.add_argument("--database", help="database URL (default: a temporary SQLite file)")
    args = ap.parse_args()
    paths = sorted(CORPUS.glob("*.xml"))
    if not paths:
        raise SystemExit(f"no feeds in {CORPUS}")
    files = {f"/{n}/{p.name}": p.read_bytes() for p in paths for n in range(args.copies)}
    server = serve(files)
    work = Path(tempfile.mkdtemp(prefix="ingest-bench-"))
    try:
        url = args.database or f"sqlite:///{work / 'monitor.db'}"
        base = f"http://127.0.0.1:{server.server_address[1]}"
        shutil.copy(ROOT / "config" / "commitments.yaml", work / "commitments.yaml")
        (work / "feeds.yaml").write_text(
            yaml.safe_dump({"feeds": [{"url": base + path} for path in files]})
        )
        (work / "monitor.yaml").write_text(
            yaml.safe_dump({"database_url": url, "polling": {"per_host": 8, "workers": 8}})
        )
        config = load_config(work)
        store = Store.open(url)
        sync_definitions(store, config, NOW)
        poller = Poller(store, config, "bench", rand=random.Random(1))
        mb = sum(map(len, files.values())) / 2**20
        for label, at, everything in (
            ("first poll", NOW, False),
            ("unchanged", NOW + timedelta(hours=1), True),
        ):
            start = time.perf_counter()
            report = poller.poll(lambda at=at: at, all_feeds=everything)  # type: ignore[misc]
            took = time.perf_counter() - start
            print(
                f"{label:>11}: {report.feeds} feeds ({mb:.1f} MiB), {report.items_new} new "
                f"items, {report.evidence_new} evidence, {report.failed} failed in "
                f"{took:.2f} s: {report.items_new / took:,.0f} items/s, "
                f"{report.feeds / took:,.1f} feeds/s"
            )
        store.close()
    finally:
        server.shutdown()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
