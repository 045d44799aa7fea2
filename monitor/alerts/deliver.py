"""Delivery: claims due deliveries with a lease, sends each through its channel, and records the
outcome — sent, retried on the channel's schedule, or dead-lettered with a `delivery.failed`
alert to the other channels. Retries live here and nowhere else.

A Retry-After from an endpoint can push a retry later than the schedule says, but by at most
MAX_RETRY_AFTER: an endpoint that asks for weeks still gets its remaining attempts, a day apart
at most, before the delivery is dead-lettered."""

from __future__ import annotations

import json
import logging
import random
import time
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, or_, select

from monitor.alerts.channels import Channel, build_channel
from monitor.alerts.grouping import bundle, settle_members
from monitor.alerts.message import Message, Receipt
from monitor.alerts.outbox import attach_new_channels, enqueue
from monitor.alerts.render import GROUP_KIND
from monitor.core.enums import AlertKind, DeliveryState
from monitor.core.settings import Config
from monitor.errors import (
    DeliveryError,
    EndpointGoneError,
    PermanentDeliveryError,
    TransientDeliveryError,
)
from monitor.net.netguard import guard_from
from monitor.store import Store, stamp, utc
from monitor.store.tables import AlertRow, ChannelStateRow, DeliveryRow

log = logging.getLogger(__name__)
JITTER = 0.1
MAX_RETRY_AFTER = timedelta(days=1)  # the longest wait an endpoint's Retry-After can impose


@dataclass
class DeliverReport:
    claimed: int = 0
    sent: int = 0
    retrying: int = 0
    dead: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Attempt:
    delivery_id: int
    channel: str
    message: Message
    attempts: int
    lease_until: datetime


