"""Reminders, due-soon notices, escalation, ack, snooze and silence through the real tracker,
outbox and dispatcher, across restarts (new Store and Monitor objects on the same database)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import col, select

from monitor.cli.main import main
from monitor.service.config import load_config
from monitor.service.cycle import Monitor
from monitor.store import Store, utc
from monitor.store.tables import AlertRow, DeliveryRow
from tests.alertkit import SECRET, hook
from tests.conftest import write_config
from tests.faultserver import FaultServer, Reply
from tests.feedbuilder import rss
from tests.webhookreceiver import WebhookReceiver

# Deadline "2026", no grace: overdue from 2027-01-01T00:00Z; the first evaluation after is T0.
BRIDGE = {
    "id": "bridge",
    "title": "Bridge opens",
    "stated": "2025-01-01",
    "deadline": "2026",
    "grace": "0d",
    "aliases": ["Bridge X"],
}
T0 = datetime(2027, 1, 1, 1, 0, tzinfo=UTC)


@pytest.fixture
def feeds() -> Iterator[FaultServer]:
    with FaultServer() as server:
        server.route("/f.xml", Reply(200, body=rss([])))
        yield server


@pytest.fixture
def pager() -> Iterator[WebhookReceiver]:
    with WebhookReceiver(SECRET) as r:
        yield r


class Process:
    """One monitor process's objects; `stop()` is the process going away."""

    def __init__(self, cfg: Path, name: str, start: datetime) -> None:
        self.config = load_config(cfg)
        self.store = Store.open(self.config.settings.database_url)
        self.monitor = Monitor(self.store, self.config, owner=name)
        self.monitor.sync(start)

    def poll(self, at: datetime) -> None:
        # One successful poll: the feeds are known to work, so silence past the deadline
        # means overdue, not unknown (coverage lasts `failing_after`, 24 h).
        self.monitor.poller.poll(lambda: at, all_feeds=True)

    def tick(self, at: datetime) -> None:
        self.monitor.evaluate(at)
        self.monitor.dispatcher.deliver(lambda: at)

    def run(self, start: datetime, end: datetime, step: timedelta) -> None:
        at = start
        while at <= end:
            self.tick(at)
            at += step

    def stop(self) -> None:
        self.monitor.close()
        self.store.close()


def _config(
    tmp_path: Path,
    db_url: str,
    feeds: FaultServer,
    channels: dict[str, Any],
    commitment: dict[str, Any] = BRIDGE,
    **alerts: Any,
) -> Path:
    routes = [{"channels": ["hooks"]}] if "pager" in channels else None
    return write_config(
        tmp_path / "cfg",
        database_url=db_url,
        channels=channels,
        feeds=[{"url": feeds.url("/f.xml")}],
        commitments=[commitment],
        alerts={"remind_every": "4h", **alerts},
        routes=routes,
    )


def _alerts(cfg: Path) -> list[AlertRow]:
    config = load_config(cfg)
    store = Store.open(config.settings.database_url)
    with store.read() as s:
        rows = list(s.exec(select(AlertRow).order_by(col(AlertRow.created_at))).all())
    store.close()
    return rows


def _reminder_offsets(cfg: Path) -> list[timedelta]:
    return [(utc(a.created_at) or T0) - T0 for a in _alerts(cfg) if ":reminder:" in a.dedupe_key]


def _types(receiver: WebhookReceiver) -> list[str]:
    assert all(r.verified for r in receiver.requests)
    return [json.loads(r.body)["data"].get("reason", "") for r in receiver.requests]


