"""The `monitor` console script: global options, then one verb from monitor.cli.commands."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from monitor.cli.commands import Context
from monitor.errors import ConfigError, MonitorError

# Each module in monitor.cli.commands adds its own sub-parser; order is the order in --help.
VERBS = (
    "run",
    "serve",
    "poll",
    "check",
    "status",
    "alerts",
    "init",
    "dates",
    "assess",
    "feeds",
    "confirm",
    "ack",
    "snooze",
    "silence",
    "replay",
    "extract",
)


def _parse_now(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="monitor", description=__doc__)
    parser.add_argument(
        "--config",
        type=Path,
        default=Path(os.environ.get("MONITOR_CONFIG", "config")),
        help="configuration directory (default ./config, env MONITOR_CONFIG)",
    )
    parser.add_argument(
        "--now",
        type=_parse_now,
        default=os.environ.get("MONITOR_NOW") or None,
        help="evaluate as of this ISO datetime (replay/backtesting; env MONITOR_NOW)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="verb", required=True, metavar="VERB")
    for verb in VERBS:
        module = importlib.import_module(f"monitor.cli.commands.{verb}")
        module.add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if not args.verbose:
        # APScheduler reports every tick at INFO; our own steps log what matters.
        logging.getLogger("apscheduler").setLevel(logging.WARNING)
    now = args.now if isinstance(args.now, datetime) else None
    if now is None and args.now:
        now = _parse_now(args.now)
    # The one place the real clock is read: core logic receives `now` as a parameter.
    ctx = Context(config_dir=args.config, fixed_now=now)
    try:
        return int(args.func(args, ctx) or 0)
    except ConfigError as exc:
        print(f"monitor: {exc.located()}", file=sys.stderr)
        return 2
    except MonitorError as exc:
        print(f"monitor: {exc}", file=sys.stderr)
        return 1
    finally:
        ctx.close()


if __name__ == "__main__":
    sys.exit(main())
