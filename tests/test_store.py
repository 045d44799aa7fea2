"""Storage on SQLite and PostgreSQL: schema, definition sync, claims with leases, the outbox's
unique dedupe key, and concurrent writers without "database is locked"."""

from __future__ import annotations

import base64
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from monitor.alerts.deliver import Dispatcher
from monitor.alerts.outbox import enqueue
from monitor.feeds.poll import Poller
from monitor.service.config import load_config
from monitor.service.sync import sync_definitions
from monitor.store import Store
from monitor.store.tables import AlertRow, CommitmentRow, DeliveryRow, FeedRow, StatusChangeRow
from tests.conftest import write_config
from tests.webhookreceiver import WebhookReceiver

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
SECRET = "whsec_" + base64.b64encode(b"k" * 32).decode()


def _setup(tmp_path: Path, db_url: str, feeds: int = 0, hook: str | None = None):  # type: ignore[no-untyped-def]
    channels = (
        {"hooks": {"type": "webhook", "url": hook, "secret": SECRET, "timeout": "3s"}}
        if hook
        else {}
    )
    cfg = write_config(
        tmp_path / "cfg",
        database_url=db_url,
        channels=channels,
        feeds=[{"url": f"http://127.0.0.1:9/f{i}.xml"} for i in range(feeds)],
    )
    config = load_config(cfg)
    store = Store.open(db_url)
    sync_definitions(store, config, NOW)
    return config, store


def test_schema_and_sync_are_idempotent_and_archive(tmp_path: Path, db_url: str) -> None:
    config, store = _setup(tmp_path, db_url, feeds=3)
    Store.open(db_url).close()  # a second open finds the schema in place
    report = sync_definitions(store, config, NOW)
    assert (report.commitments_added, report.feeds_added) == (0, 0)
    with store.write() as s:
        s.add(
            StatusChangeRow(
                commitment_id="trade-1bn",
                from_status="pending",
                to_status="on_track",
                reason="test",
                at=NOW,
            )
        )
    fewer = config.__class__(
        config.settings,
        config.channels,
        config.routes,
        tuple(c for c in config.commitments if c.id != "trade-1bn"),
        config.feeds[:1],
    )
    report = sync_definitions(store, fewer, NOW)
    assert (report.commitments_archived, report.feeds_archived) == (1, 2)
    with store.read() as s:
        row = s.get(CommitmentRow, "trade-1bn")
        assert row is not None and row.archived
        assert len(s.exec(select(StatusChangeRow)).all()) == 1
        assert len(s.exec(select(FeedRow)).all()) == 3
    store.close()


def test_feed_claims_are_exclusive_until_the_lease_expires(tmp_path: Path, db_url: str) -> None:
    config, store = _setup(tmp_path, db_url, feeds=20)
    a, b = Poller(store, config, "a"), Poller(store, config, "b")
    results: dict[str, list[int]] = {}

    def claim(p: Poller) -> None:
        results[p.owner] = [f.id for f in p.claim(NOW, limit=15)]  # type: ignore[misc]

    threads = [threading.Thread(target=claim, args=(p,)) for p in (a, b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not set(results["a"]) & set(results["b"])
    assert len(results["a"]) + len(results["b"]) == 20
    assert b.claim(NOW + timedelta(minutes=1)) == []
    later = b.claim(NOW + config.settings.lease + timedelta(seconds=1))
    assert len(later) == 20
    store.close()


def test_outbox_dedupe_key_is_unique(tmp_path: Path, db_url: str) -> None:
    config, store = _setup(tmp_path, db_url, hook="http://127.0.0.1:9/hook")
    ids = []
    for _ in range(3):
        with store.write() as s:
            ids.append(
                enqueue(
                    s,
                    config,
                    kind="commitment.slipped",
                    dedupe_key="k1",
                    data={"title": "t"},
                    now=NOW,
                )
            )
    assert ids[0] is not None and ids[0].startswith("alrt_") and ids[1:] == [None, None]
    with store.read() as s:
        assert len(s.exec(select(AlertRow)).all()) == 1
        assert len(s.exec(select(DeliveryRow)).all()) == 1
    store.close()


def test_concurrent_dispatchers_send_each_alert_once(tmp_path: Path, db_url: str) -> None:
    with WebhookReceiver(SECRET) as hook:
        config, store = _setup(tmp_path, db_url, hook=hook.url)
        with store.write() as s:
            for i in range(60):
                enqueue(
                    s,
                    config,
                    kind="commitment.at_risk",
                    dedupe_key=f"k{i}",
                    data={"commitment": None, "title": f"alert {i}"},
                    now=NOW,
                )
        dispatchers = [Dispatcher(store, config, f"d{i}") for i in range(4)]
        threads = [
            threading.Thread(target=d.deliver, args=(lambda: NOW,), kwargs={"limit": 20})
            for d in dispatchers
            for _ in range(2)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        ids = [r.headers["webhook-id"] for r in hook.requests]
        assert len(ids) == len(set(ids)) == 60
        assert all(r.verified for r in hook.requests)
        with store.read() as s:
            states = {d.state for d in s.exec(select(DeliveryRow)).all()}
        assert states == {"sent"}
        store.close()


def test_sqlite_writers_never_see_database_locked(tmp_path: Path, sqlite_url: str) -> None:
    _config, store = _setup(tmp_path, sqlite_url)
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for i in range(40):
                with store.write() as s:
                    row = s.get(CommitmentRow, "trade-1bn")
                    assert row is not None
                    row.version += 1
                    s.add(row)
                    s.add(
                        StatusChangeRow(
                            commitment_id="trade-1bn",
                            from_status="a",
                            to_status="b",
                            reason=f"{n}-{i}",
                            at=NOW,
                        )
                    )
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with store.read() as s:
        row = s.get(CommitmentRow, "trade-1bn")
        assert row is not None and row.version == 160
    store.close()


def test_unusable_database_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from monitor.cli.main import main

    cfg = write_config(tmp_path / "cfg", database_url="postgresql+psycopg://nobody@127.0.0.1:1/x")
    assert main(["--config", str(cfg), "status"]) == 1
    assert "database unusable" in capsys.readouterr().err
