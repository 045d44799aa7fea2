"""`monitor status [ID] [--json]`: every commitment's status, or one with its history."""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from monitor.cli.commands import Context
from monitor.errors import MonitorError
from monitor.service import views


def add(sub: Any) -> None:
    p = sub.add_parser("status", help="show commitments' status (one: with history and chart)")
    p.add_argument("id", nargs="?", help="a commitment id: show its history")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    rows = _rows(ctx, args.id)
    if args.json:
        print(json.dumps(rows[0] if args.id else rows, ensure_ascii=False, indent=2))
    elif args.id:
        _detail(rows[0])
    else:
        _table(rows)
    return 0


def _rows(ctx: Context, cid: str | None) -> list[dict[str, Any]]:
    """Every commitment's view, or only the one with id `cid`, its history included."""
    config = ctx.config()
    with ctx.store().read() as s:
        rows = views.commitments(s, config)
        if not cid:
            return rows
        row = next((r for r in rows if r["id"] == cid), None)
        if row is None:
            raise MonitorError(f"no commitment {cid!r}")
        row.update(views.history(s, cid))
        return [row]


def _table(rows: list[dict[str, Any]]) -> None:
    width = max((len(r["id"]) for r in rows), default=10)
    for r in rows:
        deadline = r["deadline"]["text"] if r["deadline"] else "—"
        forecast = f" → forecast {r['forecast']['text']}" if r["forecast"] else ""
        print(
            f"{r['id']:<{width}}  {r['status']:<9}  deadline {deadline}{forecast}"
            f"  ({r['evidence']} evidence)"
        )


def _detail(r: dict[str, Any]) -> None:
    d = r["deadline"]
    print(f"{r['id']}: {r['title']}")
    print(f"  status   {r['status']} since {r['status_since']}")
    if d:
        print(f"  deadline {d['text']} = [{d['start']}, {d['end']})")
    if r["forecast"]:
        f = r["forecast"]
        print(f"  forecast {f['text']} = [{f['start']}, {f['end']})")
    _changes(r["changes"])
    _forecast_history(d, [e for e in r["evidence"] if e["forecast"]])


def _changes(changes: list[dict[str, Any]]) -> None:
    print("\nStatus changes:")
    for c in changes or [{"at": "", "from": "", "to": "(none)", "reason": "", "by": ""}]:
        note = f" — {c['note']}" if c.get("note") else ""
        print(f"  {(c['at'] or '')[:10]}  {c['from']} → {c['to']}  {c['reason']} [{c['by']}]{note}")


def _forecast_history(deadline: dict[str, Any] | None, dated: list[dict[str, Any]]) -> None:
    """The dated evidence, oldest first, as a table and as a chart against the deadline."""
    print("\nForecast history (report date → forecast window):")
    if not dated:
        print("  (no dated evidence yet)")
        return
    print(f"  {'report':<10}  {'forecast':<24}  {'window':<24}  {'verdict':<10}  source")
    for e in dated:
        f = e["forecast"]
        window = f"[{f['start']}, {f['end']})"
        print(
            f"  {e['published'][:10]}  {(f['text'] or '')[:24]:<24}  {window:<24}  "
            f"{e['verdict'] or '':<10}  {e['source']}"
        )
    print()
    print(
        chart(
            deadline,
            [(e["published"][:10], e["forecast"]["start"], e["forecast"]["end"]) for e in dated],
        )
    )


def chart(
    deadline: dict[str, Any] | None, points: list[tuple[str, str, str]], width: int = 60
) -> str:
    """A text milestone-trend chart: one row per report (oldest first), its forecast window
    drawn with '#' on a common time axis; the deadline window is the ':' band in every row
    and the '=' bar of the last row."""
    spans = [(date.fromisoformat(s), date.fromisoformat(e)) for _, s, e in points]
    band = _band(deadline)
    scale = _Scale.over(spans + ([band] if band else []), width)
    lines = [f"  {'report':<10}  {scale.years()}"]
    for (report, _, _), span in zip(points, spans, strict=True):
        lines.append(f"  {report:<10}  {scale.row((band, ':'), (span, '#'))}")
    if band:
        lines.append(f"  {'deadline':<10}  {scale.row((band, '='))}")
    return "\n".join(lines)


def _band(deadline: dict[str, Any] | None) -> tuple[date, date] | None:
    """The deadline window, when there is one with both ends."""
    if deadline and deadline.get("start") and deadline.get("end"):
        return date.fromisoformat(deadline["start"]), date.fromisoformat(deadline["end"])
    return None


@dataclass(frozen=True)
class _Scale:
    """A time axis of `width` columns from `lo` to `hi`, `per_col` days a column."""

    lo: date
    hi: date
    width: int
    per_col: float

    @classmethod
    def over(cls, spans: list[tuple[date, date]], width: int) -> _Scale:
        """The axis covering all of `spans`."""
        lo, hi = min(s for s, _ in spans), max(e for _, e in spans)
        return cls(lo, hi, width, max((hi - lo).days, 1) / width)

    def cols(self, start: date, end: date) -> range:
        """The columns a window covers: at least one."""
        a = min(self.width - 1, int((start - self.lo).days / self.per_col))
        return range(a, max(a + 1, min(self.width, round((end - self.lo).days / self.per_col))))

    def years(self) -> str:
        """The axis labels: each new year written where it starts, when there is room."""
        axis = [" "] * self.width
        lo, hi = self.lo, self.hi
        for year in range(lo.year + (lo > date(lo.year, 1, 1)), hi.year + 1):
            at = self.cols(date(year, 1, 1), date(year, 1, 1))[0]
            if at + 4 <= self.width and all(c == " " for c in axis[max(0, at - 1) : at + 4]):
                axis[at : at + 4] = str(year)
        return "".join(axis).rstrip()

    def row(self, *marks: tuple[tuple[date, date] | None, str]) -> str:
        """One row of the chart: each window drawn with its mark, later ones over earlier."""
        row = [" "] * self.width
        for window, mark in marks:
            if window:
                for i in self.cols(*window):
                    row[i] = mark
        return "".join(row).rstrip()
