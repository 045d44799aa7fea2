"""The web's operations side: /healthz (503 when the database is gone, or when the daemon's
scheduler stopped ticking), /metrics parsed by prometheus_client within 100 ms, the overview of
10,000 commitments within 1 s, `monitor serve` and `monitor run` with `http:` as real processes,
and the `http:` section of monitor.yaml."""

from __future__ import annotations

import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import insert, text

from monitor.core.commitment import Commitment
from monitor.core.settings import Config, HttpSettings, Settings
from monitor.errors import ConfigError
from monitor.service.config import load_config
from monitor.service.liveness import Heartbeat
from monitor.store import Store
from monitor.store.tables import CommitmentRow, EvidenceRow, FeedRow, ItemRow
from tests.conftest import ROOT, write_config
from tests.daemonkit import DaemonProcess, wait_for
from tests.webkit import NOW, TOKEN, TOKEN_ENV, Site, running, site


@pytest.fixture(autouse=True)
def _token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TOKEN_ENV, TOKEN)


@pytest.fixture
def fresh(tmp_path: Path, db_url: str) -> Iterator[Site]:
    with site(tmp_path, db_url) as s:
        yield s


def _samples(body: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    out = {}
    for family in text_string_to_metric_families(body):
        for sample in family.samples:
            out[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return out


def test_metrics_parse_and_count_the_database(fresh: Site) -> None:
    response = fresh.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    families = list(text_string_to_metric_families(response.text))
    assert families and all(f.name.startswith("monitor_") for f in families)
    got = _samples(response.text)
    assert got[("monitor_commitments", (("status", "slipped"),))] == 1
    assert got[("monitor_commitments", (("status", "on_track"),))] == 1
    assert got[("monitor_commitments", (("status", "pending"),))] == 1
    assert got[("monitor_commitments", (("status", "cancelled"),))] == 0
    assert got[("monitor_alerts_total", (("kind", "commitment.slipped"),))] == 1
    assert got[("monitor_deliveries", (("channel", "hooks"), ("state", "pending")))] >= 1
    assert got[("monitor_outbox_depth", ())] >= 1
    assert got[("monitor_delivery_attempts_total", (("channel", "hooks"),))] >= 1
    assert got[("monitor_feeds", (("state", "ok"),))] == 1
    assert got[("monitor_last_successful_poll_timestamp_seconds", ())] == NOW.timestamp()
    assert got[("monitor_evidence", (("signal", "delay"),))] == 1
    assert got[("monitor_items_total", ())] == 3
    assert got[("monitor_delivery_latency_seconds_count", ())] == 0  # nothing delivered yet
    assert ("monitor_delivery_latency_seconds_bucket", (("le", "+Inf"),)) in got


def test_metrics_answer_within_100_ms(fresh: Site) -> None:
    with fresh.client() as c:
        c.get("/metrics")  # the first request pays for imports and connections
        times = []
        for _ in range(7):
            started = time.perf_counter()
            assert c.get("/metrics").status_code == 200
            times.append(time.perf_counter() - started)
    assert statistics.median(times) <= 0.1, times


def test_delivery_latency_is_a_histogram(tmp_path: Path, db_url: str) -> None:
    from monitor.store.tables import AlertRow, DeliveryRow
    from monitor.web.metrics import registry

    store = Store.open(db_url)
    with store.write() as s:
        for i, seconds in enumerate((0.5, 20, 4000)):
            s.add(
                AlertRow(
                    id=f"a{i}",
                    kind="commitment.met",
                    dedupe_key=f"k{i}",
                    payload="{}",
                    created_at=NOW,
                )
            )
            s.flush()
            s.add(
                DeliveryRow(
                    alert_id=f"a{i}",
                    channel="mail",
                    state="sent",
                    attempts=1,
                    sent_at=NOW + timedelta(seconds=seconds),
                )
            )
    from prometheus_client.exposition import generate_latest

    got = _samples(generate_latest(registry(store)).decode())
    bucket = "monitor_delivery_latency_seconds_bucket"
    assert got[(bucket, (("le", "1.0"),))] == 1
    assert got[(bucket, (("le", "30.0"),))] == 2
    assert got[(bucket, (("le", "3600.0"),))] == 2
    assert got[(bucket, (("le", "+Inf"),))] == 3
    assert abs(got[("monitor_delivery_latency_seconds_sum", ())] - 4020.5) < 0.5
    store.close()


# --- /healthz -------------------------------------------------------------------------------


def test_healthz_is_503_when_the_database_is_gone(tmp_path: Path, db_url: str) -> None:
    from tests.webkit import site_config

    config = load_config(site_config(tmp_path / "cfg", db_url, "http://127.0.0.1:9/feed"))
    store = Store.open(db_url)
    with running(store, config) as server:
        url = f"http://127.0.0.1:{server.port}/healthz"
        ok = httpx.get(url)
        assert ok.status_code == 200
        assert ok.json()["status"] == "ok" and ok.json()["database"] == "ok"
        assert "scheduler" not in ok.json()  # `monitor serve` has none
        _break(store, db_url)
        down = httpx.get(url, timeout=15)
        assert down.status_code == 503
        assert down.json()["status"] == "unavailable"
        assert down.json()["database"].startswith("unavailable")
        # The pages say so too, without a traceback.
        page = httpx.get(f"http://127.0.0.1:{server.port}/api/commitments")
        assert page.status_code == 503 and "Traceback" not in page.text
    store.close()


def _break(store: Store, db_url: str) -> None:
    """The database goes away: SQLite's file turns to garbage; PostgreSQL loses the table."""
    if db_url.startswith("sqlite"):
        path = Path(db_url.removeprefix("sqlite:///"))
        store.engine.dispose()
        for extra in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            extra.unlink(missing_ok=True)
        path.write_bytes(b"this is not a database" * 100)
        return
    with store.engine.begin() as conn:
        conn.execute(text("DROP TABLE commitment CASCADE"))


def test_healthz_follows_the_scheduler(tmp_path: Path, sqlite_url: str) -> None:
    from tests.webkit import site_config

    config = load_config(site_config(tmp_path / "cfg", sqlite_url, "http://127.0.0.1:9/feed"))
    store = Store.open(sqlite_url)
    clock = [1000.0]
    beat = Heartbeat({"poll": 15.0, "deliver": 5.0}, clock=lambda: clock[0])
    with running(store, config, liveness=beat.check) as server:
        url = f"http://127.0.0.1:{server.port}/healthz"
        assert httpx.get(url).status_code == 200  # just started: grace of two intervals
        clock[0] += 31
        stalled = httpx.get(url)
        assert stalled.status_code == 503
        assert stalled.json()["scheduler"]["ticking"] is False
        beat.beat("deliver")
        clock[0] += 9  # within two deliver intervals
        alive = httpx.get(url).json()
        assert alive["status"] == "ok" and alive["scheduler"]["steps"]["deliver"]["age"] == 9
        metrics = _samples(httpx.get(f"http://127.0.0.1:{server.port}/metrics").text)
        assert metrics[("monitor_scheduler_healthy", ())] == 1
        assert metrics[("monitor_scheduler_tick_age_seconds", (("step", "deliver"),))] == 9
    store.close()


# --- scale ----------------------------------------------------------------------------------

MANY = 10_000


def _many(store: Store) -> Config:
    """10,000 commitments (a tenth with evidence) written straight into the tables."""
    statuses = ["pending", "on_track", "at_risk", "slipped", "met", "overdue"]
    rows = [
        {
            "id": f"c{i:05d}",
            "title": f"Commitment number {i}",
            "deadline_text": "by the end of 2030",
            "deadline_start": date(2030, 9, 1),
            "deadline_end": date(2031, 1, 1) + timedelta(days=i % 400),
            "status": statuses[i % len(statuses)],
            "status_since": NOW,
            "forecast_start": date(2031, 1, 1) if i % 3 == 0 else None,
            "forecast_end": date(2032, 1, 1) if i % 3 == 0 else None,
            "forecast_text": "2031" if i % 3 == 0 else None,
        }
        for i in range(MANY)
    ]
    with store.write() as s:
        s.execute(insert(CommitmentRow), rows)
        s.execute(
            insert(FeedRow), [{"id": 1, "source_url": "http://f.test/", "url": "http://f.test/"}]
        )
        items = [
            {
                "id": i + 1,
                "feed_id": 1,
                "key": f"k{i}",
                "title": f"item {i}",
                "text": "t",
                "fetched_at": NOW,
                "fingerprint": f"{i:064d}",
            }
            for i in range(MANY // 10)
        ]
        s.execute(insert(ItemRow), items)
        s.execute(
            insert(EvidenceRow),
            [
                {
                    "commitment_id": f"c{i * 10:05d}",
                    "item_id": i + 1,
                    "signal": "mention",
                    "quote": "q",
                    "published": NOW - timedelta(days=i % 90),
                    "created_at": NOW,
                }
                for i in range(MANY // 10)
            ],
        )
    commitments = tuple(
        Commitment(
            id=f"c{i:05d}",
            title=f"Commitment number {i}",
            stated=date(2026, 1, 1),
            aliases=(f"alias {i}",),
            tags=("even",) if i % 2 == 0 else ("odd",),
        )
        for i in range(MANY)
    )
    return Config(Settings(http=HttpSettings(token=TOKEN)), {}, (), commitments, ())


@pytest.mark.slow
def test_overview_of_10000_commitments_within_a_second(db_url: str) -> None:
    store = Store.open(db_url)
    config = _many(store)
    with (
        running(store, config) as server,
        httpx.Client(base_url=f"http://127.0.0.1:{server.port}", timeout=30) as c,
    ):
        started = time.perf_counter()
        first = c.get("/")
        elapsed = time.perf_counter() - started
        assert first.status_code == 200
        assert f"{MANY} commitments" in first.text and "page 1 of 200" in first.text
        assert elapsed <= 1.0, f"first page of {MANY} took {elapsed:.2f} s"
        for params in ({"sort": "-evidence"}, {"tag": "even", "status": "slipped"}, {"page": 200}):
            started = time.perf_counter()
            assert c.get("/", params=params).status_code == 200
            assert time.perf_counter() - started <= 1.0, params
        assert len(c.get("/api/commitments").json()) == MANY
    store.close()


# --- the commands ---------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _http_config(tmp_path: Path, sqlite_url: str, http: dict[str, Any] | None) -> Path:
    cfg = write_config(tmp_path / "cfg", database_url=sqlite_url, commitments=[])
    settings = yaml.safe_load((cfg / "monitor.yaml").read_text())
    if http is not None:
        settings["http"] = http
    (cfg / "monitor.yaml").write_text(yaml.safe_dump(settings))
    return cfg


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code in (200, 503)
    except httpx.HTTPError:
        return False


@pytest.mark.slow
def test_monitor_serve_binds_loopback_and_stops_on_sigterm(tmp_path: Path, sqlite_url: str) -> None:
    cfg = _http_config(tmp_path, sqlite_url, None)
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "monitor", "--config", str(cfg), "serve", "--port", str(port)],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k != "MONITOR_NOW"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        url = f"http://127.0.0.1:{port}/healthz"
        assert wait_for(lambda: _answers(url), 30), "monitor serve did not answer"
        assert httpx.get(url).json()["status"] == "ok"
        # Without `http.token`, it is read-only.
        assert httpx.post(f"http://127.0.0.1:{port}/api/commitments/x/ack").status_code == 401
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        assert proc.stderr is not None
        proc.stderr.close()


@pytest.mark.slow
def test_monitor_run_serves_the_web_when_http_is_set(tmp_path: Path, sqlite_url: str) -> None:
    port = _free_port()
    cfg = _http_config(tmp_path, sqlite_url, {"port": port, "token": f"${{{TOKEN_ENV}}}"})
    daemon = DaemonProcess(cfg, env={TOKEN_ENV: TOKEN})
    try:
        assert daemon.started(), daemon.output
        url = f"http://127.0.0.1:{port}/healthz"
        assert wait_for(lambda: _answers(url), 30), daemon.output
        health = httpx.get(url).json()
        assert health["status"] == "ok" and health["scheduler"]["ticking"] is True
        assert set(health["scheduler"]["steps"]) == {"poll", "evaluate", "deliver"}
        assert httpx.get(f"http://127.0.0.1:{port}/api/commitments").json() == []
        code, elapsed = daemon.docker_stop(grace=15)
        assert code == 0 and elapsed < 15, daemon.output
        assert not _answers(url)
    finally:
        daemon.kill()


# --- the `http:` section --------------------------------------------------------------------


def _load_http(tmp_path: Path, http: Any) -> HttpSettings | None:
    cfg = _http_config(tmp_path, "sqlite:///unused.db", http)
    return load_config(cfg).settings.http


def test_http_section(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _load_http(tmp_path, None) is None
    assert _load_http(tmp_path, {}) == HttpSettings()
    got = _load_http(tmp_path, {"host": "0.0.0.0", "port": 9000, "token": f"${{{TOKEN_ENV}}}"})
    assert got == HttpSettings("0.0.0.0", 9000, TOKEN)
    assert TOKEN not in repr(got)
    for bad, message in (
        ({"token": "short"}, "at least 16"),
        ({"port": 70000}, "at most 65535"),
        ({"bind": "x"}, "unknown key 'bind'"),
        ({"token": "${MONITOR_TEST_UNSET_TOKEN}"}, "MONITOR_TEST_UNSET_TOKEN"),
    ):
        with pytest.raises(ConfigError, match=message) as caught:
            _load_http(tmp_path, bad)
        assert caught.value.line, "located as file:line"


def test_a_busy_port_is_a_clear_error(tmp_path: Path, sqlite_url: str) -> None:
    from monitor.errors import MonitorError
    from monitor.web.app import create_app
    from monitor.web.server import WebServer

    config = Config(Settings(database_url=sqlite_url), {}, (), (), ())
    store = Store.open(sqlite_url)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        server = WebServer(create_app(store, config, lambda: NOW), "127.0.0.1", port)
        with pytest.raises(MonitorError, match=f"127.0.0.1:{port}"):
            server.start()
    store.close()
