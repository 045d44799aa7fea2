"""Score `monitor extract` (issue 10): the seed article against config/commitments.yaml, and the
dated sentences of the news-dev corpus against their labelled windows.

    .venv/bin/python -m bench.extract_eval [--split tune|heldout|all] [--misses] [--json]

Seed (through the public CLI, as a process: `monitor extract SEED --published 2025-10-21
--json`): each commitment of config/ must get a draft of its own — a draft whose quote holds the
commitment's source quote, that shares an alias with it (one contains the other, folded), and
that has the right deadline window (equal to the one `monitor check` reads) or target (same value,
same dimension). Drafts are assigned one to one, in config order. Drafts left over are counted
as not commitments, except the one on the Baku–Tbilisi–Ceyhan oil figure (either way fine).

news-dev (in process, `monitor.understand.extract.extract`, the function the verb calls): the
items labelled `on_track`, or `delayed` with a `new_date`, are read as an article (headline,
blank line, text) published on their date (or the first day of their `date_note`'s approximate
month or year, as bench/assess_eval.py does). Per item:
  first   the first draft with a deadline has a window that meets [start, end) of new_date
          (open ends open; "meets" = the two windows overlap);
  any     some draft's deadline meets it;
  none    no draft has a deadline.
Split by project (bench/news_split.py): tune misses may be printed (--misses); held-out misses
never are, only their figures.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

try:
    from bench.assess_eval import published_for
    from bench.news_split import split_of
except ImportError:  # run as a script
    from assess_eval import published_for  # type: ignore[no-redef,import-not-found]
    from news_split import split_of  # type: ignore[no-redef,import-not-found]

from monitor.service.config import load_config
from monitor.understand.dates import find_dates
from monitor.understand.extract import extract
from monitor.understand.matching import fold

ROOT = Path(__file__).resolve().parent.parent
MONITOR = ROOT / ".venv/bin/monitor"
SEED = ROOT.parent / "shared" / "seed" / "article-fr.txt"
SEED_PUBLISHED = "2025-10-21"
NEWS_DEV = ROOT.parent / "shared" / "corpus" / "news-dev" / "items.jsonl"
EITHER_WAY = ("btc-kazakh-oil",)  # a past figure: a draft or none are both fine


def norm(text: str) -> str:
    return " ".join(fold(text).replace("\u2019", "'").split())


# ---------------------------------------------------------------- the seed article


def seed_drafts() -> tuple[list[dict[str, Any]], float]:
    started = time.perf_counter()
    out = subprocess.run(
        [str(MONITOR), "extract", str(SEED), "--published", SEED_PUBLISHED, "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout), time.perf_counter() - started


def _shares_alias(draft: dict[str, Any], aliases: tuple[str, ...]) -> bool:
    mine = [norm(a) for a in draft["aliases"]]
    theirs = [norm(a) for a in aliases]
    return any(a in b or b in a for a in mine for b in theirs)


def _right(draft: dict[str, Any], c: Any) -> bool:
    if c.deadline is not None:
        d = draft["deadline"]
        if not d or (d["start"], d["end"]) != (
            c.deadline.start.isoformat(),
            c.deadline.end.isoformat(),
        ):
            return False
    if c.target is not None:
        t = draft["target"]
        if not t or abs(t["value"] - c.target.value) > 0.01 * c.target.value:
            return False
        if t["unit"].split("/")[0] != c.target.unit.split("/")[0]:
            return False
    return True


def score_seed() -> dict[str, Any]:
    drafts, seconds = seed_drafts()
    commitments = load_config(ROOT / "config").commitments
    used: set[int] = set()
    rows = []
    for c in commitments:
        quote = norm(c.source.quote or "")
        found = None
        for i, d in enumerate(drafts):
            if i in used or quote not in norm(d["source"]["quote"]):
                continue
            if _shares_alias(d, c.aliases) and _right(d, c):
                found = i
                break
        if found is not None:
            used.add(found)
        rows.append(
            {"commitment": c.id, "draft": drafts[found]["id"] if found is not None else None}
        )
    either = [norm(c.source.quote or "") for c in commitments if c.id in EITHER_WAY]
    extra = [
        d["id"]
        for i, d in enumerate(drafts)
        if i not in used and not any(q and q in norm(d["source"]["quote"]) for q in either)
    ]
    expected = [r for r in rows if r["commitment"] not in EITHER_WAY]
    return {
        "drafts": len(drafts),
        "matched": sum(1 for r in expected if r["draft"]),
        "expected": len(expected),
        "not_commitments": extra,
        "rows": rows,
        "seconds": round(seconds, 2),
    }


# ---------------------------------------------------------------- news-dev


def dated_items() -> list[dict[str, Any]]:
    items = [json.loads(line) for line in NEWS_DEV.read_text(encoding="utf-8").splitlines()]
    return [
        i for i in items if i["new_date"] and (i["label"] == "on_track" or i["label"] == "delayed")
    ]


def meets(d: dict[str, Any], label: dict[str, Any]) -> bool:
    lo = label["start"] or "0000-01-01"
    hi = label["end"] or "9999-12-31"
    return d["start"] < hi and lo < d["end"]


def score_item(item: dict[str, Any]) -> dict[str, Any]:
    published = published_for(item, "day")
    ref = date.fromisoformat(published) if published else date(2000, 1, 1)
    article = f"{item['title']}\n\n{item['text']}" if item.get("title") else item["text"]
    drafts = [d.as_json() for d in extract(article, ref, item["lang"])]
    found = [
        {"start": x.start.isoformat(), "end": x.end.isoformat()}
        for x in find_dates(article, ref, item["lang"])
    ]
    dated = [d["deadline"] for d in drafts if d["deadline"]]
    label = item["new_date"]
    return {
        "id": item["id"],
        "lang": item["lang"],
        "split": split_of(item["project"]),
        "first": bool(dated) and meets(dated[0], label),
        "any": any(meets(d, label) for d in dated),
        "none": not dated,
        "ceiling": any(meets(x, item["new_date"]) for x in found),
        "drafts": len(drafts),
        "windows": [(d["text"], d["start"], d["end"]) for d in dated],
        "label": label,
        "undated_item": published is None,
    }


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    n = len(rows) or 1
    by_lang: dict[str, list[int]] = {}
    for r in rows:
        by_lang.setdefault(r["lang"], [0, 0])
        by_lang[r["lang"]][0] += r["first"]
        by_lang[r["lang"]][1] += 1
    return {
        "items": len(rows),
        "first": sum(r["first"] for r in rows),
        "first_rate": round(sum(r["first"] for r in rows) / n, 3),
        "any": sum(r["any"] for r in rows),
        "any_rate": round(sum(r["any"] for r in rows) / n, 3),
        "no_deadline": sum(r["none"] for r in rows),
        "ceiling": sum(r["ceiling"] for r in rows),
        "drafts_per_item": round(sum(r["drafts"] for r in rows) / n, 2),
        "first_by_lang": {k: f"{v[0]}/{v[1]}" for k, v in sorted(by_lang.items())},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("tune", "heldout", "all"), default="all")
    parser.add_argument("--misses", action="store_true", help="print tune misses")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-seed", action="store_true")
    args = parser.parse_args(argv)
    report: dict[str, Any] = {}
    if not args.no_seed:
        report["seed"] = score_seed()
    started = time.perf_counter()
    rows = [score_item(i) for i in dated_items()]
    elapsed = time.perf_counter() - started
    for split in ("tune", "heldout"):
        if args.split in (split, "all"):
            report[split] = summarise([r for r in rows if r["split"] == split])
    report["items_per_second"] = round(len(rows) / elapsed, 1)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        _print(report)
    if args.misses:
        for r in rows:
            if r["split"] == "tune" and not r["first"]:
                print(f"MISS {r['id']} {r['lang']} label={r['label']} drafts={r['windows']}")
    return 0


def _print(report: dict[str, Any]) -> None:
    seed = report.get("seed")
    if seed:
        print(
            f"seed: {seed['matched']}/{seed['expected']} commitments drafted with the right "
            f"deadline or target; {len(seed['not_commitments'])} drafts that are not "
            f"commitments {seed['not_commitments']}; {seed['drafts']} drafts in "
            f"{seed['seconds']} s (CLI process)"
        )
        for r in seed["rows"]:
            print(f"  {r['commitment']:28} → {r['draft'] or '—'}")
    for split in ("tune", "heldout"):
        s = report.get(split)
        if s:
            print(
                f"news-dev {split}: first dated draft meets the label {s['first']}/{s['items']}"
                f" = {s['first_rate']:.1%}; any draft {s['any']}/{s['items']} = "
                f"{s['any_rate']:.1%}; the date engine alone finds the window in "
                f"{s['ceiling']}/{s['items']}; no deadline {s['no_deadline']}; "
                f"{s['drafts_per_item']} drafts/item; by language {s['first_by_lang']}"
            )
    print(f"news-dev: {report['items_per_second']} items/s (in process)")


if __name__ == "__main__":
    sys.exit(main())
