"""`monitor poll [--all]`: one cycle — fetch, parse, store, match, evaluate, deliver — then exit."""

from __future__ import annotations

import argparse
from typing import Any

from monitor.cli.commands import Context


def add(sub: Any) -> None:
    p = sub.add_parser("poll", help="run one polling cycle and exit")
    p.add_argument(
        "--all",
        action="store_true",
        help="poll every feed now, not only the due ones (Retry-After still honoured)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from monitor.service.cycle import Monitor

    monitor = Monitor(ctx.store(), ctx.config())
    try:
        report = monitor.run_once(ctx.now, all_feeds=args.all)
    finally:
        monitor.close()
    p, d = report.poll, report.deliver
    print(
        f"feeds polled: {p.feeds} (ok {p.fetched}, not modified {p.not_modified}, "
        f"failed {p.failed}, held by Retry-After {p.held}); new items: {p.items_new}; "
        f"edited: {p.items_edited}; evidence: {p.evidence_new}"
    )
    print(
        f"status changes: {report.changes}; reminders: {report.reminders}; "
        f"deliveries: {d.sent} sent, {d.retrying} to retry, {d.dead} dead"
    )
    for line in p.errors + d.errors:
        print(f"  ! {line}")
    # Feed and delivery failures are recorded and shown, not exit codes.
    return 0
