"""The daemon decides *when*: a few APScheduler 3 interval ticks in one process — poll the due
feeds, evaluate statuses and deadlines, deliver due alerts. The schedule itself lives in the
database (next_poll_at, next_attempt_at, deadlines), so several daemons can share one PostgreSQL
database and a restart never polls early or forgets an alert.

Every tick has coalesce=True, max_instances=1 and an explicit misfire_grace_time; there is never
one job per feed and never a shared job store. SIGTERM/SIGINT stop cleanly (no new claims; leases
of unfinished work are released or expire); SIGHUP reloads the configuration.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler

from monitor.errors import MonitorError
from monitor.service.config import load_config
from monitor.service.cycle import Monitor
from monitor.service.liveness import Heartbeat, Service
from monitor.store import Store

log = logging.getLogger(__name__)
TICKS = {"poll": 15.0, "evaluate": 60.0, "deliver": 5.0}  # seconds between runs of each step
MISFIRE_GRACE = 300  # a tick that starts late (busy pool, suspend) still runs, once


class Daemon:
    """Runs until stopped; `clock` is the real clock in production, fixed for replays."""

    def __init__(
        self,
        config_dir: Path,
        store: Store,
        clock: Callable[[], datetime],
        ticks: dict[str, float] | None = None,
    ) -> None:
        self.config_dir = config_dir
        self.store = store
        self.clock = clock
        self.ticks = {**TICKS, **(ticks or {})}
        self.heartbeat = Heartbeat(self.ticks)  # /healthz: is the scheduler ticking?
        self.stopping = threading.Event()
        self._lock = threading.Lock()  # config reloads vs running steps
        self.monitor = Monitor(store, load_config(config_dir))
        self.scheduler = BackgroundScheduler(
            executors={"default": ThreadPoolExecutor(len(self.ticks))},
            job_defaults={
                "coalesce": True,
                "max_instances": 1,
                "misfire_grace_time": MISFIRE_GRACE,
            },
            timezone=UTC,
        )

    def _step(self, name: str, work: Callable[[Monitor], Any]) -> None:
        if self.stopping.is_set():
            return
        self.heartbeat.beat(name)
        try:
            with self._lock:
                monitor = self.monitor
            result = work(monitor)
            log.debug("%s: %s", name, result)
        except Exception:
            # The daemon outlives a bad tick (database outage, a bug in one step); the next
            # tick retries, and the work is idempotent.
            log.exception("%s step failed; retrying on the next tick", name)

    def poll(self) -> None:
        def work(m: Monitor) -> Any:
            report = m.poller.poll(self.clock, should_stop=self.stopping.is_set)
            if report.evidence_new or report.failed:
                # New evidence is judged at once rather than at the next evaluate tick.
                return report, m.evaluate(self.clock())
            return report

        self._step("poll", work)

    def evaluate(self) -> None:
        self._step("evaluate", lambda m: m.evaluate(self.clock()))

    def deliver(self) -> None:
        self._step(
            "deliver", lambda m: m.dispatcher.deliver(self.clock, should_stop=self.stopping.is_set)
        )

    def reload(self) -> None:
        """Re-read the configuration and sync definitions; keep the old one if it is bad."""
        try:
            monitor = Monitor(self.store, load_config(self.config_dir))
            monitor.sync(self.clock())
        except MonitorError as exc:
            log.error("configuration not reloaded: %s", exc)
            return
        with self._lock:
            old, self.monitor = self.monitor, monitor
        old.close()
        log.info("configuration reloaded")

    def run(self, services: Sequence[Service] = ()) -> int:
        """Block until SIGTERM/SIGINT; returns the exit code. `services` (the web server) start
        after the scheduler and stop first."""
        report = self.monitor.sync(self.clock())
        log.info("definitions synced: %s", report)
        for name, seconds in self.ticks.items():
            self.scheduler.add_job(
                getattr(self, name),
                "interval",
                seconds=seconds,
                id=name,
                next_run_time=datetime.now(UTC),
            )
        previous = {
            sig: signal.signal(sig, self._on_signal)
            for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
        }
        self.scheduler.start()
        log.info(
            "monitor running (%d commitments, %d feeds, %d channels)",
            len(self.monitor.config.commitments),
            len(self.monitor.config.feeds),
            len(self.monitor.config.channels),
        )
        try:
            for service in services:
                service.start()
            while not self.stopping.wait(1.0):
                pass
        finally:
            for service in reversed(services):
                service.stop()
            log.info("stopping: no new work; waiting for running steps")
            self.scheduler.shutdown(wait=True)
            self.monitor.close()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        log.info("stopped")
        return 0

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        if signum == signal.SIGHUP:
            threading.Thread(target=self.reload, name="reload", daemon=True).start()
            return
        self.stopping.set()
