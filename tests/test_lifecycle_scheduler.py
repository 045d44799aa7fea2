"""Plan test 37, scheduler misfire and overlap: the Daemon's APScheduler jobs carry an explicit
misfire_grace_time, coalesce=True and max_instances=1, and a poll cycle longer than its tick
(slow feeds, a 1 s tick) never overlaps itself: the ticks that fall while it runs are skipped and
counted, and no feed is fetched twice at once.

Not simulated: a wall-clock jump (suspend). APScheduler 3 reads the real clock in its own thread;
shifting it under a running scheduler with time-machine would also shift the fault server's and
the database's notion of time, and proves nothing about our code beyond the settings asserted
here (coalesce + misfire_grace_time decide what happens after a jump)."""

from __future__ import annotations

import itertools
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from apscheduler.events import EVENT_JOB_MAX_INSTANCES, JobEvent

from monitor.service.daemon import MISFIRE_GRACE, Daemon
from monitor.store import Store
from tests.conftest import write_config
from tests.faultserver import FaultServer, Reply, Seen
from tests.feedbuilder import rss

FEEDS, FETCH_SECONDS, TICK, RUN_FOR = 4, 2.5, 1.0, 9.0


class _Concurrency:
    """Counts requests in progress per path, remembering the peak."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.now: dict[str, int] = {}
        self.peak: dict[str, int] = {}

    def slow_reply(self, seen: Seen) -> Reply:
        with self.lock:
            self.now[seen.path] = self.now.get(seen.path, 0) + 1
            self.peak[seen.path] = max(self.peak.get(seen.path, 0), self.now[seen.path])
        time.sleep(FETCH_SECONDS)
        with self.lock:
            self.now[seen.path] -= 1
        return Reply(200, body=rss([]))


def test_jobs_are_explicit_and_a_long_poll_cycle_never_overlaps(tmp_path: Path) -> None:
    fetching = _Concurrency()
    with FaultServer() as feeds:
        for i in range(FEEDS):
            feeds.route(f"/f{i}.xml", fetching.slow_reply)
        db = f"sqlite:///{tmp_path / 'monitor.db'}"
        # Feeds fall due again every second: every tick has work, and each cycle takes 2.5 s.
        cfg = write_config(
            tmp_path / "cfg",
            database_url=db,
            commitments=[],
            feeds=[{"url": feeds.url(f"/f{i}.xml")} for i in range(FEEDS)],
            polling={
                "min_interval": "1s",
                "interval": "1s",
                "jitter": 0,
                "per_host": FEEDS,
                "timeout": "4s",
                "deadline": "5s",
            },
        )
        store = Store.open(db)
        daemon = Daemon(
            cfg,
            store,
            lambda: datetime.now(UTC),
            ticks={"poll": TICK, "evaluate": 60.0, "deliver": 60.0},
        )
        runs: list[tuple[float, float]] = []
        real_poll = daemon.poll

        def timed_poll() -> None:  # the job the scheduler runs, timed from the outside
            started = time.monotonic()
            real_poll()
            runs.append((started, time.monotonic()))

        daemon.poll = timed_poll  # type: ignore[method-assign]
        skipped: list[JobEvent] = []
        daemon.scheduler.add_listener(skipped.append, EVENT_JOB_MAX_INSTANCES)
        jobs: dict[str, tuple[object, bool, int]] = {}

        def inspect_then_stop() -> None:
            deadline = time.monotonic() + 10
            while not daemon.scheduler.get_jobs() and time.monotonic() < deadline:
                time.sleep(0.05)
            jobs.update(
                {
                    j.id: (j.misfire_grace_time, j.coalesce, j.max_instances)
                    for j in daemon.scheduler.get_jobs()
                }
            )
            time.sleep(RUN_FOR)
            daemon.stopping.set()

        threading.Thread(target=inspect_then_stop, daemon=True).start()
        assert daemon.run() == 0
        store.close()

    overlaps = sum(1 for (_, end), (start, _) in itertools.pairwise(runs) if start < end)
    ticks = RUN_FOR / TICK
    print(
        f"scheduler: {len(runs)} poll cycles ({sum(e - s > 1 for s, e in runs)} of "
        f"~{FETCH_SECONDS} s) in {RUN_FOR} s at a {TICK} s tick; {len(skipped)} ticks "
        f"skipped (max_instances), {overlaps} overlaps; "
        f"peak concurrent fetches per feed {max(fetching.peak.values())}"
    )
    assert jobs == {name: (MISFIRE_GRACE, True, 1) for name in ("poll", "evaluate", "deliver")}
    assert MISFIRE_GRACE == 300
    assert overlaps == 0
    assert set(fetching.peak.values()) == {1} and len(fetching.peak) == FEEDS
    # Long cycles ran back to back (a short one finds nothing due in between), and the ticks
    # that fell inside one were skipped, not queued: at least one per long cycle.
    long = [end - start for start, end in runs if end - start >= 0.9 * FETCH_SECONDS]
    assert 2 <= len(long) <= RUN_FOR / FETCH_SECONDS + 1
    assert len(runs) <= ticks + 1
    assert len(skipped) >= len(long)
