"""Score the date engine on ../shared/corpus/dates (Duckling and Microsoft Recognizers specs).

Each case is put in a class by what its expected window is (year, half, quarter, month, season,
part-of-year, day, duration, range, open...), and judged on start and end dates:
a deadline form ("by the end of next month") is judged on its end only, since that is what the
monitor uses; an open interval ("through 2014") on its one bound. Run:
    python bench/dates_corpus.py [--misses]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from monitor.understand.dates import DateExpr, find_dates

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dates"
TARGET = ("year", "half", "quarter", "month", "season", "part-of-year")
NO_REF = date(2000, 1, 1)

_SEASON = re.compile(
    r"summer|winter|spring|autumn|fall|season|été|hiver|printemps|automne|"
    r"лет[оа]|зим|весн|осен",
    re.IGNORECASE,
)
_PART = re.compile(
    r"(?<!\w)(?:beginning|end|mid|middle|early|late|eoy|boy|début|fin|milieu|mi|"
    r"начал\w*|кон\w*|середин\w*)(?!\w)",
    re.IGNORECASE,
)
_ANAPHOR = re.compile(r"(?:the|same)\s+(?:year|month)")
_DURATION = re.compile(
    r"(?<!\w)(?:\d+|a|an|one|two|three|four|five|seven|ten|forty|eleven|un|une|deux|trois|dix|"
    r"два|две|три|двух|трёх)\s+(?:\w+\s+)?(?:years?|months?|quarters?|weeks?|days?|decades?|ans?|"
    r"ann[ée]es|mois|trimestres|semaines|jours|лет|года?|месяц\w*|квартал\w*|недел\w*|дн\w*)(?!\w)",
    re.IGNORECASE,
)


def _day(value: str | None) -> date | None:
    if not value or value.startswith("-"):
        return None
    return date.fromisoformat(value[:10])


def case_class(row: dict[str, Any]) -> str:
    exp = row["expected"]
    text = row.get("span") or row["text"]
    start, end = _day(exp.get("start")), _day(exp.get("end"))
    if start is None or end is None:
        return "open"
    if _SEASON.search(text):
        return "season"
    if _PART.search(text):
        return "part-of-year"
    if _DURATION.search(text):
        return "duration"
    months = (end.year - start.year) * 12 + end.month - start.month
    if start.day != 1 or end.day != 1:
        return "day" if (end - start).days == 1 else "range"
    shapes = {12: "year", 6: "half", 3: "quarter", 1: "month", 120: "decade", 1200: "century"}
    shape = shapes.get(months, "range")
    aligned = {
        "year": start.month == 1,
        "half": start.month in (1, 7),
        "quarter": start.month in (1, 4, 7, 10),
    }
    if not aligned.get(shape, True) or (shape in ("decade", "century") and start.year % 10):
        return "range"
    return shape


def pick(found: list[DateExpr], row: dict[str, Any]) -> DateExpr | None:
    """The expression the case is about: the one overlapping its span most."""
    lo = row.get("span_start")
    hi = row.get("span_end")
    if lo is None or hi is None:
        lo, hi = 0, len(row["text"])

    def overlap(e: DateExpr) -> int:
        return min(hi + 1, e.span[1]) - max(lo, e.span[0])

    best = max(found, key=overlap, default=None)
    return best if best is not None and overlap(best) > 0 else None


def convention(expr: DateExpr | None, row: dict[str, Any]) -> str | None:
    """Why a miss is a difference of convention rather than a misreading, if it is one."""
    exp = row["expected"]
    start, end = _day(exp.get("start")), _day(exp.get("end"))
    text = (row.get("span") or row["text"]).lower()
    if start is None or end is None:
        return None
    if expr is None:
        if _ANAPHOR.fullmatch(text):
            return "bare 'the year' / 'same month' is an anaphor; we do not read it as ref's unit"
        return None
    if _SEASON.search(text) and start.day in (20, 21, 23) and expr.grain == "season":
        return "astronomical seasons (we use meteorological)"
    if _PART.search(text) and expr.grain == "third" and expr.start.year == start.year:
        return "part of year: sources differ (quarter, 2 months, half); we use thirds"
    if (
        expr.start == start
        and end < expr.end
        and expr.span[1] - expr.span[0] > 4
        and (re.search(r"\w\s*[-–~]\s*\w|(?<!\w)(?:to|and|through|till|à|au|et)(?!\w)", text))
    ):
        return "range end: source excludes the last named unit; we include it"
    if (
        _PART.search(text)
        and expr.end == end
        and expr.start < start
        and (re.search(r"(?<!\w)(?:between|entre)(?!\w)", text))
    ):
        return "range of parts: source reads 'the end of 2007' as an instant; we use thirds"
    if "upcoming" in text and expr.start < start and expr.end == end:
        return "'upcoming N units': Duckling reads the Nth unit only"
    near = abs((expr.start - start).days) < 31
    if re.search(r"(?:past|previous|last|upcoming)\s", text) and near:
        return "'last/next N units': source counts from the reference day; we use whole units"
    if "later" in text and expr.end == end:
        return "'later this year': source uses the second half; we start at the reference day"
    if "decade" in text and expr.vague:
        return "'next decade' is a vague horizon by our convention"
    return None


def judge(expr: DateExpr, row: dict[str, Any], ref: date) -> bool:
    wanted = [row["expected"], *list(row.get("alternatives") or [])]
    for exp in wanted:
        start, end = _day(exp.get("start")), _day(exp.get("end"))
        if start is None and end is not None and expr.end == end:
            return True
        if end is None and start is not None and expr.start == start:
            return True
        if expr.deadline and start == ref and expr.end == end:
            return True
        if (expr.start, expr.end) == (start, end):
            return True
    return False


def score(rows: list[dict[str, Any]]) -> tuple[dict[tuple[str, str], list[int]], list[str]]:
    """(lang, class) -> [right, total, right or convention difference], plus a line per miss."""
    table: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    misses: list[str] = []
    for row in rows:
        if row["expected"].get("start", "") and str(row["expected"]["start"]).startswith("-"):
            continue  # years before the common era are out of scope
        ref = _day(row.get("reference")) or NO_REF
        found = find_dates(row["text"], ref, row["lang"])
        expr = pick(found, row)
        if row.get("reference") is None and (expr is None or expr.relative):
            continue  # a relative phrase cannot be judged without its reference time
        cls = case_class(row)
        ok = expr is not None and judge(expr, row, ref)
        cell = table[(row["lang"], cls)]
        why = None if ok else convention(expr, row)
        cell[0] += ok
        cell[1] += 1
        cell[2] += ok or why is not None
        if not ok:
            got = f"{expr.start}..{expr.end} {expr.text!r}" if expr else "nothing"
            exp = row["expected"]
            misses.append(
                f"{row['lang']} {cls:12} {row.get('span') or row['text']!r} ref={ref} "
                f"want {str(exp.get('start'))[:10]}..{str(exp.get('end'))[:10]} got {got}"
                + (f"  [convention: {why}]" if why else "")
            )
    return table, misses


def load() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return rows


def report(table: dict[tuple[str, str], list[int]]) -> str:
    classes = sorted({c for _, c in table}, key=lambda c: (c not in TARGET, c))
    langs = sorted({lang for lang, _ in table})
    lines = ["| class | " + " | ".join(langs) + " | all |", "|---" * (len(langs) + 2) + "|"]
    for cls in classes:
        cells = []
        for lang in [*langs, "all"]:
            right = sum(v[0] for (la, c), v in table.items() if c == cls and lang in (la, "all"))
            total = sum(v[1] for (la, c), v in table.items() if c == cls and lang in (la, "all"))
            cells.append(f"{right}/{total} ({100 * right / total:.0f}%)" if total else "-")
        lines.append(f"| {cls} | " + " | ".join(cells) + " |")
    for name, keep in (("target classes", TARGET), ("all classes", tuple(classes))):
        right = sum(v[0] for (_, c), v in table.items() if c in keep)
        total = sum(v[1] for (_, c), v in table.items() if c in keep)
        fair = sum(v[2] for (_, c), v in table.items() if c in keep)
        lines.append(
            f"\n{name}: {right}/{total} = {100 * right / max(total, 1):.1f}% exact; "
            f"{fair}/{total} = {100 * fair / max(total, 1):.1f}% counting convention "
            "differences"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--misses", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 1
    table, misses = score(load())
    print(report(table))
    if args.misses:
        print("\n".join(["", "misses:", *misses]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
