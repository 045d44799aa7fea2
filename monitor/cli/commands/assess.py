"""`monitor assess --json`: judge JSON-lines items from stdin against the configured
commitments and write one JSON line per input; nothing is stored.

Input is untrusted. Each non-blank line is judged on its own: a line that is not JSON, not an
object, or has a field of the wrong type gets an error line `{"id", "line", "error",
"matches": []}` (`id` as given when it could be read, `line` its 1-based number) and the next
line goes on. `published` may be a full ISO date or datetime, a partial date (`2020-10`,
`2020`: the first day of that period) or missing / null / "" (now). A text longer than
TEXT_LIMIT characters is judged on its first TEXT_LIMIT characters and the output line says so
with `"truncated": TEXT_LIMIT`; a line longer than LINE_LIMIT bytes is not parsed at all.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import IO, Any

from monitor.cli.commands import Context
from monitor.understand.judge import Finding, ItemText, Judge

# Characters of title / text judged. A news item is a few thousand characters; 100,000 keeps
# any real article whole and bounds the time a runaway one takes (a few seconds at worst:
# matching grows faster than linearly with the number of alias hits).
TEXT_LIMIT = 100_000
TITLE_LIMIT = 2_000
LINE_LIMIT = 64 * 1024 * 1024  # bytes of one input line; longer lines get an error line
_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2}))?")


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
    for line in assess_lines(judge, read_lines(sys.stdin.buffer), ctx.now()):
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
    return 0


class TooLong:
    """Stands for an input line longer than LINE_LIMIT bytes (its bytes were skipped)."""

    def __init__(self, size: int) -> None:
        self.size = size


def read_lines(stream: IO[bytes], limit: int = LINE_LIMIT) -> Iterator[bytes | TooLong]:
    """The lines of a byte stream, never holding more than `limit` bytes of one line."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        size = len(line)
        while line and not line.endswith(b"\n"):  # skip the rest of the overlong line
            line = stream.readline(1024 * 1024)
            size += len(line)
        yield TooLong(size)


def finding_json(f: Finding) -> dict[str, Any]:
    """One entry of `matches` in the contract's shape. An open-ended forecast ("not before
    2026", "au plus tôt") has `end` null."""
    forecast = None
    if f.forecast is not None:
        forecast = {
            "start": f.forecast.start.isoformat(),
            "end": None if f.open_end else f.forecast.end.isoformat(),
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


def parse_published(value: Any, now: datetime) -> datetime:
    """An aware datetime from the `published` field: ISO date or datetime (naive = UTC), a
    partial date `YYYY-MM` / `YYYY` (the first day of that period), missing or blank = now."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return now
    if not isinstance(value, str):
        raise ValueError("published must be an ISO date string or null")
    text = value.strip()
    partial = _PARTIAL.fullmatch(text)
    try:
        if partial:
            year, month = int(partial.group(1)), int(partial.group(2) or 1)
            published = datetime(year, month, 1, tzinfo=UTC)
        else:
            published = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"published is not an ISO date: {value!r}") from None
    return published if published.tzinfo else published.replace(tzinfo=UTC)


def _text_field(raw: dict[str, Any], *names: str) -> str:
    """The first non-empty of the named string fields ("" when none); ValueError on a value
    that is neither a string nor null."""
    for name in names:
        value = raw.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            raise ValueError(f"{name} must be a string or null, not {type(value).__name__}")
        if value:
            return value
    return ""


def parse_item(raw: Any, now: datetime) -> tuple[ItemText, int | None]:
    """An ItemText from one decoded input object, and where its text was cut (None when
    whole); ValueError says what is wrong."""
    if not isinstance(raw, dict):
        raise ValueError("each line must be a JSON object")
    rid = raw.get("id")
    if rid is not None and (isinstance(rid, bool) or not isinstance(rid, str | int)):
        raise ValueError("id must be a string, a number or null")
    title, text = _text_field(raw, "title"), _text_field(raw, "text", "summary")
    url, lang = _text_field(raw, "url"), _text_field(raw, "lang")
    if not title and not text:
        raise ValueError("an item needs a title, text or summary")
    cut = None
    if len(text) > TEXT_LIMIT:
        text, cut = text[:TEXT_LIMIT], TEXT_LIMIT
    return (
        ItemText(
            id=str(rid) if rid is not None else "",
            title=title[:TITLE_LIMIT],
            text=text,
            published=parse_published(raw.get("published"), now),
            url=url or None,
            lang=lang or None,
        ),
        cut,
    )


def assess_line(judge: Judge, line: str | bytes | TooLong, number: int, now: datetime) -> str:
    """The output line for one input line (never raises)."""
    raw: Any = None
    try:
        if isinstance(line, TooLong):
            raise ValueError(f"line of {line.size} bytes is longer than {LINE_LIMIT}")
        if isinstance(line, bytes):
            line = line.decode("utf-8-sig" if number == 1 else "utf-8")
        raw = json.loads(line)
        item, cut = parse_item(raw, now)
        matches = [finding_json(f) for f in judge.judge(item)]
        out: dict[str, Any] = {"id": raw.get("id"), "matches": matches}
        if cut is not None:
            out["truncated"] = cut
    except Exception as exc:  # one bad line never stops the others
        rid = raw.get("id") if isinstance(raw, dict) else None
        ok = isinstance(rid, str | int) and not isinstance(rid, bool)
        reason = str(exc) if isinstance(exc, ValueError) else f"internal error: {exc!r}"
        if isinstance(exc, UnicodeDecodeError):
            reason = "line is not UTF-8"
        out = {"id": rid if ok else None, "line": number, "error": reason, "matches": []}
    return json.dumps(out, ensure_ascii=False)


def assess_lines(
    judge: Judge, lines: Iterable[str | bytes | TooLong], now: datetime
) -> Iterator[str]:
    """The output line for each non-blank input line; a bad line yields an error object."""
    for number, line in enumerate(lines, start=1):
        if not isinstance(line, TooLong) and not line.strip():
            continue
        yield assess_line(judge, line, number, now)
