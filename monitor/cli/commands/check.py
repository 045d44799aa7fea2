"""`monitor check`: validate the configuration; exit 2 with `file:line: message` on error."""

from __future__ import annotations

import argparse
from typing import Any

from monitor.cli.commands import Context


def add(sub: Any) -> None:
    p = sub.add_parser("check", help="validate the configuration files")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = ctx.config()  # raises ConfigError → exit 2 in cli.main
    print(
        f"{ctx.config_dir}: ok — {len(config.commitments)} commitments, "
        f"{len(config.feeds)} feeds, {len(config.channels)} channels, "
        f"{len(config.routes)} routes"
    )
    for c in config.commitments:
        d = c.deadline
        window = f"[{d.start}, {d.end}) {d.grain}{' vague' if d.vague else ''}" if d else "—"
        print(f"  {c.id}: {c.deadline_text or 'no deadline'} → {window}")
    return 0
