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
        cfg = write_config(
            tmp_path / "cfg",
            database_url=sqlite_url,
            feeds=[{"url": feeds.url("/f.xml")}],
            channels={
                "hooks": {"type": "webhook", "url": hook.url, "secret": SECRET, "timeout": "3s"}
            },
        )
        env = {**os.environ, "MONITOR_NOW": "2026-11-29T12:00:00+00:00"}
        proc = subprocess.Popen(
            [sys.executable, "-m", "monitor", "--config", str(cfg), "run"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            assert _wait(lambda: any(b"commitment.slipped" in r.body for r in hook.requests), 30)
            slip = next(
                json.loads(r.body) for r in hook.requests if b"commitment.slipped" in r.body
            )
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


def test_two_daemons_share_the_work_without_doubles(tmp_path: Path, db_url: str) -> None:
    """Plan test 38: two `monitor run` processes on one database poll each feed once per
    interval and send each alert once."""
    feeds_n = 12
    entries = [
        Entry(
            f"Report {i}: Zangezur corridor opening delayed to 2030",
            f"Source {i} says the opening of the Zangezur corridor was postponed to 2030.",
            f"http://news.test/{i}",
            FR_SLIP.published,
        )
        for i in range(feeds_n)
    ]
    with FaultServer() as feeds, WebhookReceiver(SECRET) as hook:
        for i, entry in enumerate(entries):
            feeds.route(f"/f{i}.xml", Reply(200, body=rss([entry]), delay=0.2))
        cfg = write_config(
            tmp_path / "cfg",
            database_url=db_url,
            feeds=[{"url": feeds.url(f"/f{i}.xml")} for i in range(feeds_n)],
            channels={
                "hooks": {"type": "webhook", "url": hook.url, "secret": SECRET, "timeout": "3s"}
            },
        )
        env = {**os.environ, "MONITOR_NOW": "2026-11-29T12:00:00+00:00"}
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "monitor", "--config", str(cfg), "run"],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for _ in range(2)
        ]
        try:
            assert _wait(
                lambda: sum(feeds.hits(f"/f{i}.xml") for i in range(feeds_n)) >= feeds_n, 30
            )
            # Twelve reports of one slip → one slip alert, whichever daemon found them.
            assert _wait(lambda: any(b"commitment.slipped" in r.body for r in hook.requests), 30)
            time.sleep(6)  # a further deliver tick on both: nothing may be sent again
        finally:
            for proc in procs:
                proc.send_signal(signal.SIGTERM)
            outputs = [proc.communicate(timeout=20) for proc in procs]
        codes = [proc.returncode for proc in procs]
        errors = [err.decode() for _, err in outputs]
        assert codes == [0, 0], "\n".join(e[-3000:] for e in errors)
        assert [feeds.hits(f"/f{i}.xml") for i in range(feeds_n)] == [1] * feeds_n
        ids = [r.headers["webhook-id"] for r in hook.requests]
        assert len(ids) == len(set(ids)), "an alert was sent twice"
        slips = [json.loads(r.body) for r in hook.requests if b"commitment.slipped" in r.body]
        assert [s["data"]["forecast"]["start"] for s in slips] == ["2030-01-01"]
        assert all(r.verified for r in hook.requests)