def test_overdue_reminders_every_4h_across_a_restart_at_3h59(
    tmp_path: Path,
    db_url: str,
    feeds: FaultServer,
    hooks: WebhookReceiver,
) -> None:
    cfg = _config(tmp_path, db_url, feeds, {"hooks": hook(hooks.url)})
    a = Process(cfg, "a", T0)
    a.poll(T0)
    a.run(T0, T0 + timedelta(hours=3, minutes=55), timedelta(minutes=5))
    a.stop()
    b = Process(cfg, "b", T0 + timedelta(hours=3, minutes=59))
    b.tick(T0 + timedelta(hours=3, minutes=59))  # the restart itself raises nothing
    assert _reminder_offsets(cfg) == []
    b.run(T0 + timedelta(hours=4), T0 + timedelta(hours=10), timedelta(minutes=5))
    b.stop()
    assert _reminder_offsets(cfg) == [timedelta(hours=4), timedelta(hours=8)]
    assert _types(hooks) == [
        "deadline '2026' passed (+ grace), no report of completion",
        "still overdue (reminder 1)",
        "still overdue (reminder 2)",
    ]


def test_a_reminder_that_fell_due_while_down_goes_on_start(
    tmp_path: Path,
    sqlite_url: str,
    feeds: FaultServer,
    hooks: WebhookReceiver,
) -> None:
    cfg = _config(tmp_path, sqlite_url, feeds, {"hooks": hook(hooks.url)})
    a = Process(cfg, "a", T0)
    a.poll(T0)
    a.run(T0, T0 + timedelta(hours=3), timedelta(minutes=30))
    a.stop()
    start = T0 + timedelta(hours=4, minutes=30)
    b = Process(cfg, "b", start)
    b.tick(start)
    b.tick(start + timedelta(minutes=30))
    b.stop()
    assert _reminder_offsets(cfg) == [timedelta(hours=4, minutes=30)]
    assert len(hooks.requests) == 2


def test_a_deadline_that_passed_while_down_alerts_on_start(
    tmp_path: Path,
    sqlite_url: str,
    feeds: FaultServer,
    hooks: WebhookReceiver,
) -> None:
    cfg = _config(tmp_path, sqlite_url, feeds, {"hooks": hook(hooks.url)})
    before = T0 - timedelta(hours=3)
    a = Process(cfg, "a", before)
    a.poll(before)
    a.tick(before)
    a.stop()
    assert "commitment.overdue" not in [a.kind for a in _alerts(cfg)]
    seen = len(hooks.requests)  # at risk and due soon, before the deadline
    b = Process(cfg, "b", T0)
    b.tick(T0)
    b.stop()
    overdue = [a for a in _alerts(cfg) if a.kind == "commitment.overdue"]
    assert [utc(a.created_at) for a in overdue] == [T0]
    assert [json.loads(r.body)["type"] for r in hooks.requests[seen:]] == ["commitment.overdue"]


def test_due_soon_fires_once_at_90_30_and_7_days(
    tmp_path: Path,
    db_url: str,
    feeds: FaultServer,
    hooks: WebhookReceiver,
) -> None:
    later = dict(BRIDGE, deadline="2027")  # window ends 2028-01-01
    cfg = _config(tmp_path, db_url, feeds, {"hooks": hook(hooks.url)}, commitment=later)
    start = datetime(2027, 9, 1, 12, tzinfo=UTC)
    a = Process(cfg, "a", start)
    a.run(start, datetime(2027, 11, 1, 12, tzinfo=UTC), timedelta(days=1))
    a.stop()
    b = Process(cfg, "b", datetime(2027, 11, 2, 12, tzinfo=UTC))
    b.run(
        datetime(2027, 11, 2, 12, tzinfo=UTC),
        datetime(2027, 12, 31, 12, tzinfo=UTC),
        timedelta(days=1),
    )
    b.stop()
    due = [
        (a.dedupe_key.rsplit(":", 1)[1], (utc(a.created_at) or start).date().isoformat())
        for a in _alerts(cfg)
        if a.kind == "commitment.due_soon"
    ]
    assert due == [("90d", "2027-10-03"), ("30d", "2027-12-02"), ("7d", "2027-12-25")]
    notices = [r for r in _types(hooks) if r.startswith("deadline window ends")]
    assert notices == [f"deadline window ends in {n} days" for n in (90, 30, 7)]


