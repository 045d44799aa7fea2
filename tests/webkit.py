"""A seeded site for the web tests: commitments, a loopback feed whose items go through the real
pipeline (poll → judge → store → evaluate → deliver to a dead webhook), and the web app on a real
uvicorn server on 127.0.0.1 (a free port), talking to real SQLite or PostgreSQL."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import yaml

from monitor.core.settings import Config
from monitor.service.config import load_config
from monitor.service.cycle import Monitor
from monitor.service.sync import sync_definitions
from monitor.store import Store
from monitor.web.app import create_app
from monitor.web.server import WebServer
from monitor.web.state import Liveness
from tests.conftest import write_config
from tests.faultserver import FaultServer, Reply, closed_port
from tests.feedbuilder import Entry, rss

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
TOKEN = "web-token-0123456789abcdef"  # given to the config as ${MONITOR_TEST_WEB_TOKEN}
TOKEN_ENV = "MONITOR_TEST_WEB_TOKEN"
HOOK_SECRET = "whsec_" + base64.b64encode(b"canary-secret-canary-secret-1234").decode()
HOOK_QUERY_SECRET = "canaryquerysecret42"  # in the webhook URL's query: a secret too
XSS = "<img src=x onerror=alert(1)>"

COMMITMENTS: list[dict[str, Any]] = [
    {
        "id": "example-bridge",
        "title": "Example Bridge opens to traffic",
        "stated": "2026-01-15",
        "deadline": "by the end of 2027",
        "aliases": ["Example Bridge"],
        "tags": ["transport"],
        "source": {"url": "https://gov.example/bridge", "quote": "We will open it in 2027."},
    },
    {
        "id": "aktau-port",
        "title": "Aktau port expansion completed",
        "stated": "2026-02-01",
        "deadline": "by the end of 2028",
        "aliases": ["Aktau port expansion"],
        "tags": ["ports", "transport"],
    },
    {
        "id": "grain-terminal",
        "title": "Grain terminal commissioned",
        "stated": "2026-03-01",
        "deadline": "mid-2027",
        "aliases": ["Kuryk grain terminal"],
        "tags": ["agriculture"],
    },
]

ENTRIES = [
    Entry(
        "Example Bridge on schedule",
        "Officials said the Example Bridge will open by the end of 2027 as planned.",
        "https://news.example/bridge-on-schedule",
        datetime(2026, 11, 10, 9, 0, tzinfo=UTC),
    ),
    Entry(
        "Example Bridge opening delayed",
        "The opening of the Example Bridge has been postponed to 2029, the ministry said.",
        "https://news.example/bridge-2029",
        datetime(2026, 11, 25, 9, 0, tzinfo=UTC),
    ),
    Entry(
        XSS,
        "Work on the Aktau port expansion continues <script>alert(2)</script> on schedule.",
        "javascript:alert(3)",
        datetime(2026, 11, 26, 9, 0, tzinfo=UTC),
    ),
]


@dataclass
class Site:
    base: str
    config_dir: Path
    config: Config
    store: Store
    feeds: FaultServer

    def client(self, **kwargs: Any) -> httpx.Client:
        return httpx.Client(base_url=self.base, timeout=10.0, follow_redirects=False, **kwargs)

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        with self.client() as c:
            return c.get(path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        with self.client() as c:
            return c.post(path, **kwargs)


def site_config(directory: Path, database_url: str, feed_url: str, **http: Any) -> Path:
    """The configuration: three commitments, one feed, a webhook nobody answers, and `http:`."""
    hook = f"http://127.0.0.1:{closed_port()}/hook?key={HOOK_QUERY_SECRET}"
    write_config(
        directory,
        database_url=database_url,
        commitments=COMMITMENTS,
        feeds=[{"url": feed_url, "name": "Example News"}],
        channels={
            "hooks": {"type": "webhook", "url": hook, "secret": HOOK_SECRET, "retry": ["0s", "1h"]}
        },
    )
    path = directory / "monitor.yaml"
    settings = yaml.safe_load(path.read_text())
    settings["http"] = {"token": f"${{{TOKEN_ENV}}}", **http}
    path.write_text(yaml.safe_dump(settings))
    return directory


def seed(config: Config, store: Store, now: datetime = NOW) -> None:
    """One real cycle over the feed: items judged and stored, statuses evaluated, alerts queued
    and tried on the dead webhook (so they wait for a retry)."""
    sync_definitions(store, config, now)
    monitor = Monitor(store, config)
    try:
        monitor.run_once(lambda: now, all_feeds=True)
    finally:
        monitor.close()


@contextmanager
def running(store: Store, config: Config, liveness: Liveness | None = None) -> Iterator[WebServer]:
    server = WebServer(create_app(store, config, lambda: NOW, liveness=liveness), "127.0.0.1", 0)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@contextmanager
def site(tmp_path: Path, database_url: str, entries: list[Entry] = ENTRIES) -> Iterator[Site]:
    """The seeded site, served; the feed server stays up for the test."""
    with FaultServer() as feeds:
        feeds.route("/feed", Reply(200, body=rss(entries, title="Example News")))
        config_dir = site_config(tmp_path / "config", database_url, feeds.url("/feed"))
        config = load_config(config_dir)
        store = Store.open(config.settings.database_url)
        try:
            seed(config, store)
            with running(store, config) as server:
                yield Site(f"http://127.0.0.1:{server.port}", config_dir, config, store, feeds)
        finally:
            store.close()
