"""Webhook and SMTP failures end to end through the Dispatcher: the retry schedule with jitter,
Retry-After, dead-lettering with a `delivery.failed` alert on the other channel, 410 disabling
a channel until `monitor alerts enable`, and a hanging endpoint that delays no other channel."""

from __future__ import annotations

import json
import random
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from monitor.alerts.deliver import JITTER, MAX_RETRY_AFTER, Dispatcher
from monitor.cli.main import main
from monitor.core.settings import Config
from monitor.store import Store, utc
from monitor.store.tables import AlertRow, ChannelStateRow, DeliveryRow
from tests.alertkit import SECRET, hook, mail, setup, storm
from tests.smtpserver import SmtpServer
from tests.webhookreceiver import Reply, Sleep, WebhookReceiver

T0 = datetime(2026, 7, 1, 9, 0, tzinfo=UTC)
SCHEDULE = [timedelta(0), timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30)]


def _row(store: Store, alert: str, channel: str) -> DeliveryRow:
    with store.read() as s:
        row = s.exec(
            select(DeliveryRow)
            .where(DeliveryRow.alert_id == alert)
            .where(DeliveryRow.channel == channel)
        ).one()
    return row


def _failed_alerts(store: Store) -> list[tuple[str, list[str]]]:
    """Each delivery.failed alert with the channels it was routed to."""
    with store.read() as s:
        alerts = s.exec(select(AlertRow).where(AlertRow.kind == "delivery.failed")).all()
        return [
            (
                a.id,
                sorted(
                    d.channel
                    for d in s.exec(select(DeliveryRow).where(DeliveryRow.alert_id == a.id))
                ),
            )
            for a in alerts
        ]


def _subjects(smtp: SmtpServer) -> list[str]:
    return [str(m.message["Subject"]) for m in smtp.messages]


def _setup(
    tmp_path: Path, db_url: str, hooks: WebhookReceiver, smtp: SmtpServer
) -> tuple[Path, Config, Store]:
    return setup(
        tmp_path / "cfg",
        db_url,
        {
            "hooks": hook(hooks.url, retry=["0s", "1m", "5m", "30m"]),
            "mail": mail(smtp.port, retry=["0s", "1m", "5m", "30m"]),
        },
    )


def test_retries_follow_the_schedule_then_dead_letter_on_the_other_channel(
    tmp_path: Path,
    db_url: str,
    hooks: WebhookReceiver,
    smtp: SmtpServer,
) -> None:
    _, config, store = _setup(tmp_path, db_url, hooks, smtp)
    [aid] = storm(store, config, 1, T0)
    hooks.script = [Reply(500)] * 10
    dispatcher = Dispatcher(store, config, "a", rand=random.Random(5))
    mirror = random.Random(5)  # draws the same jitter the dispatcher will
    at = T0
    for attempt in range(1, len(SCHEDULE)):
        dispatcher.deliver(lambda at=at: at)  # type: ignore[misc]
        row = _row(store, aid, "hooks")
        expected = at + SCHEDULE[attempt] * (1 + mirror.uniform(-JITTER, JITTER))
        assert (row.state, row.attempts) == ("pending", attempt)
        assert utc(row.next_attempt_at) == expected
        assert abs(expected - at - SCHEDULE[attempt]) <= SCHEDULE[attempt] * JITTER
        at = expected
    dispatcher.deliver(lambda: at)
    row = _row(store, aid, "hooks")
    assert (row.state, row.attempts) == ("dead", len(SCHEDULE))
    assert "500" in (row.last_error or "")
    dispatcher.deliver(lambda: at + timedelta(seconds=1))

    [(failed_id, routed)] = _failed_alerts(store)
    assert routed == ["mail"]  # never on the channel that failed
    assert len(hooks.requests) == len(SCHEDULE)
    assert {r.headers["webhook-id"] for r in hooks.requests} == {aid}
    assert [s for s in _subjects(smtp) if s.startswith("Delivery failed")] == [
        "Delivery failed: Item 0 — not delivered via hooks: gave up after 4 attempts"
    ]
    assert _row(store, failed_id, "mail").state == "sent"
    store.close()


