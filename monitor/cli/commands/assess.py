"""`monitor assess --json`: judge JSON-lines items from stdin against the configured
commitments and write one JSON line per input; nothing is stored."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from monitor.cli.commands import Context
from monitor.understand.judge import Finding, ItemText, Judge


def add(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "assess", help="judge news items (JSON lines on stdin) without storing anything"
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="JSON lines out (the only format; accepted for the contract)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    judge = Judge(ctx.config().commitments)
    for line in assess_lines(judge, sys.stdin, ctx.now()):
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
    return 0


def finding_json(f: Finding) -> dict[str, Any]:
    """One entry of `matches` in the contract's shape."""
    forecast = None
    if f.forecast is not None:
        forecast = {
            "start": f.forecast.start.isoformat(),
            "end": f.forecast.end.isoformat(),
            "text": f.forecast.text,
        }
    return {
        "commitment": f.commitment_id,
        "signal": str(f.signal),
        "forecast": forecast,
        "slip": f.slip,
        "quote": f.quote,
        "score": f.score,
    }


def parse_item(raw: Any, now: datetime) -> ItemText:
    """An ItemText from one decoded input object; ValueError says what is wrong."""
    if not isinstance(raw, dict):
        raise ValueError("each line must be a JSON object")
    title, text = raw.get("title") or "", raw.get("text") or raw.get("summary") or ""
    if not isinstance(title, str) or not isinstance(text, str):
        raise ValueError("title and text/summary must be strings")
    if not title and not text:
        raise ValueError("an item needs a title, text or summary")
    published = now
    if raw.get("published"):
        published = datetime.fromisoformat(str(raw["published"]).replace("Z", "+00:00"))
        if published.tzinfo is None:
            published = published.replace(tzinfo=UTC)
    url, lang = raw.get("url"), raw.get("lang")
    return ItemText(
        id=str(raw.get("id")) if raw.get("id") is not None else "",
        title=title,
        text=text,
        published=published,
        url=url if isinstance(url, str) else None,
        lang=lang if isinstance(lang, str) else None,
    )


def assess_lines(judge: Judge, lines: Iterable[str], now: datetime) -> Iterator[str]:
    """The output line for each non-blank input line; a bad line yields an error object."""
    for line in lines:
        if not line.strip():
            continue
        raw: Any = None
        try:
            raw = json.loads(line)
            item = parse_item(raw, now)
            matches = [finding_json(f) for f in judge.judge(item)]
            out: dict[str, Any] = {"id": raw.get("id"), "matches": matches}
        except (ValueError, TypeError) as exc:  # JSONDecodeError is a ValueError
            rid = raw.get("id") if isinstance(raw, dict) else None
            out = {"id": rid if isinstance(rid, str | int) else None, "error": str(exc)}
        yield json.dumps(out, ensure_ascii=False)
