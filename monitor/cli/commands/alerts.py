"""`monitor alerts [--json]`: alerts with their deliveries; `alerts test CHANNEL` sends a test
message and prints the outcome; `alerts enable CHANNEL` re-enables an endpoint disabled by 410."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from typing import Any

from monitor.cli.commands import Context
from monitor.errors import ConfigError, DeliveryError
from monitor.service import views


def add(sub: Any) -> None:
    p = sub.add_parser("alerts", help="list alerts and deliveries; test or re-enable a channel")
    p.add_argument("action", nargs="?", choices=["list", "test", "enable"], default="list")
    p.add_argument("channel", nargs="?", help="channel name (for test / enable)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--limit", type=int, default=100)
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    if args.action == "test":
        return _test(args, ctx)
    if args.action == "enable":
        return _enable(args, ctx)
    with ctx.store().read() as s:
        rows = views.alerts(s, args.limit)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("no alerts")
    for a in rows:
        _print_alert(a)
    return 0


def _print_alert(a: dict[str, Any]) -> None:
    """One alert, as the `monitor alerts` listing shows it, with each of its deliveries."""
    ack = " (acked)" if a["acked_at"] else ""
    print(f"{a['created_at'][:19]}  {a['id']}  {a['kind']:<20} {a['title']}{ack}")
    reason = a["data"].get("reason")
    if reason:
        print(f"    {reason}")
    if not a["deliveries"]:
        print("    queued: no channel configured")
    for d in a["deliveries"]:
        extra = f", next attempt {d['next_attempt_at'][:19]}" if d["next_attempt_at"] else ""
        error = f" — {d['last_error']}" if d["last_error"] else ""
        print(f"    → {d['channel']}: {d['state']} after {d['attempts']} attempt(s){extra}{error}")


def _channel_name(args: argparse.Namespace, ctx: Context) -> str:
    if not args.channel or args.channel not in ctx.config().channels:
        known = ", ".join(sorted(ctx.config().channels)) or "none configured"
        raise ConfigError(f"unknown channel {args.channel!r} (channels: {known})")
    return str(args.channel)


def _test(args: argparse.Namespace, ctx: Context) -> int:
    from monitor.alerts.channels import build_channel
    from monitor.alerts.message import Message
    from monitor.core.enums import AlertKind
    from monitor.net.netguard import guard_from

    name = _channel_name(args, ctx)
    # A test message is a real send: it carries the real time, or receivers reject it as stale.
    now = datetime.now(UTC)
    message = Message(
        f"alrt_test_{int(now.timestamp())}",
        AlertKind.TEST,
        now,
        {
            "commitment": None,
            "title": "Test message from the commitment monitor",
            "status": "test",
            "previous_status": None,
            "deadline": None,
            "forecast": None,
            "evidence": None,
            "reason": f"`monitor alerts test {name}`",
        },
    )
    try:
        config = ctx.config()
        channel = build_channel(config.channels[name].config, guard_from(config.settings.poll))
        receipt = channel.send(message, now)
    except DeliveryError as exc:
        print(f"{name}: FAILED ({exc.__class__.__name__}): {exc}")
        return 1
    print(f"{name}: delivered — {receipt.detail}")
    return 0


def _enable(args: argparse.Namespace, ctx: Context) -> int:
    from monitor.store.tables import ChannelStateRow

    name = _channel_name(args, ctx)
    with ctx.store().write() as s:
        row = s.get(ChannelStateRow, name)
        if row is not None and row.disabled_at is not None:
            row.disabled_at, row.reason = None, None
            s.add(row)
            print(f"{name}: re-enabled")
        else:
            print(f"{name}: was not disabled")
    return 0
