"""`monitor dates TEXT [--ref D] [--lang L] --json` and `monitor dates --jsonl`: the date engine.

Needs no configuration or database. Without --json, prints one readable line per expression.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any, TextIO

from monitor.cli.commands import Context
from monitor.errors import MonitorError
from monitor.understand.dates import DateExpr, find_dates


def add(sub: Any) -> None:
    p = sub.add_parser("dates", help="find date expressions in a text (EN/FR/RU/DE/TR)")
    p.add_argument("text", nargs="?", help="the text to read (omit with --jsonl)")
    p.add_argument("--ref", type=date.fromisoformat, help="reference date (default: today)")
    p.add_argument("--lang", help="language code (default: guessed from the text)")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.add_argument(
        "--jsonl",
        action="store_true",
        help='read {"text","ref","lang"?} lines on stdin, write one JSON array per line',
    )
    p.set_defaults(func=run)


def run(
    args: argparse.Namespace,
    ctx: Context,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> int:
    out = stdout or sys.stdout
    default_ref = args.ref or ctx.now().date()
    if args.jsonl:
        return _batch(stdin or sys.stdin, out, default_ref)
    if args.text is None:
        raise MonitorError("dates: give a TEXT or --jsonl")
    found = find_dates(args.text, default_ref, args.lang)
    if args.json:
        print(_dump(found), file=out)
        return 0
    for e in found:
        flags = " ".join(
            f
            for f, on in (
                ("vague", e.vague),
                ("deadline", e.deadline),
                ("relative", e.relative),
                ("open_end", e.open_end),
            )
            if on
        )
        print(f"{e.text!r}: [{e.start}, {e.end}) {e.grain} {flags}".rstrip(), file=out)
    return 0


def _dump(found: list[DateExpr]) -> str:
    return json.dumps([e.as_json() for e in found], ensure_ascii=False)


def _batch(stdin: TextIO, out: TextIO, default_ref: date) -> int:
    """One output line per non-blank input line; a bad line is an error naming its number."""
    for number, line in enumerate(stdin, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            ref = date.fromisoformat(row["ref"][:10]) if row.get("ref") else default_ref
            found = find_dates(str(row["text"]), ref, row.get("lang"))
        except (ValueError, KeyError, TypeError) as exc:
            raise MonitorError(f"dates --jsonl: line {number}: {exc}") from exc
        print(_dump(found), file=out, flush=True)
    return 0
