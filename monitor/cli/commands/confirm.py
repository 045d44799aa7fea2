"""`monitor confirm ID STATUS --note ...`: a human sets a commitment's status (audit-trailed);
it holds until newer evidence arrives."""

from __future__ import annotations

import argparse
from typing import Any

from monitor.cli.commands import Context
from monitor.core.enums import Status


def add(sub: Any) -> None:
    p = sub.add_parser("confirm", help="confirm or override a commitment's status")
    p.add_argument("id")
    p.add_argument("status", choices=[str(s) for s in Status])
    p.add_argument("--note", default=None, help="why (kept in the audit trail)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from monitor.service.actions import confirm

    done = confirm(ctx.store(), args.id, args.status, args.note, ctx.now())
    note = f" — {args.note}" if args.note else ""
    print(f"{done.commitment}: {done.previous} → {done.status} (human){note}")
    return 0
