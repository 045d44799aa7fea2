"""`/metrics`: Prometheus text, collected from the database at scrape time, so any process that
serves the web (the daemon, `monitor serve`, a replica) reports the same numbers. Every name
starts with `monitor_`; a handful of GROUP BY queries on indexed columns keep a scrape fast."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any

from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
    Metric,
)
from prometheus_client.registry import Collector, CollectorRegistry
from sqlalchemy import case, func, literal_column
from sqlmodel import Session, col, select

from monitor.core.enums import Status
from monitor.store import Store, utc
from monitor.store.tables import (
    AlertRow,
    CommitmentRow,
    DeliveryRow,
    EvidenceRow,
    FeedRow,
    ItemRow,
)

# Seconds from an alert's creation to its delivery: immediate, retried, held for a digest.
LATENCY_BUCKETS = (1.0, 5.0, 30.0, 60.0, 300.0, 1800.0, 3600.0, 6 * 3600.0, 86400.0)


def _gauge(name: str, doc: str, label: str, rows: Iterable[tuple[Any, int]]) -> GaugeMetricFamily:
    family = GaugeMetricFamily(name, doc, labels=[label])
    for value, count in rows:
        family.add_metric([str(value or "")], count)
    return family


def _timestamp(name: str, doc: str, moment: datetime | None) -> GaugeMetricFamily:
    aware = utc(moment)
    return GaugeMetricFamily(name, doc, value=aware.timestamp() if aware else 0.0)


def _latency_seconds(dialect: str) -> Any:
    """SQL for the seconds between an alert's creation and its delivery's sending."""
    sent, created = col(DeliveryRow.sent_at), col(AlertRow.created_at)
    if dialect == "postgresql":
        return func.extract("epoch", sent - created)
    return (func.julianday(sent) - func.julianday(created)) * literal_column("86400.0")


class StoreCollector(Collector):
    """Reads the numbers from the store on every collect(); `scrapes` counts failures apart."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def collect(self) -> Iterator[Metric]:
        started = time.perf_counter()
        with self.store.snapshot() as s:
            yield from self._commitments(s)
            yield from self._feeds(s)
            yield from self._alerts(s)
            yield from self._deliveries(s)
        yield GaugeMetricFamily(
            "monitor_scrape_duration_seconds",
            "Time spent reading the database for this scrape.",
            value=time.perf_counter() - started,
        )

    def _commitments(self, s: Session) -> Iterator[Metric]:
        counts = dict(
            s.exec(
                select(CommitmentRow.status, func.count())
                .where(col(CommitmentRow.archived).is_(False))
                .group_by(col(CommitmentRow.status))
            ).all()
        )
        # Every status is reported, zeros included, so a dashboard's series never vanish.
        yield _gauge(
            "monitor_commitments",
            "Active commitments by status.",
            "status",
            [(str(st), counts.pop(str(st), 0)) for st in Status] + list(counts.items()),
        )
        yield _gauge(
            "monitor_evidence",
            "Stored evidence by signal.",
            "signal",
            s.exec(
                select(EvidenceRow.signal, func.count()).group_by(col(EvidenceRow.signal))
            ).all(),
        )

    def _feeds(self, s: Session) -> Iterator[Metric]:
        active = col(FeedRow.archived).is_(False)
        yield _gauge(
            "monitor_feeds",
            "Active feeds by state.",
            "state",
            s.exec(
                select(FeedRow.state, func.count()).where(active).group_by(col(FeedRow.state))
            ).all(),
        )
        yield _gauge(
            "monitor_feed_errors",
            "Active feeds whose last poll failed, by error kind.",
            "kind",
            s.exec(
                select(FeedRow.last_error_kind, func.count())
                .where(active)
                .where(col(FeedRow.last_error_kind).is_not(None))
                .group_by(col(FeedRow.last_error_kind))
            ).all(),
        )
        last_success, last_poll, seen = s.exec(
            select(
                func.max(FeedRow.last_success_at),
                func.max(FeedRow.last_polled_at),
                func.coalesce(func.sum(FeedRow.items_seen), 0),
            ).where(active)
        ).one()
        yield _timestamp(
            "monitor_last_successful_poll_timestamp_seconds",
            "When a feed was last fetched successfully (Unix time; 0: never).",
            last_success,
        )
        yield _timestamp(
            "monitor_last_poll_timestamp_seconds",
            "When a feed was last polled, successfully or not (Unix time; 0: never).",
            last_poll,
        )
        items = CounterMetricFamily("monitor_items", "News items stored.")
        items.add_metric([], s.exec(select(func.count()).select_from(ItemRow)).one())
        yield items
        fetched = CounterMetricFamily("monitor_feed_items_seen", "Items seen in the active feeds.")
        fetched.add_metric([], int(seen))
        yield fetched

    def _alerts(self, s: Session) -> Iterator[Metric]:
        family = CounterMetricFamily("monitor_alerts", "Alerts raised, by kind.", labels=["kind"])
        for kind, count in s.exec(
            select(AlertRow.kind, func.count()).group_by(col(AlertRow.kind))
        ).all():
            family.add_metric([kind], count)
        yield family
        yield GaugeMetricFamily(
            "monitor_alerts_unacknowledged",
            "Alerts nobody has acknowledged yet.",
            value=s.exec(
                select(func.count()).select_from(AlertRow).where(col(AlertRow.acked_at).is_(None))
            ).one(),
        )

    def _deliveries(self, s: Session) -> Iterator[Metric]:
        by_outcome = GaugeMetricFamily(
            "monitor_deliveries",
            "Deliveries by channel and outcome (pending, sent, dead, suppressed, grouped).",
            labels=["channel", "state"],
        )
        attempts = CounterMetricFamily(
            "monitor_delivery_attempts", "Delivery attempts by channel.", labels=["channel"]
        )
        per_channel: dict[str, int] = {}
        for channel, state, count, tries in s.exec(
            select(
                DeliveryRow.channel,
                DeliveryRow.state,
                func.count(),
                func.coalesce(func.sum(DeliveryRow.attempts), 0),
            ).group_by(col(DeliveryRow.channel), col(DeliveryRow.state))
        ).all():
            by_outcome.add_metric([channel, state], count)
            per_channel[channel] = per_channel.get(channel, 0) + int(tries)
        for channel, tries in sorted(per_channel.items()):
            attempts.add_metric([channel], tries)
        yield by_outcome
        yield attempts
        yield GaugeMetricFamily(
            "monitor_outbox_depth",
            "Deliveries waiting to be sent (the outbox).",
            value=s.exec(
                select(func.count()).select_from(DeliveryRow).where(DeliveryRow.state == "pending")
            ).one(),
        )
        yield self._latency(s)

    def _latency(self, s: Session) -> Metric:
        """Creation-to-sending time of the sent deliveries, bucketed in SQL."""
        seconds = _latency_seconds(s.get_bind().dialect.name)
        columns = [func.sum(case((seconds <= b, 1), else_=0)) for b in LATENCY_BUCKETS]
        row = s.exec(
            select(func.count(), func.coalesce(func.sum(seconds), 0.0), *columns)
            .where(DeliveryRow.alert_id == AlertRow.id)
            .where(DeliveryRow.state == "sent")
            .where(col(DeliveryRow.sent_at).is_not(None))
        ).one()
        total, total_seconds = row[0], row[1]
        cumulative: list[Any] = list(row[2:])
        buckets = [(str(b), int(n or 0)) for b, n in zip(LATENCY_BUCKETS, cumulative, strict=True)]
        buckets.append(("+Inf", int(total)))
        return HistogramMetricFamily(
            "monitor_delivery_latency_seconds",
            "Seconds from an alert's creation to its delivery.",
            buckets=buckets,
            sum_value=float(total_seconds or 0.0),
        )


class _Extra(Collector):
    """Metrics from a function (the scheduler's liveness under `monitor run`)."""

    def __init__(self, collect: Callable[[], Iterator[Metric]]) -> None:
        self._collect = collect

    def collect(self) -> Iterator[Metric]:
        return self._collect()


def registry(
    store: Store, extra: Callable[[], Iterator[Metric]] | None = None
) -> CollectorRegistry:
    """A registry of its own (not the process-wide default) holding the store's collector."""
    reg = CollectorRegistry(auto_describe=False)
    reg.register(StoreCollector(store))
    if extra is not None:
        reg.register(_Extra(extra))
    return reg
