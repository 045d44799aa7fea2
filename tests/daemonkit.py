"""`monitor run` as a real child process for the lifecycle tests: output drained on threads (a
full pipe would stall the daemon), "docker stop" semantics, and what the webhook receiver got."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import IO

from tests.conftest import ROOT
from tests.webhookreceiver import WebhookReceiver

# The daemon with SIGXFSZ ignored: a write past RLIMIT_FSIZE then fails with EFBIG, as a write
# to a full disk fails with ENOSPC, instead of killing the process.
_IGNORE_XFSZ = (
    "import signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
    "from monitor.cli.main import main; sys.exit(main(sys.argv[1:]))"
)


def wait_for(predicate: Callable[[], bool], timeout: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


class DaemonProcess:
    """A running `monitor --config CFG [-v] run`; `output` is stdout + stderr so far."""

    def __init__(
        self,
        config_dir: Path,
        *,
        env: dict[str, str] | None = None,
        verbose: bool = False,
        full_disk_safe: bool = False,
    ) -> None:
        args = ["--config", str(config_dir), *(["-v"] if verbose else []), "run"]
        head = (
            [sys.executable, "-c", _IGNORE_XFSZ]
            if full_disk_safe
            else [sys.executable, "-m", "monitor"]
        )
        environ = {k: v for k, v in os.environ.items() if k != "MONITOR_NOW"}
        self.proc = subprocess.Popen(
            [*head, *args],
            cwd=ROOT,
            env={**environ, **(env or {})},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self._chunks: list[str] = []
        self._lock = threading.Lock()
        assert self.proc.stdout is not None and self.proc.stderr is not None
        self._readers = [
            threading.Thread(target=self._drain, args=(pipe,), daemon=True)
            for pipe in (self.proc.stdout, self.proc.stderr)
        ]
        for reader in self._readers:
            reader.start()

    def _drain(self, pipe: IO[bytes]) -> None:
        for line in iter(pipe.readline, b""):
            with self._lock:
                self._chunks.append(line.decode("utf-8", "replace"))

    @property
    def output(self) -> str:
        with self._lock:
            return "".join(self._chunks)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc.poll() is None

    def started(self, timeout: float = 30) -> bool:
        return (
            wait_for(lambda: "monitor running" in self.output or not self.alive(), timeout)
            and self.alive()
        )

    def docker_stop(self, grace: float = 10.0) -> tuple[int, float]:
        """SIGTERM, then SIGKILL if still running after `grace` s: (exit code, seconds taken)."""
        started = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait()
        elapsed = time.monotonic() - started
        self.join()
        return code, elapsed

    def kill(self) -> None:
        if self.alive():
            self.proc.kill()
        self.proc.wait()
        self.join()

    def join(self) -> None:
        for reader in self._readers:
            reader.join(5)
        for pipe in (self.proc.stdout, self.proc.stderr):
            if pipe is not None:
                pipe.close()


def deliveries(hook: WebhookReceiver) -> Counter[tuple[str, str]]:
    """How often each (path, webhook-id) arrived: one path per channel, one id per alert."""
    return Counter((r.path, r.headers["webhook-id"]) for r in hook.requests)


def same_payload_per_id(hook: WebhookReceiver) -> bool:
    """Every repeat of a (path, webhook-id) carried the same alert data."""
    seen: dict[tuple[str, str], object] = {}
    for r in hook.requests:
        data = json.loads(r.body)["data"]
        if seen.setdefault((r.path, r.headers["webhook-id"]), data) != data:
            return False
    return True
