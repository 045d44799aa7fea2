"""Plan test 26, dispatchers racing on PostgreSQL: three processes (tests/race_helper.py) share
2,000 outbox rows with a 2 s lease while one of them at a time is frozen with SIGSTOP for longer
than the lease. Each row is sent by one holder at a time: a second send of a row starts only after
the first holder's lease expired, always under the same webhook-id; every row is delivered."""

from __future__ import annotations

import itertools
import json
import random
import signal
import subprocess
import sys
import time
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from monitor.service.config import load_config
from monitor.store import Store
from tests.alertkit import SECRET, storm
from tests.conftest import ROOT, write_config
from tests.webhookreceiver import Sleep, WebhookReceiver

HELPER = ROOT / "tests" / "race_helper.py"
ROWS, PROCESSES, LEASE = 2000, 3, 2.0
PAUSE = LEASE + 1.0  # each SIGSTOP outlasts the lease of everything the process holds


def _pause_one_at_a_time(procs: list[subprocess.Popen[bytes]], rand: random.Random) -> int:
    """Freeze a random live helper past its leases, again and again, until all have exited."""
    pauses = 0
    while any(p.poll() is None for p in procs):
        time.sleep(rand.uniform(0.3, 1.0))
        live = [p for p in procs if p.poll() is None]
        if len(live) < 2:
            continue  # a lone survivor must be left to finish
        victim = rand.choice(live)
        victim.send_signal(signal.SIGSTOP)
        time.sleep(PAUSE)
        victim.send_signal(signal.SIGCONT)
        pauses += 1
    return pauses


@pytest.mark.postgres
def test_racing_dispatchers_send_each_row_under_one_lease_at_a_time(
    tmp_path: Path, pg_schema: str
) -> None:
    with WebhookReceiver(SECRET) as hook:
        hook.script = [Sleep(0.002)] * (2 * ROWS)  # a send takes a few ms
        cfg = write_config(
            tmp_path / "cfg",
            database_url=pg_schema,
            commitments=[],
            channels={
                "hooks": {
                    "type": "webhook",
                    "url": hook.url,
                    "secret": SECRET,
                    "timeout": "1s",
                    "retry": ["0s", "1s", "2s"],
                }
            },
        )
        (cfg / "monitor.yaml").write_text(
            (cfg / "monitor.yaml").read_text() + f"lease: {LEASE:g}s\n"
        )
        store = Store.open(pg_schema)
        ids = storm(store, load_config(cfg), ROWS, datetime.now(UTC))
        store.close()
        log = tmp_path / "sends.jsonl"
        started = time.monotonic()
        procs = [
            subprocess.Popen(
                [sys.executable, str(HELPER), str(cfg), str(log)],
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            for _ in range(PROCESSES)
        ]
        try:
            pauses = _pause_one_at_a_time(procs, random.Random(26))
            errors = [p.communicate(timeout=30)[1].decode() for p in procs]
        finally:
            for p in procs:
                if p.poll() is None:
                    p.send_signal(signal.SIGCONT)
                    p.kill()
                    p.wait()
        elapsed = time.monotonic() - started
        received = Counter(r.headers["webhook-id"] for r in hook.requests)

    assert [p.returncode for p in procs] == [0] * PROCESSES, "\n".join(errors)[-3000:]
    sends: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in log.read_text().splitlines():
        record = json.loads(line)
        sends[record["alert"]].append(record)
    doubles = {a: sorted(s, key=lambda r: r["start"]) for a, s in sends.items() if len(s) > 1}
    # Two holders at once: a send begun while an earlier one was still in flight on an
    # unexpired lease. (After a failed attempt the holder releases early, so a retry may start
    # inside the old lease's term.)
    inside_lease = [
        a
        for a, s in doubles.items()
        if any(
            later["start"] < min(earlier["lease_until"], earlier["end"])
            for earlier, later in itertools.pairwise(s)
        )
    ]
    retried = [a for a, s in doubles.items() if any(r["error"] for r in s[:-1])]
    same_owner = [a for a, s in doubles.items() if len({r["owner"] for r in s}) < len(s)]
    # A send begun by a holder whose own lease had already run out (it was frozen mid-round).
    stale = [r for s in sends.values() for r in s if r["start"] >= r["lease_until"]]
    print(
        f"race: {ROWS} rows, {PROCESSES} dispatchers, {pauses} SIGSTOP pauses of {PAUSE:g} s "
        f"(lease {LEASE:g} s), {elapsed:.1f} s; double sends {len(doubles)} "
        f"(per 10k: {len(doubles) * 10_000 / ROWS:.0f}): {len(retried)} retries after a failed "
        f"attempt, {len(doubles) - len(retried)} after the first holder froze mid-send past "
        f"its lease; none inside a live lease: {not inside_lease}; by the same owner "
        f"{len(same_owner)}; sends begun on an expired lease {len(stale)}"
    )
    assert set(received) == set(ids)  # none lost
    assert sum(received.values()) == sum(len(s) for s in sends.values())  # the log is complete
    assert pauses >= 2
    assert inside_lease == []
    assert same_owner == []
    assert all(received[a] == len(s) for a, s in doubles.items())  # repeats share the id
