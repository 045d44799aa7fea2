"""`monitor run`: the daemon, in the foreground, until SIGTERM/SIGINT; with `http:` in
monitor.yaml it serves the web too (on a thread, stopped on SIGTERM)."""

from __future__ import annotations

import argparse
from typing import Any

from monitor.cli.commands import Context


def add(sub: Any) -> None:
    p = sub.add_parser("run", help="run the daemon in the foreground (SIGTERM/SIGINT to stop)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from monitor.service.daemon import Daemon

    daemon = Daemon(ctx.config_dir, ctx.store(), ctx.now)
    http = ctx.config().settings.http
    if http is None:
        return daemon.run()
    from monitor.web.app import create_app
    from monitor.web.server import WebServer

    app = create_app(ctx.store(), ctx.config(), ctx.now, liveness=daemon.heartbeat.check)
    return daemon.run(services=[WebServer(app, http.host, http.port)])
