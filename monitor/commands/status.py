"""`monitor status [ID] [--json]`: every commitment's status, or one with its history."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from monitor import views
from monitor.commands import Context
from monitor.errors import MonitorError


def add(sub: Any) -> None:
    p = sub.add_parser("status", help="show commitments' status (one: with history and chart)")
    p.add_argument("id", nargs="?", help="a commitment id: show its history")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    config = ctx.config()
    with ctx.store().read() as s:
        rows = views.commitments(s, config)
        if args.id:
            row = next((r for r in rows if r["id"] == args.id), None)
            if row is None:
                raise MonitorError(f"no commitment {args.id!r}")
            row.update(views.history(s, args.id))
            rows = [row]
    if args.json:
        print(json.dumps(rows[0] if args.id else rows, ensure_ascii=False, indent=2))
        return 0
    if args.id:
        _detail(rows[0])
        return 0
    width = max((len(r["id"]) for r in rows), default=10)
    for r in rows:
        deadline = r["deadline"]["text"] if r["deadline"] else "—"
        forecast = f" → forecast {r['forecast']['text']}" if r["forecast"] else ""
        print(f"{r['id']:<{width}}  {r['status']:<9}  deadline {deadline}{forecast}"
              f"  ({r['evidence']} evidence)")
    return 0


def _detail(r: dict[str, Any]) -> None:
    d = r["deadline"]
    print(f"{r['id']}: {r['title']}")
    print(f"  status   {r['status']} since {r['status_since']}")
    if d:
        print(f"  deadline {d['text']} = [{d['start']}, {d['end']})")
    if r["forecast"]:
        f = r["forecast"]
        print(f"  forecast {f['text']} = [{f['start']}, {f['end']})")
    print("\nStatus changes:")
    for c in r["changes"] or [{"at": "", "from": "", "to": "(none)", "reason": "", "by": ""}]:
        note = f" — {c['note']}" if c.get("note") else ""
        print(f"  {(c['at'] or '')[:10]}  {c['from']} → {c['to']}  {c['reason']} "
              f"[{c['by']}]{note}")
    dated = [e for e in r["evidence"] if e["forecast"]]
    print("\nForecast history (report date → forecast window):")
    if not dated:
        print("  (no dated evidence yet)")
        return
    print(f"  {'report':<10}  {'forecast':<24}  {'window':<24}  {'verdict':<10}  source")
    for e in dated:
        f = e["forecast"]
        window = f"[{f['start']}, {f['end']})"
        print(f"  {e['published'][:10]}  {(f['text'] or '')[:24]:<24}  {window:<24}  "
              f"{e['verdict'] or '':<10}  {e['source']}")
    print()
    print(chart(d, [(e["published"][:10], e["forecast"]["start"], e["forecast"]["end"])
                    for e in dated]))


def chart(deadline: dict[str, Any] | None, points: list[tuple[str, str, str]],
          width: int = 60) -> str:
    """A text milestone-trend chart: one row per report (oldest first), its forecast window
    drawn with '#' on a common time axis; the deadline window is the ':' band in every row
    and the '=' bar of the last row."""
    spans = [(date.fromisoformat(s), date.fromisoformat(e)) for _, s, e in points]
    band = None
    if deadline and deadline.get("start") and deadline.get("end"):
        band = (date.fromisoformat(deadline["start"]), date.fromisoformat(deadline["end"]))
    lo = min(s for s, _ in spans + ([band] if band else []))
    hi = max(e for _, e in spans + ([band] if band else []))
    per_col = max((hi - lo).days, 1) / width

    def cols(start: date, end: date) -> range:
        a = min(width - 1, int((start - lo).days / per_col))
        return range(a, max(a + 1, min(width, round((end - lo).days / per_col))))

    axis = [" "] * width
    for year in range(lo.year + (lo > date(lo.year, 1, 1)), hi.year + 1):
        at = cols(date(year, 1, 1), date(year, 1, 1))[0]
        if at + 4 <= width and all(c == " " for c in axis[max(0, at - 1):at + 4]):
            axis[at:at + 4] = str(year)
    lines = [f"  {'report':<10}  {''.join(axis).rstrip()}"]
    for (report, _, _), (s, e) in zip(points, spans, strict=True):
        row = [" "] * width
        if band:
            for i in cols(*band):
                row[i] = ":"
        for i in cols(s, e):
            row[i] = "#"
        lines.append(f"  {report:<10}  {''.join(row).rstrip()}")
    if band:
        row = [" "] * width
        for i in cols(*band):
            row[i] = "="
        lines.append(f"  {'deadline':<10}  {''.join(row).rstrip()}")
    return "\n".join(lines)
