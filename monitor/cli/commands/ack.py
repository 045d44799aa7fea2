"""`monitor ack ID [--note]`: acknowledge an alert (by alert id) or a commitment (stops its
reminders and escalation for the current status)."""

from __future__ import annotations

import argparse
from typing import Any

from monitor.cli.commands import Context
from monitor.errors import MonitorError


def add(sub: Any) -> None:
    p = sub.add_parser("ack", help="acknowledge an alert or a commitment")
    p.add_argument("id", help="an alert id (alrt_...) or a commitment id")
    p.add_argument("--note", default=None)
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from sqlmodel import col, select

    from monitor.store import stamp
    from monitor.store.tables import AlertRow, CommitmentRow

    now = stamp(ctx.now())
    with ctx.store().write() as s:
        alert = s.get(AlertRow, args.id)
        commitment_id = alert.commitment_id if alert else args.id
        row = s.get(CommitmentRow, commitment_id) if commitment_id else None
        if alert is None and row is None:
            raise MonitorError(f"no alert or commitment {args.id!r}")
        alerts = (
            [alert]
            if alert
            else list(
                s.exec(
                    select(AlertRow)
                    .where(AlertRow.commitment_id == commitment_id)
                    .where(col(AlertRow.acked_at).is_(None))
                ).all()
            )
        )
        for a in alerts:
            a.acked_at, a.ack_note = now, args.note
            s.add(a)
        if row is not None:
            row.acked_at = now
            s.add(row)
    print(f"acknowledged {args.id} ({len(alerts)} alert(s))")
    return 0
