"""`monitor init`: create the database schema and sync definitions (optional, idempotent)."""

from __future__ import annotations

import argparse
from typing import Any

from monitor.cli.commands import Context


def add(sub: Any) -> None:
    p = sub.add_parser("init", help="create the database and load definitions (idempotent)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    store = ctx.store()
    print(
        f"database ready ({store.dialect}); {len(ctx.config().commitments)} commitments, "
        f"{len(ctx.config().feeds)} feeds synced"
    )
    return 0
