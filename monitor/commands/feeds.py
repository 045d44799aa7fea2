"""`monitor feeds [--json]`: each feed's health; `feeds check URL` fetches once and explains."""

from __future__ import annotations

import argparse
import json
from typing import Any

from monitor import views
from monitor.commands import Context


def add(sub: Any) -> None:
    p = sub.add_parser("feeds", help="list feeds with their state; `feeds check URL` tries one")
    p.add_argument("action", nargs="?", choices=["list", "check"], default="list")
    p.add_argument("url", nargs="?", help="the feed URL for `check`")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    if args.action == "check":
        return _check(args, ctx)
    with ctx.store().read() as s:
        rows = views.feeds(s)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for f in rows:
        if f["archived"]:
            continue
        print(f"{f['state']:<8} {f['name'] or f['url']}")
        print(f"         last ok {f['last_success_at'] or 'never'}; next poll "
              f"{f['next_poll_at'] or 'now'}; {f['items_seen']} items; {f['failures']} failures")
        if f["last_error"]:
            print(f"         last error: {f['last_error']}")
    return 0


def _check(args: argparse.Namespace, ctx: Context) -> int:
    from monitor.errors import FeedError
    from monitor.fetch import Fetcher, FetchSettings
    from monitor.parse import parse_feed

    if not args.url:
        print("usage: monitor feeds check URL")
        return 2
    p = ctx.config().settings.poll
    fetcher = Fetcher(FetchSettings(timeout=p.timeout, deadline=p.deadline,
                                    max_bytes=p.max_bytes))
    try:
        result = fetcher.fetch(args.url)
    finally:
        fetcher.close()
    for hop_status, hop_url in result.redirects:
        print(f"{'redirect':>18}: {hop_status} → {hop_url}")
    print(f"{'final url':>18}: {result.final_url}")
    print(f"{'status':>18}: {result.status or '(no response)'}")
    print(f"{'time':>18}: {result.elapsed:.2f} s, {result.bytes_read} bytes "
          f"({result.wire_bytes} on the wire)")
    for name in ("content-type", "etag", "last-modified", "cache-control", "retry-after"):
        if name in result.headers:
            print(f"{name:>18}: {result.headers[name]}")
    if result.error is not None:
        print(f"{'error':>18}: {result.error}")
    if not result.ok or result.body is None:
        return 1
    try:
        parsed = parse_feed(result.body, result.headers, result.final_url,
                            max_entries=p.max_entries)
    except FeedError as exc:
        print(f"{'parse':>18}: {exc}")
        return 1
    print(f"{'feed':>18}: {parsed.title!r}, {len(parsed.items)} items, lang {parsed.lang}")
    for item in parsed.items[:5]:
        print(f"{'':>18}  {item.published or '(no date)'}  {item.title[:80]}")
    return 0
