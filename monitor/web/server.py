"""Serving the app with uvicorn on a thread (`WebServer`): beside the daemon's scheduler (a
`Service` that `monitor run` starts, and stops on SIGTERM), or alone in the foreground
(`serve`, for `monitor serve`, which stops cleanly with exit 0 on SIGTERM or Ctrl-C — uvicorn's
own handlers would re-raise the signal after its graceful shutdown)."""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import signal
import threading
import time

import uvicorn
from starlette.applications import Starlette

from monitor.errors import MonitorError

log = logging.getLogger(__name__)
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080
STARTUP_TIMEOUT = 15.0
STOP_TIMEOUT = 10.0


def _config(app: Starlette, host: str, port: int) -> uvicorn.Config:
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        lifespan="off",
        log_config=None,  # the CLI has set up logging already
        access_log=False,
        server_header=False,
        proxy_headers=False,
        timeout_graceful_shutdown=5,
    )


def warn_if_exposed(host: str) -> None:
    """Reads are open to whoever reaches the address: say so unless it is loopback."""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        log.warning("serving on %s: anyone who can reach it can read every page", host)


def serve(app: Starlette, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> int:
    """Serve until SIGTERM/SIGINT, then stop cleanly; the exit code (1 if the server died)."""
    server = WebServer(app, host, port)
    stop = threading.Event()
    previous = {
        sig: signal.signal(sig, lambda _signum, _frame: stop.set())
        for sig in (signal.SIGTERM, signal.SIGINT)
    }
    try:
        server.start()
        while not stop.wait(0.5):
            if not server.running:
                log.error("the web server stopped unexpectedly")
                return 1
    finally:
        server.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    log.info("stopped")
    return 0


class WebServer:
    """uvicorn on a background thread; `start` returns once it listens (or raises)."""

    def __init__(self, app: Starlette, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> None:
        self.host = host
        self.wanted = port
        self.server = uvicorn.Server(_config(app, host, port))
        self._thread = threading.Thread(target=self._run, name="web", daemon=True)

    def _run(self) -> None:
        with contextlib.suppress(SystemExit):  # uvicorn exits when it cannot bind; start() says
            self.server.run()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    @property
    def port(self) -> int:
        """The port actually bound (useful with port 0)."""
        return int(self.server.servers[0].sockets[0].getsockname()[1])

    def start(self) -> None:
        warn_if_exposed(self.host)
        self._thread.start()
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not self.server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                where = f"{self.host}:{self.wanted}"
                raise MonitorError(f"the web server could not listen on {where} (in use?)")
            time.sleep(0.02)
        log.info("serving http://%s:%d/", self.host, self.port)

    def stop(self) -> None:
        self.server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(STOP_TIMEOUT)
