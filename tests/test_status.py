"""monitor.track.status.decide, table-driven from tests/data/status_cases.yaml (rules, precedence,
reversibility, corroboration, human calls, DST-edge clocks)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml

from monitor.core.commitment import Commitment
from monitor.core.enums import Grain, Signal, Status
from monitor.track.status import EvidenceView, Forecast, HumanCall, decide, overdue_at
from monitor.understand.dates import DateExpr
from monitor.understand.judge import forecast_verdict

CASES = yaml.safe_load(
    (Path(__file__).parent / "data" / "status_cases.yaml").read_text(encoding="utf-8")
)


def _moment(value: Any) -> datetime:
    """A YAML date, datetime or {local, tz, fold} as an aware datetime."""
    if isinstance(value, dict):
        local = datetime.fromisoformat(value["local"])
        return local.replace(tzinfo=ZoneInfo(value["tz"]), fold=value.get("fold", 0))
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime.combine(value, datetime.min.time(), UTC)
    return datetime.fromisoformat(str(value).replace("Z", "+00:00"))


def _commitment(spec: dict[str, Any]) -> Commitment:
    window = spec.get("deadline", [date(2026, 5, 1), date(2026, 9, 1)])
    deadline = None
    if window is not None:
        vague = bool(spec.get("vague", False))
        deadline = DateExpr(
            "mi-2026", window[0], window[1], Grain.VAGUE if vague else Grain.THIRD, vague=vague
        )
    grace = timedelta(days=spec.get("grace_days", 30), hours=spec.get("grace_hours", 0))
    return Commitment(
        "c",
        "C",
        spec.get("stated", date(2025, 10, 21)),
        ("C",),
        deadline_text="mi-2026" if deadline else None,
        deadline=deadline,
        grace=grace,
    )


def _evidence(c: Commitment, specs: list[dict[str, Any]]) -> list[EvidenceView]:
    views = []
    for n, spec in enumerate(specs, 1):
        signal = Signal(spec["signal"])
        published = _moment(spec["published"])
        window = spec.get("forecast")
        expr = None if window is None else DateExpr("x", window[0], window[1], Grain.MONTH)
        verdict = spec.get("verdict", forecast_verdict(c, signal, expr, published.date()))
        forecast = None if expr is None else Forecast(expr.start, expr.end, f"{expr.start}")
        views.append(
            EvidenceView(
                n,
                signal,
                verdict,
                forecast,
                published,
                spec.get("source", "feed"),
                spec.get("alerting", True),
            )
        )
    return views


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_decide(case: dict[str, Any]) -> None:
    c = _commitment(case.get("commitment", {}))
    human = None
    if "human" in case:
        h = case["human"]
        human = HumanCall(Status(h["status"]), _moment(h["at"]), h.get("note"))
    decision = decide(
        c,
        _evidence(c, case.get("evidence", [])),
        _moment(case["now"]),
        dependencies={k: Status(v) for k, v in case.get("dependencies", {}).items()},
        quiet_dependencies=case.get("quiet_dependencies", ()),
        coverage_ok=case.get("coverage_ok", True),
        human=human,
        corroboration=case.get("corroboration", 1),
    )
    want = case["expect"]
    assert decision.status == Status(want["status"]), decision.reason
    if "alert" in want:
        assert decision.alert == want["alert"]
    if "key" in want:
        assert decision.alert_key == want["key"]
    if "reason" in want:
        assert want["reason"] in decision.reason
    if "evidence" in want:
        assert decision.evidence_id == want["evidence"]
    if "forecast" in want:
        got = (
            None if decision.forecast is None else [decision.forecast.start, decision.forecast.end]
        )
        assert got == want["forecast"]
    if "alerting" in want:
        assert decision.alerting is want["alerting"]


def test_overdue_at_is_utc_midnight_after_grace() -> None:
    c = _commitment({})
    due = overdue_at(c)
    assert due == datetime(2026, 10, 1, tzinfo=UTC)
    assert due is not None and due.utcoffset() == timedelta(0)
    assert overdue_at(_commitment({"deadline": None})) is None


def test_decision_does_not_depend_on_the_clock_zone() -> None:
    """The same instant in any zone gives the same status."""
    c = _commitment({"grace_days": 0})
    instant = datetime(2026, 9, 1, tzinfo=UTC)
    evidence = _evidence(c, [{"signal": "mention", "published": date(2026, 8, 25)}])
    zones = ("Europe/Paris", "Asia/Baku", "America/New_York", "Pacific/Kiritimati")
    statuses = {decide(c, evidence, instant.astimezone(ZoneInfo(z))).status for z in zones}
    assert statuses == {Status.OVERDUE}
    before = {
        decide(c, evidence, (instant - timedelta(seconds=1)).astimezone(ZoneInfo(z))).status
        for z in zones
    }
    assert before == {Status.ON_TRACK}


@pytest.mark.parametrize(
    "silent_after_days, expected", [(30, Status.AT_RISK), (60, Status.ON_TRACK)]
)
def test_silence_counts_from_the_configured_horizon(
    silent_after_days: int, expected: Status
) -> None:
    """Twenty days before the window ends, the last report is forty days old: silent only
    when `alerts.silent_after` is shorter than that."""
    c = _commitment({})
    evidence = [
        EvidenceView(1, Signal.MENTION, None, None, datetime(2026, 7, 2, tzinfo=UTC), "feed")
    ]
    decision = decide(
        c,
        evidence,
        datetime(2026, 8, 12, tzinfo=UTC),
        silent_after=timedelta(days=silent_after_days),
    )
    assert decision.status == expected
    if expected == Status.AT_RISK:
        assert decision.alert == "commitment.silent"
