"""An alert storm (500 alerts in one refresh) becomes a bounded number of messages through
grouping (`group_wait`) and the per-channel hourly cap, and no alert is lost or sent twice."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from monitor.alerts.deliver import Dispatcher
from monitor.alerts.outbox import alert_id
from monitor.store.tables import DeliveryRow
from tests.alertkit import hook, member_counts, received, setup, storm
from tests.webhookreceiver import WebhookReceiver

T0 = datetime(2026, 5, 4, 10, 20, tzinfo=UTC)
STORM = 500


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    from tests.alertkit import SECRET

    with WebhookReceiver(SECRET) as r:
        yield r


def _run(dispatcher: Dispatcher, at: datetime) -> int:
    return dispatcher.deliver(lambda: at, limit=1000).sent


def test_group_wait_bundles_a_storm_into_one_message(
    tmp_path: Path,
    db_url: str,
    receiver: WebhookReceiver,
) -> None:
    _, config, store = setup(
        tmp_path / "cfg", db_url, {"hooks": hook(receiver.url)}, alerts={"group_wait": "30s"}
    )
    ids = storm(store, config, STORM, T0)
    d = Dispatcher(store, config, "a")
    assert _run(d, T0 + timedelta(seconds=29)) == 0  # still inside the wait window
    assert receiver.requests == []
    assert _run(d, T0 + timedelta(seconds=30)) == 1
    assert _run(d, T0 + timedelta(minutes=5)) == 0

    [(gid, kind, members)] = received(receiver)
    assert kind == "alert.group" and len(members) == STORM
    assert member_counts(receiver) == dict.fromkeys(ids, 1)
    # The group's id derives from its members: the same storm always carries the same id.
    digest = hashlib.sha256(",".join(sorted(ids)).encode()).hexdigest()[:32]
    assert gid == alert_id(f"alert.group:hooks:{digest}")
    with store.read() as s:
        states = {r.alert_id: r.state for r in s.exec(select(DeliveryRow))}
    assert set(states.values()) == {"sent"} and len(states) == STORM + 1
    store.close()


def test_alerts_in_different_windows_go_separately_and_a_lone_alert_stays_single(
    tmp_path: Path,
    receiver: WebhookReceiver,
    sqlite_url: str,
) -> None:
    _, config, store = setup(
        tmp_path / "cfg", sqlite_url, {"hooks": hook(receiver.url)}, alerts={"group_wait": "30s"}
    )
    first = storm(store, config, 3, T0, "a")
    late = storm(store, config, 1, T0 + timedelta(seconds=45), "b")
    d = Dispatcher(store, config, "a")
    assert _run(d, T0 + timedelta(seconds=40)) == 1
    assert _run(d, T0 + timedelta(seconds=80)) == 1
    got = received(receiver)
    assert [(k, sorted(m)) for _, k, m in got] == [
        ("alert.group", sorted(first)),
        ("commitment.at_risk", late),
    ]
    assert got[1][0] == late[0]  # a lone alert keeps its own id
    store.close()


def test_hourly_cap_holds_the_rest_for_one_digest_when_the_hour_rolls(
    tmp_path: Path,
    db_url: str,
    receiver: WebhookReceiver,
) -> None:
    _, config, store = setup(
        tmp_path / "cfg", db_url, {"hooks": hook(receiver.url)}, alerts={"max_per_hour": 10}
    )
    ids = storm(store, config, STORM, T0)
    d = Dispatcher(store, config, "a")
    assert _run(d, T0) == 10
    assert _run(d, T0 + timedelta(minutes=20)) == 0  # cap reached for this hour
    assert _run(d, datetime(2026, 5, 4, 11, 0, 5, tzinfo=UTC)) == 1
    assert _run(d, datetime(2026, 5, 4, 11, 30, tzinfo=UTC)) == 0

    got = received(receiver)
    assert len(got) == 11
    assert [k for _, k, _ in got] == ["commitment.at_risk"] * 10 + ["alert.group"]
    assert len(got[-1][2]) == STORM - 10
    assert json.loads(receiver.requests[-1].body)["data"]["digest"]["reason"] == "max_per_hour"
    assert member_counts(receiver) == dict.fromkeys(ids, 1)
    store.close()


def test_grouping_and_cap_together_keep_a_repeated_storm_bounded(
    tmp_path: Path,
    sqlite_url: str,
    receiver: WebhookReceiver,
) -> None:
    _, config, store = setup(
        tmp_path / "cfg",
        sqlite_url,
        {"hooks": hook(receiver.url)},
        alerts={"group_wait": "30s", "max_per_hour": 3},
    )
    d = Dispatcher(store, config, "a")
    ids: list[str] = []
    for minute in range(6):  # six refreshes a minute apart, 100 alerts each
        at = T0 + timedelta(minutes=minute)
        ids += storm(store, config, 100, at, f"r{minute}")
        _run(d, at + timedelta(seconds=31))
    assert len(receiver.requests) == 3  # the cap: later groups wait for the hour
    _run(d, datetime(2026, 5, 4, 11, 0, tzinfo=UTC))
    assert len(receiver.requests) == 4  # plus one overflow digest of the 300 held
    assert member_counts(receiver) == dict.fromkeys(ids, 1)
    store.close()
