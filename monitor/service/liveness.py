"""What runs beside the daemon's scheduler, and whether the scheduler is alive.

`Service`: something `Daemon.run` starts after its scheduler and stops first on SIGTERM (the web
server under `monitor run`). `Heartbeat`: each step stamps its start; the scheduler counts as
ticking while some step started within two of its own tick intervals (a step still running past
its next tick is skipped by APScheduler, not dead, so one slow step does not make the process
unhealthy; none ticking at all does). /healthz reports it."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, Protocol


class Service(Protocol):
    def start(self) -> None:
        """Start in the background; raise MonitorError if it cannot."""

    def stop(self) -> None:
        """Stop and wait (boundedly) for it to finish."""


class Heartbeat:
    """Tick stamps on the monotonic clock, one per step name in `intervals` (seconds)."""

    def __init__(
        self, intervals: dict[str, float], clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.intervals = dict(intervals)
        self._clock = clock
        self._started = clock()
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def beat(self, step: str) -> None:
        with self._lock:
            self._last[step] = self._clock()

    def check(self) -> tuple[bool, dict[str, Any]]:
        """(ticking, details): ticking when some step ran within twice its interval — or the
        daemon started less than two intervals ago."""
        now = self._clock()
        with self._lock:
            last = dict(self._last)
        steps: dict[str, Any] = {}
        fresh = False
        for step, interval in sorted(self.intervals.items()):
            age = now - last[step] if step in last else None
            ok = (age if age is not None else now - self._started) <= 2 * interval
            steps[step] = {
                "interval": interval,
                "age": round(age, 3) if age is not None else None,
                "ok": ok,
            }
            fresh = fresh or ok
        return fresh, {"ticking": fresh, "steps": steps}
