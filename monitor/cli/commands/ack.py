"""`monitor ack ID [--note]`: acknowledge an alert (by alert id) or a commitment (stops its
reminders and escalation for the current status)."""

from __future__ import annotations

import argparse
from typing import Any

from monitor.cli.commands import Context


def add(sub: Any) -> None:
    p = sub.add_parser("ack", help="acknowledge an alert or a commitment")
    p.add_argument("id", help="an alert id (alrt_...) or a commitment id")
    p.add_argument("--note", default=None)
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from monitor.service.actions import ack

    count = ack(ctx.store(), args.id, args.note, ctx.now())
    print(f"acknowledged {args.id} ({count} alert(s))")
    return 0
