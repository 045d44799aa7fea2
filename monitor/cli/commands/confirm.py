"""`monitor confirm ID STATUS --note ...`: a human sets a commitment's status (audit-trailed);
it holds until newer evidence arrives."""

from __future__ import annotations

import argparse
from typing import Any

from monitor.cli.commands import Context
from monitor.core.enums import Status
from monitor.errors import MonitorError


def add(sub: Any) -> None:
    p = sub.add_parser("confirm", help="confirm or override a commitment's status")
    p.add_argument("id")
    p.add_argument("status", choices=[str(s) for s in Status])
    p.add_argument("--note", default=None, help="why (kept in the audit trail)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from monitor.store import stamp
    from monitor.store.tables import CommitmentRow, StatusChangeRow

    now = ctx.now()
    with ctx.store().write() as s:
        row = s.get(CommitmentRow, args.id)
        if row is None or row.archived:
            raise MonitorError(f"no active commitment {args.id!r}")
        s.add(
            StatusChangeRow(
                commitment_id=row.id,
                from_status=row.status,
                to_status=args.status,
                reason="confirmed by a human",
                at=stamp(now),
                confirmed_by="human",
                note=args.note,
            )
        )
        note = f" — {args.note}" if args.note else ""
        print(f"{row.id}: {row.status} → {args.status} (human){note}")
        row.status, row.status_since, row.version = args.status, stamp(now), row.version + 1
        s.add(row)
    return 0
