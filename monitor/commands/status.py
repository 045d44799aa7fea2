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
        print(f"  {c['at'][:10]}  {c['from']} → {c['to']}  {c['reason']} [{c['by']}]")
    dated = [e for e in r["evidence"] if e["forecast"]]
    print("\nForecast history (report date → forecast window):")
    for e in dated:
        f = e["forecast"]
        print(f"  {e['published'][:10]}  {f['text']:<24} [{f['start']}, {f['end']})  "
              f"{e['verdict'] or ''}  {e['source']}")
    if dated:
        print()
        print(chart(d, [(e["published"][:10], e["forecast"]["start"], e["forecast"]["end"])
                        for e in dated]))


def chart(deadline: dict[str, Any] | None, points: list[tuple[str, str, str]],
          width: int = 48) -> str:
    """A text milestone-trend chart: one row per report, the forecast window drawn on a
    common time axis, the deadline window marked with '|'."""
    spans = [(date.fromisoformat(s), date.fromisoformat(e)) for _, s, e in points]
    if deadline:
        spans.append((date.fromisoformat(deadline["start"]), date.fromisoformat(deadline["end"])))
    lo = min(s for s, _ in spans)
    hi = max(e for _, e in spans)
    scale = max((hi - lo).days, 1) / width

    def col_of(day: date) -> int:
        return min(width - 1, int((day - lo).days / scale))

    lines = [f"  {'report':<10}  {lo.isoformat():<{width // 2}}{hi.isoformat():>{width // 2}}"]
    for (report, _, _), (s, e) in zip(points, spans, strict=False):
        row = [" "] * width
        for i in range(col_of(s), max(col_of(s) + 1, col_of(e))):
            row[i] = "#"
        if deadline:
            row[col_of(date.fromisoformat(deadline["end"])) - 1] = "|"
        lines.append(f"  {report:<10}  {''.join(row)}")
    return "\n".join(lines)
