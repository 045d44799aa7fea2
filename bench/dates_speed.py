"""Texts per second of the date engine on news texts (title + summary) from the shared feeds,
beside feedparser's own rate on the same entries (the stage before it in ingest), overall, by
text size, and feed by feed (the date pass should be cheaper than parsing on every kind of feed).

    python bench/dates_speed.py [--rounds N] [--feeds]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from datetime import date
from pathlib import Path

import feedparser

from monitor.understand.dates import find_dates

FEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "feeds"
REF = date(2025, 10, 1)
SIZES = ((0, 400), (400, 1500), (1500, 10**9))
_TAGS = re.compile(r"<[^>]+>")


def entry_texts(raw: bytes) -> list[str]:
    """Title + summary of every entry of one feed document, markup stripped."""
    texts = []
    for entry in feedparser.parse(raw).entries:
        summary = _TAGS.sub(" ", entry.get("summary", ""))
        texts.append(f"{entry.get('title', '')}. {summary}".strip())
    return [t for t in texts if len(t) > 20]


def per_second(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f}/s" if seconds > 0 else "-"


def time_dates(texts: list[str], rounds: int) -> float:
    started = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            find_dates(text, REF)
    return (time.perf_counter() - started) / rounds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--feeds", action="store_true", help="one line per feed file")
    args = parser.parse_args(argv)
    feeds: list[tuple[str, list[str], float]] = []  # name, texts, feedparser seconds
    for path in sorted(FEEDS.glob("*.xml")):
        raw = path.read_bytes()
        started = time.perf_counter()
        texts = entry_texts(raw)
        if texts:
            feeds.append((path.name, texts, time.perf_counter() - started))
    texts = [t for _, ts, _ in feeds for t in ts]
    if not texts:
        print(f"no feed texts under {FEEDS}", file=sys.stderr)
        return 1
    find_dates(texts[0], REF)  # compile the grammars outside the timing
    sizes = sorted(len(t) for t in texts)
    elapsed = time_dates(texts, args.rounds)
    found = sum(len(find_dates(t, REF)) for t in texts)
    parse = sum(s for _, _, s in feeds)
    print(
        f"{len(texts)} texts (median {sizes[len(sizes) // 2]} chars, mean "
        f"{sum(sizes) / len(sizes):.0f}): dates {per_second(len(texts), elapsed)} "
        f"({1e6 * elapsed / sum(sizes):.2f} us/char, {found} expressions); "
        f"feedparser {per_second(len(texts), parse)}"
    )
    for lo, hi in SIZES:
        chunk = [t for t in texts if lo <= len(t) < hi]
        if chunk:
            print(
                f"  texts of {lo}-{hi if hi < 10**9 else '...'} chars ({len(chunk)}): "
                f"{per_second(len(chunk), time_dates(chunk, args.rounds))}"
            )
    slower = []
    for name, feed_texts, seconds in feeds:
        spent = time_dates(feed_texts, args.rounds)
        mean = sum(map(len, feed_texts)) / len(feed_texts)
        if args.feeds or spent > seconds:
            print(
                f"  {name[:60]:60} {len(feed_texts):4} texts, mean {mean:5.0f} chars: dates "
                f"{per_second(len(feed_texts), spent):>9}, feedparser "
                f"{per_second(len(feed_texts), seconds):>9}"
            )
        if spent > seconds:
            slower.append(name)
    print(f"feeds where the date pass is slower than feedparser: {len(slower)} of {len(feeds)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
