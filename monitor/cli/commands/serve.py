"""`monitor serve [--host 127.0.0.1] [--port 8080]`: the web — pages, JSON API, /healthz,
/metrics, calendar, Atom and exports — on the configured database, in the foreground until
SIGTERM/SIGINT. Defaults come from `http:` in monitor.yaml, else loopback port 8080."""

from __future__ import annotations

import argparse
from typing import Any

from monitor.cli.commands import Context


def add(sub: Any) -> None:
    p = sub.add_parser("serve", help="serve the web dashboard, JSON API, health and metrics")
    p.add_argument("--host", default=None, help="address to bind (default http.host or 127.0.0.1)")
    p.add_argument("--port", type=int, default=None, help="port (default http.port or 8080)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from monitor.core.settings import HttpSettings
    from monitor.web.app import create_app
    from monitor.web.server import serve

    http = ctx.config().settings.http or HttpSettings()
    app = create_app(ctx.store(), ctx.config(), ctx.now)
    host = args.host or http.host
    return serve(app, host, http.port if args.port is None else args.port)
