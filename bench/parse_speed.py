"""Parse speed: items per second of monitor.feeds.parse.parse_feed vs plain feedparser.

    .venv/bin/python bench/parse_speed.py [--rounds N]

Reads ../shared/corpus/feeds and ../shared/corpus/feeds-mixed (relative to the repository root).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import feedparser

from monitor.errors import ParseError
from monitor.feeds.parse import parse_feed

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
BASE = "https://bench.example.org/feed.xml"


def run(bodies: list[bytes], rounds: int) -> tuple[int, int, float, float]:
    """(items, rejected documents, seconds for parse_feed, seconds for plain feedparser)."""
    items = rejected = 0
    ours = theirs = 0.0
    for _ in range(rounds):
        for body in bodies:
            start = time.perf_counter()
            try:
                items += len(parse_feed(body, {}, BASE).items)
            except ParseError:
                rejected += 1
            ours += time.perf_counter() - start
            start = time.perf_counter()
            feedparser.parse(body, response_headers={"content-location": BASE})
            theirs += time.perf_counter() - start
    return items, rejected, ours, theirs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    for name in ("feeds", "feeds-mixed"):
        folder = CORPUS / name
        files = sorted(p for p in folder.glob("*") if p.suffix in (".xml", ".rss", ".atom", ".rdf"))
        bodies = [p.read_bytes() for p in files if p.is_file()]
        if not bodies:
            print(f"{name}: not found at {folder}, skipped")
            continue
        items, rejected, ours, theirs = run(bodies, args.rounds)
        per_round = items // args.rounds
        print(
            f"{name}: {len(bodies)} documents, {per_round} items, {rejected // args.rounds} "
            f"rejected; parse_feed {items / ours:,.0f} items/s ({ours / args.rounds:.2f} s), "
            f"plain feedparser {items / theirs:,.0f} items/s ({theirs / args.rounds:.2f} s)"
        )


if __name__ == "__main__":
    main()
