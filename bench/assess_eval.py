"""Score `monitor assess --json` (the public CLI, run as a process) on labelled news.

Corpora (`--corpus`):
  news-dev     (default) the 353 real news excerpts of ../shared/corpus/news-dev, 32 projects,
               judged against that corpus's own commitments.yaml in a throw-away config
               directory; split by project (bench/news_split.py): `tune` and `heldout`.
  selfwritten  tests/data/assess_dev.jsonl, the 316 items written for the Zangezur commitments
               of config/ (splits `dev` = tune and `heldout`), scored as before (regression).
  FILE         a JSONL file in either shape: lines with `expect` are self-written, lines with
               `project` + `label` are news-dev items (commitments: --commitments, else the
               commitments.yaml beside FILE).

    .venv/bin/python -m bench.assess_eval [--corpus news-dev|selfwritten|FILE]
        [--split tune|heldout|all] [--misses] [--json] [--published partial|day|null]

How news-dev is scored (one labelled project per item; "first match" = matches[0] of the
assess output, the best one; an output line with "error" counts as no match — and as not
right for an unrelated item — and in `err`):
  reading of a match: cancellation / completion as given; `delay` when signal is delay OR
    `slip` is true (the contract's slip rule: a revised window wholly after the deadline — the
    corpus's `derived` delays, "on schedule for 2021" against a 2019 deadline, are exactly
    that); else risk / progress / mention.
  labels → classes: delayed → delay, completed → completion, cancelled → cancellation,
    at_risk → risk, progress and on_track → progress (both are "consistent" evidence: there is
    no on_track signal). P/R/F1 per class: a true positive needs the first match to be the
    labelled project with that reading; a first match on another commitment is a false
    positive for its reading (an alert on the wrong commitment) and a miss for the label.
  attribution: over the labelled (non-unrelated) items, the first match is the labelled project.
  unrelated items ("mentions the project but is not about this deadline"): right when the
    labelled project has no match, or only a quiet one (mention, or progress without slip) at
    any position; a loud reading of it is a false positive of that class. Matches on other
    commitments are not judged there (the Cybertruck delay in a Semi story is right for the
    Cybertruck; the corpus has no label for it).
  revised date: over items with a `new_date` window, the first match is the labelled project
    and its forecast overlaps [start, end) widened by 31 days each side (open ends open).
  `published`: the item's date; when null, the approximate date of `date_note` ("June 2024
    (URL)" → 2024-06, "late 2022 (content)" → 2022) as the contract's partial form YYYY-MM or
    YYYY (`--published partial`), or its first day (`day`), or null (`null`: assess uses now).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

try:
    from bench.news_split import split_of
except ImportError:  # run as a script (bench/ is sys.path[0]) or imported with bench/ on the path
    from news_split import split_of  # type: ignore[no-redef,import-not-found]

ROOT = Path(__file__).resolve().parent.parent
MONITOR = ROOT / ".venv/bin/monitor"
NEWS_DEV = ROOT.parent / "shared" / "corpus" / "news-dev"
SELFWRITTEN = ROOT / "tests" / "data" / "assess_dev.jsonl"
SIGNALS = ("delay", "completion", "progress", "risk", "cancellation", "mention")
CLASSES = ("delay", "completion", "cancellation", "risk", "progress")
LABEL_CLASS = {
    "delayed": "delay",
    "completed": "completion",
    "cancelled": "cancellation",
    "at_risk": "risk",
    "progress": "progress",
    "on_track": "progress",
    "unrelated": None,
}
QUIET = ("mention", "progress")
TOLERANCE = timedelta(days=31)


# ---------------------------------------------------------------- running the CLI


def call_assess(lines: list[str], config: Path, monitor: Path = MONITOR) -> list[dict[str, Any]]:
    """One decoded output object per input line, from `monitor --config DIR assess --json`."""
    proc = subprocess.run(
        [str(monitor), "--config", str(config), "assess", "--json"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"monitor assess exited {proc.returncode}:\n{proc.stderr}")
    outputs = [json.loads(x) for x in proc.stdout.splitlines() if x.strip()]
    if len(outputs) != len(lines):
        raise SystemExit(f"monitor assess wrote {len(outputs)} lines for {len(lines)} items")
    return outputs


def run_assess(
    items: list[dict[str, Any]], config: Path, cli: bool = True, monitor: Path = MONITOR
) -> list[dict[str, Any]]:
    """The assess output for each self-written item, always through the real CLI (`cli` is
    kept for old callers: the bench no longer imports the monitor package)."""
    lines = [
        json.dumps(
            {
                k: it.get(k)
                for k in ("id", "title", "summary", "text", "published", "url", "lang")
                if k in it
            },
            ensure_ascii=False,
        )
        for it in items
    ]
    return call_assess(lines, config, monitor)


def check_config(config: Path, monitor: Path = MONITOR) -> None:
    """`monitor --config DIR check`, or exit naming what it said."""
    proc = subprocess.run(
        [str(monitor), "--config", str(config), "check"],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(
            f"monitor --config {config} check failed ({proc.returncode}):\n"
            f"{proc.stdout}{proc.stderr}"
        )


def news_config(tmp: Path, commitments: Path) -> Path:
    """A minimal config directory: sqlite in tmp, no feeds, the corpus's commitments."""
    (tmp / "monitor.yaml").write_text(
        f"database_url: sqlite:///{tmp / 'monitor.db'}\nchannels: {{}}\n", encoding="utf-8"
    )
    (tmp / "feeds.yaml").write_text("feeds: []\n", encoding="utf-8")
    (tmp / "commitments.yaml").write_text(commitments.read_text(encoding="utf-8"), encoding="utf-8")
    return tmp


