"""`monitor silence [--commitment ID] [--kind KIND] --until ISO`: alerts that match are still
recorded but not sent until the silence expires. `silence --list` shows the active ones."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from monitor.cli.commands import Context
from monitor.cli.commands.snooze import _moment
from monitor.errors import ConfigError


def add(sub: Any) -> None:
    p = sub.add_parser("silence", help="hold back matching alerts until a date")
    p.add_argument("--commitment", default=None)
    p.add_argument("--kind", default=None, help="e.g. commitment.at_risk or feed")
    p.add_argument("--until", type=_moment, help="ISO date or datetime")
    p.add_argument("--note", default=None)
    p.add_argument("--list", action="store_true", help="show active silences")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    now = ctx.now()
    if args.list:
        _list(ctx, now)
        return 0
    if args.until is None or (args.commitment is None and args.kind is None):
        raise ConfigError("silence needs --until and at least one of --commitment, --kind")
    _add(args, ctx, now)
    print(
        f"silenced commitment={args.commitment or '*'} kind={args.kind or '*'} "
        f"until {args.until.isoformat()}"
    )
    return 0


def _list(ctx: Context, now: datetime) -> None:
    """The silences still in force."""
    from sqlmodel import col, select

    from monitor.store import stamp
    from monitor.store.tables import SilenceRow

    with ctx.store().read() as s:
        for r in s.exec(select(SilenceRow).where(col(SilenceRow.until) > stamp(now))):
            print(
                f"{r.id}: commitment={r.commitment_id or '*'} kind={r.kind or '*'} "
                f"until {r.until.isoformat()}Z {r.note or ''}"
            )


def _add(args: argparse.Namespace, ctx: Context, now: datetime) -> None:
    from monitor.store import stamp
    from monitor.store.tables import SilenceRow

    with ctx.store().write() as s:
        s.add(
            SilenceRow(
                commitment_id=args.commitment,
                kind=args.kind,
                until=stamp(args.until),
                note=args.note,
                created_at=stamp(now),
            )
        )