def test_retry_after_is_honoured_when_longer_than_the_schedule(
    tmp_path: Path,
    sqlite_url: str,
    hooks: WebhookReceiver,
    smtp: SmtpServer,
) -> None:
    _, config, store = _setup(tmp_path, sqlite_url, hooks, smtp)
    [aid] = storm(store, config, 1, T0)
    hooks.script = [Reply(429, {"Retry-After": "600"}), Reply(503, {"Retry-After": "1"})]
    dispatcher = Dispatcher(store, config, "a", rand=random.Random(9))
    mirror = random.Random(9)
    dispatcher.deliver(lambda: T0)
    mirror.uniform(-JITTER, JITTER)  # drawn, then overruled by Retry-After
    first = utc(_row(store, aid, "hooks").next_attempt_at)
    assert first == T0 + timedelta(seconds=600)
    assert first is not None
    dispatcher.deliver(lambda: first)
    # A Retry-After shorter than the schedule does not shorten it.
    expected = first + SCHEDULE[2] * (1 + mirror.uniform(-JITTER, JITTER))
    assert utc(_row(store, aid, "hooks").next_attempt_at) == expected
    dispatcher.deliver(lambda: expected)
    assert _row(store, aid, "hooks").state == "sent"
    assert len({r.headers["webhook-id"] for r in hooks.requests}) == 1
    store.close()


@pytest.mark.parametrize(
    "value",
    [
        "99999999999",
        "999999999999",  # ~31,700 years: past datetime's range when added to now
        "Fri, 31 Dec 9999 23:59:59 GMT",
    ],
    ids=["seconds-11-digits", "seconds-12-digits", "http-date-year-9999"],
)
def test_a_huge_retry_after_is_capped_not_fatal(
    tmp_path: Path,
    sqlite_url: str,
    hooks: WebhookReceiver,
    smtp: SmtpServer,
    value: str,
) -> None:
    """An endpoint asking to wait for centuries gets its retry MAX_RETRY_AFTER later."""
    _, config, store = _setup(tmp_path, sqlite_url, hooks, smtp)
    [aid] = storm(store, config, 1, T0)
    hooks.script = [Reply(429, {"Retry-After": value})]
    report = Dispatcher(store, config, "a", rand=random.Random(1)).deliver(lambda: T0)
    assert (report.retrying, report.dead) == (1, 0)
    row = _row(store, aid, "hooks")
    assert (row.state, row.attempts) == ("pending", 1)
    assert "HTTP 429" in (row.last_error or "")
    assert utc(row.next_attempt_at) == T0 + MAX_RETRY_AFTER
    store.close()


def test_the_stored_payload_is_the_webhook_body(
    tmp_path: Path,
    sqlite_url: str,
    hooks: WebhookReceiver,
    smtp: SmtpServer,
) -> None:
    """The outbox row and the webhook carry one envelope, built once (monitor.alerts.message)."""
    _, config, store = _setup(tmp_path, sqlite_url, hooks, smtp)
    [aid] = storm(store, config, 1, T0)
    Dispatcher(store, config, "a").deliver(lambda: T0)
    with store.read() as s:
        alert = s.get(AlertRow, aid)
        assert alert is not None
        stored = json.loads(alert.payload)
    store.close()
    [request] = hooks.requests
    assert json.loads(request.body) == stored
    assert stored["timestamp"] == "2026-07-01T09:00:00Z"