# ---------------------------------------------------------------- news-dev input

MONTHS = {
    m: i
    for i, m in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        start=1,
    )
}
NOTE_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")\s+((?:19|20)\d\d)\b", re.I)
NOTE_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


def note_date(note: str | None) -> str | None:
    """The approximate date a `date_note` opens with: 'YYYY-MM' when a month is named before
    the first parenthesis, else 'YYYY', else None ('undated operator page (after …)')."""
    if not note:
        return None
    head = note.split("(", 1)[0]
    if m := NOTE_MONTH.search(head):
        return f"{m.group(2)}-{MONTHS[m.group(1).lower()]:02d}"
    if m := NOTE_YEAR.search(head):
        return m.group(1)
    return None


def published_for(item: dict[str, Any], mode: str) -> str | None:
    if item.get("published"):
        return str(item["published"])
    if mode == "null":
        return None
    approx = note_date(item.get("date_note"))
    if approx is None or mode == "partial":
        return approx
    return approx + ("-01" if len(approx) == 7 else "-01-01")


def news_line(item: dict[str, Any], mode: str) -> str:
    """The item as users' news reaches `assess`: the contract's input fields only."""
    return json.dumps(
        {
            "id": item["id"],
            "title": item.get("title"),
            "text": item["text"],
            "url": item.get("url"),
            "published": published_for(item, mode),
            "lang": item.get("lang"),
        },
        ensure_ascii=False,
    )


# ---------------------------------------------------------------- news-dev scoring


def reading(match: dict[str, Any]) -> str:
    """What a match tells the user: delay when the signal or the slip rule says so."""
    signal = str(match.get("signal"))
    if signal in ("cancellation", "completion"):
        return signal
    if signal == "delay" or match.get("slip"):
        return "delay"
    return signal


def _day(value: str | None, default: date) -> date:
    return date.fromisoformat(value[:10]) if value else default


def window_right(forecast: dict[str, Any] | None, gold: dict[str, Any]) -> bool:
    """The forecast overlaps the labelled window [start, end) widened by TOLERANCE."""
    if not forecast:
        return False
    ps, pe = _day(forecast.get("start"), date.min), _day(forecast.get("end"), date.max)
    gs = _day(gold.get("start"), date.min + TOLERANCE)
    ge = _day(gold.get("end"), date.max - TOLERANCE)
    return ps < ge + TOLERANCE and gs - TOLERANCE < pe


