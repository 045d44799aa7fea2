"""One dispatcher process for the race test: python tests/race_helper.py CONFIG LOG.

It runs the real Dispatcher round after round until no delivery is left pending, and appends one
JSON line per webhook send to LOG: owner, alert id, the lease it held (wall-clock seconds), and
when the send started and ended. The recording wraps the channel and the claim here only; the
production code has no test hooks."""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlmodel import func, select

from monitor.alerts.deliver import Dispatcher
from monitor.service.config import load_config
from monitor.store import Store
from monitor.store.tables import DeliveryRow


def main(config_dir: str, log_path: str) -> None:
    config = load_config(Path(config_dir))
    store = Store.open(config.settings.database_url)
    owner = f"race-{os.getpid()}"
    dispatcher = Dispatcher(store, config, owner)
    lease = config.settings.lease.total_seconds()
    leases: dict[str, float] = {}  # alert id -> wall-clock end of the lease this process holds
    real_claim = dispatcher.claim
    channel = dispatcher.channels["hooks"]
    real_send = channel.send

    def claim(now: datetime, limit: int = 200) -> Any:
        attempts = real_claim(now, limit)
        for attempt in attempts:
            leases[attempt.message.alert_id] = now.timestamp() + lease
        return attempts

    with open(log_path, "a", buffering=1, encoding="utf-8") as log:

        def send(message: Any, now: datetime) -> Any:
            started, error = time.time(), None
            try:
                return real_send(message, now)
            except Exception as exc:
                error = str(exc)
                raise
            finally:
                log.write(
                    json.dumps(
                        {
                            "owner": owner,
                            "alert": message.alert_id,
                            "lease_until": leases.get(message.alert_id),
                            "start": started,
                            "end": time.time(),
                            "error": error,
                        }
                    )
                    + "\n"
                )

        dispatcher.claim = claim  # type: ignore[method-assign]
        channel.send = send  # type: ignore[method-assign]
        while True:
            report = dispatcher.deliver(lambda: datetime.now(UTC), limit=50)
            if report.claimed:
                continue
            with store.read() as s:
                left = s.exec(
                    select(func.count())
                    .select_from(DeliveryRow)
                    .where(DeliveryRow.state == "pending")
                ).one()
            if not left:
                break
            time.sleep(0.1)  # the rest is leased by another process: wait for it or its lease
    store.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
