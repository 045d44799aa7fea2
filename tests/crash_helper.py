"""A monitor process for the crash-window tests: python tests/crash_helper.py CONFIG WINDOW N.

It replays a fixed timeline (evaluate, then deliver, every 10 hours of simulated time, then a
last delivery round once every lease has expired) with the real tracker, outbox and dispatcher,
and kills itself with SIGKILL at WINDOW after N events:
  status  after the N-th evaluation transaction has committed (before delivery)
  outbox  after the N-th alert insert, inside the still-open transaction
  send    after the N-th webhook send returned, before the delivery is marked sent
  none    never: run to the end (the restart)
The wrapping lives here only; the production code has no test hooks."""

from __future__ import annotations

import os
import signal
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import monitor.track.tracker
from monitor.service.config import load_config
from monitor.service.cycle import Monitor
from monitor.store import Store

START = datetime(2027, 1, 1, 0, 1, tzinfo=UTC)
CYCLES = 2
STEP = timedelta(hours=10)


def main(config_dir: str, window: str, limit: int) -> None:
    config = load_config(Path(config_dir))
    store = Store.open(config.settings.database_url)
    mon = Monitor(store, config, owner=f"crash-{os.getpid()}")
    mon.sync(START)
    count = 0

    def event() -> None:
        nonlocal count
        count += 1
        if count == limit:
            os.kill(os.getpid(), signal.SIGKILL)

    if window == "outbox":
        real_enqueue = monitor.track.tracker.enqueue

        def enqueue(*args: Any, **kwargs: Any) -> str | None:
            aid = real_enqueue(*args, **kwargs)
            event()
            return aid

        monitor.track.tracker.enqueue = enqueue
    if window == "send":
        channel = mon.dispatcher.channels["hooks"]
        real_send = channel.send

        def send(message: Any, now: datetime) -> Any:
            receipt = real_send(message, now)
            event()
            return receipt

        channel.send = send  # type: ignore[method-assign]

    mon.poller.poll(lambda: START, all_feeds=True)
    for k in range(CYCLES):
        at = START + k * STEP
        mon.evaluate(at)
        if window == "status":
            event()
        mon.dispatcher.deliver(lambda at=at: at, limit=1000)  # type: ignore[misc]
    final = START + CYCLES * STEP + timedelta(hours=1)
    while mon.dispatcher.deliver(lambda: final, limit=1000).claimed:
        pass
    mon.close()
    store.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
