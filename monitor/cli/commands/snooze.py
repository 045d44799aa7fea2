"""`monitor snooze ID --until ISO`: no reminders or due-soon notices for a commitment until then."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import Any

from monitor.cli.commands import Context


def _moment(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def add(sub: Any) -> None:
    p = sub.add_parser("snooze", help="pause a commitment's reminders until a date")
    p.add_argument("id", help="a commitment id")
    p.add_argument("--until", type=_moment, required=True, help="ISO date or datetime")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from monitor.service.actions import snooze

    snooze(ctx.store(), args.id, args.until)
    print(f"{args.id}: snoozed until {args.until.isoformat()}")
    return 0
