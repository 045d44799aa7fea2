"""`monitor run`: the daemon, in the foreground, until SIGTERM/SIGINT."""

from __future__ import annotations

import argparse
from typing import Any

from monitor.cli.commands import Context


def add(sub: Any) -> None:
    p = sub.add_parser("run", help="run the daemon in the foreground (SIGTERM/SIGINT to stop)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from monitor.service.daemon import Daemon

    return Daemon(ctx.config_dir, ctx.store(), ctx.now).run()
