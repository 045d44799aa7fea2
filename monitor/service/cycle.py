"""One monitoring cycle in the contract's order: fetch the due feeds, parse, store, match and
read signals (monitor.feeds.poll), evaluate statuses and deadlines (monitor.track.tracker,
monitor.track.reminders),
then deliver what is due (monitor.alerts.deliver). `monitor poll` runs one; the daemon runs the
steps on its own ticks."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from monitor.alerts.channels import Channel
from monitor.alerts.deliver import DeliverReport, Dispatcher
from monitor.core.settings import Config
from monitor.feeds.fetch import Fetcher
from monitor.feeds.poll import Poller, PollReport
from monitor.service.sync import SyncReport, sync_definitions
from monitor.store import Store
from monitor.track.reminders import remind
from monitor.track.tracker import evaluate


def instance_name() -> str:
    """A lease owner name unique to this process."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


@dataclass
class CycleReport:
    poll: PollReport
    changes: int
    reminders: int
    deliver: DeliverReport


class Monitor:
    """The pipeline for one process: definitions synced, feeds polled, alerts delivered."""

    def __init__(
        self,
        store: Store,
        config: Config,
        *,
        owner: str | None = None,
        fetcher: Fetcher | None = None,
        channels: dict[str, Channel] | None = None,
    ) -> None:
        self.store = store
        self.config = config
        self.owner = owner or instance_name()
        self.poller = Poller(store, config, self.owner, fetcher)
        self.dispatcher = Dispatcher(store, config, self.owner, channels)

    def sync(self, now: datetime) -> SyncReport:
        return sync_definitions(self.store, self.config, now)

    def evaluate(self, now: datetime) -> tuple[int, int]:
        """Statuses, then time-driven alerts; one transaction. Returns (changes, reminders)."""
        with self.store.write() as s:
            changes = evaluate(s, self.config, now)
            reminders = remind(s, self.config, now)
        return len(changes), reminders

    def run_once(self, clock: Callable[[], datetime], all_feeds: bool = False) -> CycleReport:
        poll = self.poller.poll(clock, all_feeds)
        changes, reminders = self.evaluate(clock())
        deliver = self.dispatcher.deliver(clock)
        return CycleReport(poll, changes, reminders, deliver)

    def close(self) -> None:
        self.poller.fetcher.close()
