"""`monitor run` as a real process: it polls, delivers, and stops cleanly on SIGTERM."""

from __future__ import annotations

import base64
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import write_config
from tests.faultserver import FaultServer, Reply
from tests.feedbuilder import Entry, rss
from tests.test_end_to_end import FR_SLIP
from tests.webhookreceiver import WebhookReceiver

SECRET = "whsec_" + base64.b64encode(b"d" * 32).decode()


def _wait(predicate, timeout: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_run_polls_delivers_and_stops_on_sigterm(tmp_path: Path, sqlite_url: str) -> None:
    entries: list[Entry] = [FR_SLIP]
    with FaultServer() as feeds, WebhookReceiver(SECRET) as hook:
        feeds.route("/f.xml", Reply(200, body=rss(entries, lang="fr")))
        cfg = write_config(tmp_path / "cfg", database_url=sqlite_url,
                           feeds=[{"url": feeds.url("/f.xml")}],
                           channels={"hooks": {"type": "webhook", "url": hook.url,
                                               "secret": SECRET, "timeout": "3s"}})
        env = {**os.environ, "MONITOR_NOW": "2026-11-29T12:00:00+00:00"}
        proc = subprocess.Popen([sys.executable, "-m", "monitor.cli", "--config", str(cfg), "run"],
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            assert _wait(lambda: any(b"commitment.slipped" in r.body for r in hook.requests), 30)
            slip = next(json.loads(r.body) for r in hook.requests
                        if b"commitment.slipped" in r.body)
            assert slip["data"]["commitment"] == "zangezur-opening"
            assert feeds.hits("/f.xml") == 1
            started = time.monotonic()
            proc.send_signal(signal.SIGTERM)
            code = proc.wait(timeout=15)
            elapsed = time.monotonic() - started
        finally:
            if proc.poll() is None:
                proc.kill()
        _, err = proc.communicate()
        assert code == 0, err.decode()
        assert elapsed < 5, elapsed
        assert b"stopped" in err
        # Each alert went out once: the deliver tick did not resend.
        ids = [r.headers["webhook-id"] for r in hook.requests]
        assert len(ids) == len(set(ids))