class Dispatcher:
    """Sends what the outbox holds, for one process; `owner` names it in leases."""

    def __init__(
        self,
        store: Store,
        config: Config,
        owner: str,
        channels: dict[str, Channel] | None = None,
        rand: random.Random | None = None,
        wall_clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.store = store
        self.config = config
        self.owner = owner
        guard = guard_from(config.settings.poll)
        self.channels = (
            channels
            if channels is not None
            else {name: build_channel(ch.config, guard) for name, ch in config.channels.items()}
        )
        self.rand = rand or random.Random()
        # Transport timestamps (webhook-timestamp, Date) are the real sending time even when
        # the monitor evaluates as of another moment: receivers reject stale signatures.
        self.wall_clock = wall_clock
        # Alerts queued while no channel was routed get deliveries once per configuration:
        # routing only changes when the configuration does, and that builds a new Dispatcher.
        self._routed_backlog = False

    def claim(self, now: datetime, limit: int = 200) -> list[_Attempt]:
        """Lease up to `limit` due deliveries of configured channels."""
        at = stamp(now)
        lease_until = now + self.config.settings.lease
        with self.store.write() as s:
            if not self._routed_backlog:
                attach_new_channels(s, self.config, now)
            bundle(s, self.config, now)
            disabled = {r.name for r in s.exec(select(ChannelStateRow)).all() if r.disabled_at}
            usable = [name for name in self.channels if name not in disabled]
            rows = s.exec(
                select(DeliveryRow, AlertRow)
                .where(DeliveryRow.alert_id == AlertRow.id)
                .where(DeliveryRow.state == DeliveryState.PENDING)
                .where(col(DeliveryRow.channel).in_(usable))
                .where(
                    or_(
                        col(DeliveryRow.next_attempt_at).is_(None),
                        col(DeliveryRow.next_attempt_at) <= at,
                    )
                )
                .where(
                    or_(col(DeliveryRow.lease_until).is_(None), col(DeliveryRow.lease_until) < at)
                )
                .order_by(col(DeliveryRow.next_attempt_at), col(DeliveryRow.id))
                .limit(limit)
                .with_for_update(skip_locked=True, of=DeliveryRow)
            ).all()
            attempts = []
            for delivery, alert in rows:
                delivery.lease_owner = self.owner
                delivery.lease_until = stamp(lease_until)
                s.add(delivery)
                payload = json.loads(alert.payload)
                created = utc(alert.created_at)
                assert delivery.id is not None and created is not None
                attempts.append(
                    _Attempt(
                        delivery.id,
                        delivery.channel,
                        Message(alert.id, alert.kind, created, payload["data"]),
                        delivery.attempts,
                        lease_until,
                    )
                )
        self._routed_backlog = True  # only once the transaction that routed it committed
        return attempts

    def deliver(
        self,
        clock: Callable[[], datetime],
        limit: int = 200,
        should_stop: Callable[[], bool] = lambda: False,
    ) -> DeliverReport:
        """One round: claim, send (channels in parallel, each in order), record."""
        report = DeliverReport()
        attempts = self.claim(clock(), limit)
        report.claimed = len(attempts)
        by_channel: dict[str, list[_Attempt]] = defaultdict(list)
        for attempt in attempts:
            by_channel[attempt.channel].append(attempt)
        if not by_channel:
            return report
        # One thread per channel: a slow endpoint holds up only its own queue.
        with ThreadPoolExecutor(len(by_channel), thread_name_prefix="deliver") as pool:
            for future in [
                pool.submit(self._run_channel, queue, clock, report, should_stop)
                for queue in by_channel.values()
            ]:
                future.result()
        return report

    def _run_channel(
        self,
        queue: list[_Attempt],
        clock: Callable[[], datetime],
        report: DeliverReport,
        should_stop: Callable[[], bool],
    ) -> None:
        healthy = True
        for attempt in queue:
            if should_stop() or not healthy or not self._lease_left(attempt, clock()):
                # The endpoint hangs: the rest of this round would each wait out the same
                # timeout and hold up the next round. Or the lease runs out: this process was
                # frozen (SIGSTOP, a suspended VM) or the round ran long, and another one may
                # hold the row now. They stay due, attempts untouched.
                self._release(attempt)
                continue
            healthy = self._send(attempt, clock, report)

    def _lease_left(self, attempt: _Attempt, now: datetime) -> bool:
        """Whether the lease still covers a whole send (its timeout, at most half the lease)."""
        timeout = getattr(self.config.channels[attempt.channel].config, "timeout", None) or 0.0
        margin = min(timedelta(seconds=timeout), self.config.settings.lease / 2)
        return now + margin < attempt.lease_until

    def _send(
        self, attempt: _Attempt, clock: Callable[[], datetime], report: DeliverReport
    ) -> bool:
        """One attempt, recorded; False when it failed by running into the channel's timeout."""
        started = time.monotonic()
        receipt, error = self._attempt(attempt)
        if not self._record(attempt, receipt, error, clock(), report):
            return True
        limit = getattr(self.config.channels[attempt.channel].config, "timeout", None)
        hung = limit is not None and time.monotonic() - started >= 0.9 * limit
        return not (isinstance(error, TransientDeliveryError) and hung)

    def _attempt(self, attempt: _Attempt) -> tuple[Receipt | None, DeliveryError | None]:
        """Send the message through its channel: the receipt, or the error."""
        channel = self.channels[attempt.channel]
        try:
            return channel.send(attempt.message, self.wall_clock()), None
        except DeliveryError as exc:
            return None, exc
        except Exception as exc:  # a bug or an unexpected library error: retry, and say so
            log.exception("channel %s raised unexpectedly", attempt.channel)
            return None, TransientDeliveryError(f"unexpected {exc.__class__.__name__}: {exc}")

    def _record(
        self,
        attempt: _Attempt,
        receipt: Receipt | None,
        error: DeliveryError | None,
        now: datetime,
        report: DeliverReport,
    ) -> bool:
        """Record the attempt's outcome on its delivery row; False if this process no longer
        held it."""
        with self.store.write() as s:
            row = s.get(DeliveryRow, attempt.delivery_id)
            if row is None or row.lease_owner != self.owner:
                log.warning("lease on delivery %s lost before recording", attempt.delivery_id)
                return False
            row.attempts += 1
            row.lease_owner, row.lease_until = None, None
            if error is None:
                assert receipt is not None
                _sent(row, receipt, now)
                report.sent += 1
            else:
                self._failed(s, row, attempt, error, now, report)
            s.add(row)
            if attempt.message.kind == GROUP_KIND and row.state != DeliveryState.PENDING:
                settle_members(s, attempt.message.data, attempt.channel, row.state, now)
        return True

    def _failed(
        self,
        s: Session,
        row: DeliveryRow,
        attempt: _Attempt,
        error: DeliveryError,
        now: datetime,
        report: DeliverReport,
    ) -> None:
        row.last_error = str(error)[:2000]
        report.errors.append(f"{attempt.channel}: {error}")
        schedule = self.config.channels[attempt.channel].retry
        if isinstance(error, TransientDeliveryError) and row.attempts < len(schedule):
            delay = schedule[row.attempts] * (1 + self.rand.uniform(-JITTER, JITTER))
            if error.retry_after:
                # Capped before converting: a huge value would overflow timedelta or datetime.
                asked = min(MAX_RETRY_AFTER.total_seconds(), error.retry_after)
                delay = max(delay, timedelta(seconds=asked))
            row.next_attempt_at = stamp(now + delay)
            report.retrying += 1
            log.info(
                "delivery %s via %s failed (%s); retry at %s",
                attempt.message.alert_id,
                attempt.channel,
                error,
                row.next_attempt_at,
            )
            return
        row.state = DeliveryState.DEAD
        report.dead += 1
        if isinstance(error, EndpointGoneError):
            state = s.get(ChannelStateRow, attempt.channel) or ChannelStateRow(name=attempt.channel)
            state.disabled_at, state.reason = stamp(now), str(error)[:500]
            s.add(state)
            log.error("channel %s disabled: the endpoint answered 410 Gone", attempt.channel)
        why = (
            "permanent failure"
            if isinstance(error, PermanentDeliveryError)
            else f"gave up after {row.attempts} attempts"
        )
        log.error(
            "delivery of %s via %s dead: %s (%s)",
            attempt.message.alert_id,
            attempt.channel,
            why,
            error,
        )
        if attempt.message.kind != AlertKind.DELIVERY_FAILED:
            data = dict(attempt.message.data)
            data["reason"] = f"not delivered via {attempt.channel}: {why}"
            data["delivery"] = {
                "alert_id": attempt.message.alert_id,
                "kind": attempt.message.kind,
                "channel": attempt.channel,
                "attempts": row.attempts,
                "error": row.last_error,
                "reason": why,
            }
            enqueue(
                s,
                self.config,
                kind=AlertKind.DELIVERY_FAILED,
                data=data,
                now=now,
                dedupe_key=f"delivery.failed:{row.id}",
                exclude_channels=(attempt.channel,),
            )

    def _release(self, attempt: _Attempt) -> None:
        with self.store.write() as s:
            row = s.get(DeliveryRow, attempt.delivery_id)
            if row is not None and row.lease_owner == self.owner:
                row.lease_owner, row.lease_until = None, None
                s.add(row)


def _sent(row: DeliveryRow, receipt: Receipt, now: datetime) -> None:
    """A delivery accepted; recipients the server refused are noted as its last error."""
    row.state, row.sent_at = DeliveryState.SENT, stamp(now)
    row.last_error = None
    if receipt.refused:
        row.last_error = "refused: " + ", ".join(sorted(receipt.refused))
