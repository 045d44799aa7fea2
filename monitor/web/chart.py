"""The milestone-trend chart as geometry for a server-side SVG (templates/_chart.html): report
date on x, each report's forecast window as a bar on y, the deadline window as a band, and the
diagonal where the forecast date equals the report date (a milestone the trend line meets there is
reached, or due). No JavaScript; labels are escaped by the template."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

WIDTH, HEIGHT = 760, 340
LEFT, RIGHT, TOP, BOTTOM = 72, 16, 14, 34
MAX_TICKS = 8
_STEPS = (1, 3, 6, 12, 24, 60, 120)  # months between ticks


@dataclass(frozen=True)
class Bar:
    x: float
    top: float
    bottom: float
    end_y: float
    verdict: str
    label: str


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass
class Chart:
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    top: int = TOP
    right_x: int = WIDTH - RIGHT
    bottom_y: int = HEIGHT - BOTTOM
    bars: list[Bar] = field(default_factory=list)
    band: tuple[float, float] | None = None  # y of the deadline's end (top) and start
    trend: str = ""  # SVG polyline points through the forecast ends
    diagonal: tuple[float, float, float, float] | None = None
    today: float | None = None
    x_ticks: list[Tick] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)


@dataclass(frozen=True)
class _Axis:
    """Dates lo..hi mapped onto pixels a..b (b < a for the y axis: later is higher)."""

    lo: int
    hi: int
    a: float
    b: float

    def __call__(self, day: date) -> float:
        span = max(self.hi - self.lo, 1)
        return round(self.a + (day.toordinal() - self.lo) / span * (self.b - self.a), 1)

    def ticks(self) -> list[Tick]:
        """Month-aligned ticks, at most MAX_TICKS: years when the span is long, else months."""
        first, last = date.fromordinal(self.lo), date.fromordinal(self.hi)
        months = (last.year - first.year) * 12 + last.month - first.month
        step = next((s for s in _STEPS if months // s < MAX_TICKS), _STEPS[-1] * 10)
        index = first.year * 12 + first.month - 1
        index += -index % step  # the first aligned month at or after `first`
        out = []
        while (day := date(index // 12, index % 12 + 1, 1)) <= last:
            if day >= first:
                text = str(day.year) if step >= 12 else f"{day.year}-{day.month:02d}"
                out.append(Tick(self(day), text))
            index += step
        return out


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def _pad(lo: date, hi: date) -> tuple[int, int]:
    """A little room on both sides so bars at the ends are not cut."""
    pad = max((hi - lo).days // 20, 15)
    return lo.toordinal() - pad, hi.toordinal() + pad


def milestone_trend(
    deadline: dict[str, Any] | None, evidence: list[dict[str, Any]], today: date
) -> Chart | None:
    """The chart for a commitment's deadline and dated evidence (oldest first); None when no
    evidence carries a forecast window."""
    points = [
        (_d(e["published"]), _d(e["forecast"]["start"]), _d(e["forecast"]["end"]), e)
        for e in evidence
        if e.get("forecast") and e.get("published")
    ]
    dated = [(r, s, f, e) for r, s, f, e in points if r and s and f]
    if not dated:
        return None
    band = (_d(deadline["start"]), _d(deadline["end"])) if deadline else None
    reports = [r for r, _, _, _ in dated] + [today]
    windows = [d for _, s, f, _ in dated for d in (s, f)]
    windows += [d for d in band or () if d]
    chart = Chart()
    x = _Axis(*_pad(min(reports), max(reports)), chart.left, chart.right_x)
    y = _Axis(*_pad(min(windows), max(windows)), chart.bottom_y, chart.top)
    for report, start, end, e in dated:
        chart.bars.append(
            Bar(x(report), y(end), y(start), y(end), e.get("verdict") or "none", _label(e))
        )
    chart.trend = " ".join(f"{b.x},{b.end_y}" for b in chart.bars)
    if band and band[0] and band[1]:
        chart.band = (y(band[1]), y(band[0]))
    chart.diagonal = _diagonal(x, y)
    chart.today = x(today) if x.lo <= today.toordinal() <= x.hi else None
    chart.x_ticks, chart.y_ticks = x.ticks(), y.ticks()
    return chart


def _diagonal(x: _Axis, y: _Axis) -> tuple[float, float, float, float] | None:
    """Where forecast date = report date, over the dates both axes show."""
    lo, hi = max(x.lo, y.lo), min(x.hi, y.hi)
    if lo >= hi:
        return None
    a, b = date.fromordinal(lo), date.fromordinal(hi)
    return (x(a), y(a), x(b), y(b))


def _label(e: dict[str, Any]) -> str:
    f = e["forecast"]
    verdict = f" — {e['verdict']}" if e.get("verdict") else ""
    return (
        f"{e['published'][:10]}: {f.get('text') or ''} [{f['start']}, {f['end']}){verdict}"
        f" ({e.get('source') or ''})"
    )
