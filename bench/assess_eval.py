"""Score `monitor assess` against a labelled JSONL file (default tests/data/assess_dev.jsonl).

Each line: {id, title, summary, published, lang, split, expect: [{commitment, signal,
forecast: {start, end} | null, slip}]}. Prints attribution accuracy, per-signal precision /
recall / F1 (overall and per language), revised-date accuracy and slip agreement, for each split.

    .venv/bin/python bench/assess_eval.py [FILE] [--config DIR] [--cli] [--split dev|heldout]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SIGNALS = ("delay", "completion", "progress", "risk", "cancellation", "mention")


def run_assess(items: list[dict[str, Any]], config: Path, cli: bool) -> list[dict[str, Any]]:
    """The assess output for each item: through the real CLI, or the function it calls."""
    lines = [json.dumps({k: it.get(k) for k in ("id", "title", "summary", "published", "url",
                                                "lang")}, ensure_ascii=False) for it in items]
    if cli:
        proc = subprocess.run(
            [str(ROOT / ".venv/bin/monitor"), "--config", str(config), "assess", "--json"],
            input="\n".join(lines) + "\n", capture_output=True, text=True, check=True)
        return [json.loads(x) for x in proc.stdout.splitlines()]
    from monitor.commands.assess import assess_lines
    from monitor.config import load_config
    from monitor.judge import Judge

    judge = Judge(load_config(config).commitments)
    return [json.loads(x) for x in assess_lines(judge, lines, datetime.now(UTC))]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(items: list[dict[str, Any]], outputs: list[dict[str, Any]]) -> dict[str, Any]:
    """All figures for one set of items."""
    attr_ok = 0
    pair_tp = pair_fp = pair_fn = 0
    counts: dict[tuple[str, str], Counter[str]] = {}
    dated = dated_ok = slip_tp = slip_fp = slip_fn = 0
    errors: list[str] = []
    for item, out in zip(items, outputs, strict=True):
        gold = {e["commitment"]: e for e in item["expect"]}
        pred = {m["commitment"]: m for m in out.get("matches", [])}
        if set(gold) == set(pred):
            attr_ok += 1
        else:
            errors.append(f"{item['id']} attribution gold={sorted(gold)} got={sorted(pred)}")
        pair_tp += len(set(gold) & set(pred))
        pair_fp += len(set(pred) - set(gold))
        pair_fn += len(set(gold) - set(pred))
        for lang in ("all", item["lang"]):
            c = counts.setdefault((lang, "x"), Counter())
            for cid in set(gold) | set(pred):
                g = gold[cid]["signal"] if cid in gold else None
                p = pred[cid]["signal"] if cid in pred else None
                if g and g == p:
                    c["tp:" + g] += 1
                else:
                    if p:
                        c["fp:" + p] += 1
                    if g:
                        c["fn:" + g] += 1
                    if lang == "all" and g != p:
                        errors.append(f"{item['id']} {cid} signal gold={g} got={p}")
        for cid, g in gold.items():
            p = pred.get(cid)
            if g["forecast"]:
                dated += 1
                got = p and p["forecast"] and (p["forecast"]["start"], p["forecast"]["end"])
                if got == (g["forecast"]["start"], g["forecast"]["end"]):
                    dated_ok += 1
                else:
                    errors.append(f"{item['id']} {cid} forecast gold={g['forecast']} "
                                  f"got={p and p['forecast']}")
            slipped = bool(p and p["slip"])
            slip_tp += g["slip"] and slipped
            slip_fn += g["slip"] and not slipped
            slip_fp += slipped and not g["slip"]
        slip_fp += sum(1 for cid, p in pred.items() if cid not in gold and p["slip"])
    per_signal = {}
    for (lang, _), c in counts.items():
        per_signal[lang] = {
            s: (*prf(c["tp:" + s], c["fp:" + s], c["fn:" + s]), c["tp:" + s] + c["fn:" + s])
            for s in SIGNALS}
    return {
        "items": len(items), "attribution_accuracy": attr_ok / len(items),
        "pair_prf": prf(pair_tp, pair_fp, pair_fn), "signals": per_signal,
        "revised_date_accuracy": dated_ok / dated if dated else 1.0, "dated": dated,
        "slip_prf": prf(slip_tp, slip_fp, slip_fn), "slip_gold": slip_tp + slip_fn,
        "errors": errors,
    }


def report(name: str, s: dict[str, Any], show_errors: bool) -> None:
    print(f"== {name}: {s['items']} items")
    p, r, f = s["pair_prf"]
    print(f"attribution accuracy (exact set) {s['attribution_accuracy']:.3f}; "
          f"pairs P {p:.3f} R {r:.3f} F1 {f:.3f}")
    for lang, table in sorted(s["signals"].items()):
        print(f"  [{lang}] " + "  ".join(
            f"{sig} P{v[0]:.2f} R{v[1]:.2f} F1 {v[2]:.2f} (n={v[3]})" for sig, v in table.items()
            if v[3] or v[0] < 1))
    p, r, f = s["slip_prf"]
    print(f"revised-date accuracy {s['revised_date_accuracy']:.3f} (n={s['dated']}); "
          f"slip P {p:.3f} R {r:.3f} F1 {f:.3f} (n={s['slip_gold']})")
    if show_errors:
        for e in s["errors"]:
            print("   -", e)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("file", nargs="?", default=str(ROOT / "tests/data/assess_dev.jsonl"))
    ap.add_argument("--config", type=Path, default=ROOT / "config")
    ap.add_argument("--cli", action="store_true", help="run the real `monitor assess` process")
    ap.add_argument("--split", choices=("dev", "heldout"), help="report one split only")
    ap.add_argument("--errors", action="store_true", help="list every disagreement")
    args = ap.parse_args()
    items = [json.loads(x) for x in Path(args.file).read_text(encoding="utf-8").splitlines() if x]
    started = time.perf_counter()
    outputs = run_assess(items, args.config, args.cli)
    elapsed = time.perf_counter() - started
    print(f"{len(items)} items judged in {elapsed:.2f}s ({len(items) / elapsed:.0f} items/s)")
    pairs = list(zip(items, outputs, strict=True))
    for split in ("dev", "heldout", None):
        if args.split and split != args.split:
            continue
        chosen = [(i, o) for i, o in pairs if split is None or i.get("split") == split]
        if chosen:
            report(split or "all", score([i for i, _ in chosen], [o for _, o in chosen]),
                   args.errors and split == (args.split or "dev"))  # never peek at held-out
    return 0


if __name__ == "__main__":
    sys.exit(main())
