"""monitor.track.tracker on real databases (SQLite, and PostgreSQL when configured): changes
recorded
with evidence and reasons, compare-and-set under racing evaluators, dependency propagation in
one evaluation, alerts enqueued once, history that changes status without alerting."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlmodel import col, select

from monitor.core.settings import Config
from monitor.feeds.evidence import evidence_for
from monitor.service.config import load_config
from monitor.service.sync import sync_definitions
from monitor.store import Store, stamp
from monitor.store.tables import AlertRow, EvidenceRow, FeedRow, ItemRow, StatusChangeRow
from monitor.track.tracker import evaluate
from monitor.understand.judge import Judge
from tests.conftest import write_config

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
AZ, OPENING = "zangezur-az-construction", "zangezur-opening"


@dataclass(frozen=True)
class News:
    title: str
    text: str
    published: datetime
    feed: str = "wire"
    history: bool = False


AZ_SLIP = News(
    "Zangezur railway construction postponed to 2027",
    "Construction of the Zangezur railway on Azerbaijani territory has been postponed to 2027.",
    datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
)


@pytest.fixture
def world(db_url: str, tmp_path: Path) -> Iterator[tuple[Store, Config]]:
    """The shipped commitments synced into a fresh database."""
    config = load_config(write_config(tmp_path / "config", database_url=db_url))
    store = Store.open(db_url)
    sync_definitions(store, config, NOW)
    yield store, config
    store.close()


def add_news(store: Store, config: Config, items: list[News], now: datetime = NOW) -> None:
    """Store items on their feeds (healthy as of `now`) and judge them, as the poller does."""
    judge = Judge(config.commitments)
    with store.write() as s:
        feeds = {f.name: f for f in s.exec(select(FeedRow)).all()}
        for n, news in enumerate(items):
            feed = feeds.get(news.feed)
            if feed is None:
                feed = FeedRow(
                    source_url=f"http://127.0.0.1/{news.feed}",
                    url=f"http://127.0.0.1/{news.feed}",
                    name=news.feed,
                    last_success_at=stamp(now),
                )
                s.add(feed)
                s.flush()
                feeds[news.feed] = feed
            assert feed.id is not None
            key = f"{news.published.isoformat()}:{n}:{news.title}"[:200]
            item = ItemRow(
                feed_id=feed.id,
                key=key,
                title=news.title,
                text=news.text,
                link=f"http://127.0.0.1/{news.feed}/{n}",
                published=stamp(news.published),
                fetched_at=stamp(now),
                fingerprint=key[:64],
                history=news.history,
            )
            s.add(item)
            s.flush()
            for row in evidence_for(judge, config, item, alerting=not news.history, now=now):
                s.add(row)


def changes_of(store: Store, commitment_id: str) -> list[StatusChangeRow]:
    with store.read() as s:
        return list(
            s.exec(
                select(StatusChangeRow)
                .where(StatusChangeRow.commitment_id == commitment_id)
                .order_by(col(StatusChangeRow.id))
            ).all()
        )


def alert_keys(store: Store) -> list[str]:
    with store.read() as s:
        return sorted(a.dedupe_key for a in s.exec(select(AlertRow)).all())


def run_evaluation(store: Store, config: Config, now: datetime = NOW) -> list[Any]:
    with store.write() as s:
        return [(c.commitment_id, c.from_status, c.to_status) for c in evaluate(s, config, now)]


def test_slip_is_recorded_with_evidence_and_propagates(world: tuple[Store, Config]) -> None:
    store, config = world
    add_news(store, config, [AZ_SLIP])
    changed = run_evaluation(store, config)
    assert (AZ, "pending", "slipped") in changed
    assert (OPENING, "pending", "at_risk") in changed  # same evaluation: dependency first
    [slip] = changes_of(store, AZ)
    with store.read() as s:
        ev = s.get(EvidenceRow, slip.evidence_id)
    assert ev is not None and ev.commitment_id == AZ and ev.verdict == "slip"
    assert "2027" in slip.reason and slip.confirmed_by == "rule"
    [risk] = changes_of(store, OPENING)
    assert risk.reason == f"depends on {AZ}, which is slipped"
    assert alert_keys(store) == [
        f"commitment.at_risk:{OPENING}:dependency:{AZ}:slipped",
        f"commitment.slipped:{AZ}:slip:2027-01-01:2028-01-01",
    ]


def test_alerts_are_enqueued_once_per_event(world: tuple[Store, Config]) -> None:
    store, config = world
    add_news(store, config, [AZ_SLIP])
    run_evaluation(store, config)
    first = alert_keys(store)
    assert run_evaluation(store, config) == []
    assert run_evaluation(store, config, datetime(2026, 3, 11, tzinfo=UTC)) == []
    assert alert_keys(store) == first
    # A further slip of the same commitment is a new event with its own alert.
    add_news(
        store,
        config,
        [
            News(
                "Zangezur construction slips again",
                "Construction of the Zangezur railway section has been postponed to 2028.",
                datetime(2026, 3, 9, tzinfo=UTC),
            )
        ],
    )
    assert run_evaluation(store, config) == []  # still slipped: no status change…
    assert f"commitment.slipped:{AZ}:slip:2028-01-01:2029-01-01" in alert_keys(store)  # …news
    assert len(alert_keys(store)) == len(first) + 1


def test_history_changes_status_without_alerting(world: tuple[Store, Config]) -> None:
    store, config = world
    add_news(store, config, [News(AZ_SLIP.title, AZ_SLIP.text, AZ_SLIP.published, history=True)])
    changed = run_evaluation(store, config)
    assert (AZ, "pending", "slipped") in changed
    assert (OPENING, "pending", "at_risk") in changed
    assert alert_keys(store) == []  # neither the slip nor what follows from it alerts


def test_reversal_is_recorded(world: tuple[Store, Config]) -> None:
    store, config = world
    add_news(store, config, [AZ_SLIP])
    run_evaluation(store, config)
    add_news(
        store,
        config,
        [
            News(
                "Zangezur construction back on schedule",
                "Construction of the Zangezur railway on Azerbaijani "
                "territory will be completed by mid-2026, the ministry said.",
                datetime(2026, 3, 9, tzinfo=UTC),
            )
        ],
    )
    changed = run_evaluation(store, config)
    assert (AZ, "slipped", "on_track") in changed
    assert (OPENING, "at_risk", "pending") in changed  # no evidence of its own
    assert [c.to_status for c in changes_of(store, AZ)] == ["slipped", "on_track"]


def _race(store: Store, config: Config) -> list[BaseException]:
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def evaluator() -> None:
        try:
            barrier.wait(5)
            run_evaluation(store, config)
        except BaseException as e:  # reported to the test below
            errors.append(e)

    threads = [threading.Thread(target=evaluator) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return errors


def test_racing_evaluators_record_one_change(world: tuple[Store, Config]) -> None:
    store, config = world
    add_news(store, config, [AZ_SLIP])
    assert _race(store, config) == []
    assert [c.to_status for c in changes_of(store, AZ)] == ["slipped"]
    assert [c.to_status for c in changes_of(store, OPENING)] == ["at_risk"]
    assert len(alert_keys(store)) == 2


@pytest.mark.postgres
def test_stale_evaluator_loses_compare_and_set(tmp_path: Path) -> None:
    """PostgreSQL lets two evaluators read the same version; the one whose UPDATE comes second
    matches no row and records nothing. (SQLite serialises them with BEGIN IMMEDIATE.)"""
    import os

    url = os.environ.get("MONITOR_TEST_DATABASE_URL")
    if not url:
        pytest.skip("PostgreSQL tests skipped: MONITOR_TEST_DATABASE_URL is not set")
    from tests.conftest import _pg_schema_url

    schema_urls = _pg_schema_url()
    db = next(schema_urls)
    try:
        config = load_config(write_config(tmp_path / "config", database_url=db))
        store = Store.open(db)
        sync_definitions(store, config, NOW)
        add_news(store, config, [AZ_SLIP])
        state = {"raced": False}
        rival: list[Any] = []

        def before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
            # The first evaluator to reach its UPDATE lets a rival run a whole evaluation.
            if statement.lstrip().upper().startswith("UPDATE COMMITMENT") and not state["raced"]:
                state["raced"] = True
                t = threading.Thread(target=lambda: rival.append(run_evaluation(store, config)))
                t.start()
                t.join(30)

        event.listen(store.engine, "before_cursor_execute", before)
        try:
            mine = run_evaluation(store, config)
        finally:
            event.remove(store.engine, "before_cursor_execute", before)
        assert (AZ, "pending", "slipped") in rival[0]
        assert (AZ, "pending", "slipped") not in mine
        assert [c.to_status for c in changes_of(store, AZ)] == ["slipped"]
        assert len(alert_keys(store)) == 2
        store.close()
    finally:
        next(schema_urls, None)