def test_410_disables_the_channel_until_alerts_enable(
    tmp_path: Path,
    db_url: str,
    hooks: WebhookReceiver,
    smtp: SmtpServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    cfg, config, store = _setup(tmp_path, db_url, hooks, smtp)
    [first] = storm(store, config, 1, T0, "first")
    hooks.script = [Reply(410)]
    dispatcher = Dispatcher(store, config, "a")
    dispatcher.deliver(lambda: T0)
    assert _row(store, first, "hooks").state == "dead"
    with store.read() as s:
        state = s.get(ChannelStateRow, "hooks")
        assert state is not None and state.disabled_at is not None
    assert [routed for _, routed in _failed_alerts(store)] == [["mail"]]

    [later] = storm(store, config, 1, T0 + timedelta(minutes=1), "later")
    dispatcher.deliver(lambda: T0 + timedelta(minutes=2))
    assert _row(store, later, "hooks").state == "dead"
    assert "disabled" in (_row(store, later, "hooks").last_error or "")
    assert len(hooks.requests) == 1

    capsys.readouterr()
    assert main(["--config", str(cfg), "alerts", "enable", "hooks"]) == 0
    assert capsys.readouterr().out == "hooks: re-enabled\n"
    [after] = storm(store, config, 1, T0 + timedelta(minutes=3), "after")
    dispatcher.deliver(lambda: T0 + timedelta(minutes=4))
    assert _row(store, after, "hooks").state == "sent"
    assert hooks.requests[-1].headers["webhook-id"] == after
    store.close()


@pytest.mark.parametrize(
    ("fault", "state", "failed_on_hooks"),
    [
        pytest.param("data", "dead", 1, id="552-at-DATA-permanent"),
        pytest.param("rcpt", "pending", 0, id="451-at-RCPT-retried"),
    ],
)
def test_smtp_failures_through_the_dispatcher(
    tmp_path: Path,
    sqlite_url: str,
    hooks: WebhookReceiver,
    smtp: SmtpServer,
    fault: str,
    state: str,
    failed_on_hooks: int,
) -> None:
    _, config, store = _setup(tmp_path, sqlite_url, hooks, smtp)
    if fault == "data":
        smtp.data_reply = "552 5.3.4 message too big"
    else:
        smtp.refuse["analyst@test.example"] = "451 4.3.0 try again later"
    [aid] = storm(store, config, 1, T0)
    dispatcher = Dispatcher(store, config, "a")
    dispatcher.deliver(lambda: T0)
    dispatcher.deliver(lambda: T0 + timedelta(seconds=1))
    row = _row(store, aid, "mail")
    assert (row.state, row.attempts) == (state, 1)
    assert fault != "rcpt" or utc(row.next_attempt_at) is not None
    failed = [r for r in hooks.requests if b'"delivery.failed"' in r.body]
    assert len(failed) == failed_on_hooks
    assert smtp.messages == []
    store.close()


def _healthy_latencies(
    tmp_path: Path, healthy: WebhookReceiver, slow: WebhookReceiver | None
) -> tuple[list[float], float]:
    channels = {"healthy": hook(healthy.url)}
    if slow is not None:
        channels["slow"] = hook(slow.url, timeout="0.5s")
        slow.script = [Sleep(3.0)] * 40
    _, config, store = setup(tmp_path, f"sqlite:///{tmp_path / 'm.db'}", channels)
    storm(store, config, 20, T0)
    dispatcher = Dispatcher(store, config, "a")
    started = time.monotonic()

    def clock() -> datetime:
        return T0 + timedelta(seconds=time.monotonic() - started)

    dispatcher.deliver(clock)
    elapsed = time.monotonic() - started
    with store.read() as s:
        rows = s.exec(select(DeliveryRow).where(DeliveryRow.channel == "healthy")).all()
    store.close()
    assert len(rows) == 20 and {r.state for r in rows} == {"sent"}
    return sorted(((utc(r.sent_at) or T0) - T0).total_seconds() for r in rows), elapsed


def test_a_hanging_endpoint_does_not_delay_a_healthy_one(tmp_path: Path) -> None:
    with WebhookReceiver(SECRET) as healthy, WebhookReceiver(SECRET) as slow:
        alone, _ = _healthy_latencies(tmp_path / "alone", healthy, None)
        beside, elapsed = _healthy_latencies(tmp_path / "beside", healthy, slow)
        slow_attempts = len(slow.requests)
    p95_alone, p95_beside = alone[18], beside[18]
    print(
        f"healthy p95 {p95_alone * 1000:.0f} ms alone, {p95_beside * 1000:.0f} ms beside a "
        f"hanging endpoint; round {elapsed:.2f} s; slow attempts {slow_attempts}"
    )
    assert p95_beside < 0.5  # under the hanging endpoint's own timeout
    assert p95_beside < p95_alone + 0.25
    # After one attempt runs into its timeout the slow queue yields the round: 1 attempt,
    # not 20 x 0.5 s.
    assert slow_attempts == 1 and elapsed < 1.5
