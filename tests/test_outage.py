"""Plan test 39, database outage, with a real `monitor run`:
- PostgreSQL behind a loopback TCP proxy that is cut for 7 s mid-delivery (the server itself is
  never restarted): the daemon keeps running, logs the failing steps, retries on its ticks, and
  once the proxy is back every alert is delivered: 0 lost, repeats only under the same id, and
  no delivery is marked sent that the receiver did not get.
- SQLite on a "full disk": RLIMIT_FSIZE of the running daemon set to 0 (prlimit; root can neither
  chmod a file read-only for itself nor mount here), so every write fails with EFBIG as it would
  with ENOSPC. Nothing is claimed or sent meanwhile, and delivery resumes when the limit is lifted.
"""

from __future__ import annotations

import resource
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url
from sqlmodel import select

from monitor.service.config import load_config
from monitor.store import Store
from monitor.store.tables import DeliveryRow
from tests.alertkit import SECRET, storm
from tests.conftest import write_config
from tests.daemonkit import DaemonProcess, deliveries, same_payload_per_id, wait_for
from tests.tcpproxy import TcpProxy
from tests.webhookreceiver import Sleep, WebhookReceiver

STEP_FAILED = "step failed; retrying on the next tick"


def _config(tmp_path: Path, db: str, hook: WebhookReceiver) -> Path:
    cfg = write_config(
        tmp_path / "cfg",
        database_url=db,
        commitments=[],
        channels={
            "hooks": {
                "type": "webhook",
                "url": hook.url,
                "secret": SECRET,
                "timeout": "3s",
                "retry": ["0s", "2s", "5s"],
            }
        },
    )
    (cfg / "monitor.yaml").write_text((cfg / "monitor.yaml").read_text() + "lease: 5s\n")
    return cfg


def _sent_rows(store: Store) -> set[str]:
    with store.read() as s:
        return {r.alert_id for r in s.exec(select(DeliveryRow)).all() if r.state == "sent"}


@pytest.mark.postgres
def test_postgresql_cut_for_seconds_then_everything_is_delivered(
    tmp_path: Path, pg_schema: str
) -> None:
    with WebhookReceiver(SECRET) as hook:
        cfg = _config(tmp_path, pg_schema, hook)
        config = load_config(cfg)
        store = Store.open(pg_schema)
        ids = storm(store, config, 60, datetime.now(UTC), prefix="before")
        hook.script = [Sleep(0.1)] * 1000
        target = make_url(pg_schema)
        with TcpProxy(target.port or 5432, target.host or "127.0.0.1") as proxy:
            via_proxy = target.set(host="127.0.0.1", port=proxy.port)
            daemon = DaemonProcess(
                cfg, env={"MONITOR_DATABASE_URL": via_proxy.render_as_string(hide_password=False)}
            )
            try:
                assert daemon.started(), daemon.output[-3000:]
                assert wait_for(lambda: len(hook.requests) >= 10, 30), daemon.output[-3000:]
                proxy.cut()
                cut_at = time.monotonic()
                sent_at_cut = len(hook.requests)
                ids += storm(store, config, 40, datetime.now(UTC), prefix="during")
                time.sleep(7)
                alive_during = daemon.alive()
                failures_logged = daemon.output.count(STEP_FAILED)
                proxy.restore()
                restored_at = time.monotonic()
                assert wait_for(lambda: len(deliveries(hook)) >= len(ids), 40), daemon.output[
                    -3000:
                ]
                recovery = time.monotonic() - restored_at
                code, _ = daemon.docker_stop()
            finally:
                daemon.kill()
        sent = _sent_rows(store)
        store.close()

    received = {wid for _, wid in deliveries(hook)}
    lost = set(ids) - received
    repeats = sum(n - 1 for n in deliveries(hook).values())
    print(
        f"PostgreSQL outage: {sent_at_cut} sent before the cut, down "
        f"{restored_at - cut_at:.1f} s, {failures_logged} failed steps logged; all "
        f"{len(ids)} delivered {recovery:.1f} s after restore; lost {len(lost)}, "
        f"repeats {repeats}"
    )
    assert alive_during and code == 0
    assert failures_logged >= 1
    assert lost == set()
    assert same_payload_per_id(hook) and all(r.verified for r in hook.requests)
    assert sent <= received  # nothing marked sent that was not received
    assert sent == set(ids)


def test_sqlite_full_disk_stalls_delivery_then_recovers(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'monitor.db'}"
    with WebhookReceiver(SECRET) as hook:
        cfg = _config(tmp_path, db, hook)
        config = load_config(cfg)
        store = Store.open(db)
        daemon = DaemonProcess(cfg, full_disk_safe=True)
        try:
            assert daemon.started(), daemon.output[-3000:]
            limits = resource.prlimit(daemon.pid, resource.RLIMIT_FSIZE)
            resource.prlimit(daemon.pid, resource.RLIMIT_FSIZE, (0, limits[1]))
            ids = storm(store, config, 40, datetime.now(UTC))
            full = wait_for(lambda: STEP_FAILED in daemon.output, 15)
            time.sleep(1)
            sent_while_full = len(hook.requests)
            alive_while_full = daemon.alive()
            resource.prlimit(daemon.pid, resource.RLIMIT_FSIZE, limits)
            lifted_at = time.monotonic()
            assert wait_for(lambda: len(deliveries(hook)) >= len(ids), 30), daemon.output[-3000:]
            recovery = time.monotonic() - lifted_at
            code, _ = daemon.docker_stop()
        finally:
            daemon.kill()
        sent = _sent_rows(store)
        store.close()

    failed_line = next(line for line in daemon.output.splitlines() if STEP_FAILED in line)
    print(
        f"SQLite full disk: '{failed_line[-90:]}'; {sent_while_full} sent while full; all "
        f"{len(ids)} delivered {recovery:.1f} s after the limit was lifted"
    )
    assert full and alive_while_full and code == 0
    assert sent_while_full == 0  # the claim could not commit, so nothing went out
    assert {wid for _, wid in deliveries(hook)} == set(ids) == sent
    assert max(deliveries(hook).values()) == 1