def judge_item(item: dict[str, Any], out: dict[str, Any]) -> dict[str, Any]:
    """Everything scored about one item: gold class, reading, attribution, date, quiet."""
    matches = [] if "error" in out else out.get("matches", [])
    first = matches[0] if matches else None
    gold = LABEL_CLASS[item["label"]]
    res: dict[str, Any] = {
        "gold": gold,
        "error": out.get("error"),
        "first": first,
        "attributed": None,
        "pred": None,
        "date": None,
        "quiet": None,
    }
    if gold is None:  # unrelated: the labelled project must stay quiet
        own = next((m for m in matches if m["commitment"] == item["project"]), None)
        res["quiet"] = "error" not in out and (own is None or reading(own) in QUIET)
        res["pred"] = reading(own) if own is not None and reading(own) not in QUIET else None
        return res
    res["attributed"] = bool(first and first["commitment"] == item["project"])
    res["pred"] = reading(first) if first else None
    if item.get("new_date"):
        res["date"] = bool(
            res["attributed"]
            and window_right(
                first["forecast"],  # type: ignore[index]
                item["new_date"],
            )
        )
    return res


def prf(tp: int, fp: int, fn: int) -> tuple[float | None, float | None, float | None]:
    """Precision, recall, F1; None where undefined (nothing predicted / nothing to find)."""
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    if p is None and r is None:
        return None, None, None
    f = 2 * p * r / (p + r) if p and r else 0.0
    return p, r, f


