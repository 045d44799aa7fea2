"""`monitor replay [--since DATE] [--apply]`: re-judge stored items with the current matching and
signal rules; shows what would change, and writes it only with --apply (statuses re-evaluated)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from monitor.cli.commands import Context

if TYPE_CHECKING:
    from sqlmodel import Session

    from monitor.core.settings import Config
    from monitor.store import Store
    from monitor.store.tables import ItemRow
    from monitor.understand.judge import Judge


def add(sub: Any) -> None:
    p = sub.add_parser("replay", help="re-run matching and signals over stored items")
    p.add_argument(
        "--since",
        type=lambda v: datetime.fromisoformat(v).replace(tzinfo=UTC),
        default=None,
        help="only items published since this ISO date",
    )
    p.add_argument("--apply", action="store_true", help="write the changes (default: preview)")
    p.add_argument(
        "--progress",
        action="store_true",
        help="draw the progress bar even when stderr is not a terminal",
    )
    p.set_defaults(func=run)


PROGRESS_EVERY = 200  # items between two redraws of the progress bar


def progress_bar(done: int, total: int, width: int = 30) -> str:
    """`[#####     ] done/total`, redrawn in place with a carriage return."""
    filled = width * done // max(total, 1)
    return f"\r[{'#' * filled:<{width}}] {done}/{total}"


def run(args: argparse.Namespace, ctx: Context) -> int:
    from monitor.understand.judge import Judge

    config, store, now = ctx.config(), ctx.store(), ctx.now()
    judge = Judge(config.commitments)
    added = changed = dropped = 0
    show = args.progress or sys.stderr.isatty()
    with store.write() as s:
        items = _stored_items(s, args.since)
        for n, item in enumerate(items, 1):
            if show and (n % PROGRESS_EVERY == 0 or n == len(items)):
                print(progress_bar(n, len(items)), end="", file=sys.stderr, flush=True)
            a, c, d = _replay_item(s, judge, config, item, now, apply=args.apply)
            added, changed, dropped = added + a, changed + c, dropped + d
        if not args.apply:
            s.rollback()
    if show:
        print(file=sys.stderr)
    print(
        f"{len(items)} items: {added} new, {changed} changed, {dropped} no longer matched"
        + ("" if args.apply else " — preview only; run with --apply to write")
    )
    if args.apply:
        _reevaluate(store, config, now)
    return 0


def _stored_items(s: Session, since: datetime | None) -> Sequence[ItemRow]:
    """The stored items, oldest first; only those published since `since` when given."""
    from sqlmodel import col, select

    from monitor.store import stamp
    from monitor.store.tables import ItemRow

    q = select(ItemRow).order_by(col(ItemRow.id))
    if since:
        q = q.where(col(ItemRow.published) >= stamp(since))
    return s.exec(q).all()


def _replay_item(
    s: Session, judge: Judge, config: Config, item: ItemRow, now: datetime, *, apply: bool
) -> tuple[int, int, int]:
    """Judge one stored item again and print how its evidence differs from the stored one:
    "+" new, "~" changed, "-" no longer matched (kept: the status history refers to it).
    With `apply`, new and changed evidence is written. Returns the three counts."""
    from sqlmodel import select

    from monitor.feeds.evidence import evidence_for, material, refresh
    from monitor.store.tables import EvidenceRow

    added = changed = 0
    old = {
        e.commitment_id: e
        for e in s.exec(select(EvidenceRow).where(EvidenceRow.item_id == item.id)).all()
    }
    for new in evidence_for(judge, config, item, alerting=not item.history, now=now):
        before = old.pop(new.commitment_id, None)
        if before is None:
            added += 1
            print(
                f"+ item {item.id} → {new.commitment_id}: {new.signal} "
                f"{new.forecast_text or ''} «{new.quote[:80]}»"
            )
            if apply:
                s.add(new)
        elif material(before) != material(new):
            changed += 1
            print(
                f"~ item {item.id} → {new.commitment_id}: {before.signal}/"
                f"{before.verdict} → {new.signal}/{new.verdict}"
            )
            if apply:
                refresh(before, new)
                s.add(before)
    for gone in old.values():
        print(
            f"- item {item.id} → {gone.commitment_id}: no longer matched (kept, "
            "as the status history refers to it)"
        )
    return added, changed, len(old)


def _reevaluate(store: Store, config: Config, now: datetime) -> None:
    """Re-evaluate every status after the evidence was rewritten, and say how many changed."""
    from monitor.service.cycle import Monitor

    monitor = Monitor(store, config)
    changes, _ = monitor.evaluate(now)
    monitor.close()
    print(f"status changes: {changes}")
