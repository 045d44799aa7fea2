"""False-alarm check: judge the real items of ../shared/corpus/feeds/ against the shipped
commitments and count slip alerts (target 0), matches and speed.

    .venv/bin/python bench/false_alarms.py [CORPUS_DIR] [--config DIR] [--show]
"""

from __future__ import annotations

import argparse
import calendar
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import feedparser

from monitor.service.config import load_config
from monitor.understand.judge import Finding, ItemText, Judge

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "feeds"
_TAG = re.compile(r"<[^>]+>")


def corpus_items(folder: Path) -> Iterator[ItemText]:
    """Every entry of every feed file in `folder`, as judge input (HTML tags dropped)."""
    for path in sorted(folder.glob("*.xml")):
        parsed = feedparser.parse(path.read_bytes())
        lang = (parsed.feed.get("language") or "")[:2] or None
        for n, entry in enumerate(parsed.entries):
            stamp = entry.get("published_parsed") or entry.get("updated_parsed")
            published = (
                datetime.fromtimestamp(calendar.timegm(stamp), UTC)
                if stamp
                else datetime(2026, 1, 1, tzinfo=UTC)
            )
            text = _TAG.sub(" ", entry.get("summary") or "")
            yield ItemText(
                f"{path.stem}#{n}",
                entry.get("title") or "",
                text,
                published,
                entry.get("link"),
                lang,
            )


def count_alarms(
    judge: Judge, items: list[ItemText]
) -> tuple[list[tuple[ItemText, Finding]], Counter[str]]:
    """(slip findings, count of findings per signal) over `items`."""
    slips, signals = [], Counter[str]()
    for item in items:
        for finding in judge.judge(item):
            signals[str(finding.signal)] += 1
            if finding.slip:
                slips.append((item, finding))
    return slips, signals


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    ap.add_argument("--config", type=Path, default=ROOT / "config")
    ap.add_argument("--show", action="store_true", help="print every match")
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    items = list(corpus_items(args.corpus))
    judge = Judge(load_config(args.config).commitments)
    started = time.perf_counter()
    slips, signals = count_alarms(judge, items)
    elapsed = time.perf_counter() - started
    print(f"{len(items)} items judged in {elapsed:.2f}s ({len(items) / elapsed:.0f} items/s)")
    print(f"findings by signal: {dict(signals)}")
    print(f"slip alerts: {len(slips)}")
    for item, f in slips:
        print(f"  SLIP {item.id} {f.commitment_id} {f.signal} {f.forecast}: {f.quote[:160]}")
    if args.show:
        for item in items:
            for f in judge.judge(item):
                print(f"  {item.id} {f.commitment_id} {f.signal}: {f.quote[:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
