"""`monitor feeds [--json]`: each feed's health; `feeds check URL` fetches once and explains;
`feeds enable URL` polls a feed again after a 410 (or retries a failing one at once)."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from monitor.cli.commands import Context
from monitor.service import views

if TYPE_CHECKING:
    from monitor.feeds.fetch import FetchResult


def add(sub: Any) -> None:
    p = sub.add_parser(
        "feeds",
        help="list feeds with their state; `feeds check URL` tries one; "
        "`feeds enable URL` re-enables one",
    )
    p.add_argument("action", nargs="?", choices=["list", "check", "enable"], default="list")
    p.add_argument("url", nargs="?", help="the feed URL for `check` and `enable`")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    if args.action in ("check", "enable") and not args.url:
        print(f"usage: monitor feeds {args.action} URL")
        return 2
    if args.action == "check":
        return _check(args.url, ctx)
    if args.action == "enable":
        return _enable(args.url, ctx)
    with ctx.store().read() as s:
        rows = views.feeds(s)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for f in rows:
        if not f["archived"]:
            _print_feed(f)
    return 0


def _print_feed(f: dict[str, Any]) -> None:
    """One feed's health, as the `monitor feeds` listing shows it."""
    print(f"{f['state']:<8} {f['name'] or f['url']}")
    if f["name"]:
        print(f"         {f['url']}")
    print(
        f"         last ok {f['last_success_at'] or 'never'}; next poll "
        f"{f['next_poll_at'] or 'now'}; {f['items_seen']} items; "
        f"{f['failures']} failures in a row"
    )
    if f["last_error"]:
        print(f"         last error [{f['last_error_kind']}]: {f['last_error']}")
    if f["retry_after_until"]:
        print(f"         host asked to wait until {f['retry_after_until']}")
    if f["redirect_url"]:
        print(f"         moving to {f['redirect_url']} (seen {f['redirect_seen']} times)")


def _enable(url: str, ctx: Context) -> int:
    from sqlmodel import or_, select

    from monitor.feeds.feedstate import enable
    from monitor.store.tables import FeedRow

    with ctx.store().write() as s:
        feed = s.exec(
            select(FeedRow).where(or_(FeedRow.url == url, FeedRow.source_url == url))
        ).first()
        if feed is None:
            print(f"no feed {url} (add it to feeds.yaml)")
            return 1
        was = feed.state
        enable(feed)
        s.add(feed)
    print(f"{url}: {was} → ok; it will be polled in the next cycle")
    return 0


def _check(url: str, ctx: Context) -> int:
    from monitor.feeds.fetch import Fetcher, FetchSettings
    from monitor.net.netguard import guard_from

    p = ctx.config().settings.poll
    fetcher = Fetcher(
        FetchSettings(
            timeout=p.timeout, deadline=p.deadline, max_bytes=p.max_bytes, guard=guard_from(p)
        )
    )
    result = fetcher.fetch(url)
    _print_fetch(result)
    if not result.ok or result.body is None:
        return 1
    return _print_parse(result, p.max_entries, ctx)


_SHOWN_HEADERS = (
    "content-type",
    "etag",
    "last-modified",
    "cache-control",
    "expires",
    "retry-after",
    "cf-mitigated",
)


def _print_fetch(result: FetchResult) -> None:
    """How the fetch went: redirects, final URL, status, timing, telling headers, error."""
    for hop_status, hop_url in result.redirects:
        print(f"{'redirect':>18}: {hop_status} → {hop_url}")
    if result.permanent_redirect:
        print(
            f"{'moved':>18}: permanently to {result.permanent_redirect} (adopted after "
            "3 polls in a row, an https upgrade at once)"
        )
    print(f"{'final url':>18}: {result.final_url}")
    print(f"{'status':>18}: {result.status or '(no response)'}")
    print(
        f"{'time':>18}: {result.elapsed:.2f} s, {result.bytes_read} bytes "
        f"({result.wire_bytes} on the wire)"
    )
    for name in _SHOWN_HEADERS:
        if name in result.headers:
            print(f"{name:>18}: {result.headers[name]}")
    if result.error is not None:
        print(f"{'error':>18}: [{result.error.kind}] {result.error}")


def _print_parse(result: FetchResult, max_entries: int, ctx: Context) -> int:
    """What the fetched body reads as: the feed and its first items, or why it is none."""
    from monitor.errors import FeedError
    from monitor.feeds.parse import parse_feed

    assert result.body is not None
    try:
        parsed = parse_feed(
            result.body, result.headers, result.final_url, max_entries=max_entries, now=ctx.now()
        )
    except FeedError as exc:
        print(f"{'parse':>18}: [{exc.kind}] {exc}")
        return 1
    print(
        f"{'feed':>18}: {parsed.title!r}, {len(parsed.items)} items, lang {parsed.lang}"
        f"{' (cut to the entry cap)' if parsed.truncated else ''}"
    )
    if parsed.bozo:
        print(f"{'warning':>18}: {parsed.bozo}")
    for item in parsed.items[:5]:
        print(f"{'':>18}  {item.published or '(no date)'}  {item.title[:80]}")
    return 0