def _cli(cfg: Path, at: datetime, *argv: str) -> None:
    assert main(["--config", str(cfg), "--now", at.isoformat(), *argv]) == 0


@pytest.mark.parametrize("ack", [False, True], ids=["unacked-escalates-once", "ack-stops-all"])
def test_escalation_once_and_ack_stops_reminders_and_escalation(
    tmp_path: Path,
    db_url: str,
    feeds: FaultServer,
    hooks: WebhookReceiver,
    pager: WebhookReceiver,
    ack: bool,
) -> None:
    cfg = _config(
        tmp_path,
        db_url,
        feeds,
        {"hooks": hook(hooks.url), "pager": hook(pager.url)},
        escalate_after="2h",
        escalate_to=["pager"],
    )
    a = Process(cfg, "a", T0)
    a.poll(T0)
    a.run(T0, T0 + timedelta(minutes=30), timedelta(minutes=30))
    if ack:
        _cli(cfg, T0 + timedelta(minutes=45), "ack", "bridge", "--note", "on it")
    a.run(T0 + timedelta(hours=1), T0 + timedelta(hours=9), timedelta(minutes=30))
    a.stop()
    original = hooks.requests[0].headers["webhook-id"]
    if ack:
        assert len(hooks.requests) == 1 and pager.requests == []
        return
    assert len(hooks.requests) == 3  # the alert and two reminders; nothing escalated to hooks
    [escalated] = [json.loads(r.body)["data"] for r in pager.requests]
    assert escalated["escalated_from"] == original and escalated["escalated"] is True
    offsets = [
        (utc(x.created_at) or T0) - T0
        for x in _alerts(cfg)
        if x.dedupe_key.startswith("escalation:")
    ]
    assert offsets == [timedelta(hours=2)]


def test_snooze_defers_reminders_until_it_ends(
    tmp_path: Path,
    sqlite_url: str,
    feeds: FaultServer,
    hooks: WebhookReceiver,
) -> None:
    cfg = _config(tmp_path, sqlite_url, feeds, {"hooks": hook(hooks.url)})
    a = Process(cfg, "a", T0)
    a.poll(T0)
    a.tick(T0)
    _cli(cfg, T0, "snooze", "bridge", "--until", (T0 + timedelta(hours=5)).isoformat())
    a.run(T0 + timedelta(minutes=30), T0 + timedelta(hours=9), timedelta(minutes=30))
    a.stop()
    assert _reminder_offsets(cfg) == [timedelta(hours=5), timedelta(hours=8)]


def test_silence_records_suppressed_alerts_and_expiry_restores_sending(
    tmp_path: Path,
    db_url: str,
    feeds: FaultServer,
    hooks: WebhookReceiver,
) -> None:
    cfg = _config(tmp_path, db_url, feeds, {"hooks": hook(hooks.url)})
    a = Process(cfg, "a", T0 - timedelta(hours=1))
    _cli(
        cfg,
        T0 - timedelta(hours=1),
        "silence",
        "--commitment",
        "bridge",
        "--until",
        (T0 + timedelta(hours=6)).isoformat(),
    )
    a.poll(T0)
    a.run(T0, T0 + timedelta(hours=9), timedelta(minutes=30))
    a.stop()
    store = Store.open(load_config(cfg).settings.database_url)
    with store.read() as s:
        states = {
            alert.dedupe_key.split(":")[-1]: d.state
            for d, alert in s.exec(
                select(DeliveryRow, AlertRow).where(DeliveryRow.alert_id == AlertRow.id)
            )
        }
    store.close()
    assert sorted(states.values()) == ["sent", "suppressed", "suppressed"]
    assert states["2"] == "sent"  # reminder 2, at 8 h, after the silence expired
    assert _types(hooks) == ["still overdue (reminder 2)"]