def score_news(rows: list[tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, Any]:
    """Figures for a set of (item, judged) pairs."""
    c: Counter[str] = Counter()
    for item, j in rows:
        c["n"] += 1
        c["err"] += j["error"] is not None
        if j["gold"] is None:
            c["unrel"] += 1
            c["unrel_ok"] += bool(j["quiet"])
            if j["pred"] in CLASSES:
                c["fp:" + j["pred"]] += 1
            continue
        c["related"] += 1
        c["attr_ok"] += j["attributed"]
        hit = j["attributed"] and j["pred"] == j["gold"]
        if hit:
            c["tp:" + j["gold"]] += 1
        else:
            c["fn:" + j["gold"]] += 1
            if j["pred"] in CLASSES:
                c["fp:" + j["pred"]] += 1
        if j["gold"] == "delay":
            c["delay_" + item["basis"]] += 1
            c["delay_ok_" + item["basis"]] += hit
        if j["date"] is not None:
            c["dated"] += 1
            c["date_ok"] += j["date"]
    figures: dict[str, Any] = {
        "items": c["n"],
        "errors": c["err"],
        "attribution": [c["attr_ok"], c["related"]],
        "unrelated_quiet": [c["unrel_ok"], c["unrel"]],
        "revised_date": [c["date_ok"], c["dated"]],
        "delay_recall_by_basis": {
            b: [c["delay_ok_" + b], c["delay_" + b]] for b in ("explicit", "derived")
        },
    }
    for cls in CLASSES:
        tp, fp, fn = c["tp:" + cls], c["fp:" + cls], c["fn:" + cls]
        p, r, f = prf(tp, fp, fn)
        figures[cls] = {"p": p, "r": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}
    return figures


def news_table(results: dict[tuple[str, str], dict[str, Any]]) -> str:
    def num(v: float | None) -> str:
        return "   –" if v is None else f"{v:4.2f}"

    def frac(pair: list[int]) -> str:
        return f"{pair[0]}/{pair[1]}" if pair[1] else "–"

    head1 = (
        f"{'':<17} | {'delay':<14} | {'completion':<14} | canc | risk | prog | "
        f"{'attribution':<13} | unrel | {'date ±31d':<9} | err"
    )
    head2 = (
        f"{'split':<8}{'lang':<5}{'n':>4} | {'P':>4} {'R':>4} {'F1':>4} | "
        f"{'P':>4} {'R':>4} {'F1':>4} | {'F1':>4} | {'F1':>4} | {'F1':>4} | {'':<13} | "
        f"{'quiet':<5} | {'n/N':<9} |"
    )
    lines = [head1, head2, "-" * len(head1)]
    for (split, lang), s in results.items():
        d, co = s["delay"], s["completion"]
        a = s["attribution"]
        attr = f"{a[0] / a[1]:.3f} {a[0]}/{a[1]}" if a[1] else "–"
        lines.append(
            f"{split:<8}{lang:<5}{s['items']:>4} | {num(d['p'])} {num(d['r'])} {num(d['f1'])} | "
            f"{num(co['p'])} {num(co['r'])} {num(co['f1'])} | {num(s['cancellation']['f1'])} | "
            f"{num(s['risk']['f1'])} | {num(s['progress']['f1'])} | {attr:<13} | "
            f"{frac(s['unrelated_quiet']):<5} | {frac(s['revised_date']):<9} | {s['errors']}"
        )
    return "\n".join(lines)


def describe(match: dict[str, Any] | None) -> str:
    if not match:
        return "no match"
    fc = match.get("forecast")
    when = f" forecast [{fc['start']}, {fc['end']}) '{fc.get('text')}'" if fc else ""
    return f"{match['commitment']} {match['signal']}{' slip' if match.get('slip') else ''}{when}"


def news_misses(rows: list[tuple[dict[str, Any], dict[str, Any]]]) -> list[str]:
    out = []
    for item, j in rows:
        why = []
        if j["error"]:
            why.append(f"error: {j['error']}")
        if j["gold"] is None and not j["quiet"]:
            why.append(f"unrelated, read as {j['pred']}")
        elif j["gold"] is not None:
            if not j["attributed"]:
                why.append("attribution")
            elif j["pred"] != j["gold"]:
                why.append(f"{j['gold']} read as {j['pred']}")
            if j["date"] is False:
                nd = item["new_date"]
                why.append(f"date [{nd['start']}, {nd['end']}) '{nd['text']}'")
        if why:
            out.append(
                f"{item['id']} [{item['lang']}] {item['project']} {item['label']}"
                f"/{item['basis']}: {'; '.join(why)}\n    got: {describe(j['first'])}\n"
                f"    text: {(item.get('title') or '') + ' | ' + item['text']}"
            )
    return out


def eval_news(items: list[dict[str, Any]], commitments: Path, args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="assess-eval-") as tmp:
        config = news_config(Path(tmp), commitments)
        check_config(config, args.monitor)
        started = time.perf_counter()
        outputs = call_assess([news_line(i, args.published) for i in items], config, args.monitor)
        elapsed = time.perf_counter() - started
    for item, out in zip(items, outputs, strict=True):
        if out.get("id") != item["id"]:
            raise SystemExit(f"output id {out.get('id')!r} for item {item['id']!r}")
    judged = [(i, judge_item(i, o)) for i, o in zip(items, outputs, strict=True)]
    splits = ("tune", "heldout") if args.split == "all" else (args.split,)
    results: dict[tuple[str, str], dict[str, Any]] = {}
    by_split: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = defaultdict(list)
    for pair in judged:
        by_split[split_of(pair[0]["project"])].append(pair)
    by_split["all"] = judged
    for split in (*splits, "all") if args.split == "all" else splits:
        rows = by_split[split]
        results[(split, "all")] = score_news(rows)
        for lang in sorted({i["lang"] for i, _ in rows}):
            results[(split, lang)] = score_news([p for p in rows if p[0]["lang"] == lang])
    if args.json:
        print(
            json.dumps(
                {
                    "corpus": str(args.corpus),
                    "published": args.published,
                    "items": len(items),
                    "seconds": round(elapsed, 3),
                    "rows": [
                        {"split": s, "lang": lang, **fig} for (s, lang), fig in results.items()
                    ],
                },
                ensure_ascii=False,
                indent=1,
            )
        )
    else:
        print(
            f"{len(items)} items judged by `monitor assess` in {elapsed:.2f}s "
            f"({len(items) / elapsed:.0f} items/s); published: {args.published}"
        )
        print(news_table(results))
        for split in (*splits, "all") if args.split == "all" else splits:
            b = results[(split, "all")]["delay_recall_by_basis"]
            print(
                f"{split}: delay recall explicit {b['explicit'][0]}/{b['explicit'][1]}, "
                f"derived {b['derived'][0]}/{b['derived'][1]}"
            )
    if args.misses:  # tune only: held-out misses are never printed
        if args.split == "all":
            print("\n(misses of the tune split only)")
        for line in news_misses(by_split["tune"]):
            print(line)
    return 0


# ---------------------------------------------------------------- self-written (regression)


def prf1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(items: list[dict[str, Any]], outputs: list[dict[str, Any]]) -> dict[str, Any]:
    """All figures for one set of self-written items (`expect` lists)."""
    attr_ok = 0
    pair_tp = pair_fp = pair_fn = 0
    counts: dict[str, Counter[str]] = {}
    dated = dated_ok = slip_tp = slip_fp = slip_fn = 0
    errors: list[str] = []
    for item, out in zip(items, outputs, strict=True):
        gold = {e["commitment"]: e for e in item["expect"]}
        pred = {m["commitment"]: m for m in out.get("matches", [])}
        if "error" in out:
            errors.append(f"{item['id']} error: {out['error']}")
        if set(gold) == set(pred):
            attr_ok += 1
        else:
            errors.append(f"{item['id']} attribution gold={sorted(gold)} got={sorted(pred)}")
        pair_tp += len(set(gold) & set(pred))
        pair_fp += len(set(pred) - set(gold))
        pair_fn += len(set(gold) - set(pred))
        for lang in ("all", item["lang"]):
            c = counts.setdefault(lang, Counter())
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
                    errors.append(
                        f"{item['id']} {cid} forecast gold={g['forecast']} "
                        f"got={p and p['forecast']}"
                    )
            slipped = bool(p and p["slip"])
            slip_tp += g["slip"] and slipped
            slip_fn += g["slip"] and not slipped
            slip_fp += slipped and not g["slip"]
        slip_fp += sum(1 for cid, p in pred.items() if cid not in gold and p["slip"])
    per_signal = {}
    for lang, c in counts.items():
        per_signal[lang] = {
            s: (*prf1(c["tp:" + s], c["fp:" + s], c["fn:" + s]), c["tp:" + s] + c["fn:" + s])
            for s in SIGNALS
        }
    return {
        "items": len(items),
        "attribution_accuracy": attr_ok / len(items),
        "pair_prf": prf1(pair_tp, pair_fp, pair_fn),
        "signals": per_signal,
        "revised_date_accuracy": dated_ok / dated if dated else 1.0,
        "dated": dated,
        "slip_prf": prf1(slip_tp, slip_fp, slip_fn),
        "slip_gold": slip_tp + slip_fn,
        "errors": errors,
    }


def report(name: str, s: dict[str, Any], show_errors: bool) -> None:
    print(f"== {name}: {s['items']} items")
    p, r, f = s["pair_prf"]
    print(
        f"attribution accuracy (exact set) {s['attribution_accuracy']:.3f}; "
        f"pairs P {p:.3f} R {r:.3f} F1 {f:.3f}"
    )
    for lang, table in sorted(s["signals"].items()):
        print(
            f"  [{lang}] "
            + "  ".join(
                f"{sig} P{v[0]:.2f} R{v[1]:.2f} F1 {v[2]:.2f} (n={v[3]})"
                for sig, v in table.items()
                if v[3] or v[0] < 1
            )
        )
    p, r, f = s["slip_prf"]
    print(
        f"revised-date accuracy {s['revised_date_accuracy']:.3f} (n={s['dated']}); "
        f"slip P {p:.3f} R {r:.3f} F1 {f:.3f} (n={s['slip_gold']})"
    )
    if show_errors:
        for e in s["errors"]:
            print("   -", e)


def eval_selfwritten(items: list[dict[str, Any]], args: argparse.Namespace) -> int:
    started = time.perf_counter()
    outputs = run_assess(items, args.config, monitor=args.monitor)
    elapsed = time.perf_counter() - started
    pairs = list(zip(items, outputs, strict=True))
    splits = {"tune": ("dev",), "heldout": ("heldout",), "all": ("dev", "heldout", None)}
    figures = {}
    for split in splits[args.split]:
        chosen = [(i, o) for i, o in pairs if split is None or i.get("split") == split]
        if chosen:
            figures[split or "all"] = score([i for i, _ in chosen], [o for _, o in chosen])
    if args.json:
        print(
            json.dumps(
                {
                    "corpus": str(args.corpus),
                    "items": len(items),
                    "seconds": round(elapsed, 3),
                    "splits": {
                        k: {x: y for x, y in v.items() if x != "errors"} for k, v in figures.items()
                    },
                },
                indent=1,
            )
        )
    else:
        print(
            f"{len(items)} items judged by `monitor assess` in {elapsed:.2f}s "
            f"({len(items) / elapsed:.0f} items/s)"
        )
        for name, s in figures.items():
            report(name, s, args.misses and name == "dev")  # never the held-out errors
    return 0


# ---------------------------------------------------------------- main


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("file", nargs="?", help=argparse.SUPPRESS)  # old form: the FILE to score
    ap.add_argument(
        "--corpus", default="news-dev", help="news-dev (default), selfwritten, or a JSONL FILE"
    )
    ap.add_argument(
        "--split",
        default="all",
        choices=("tune", "heldout", "all", "dev"),
        help="report one split (dev = tune, the old name)",
    )
    ap.add_argument(
        "--misses",
        "--errors",
        action="store_true",
        help="print the misses of the tune split (refused for heldout)",
    )
    ap.add_argument("--json", action="store_true", help="machine-readable figures")
    ap.add_argument(
        "--published",
        default="partial",
        choices=("partial", "day", "null"),
        help="news-dev items without a date: date_note as YYYY[-MM] (default), "
        "its first day, or null",
    )
    ap.add_argument(
        "--config",
        type=Path,
        default=ROOT / "config",
        help="config directory for self-written items (default config/)",
    )
    ap.add_argument(
        "--commitments",
        type=Path,
        help="commitments.yaml for a news-shaped FILE (default: beside it)",
    )
    ap.add_argument("--monitor", type=Path, default=MONITOR, help="the monitor executable")
    ap.add_argument("--cli", action="store_true", help=argparse.SUPPRESS)  # always the CLI now
    args = ap.parse_args(argv)
    if args.file:
        args.corpus = args.file
    if args.split == "dev":
        args.split = "tune"
    if args.misses and args.split == "heldout":
        ap.error("--misses is refused for the heldout split: its misses are never read")
    if args.corpus == "news-dev":
        if not (NEWS_DEV / "items.jsonl").exists():
            print(
                f"{NEWS_DEV} is absent (the shared corpus is not beside this checkout)",
                file=sys.stderr,
            )
            return 2
        return eval_news(read_jsonl(NEWS_DEV / "items.jsonl"), NEWS_DEV / "commitments.yaml", args)
    path = SELFWRITTEN if args.corpus == "selfwritten" else Path(args.corpus)
    items = read_jsonl(path)
    if items and "label" in items[0] and "project" in items[0]:
        return eval_news(items, args.commitments or path.parent / "commitments.yaml", args)
    return eval_selfwritten(items, args)


if __name__ == "__main__":
    sys.exit(main())
