"""Forecast history: `monitor status ID` prints the dated reports as a table and a milestone
trend chart (forecast vs report date) with the deadline marked; `--json` carries the changes and
the evidence with its sources."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from monitor.cli.commands.status import chart
from monitor.cli.main import main
from monitor.service.config import load_config
from monitor.service.sync import sync_definitions
from monitor.store import Store
from tests.conftest import write_config
from tests.test_tracker import AZ, News, add_news, run_evaluation

NOW = datetime(2026, 1, 5, tzinfo=UTC)
SECTION = "Construction of the Horadiz–Aghband railway on Azerbaijani territory"
REPORTS = [  # the Azerbaijani section, announced for 2023, then 2024, then 2025, then "by 2026"
    News(
        "Zangezur railway: Azerbaijani section to be built by 2023",
        f"{SECTION} will be completed in 2023, the ministry said.",
        datetime(2021, 6, 1, tzinfo=UTC),
        feed="azertag",
        history=True,
    ),
    News(
        "Zangezur railway construction postponed to 2024",
        f"{SECTION} has been postponed to 2024.",
        datetime(2022, 9, 15, tzinfo=UTC),
        feed="trend",
        history=True,
    ),
    News(
        "Zangezur railway now expected in 2025",
        f"{SECTION} is now expected to be completed in 2025.",
        datetime(2024, 2, 10, tzinfo=UTC),
        feed="apa",
        history=True,
    ),
    News(
        "Zangezur corridor: Azerbaijani section by 2026",
        "Construction of the Zangezur corridor on Azerbaijani territory will be completed by "
        "2026, Baku said.",
        datetime(2025, 12, 1, tzinfo=UTC),
        feed="azertag",
    ),
]


@pytest.fixture
def config_dir(db_url: str, tmp_path: Path) -> Path:
    directory = write_config(tmp_path / "config", database_url=db_url)
    config = load_config(directory)
    store = Store.open(db_url)
    sync_definitions(store, config, NOW)
    add_news(store, config, list(reversed(REPORTS)), NOW)  # stored out of order on purpose
    run_evaluation(store, config, NOW)
    store.close()
    return directory


def _status(config_dir: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    capsys.readouterr()
    assert main(["--config", str(config_dir), "--now", NOW.isoformat(), "status", AZ, *extra]) == 0
    return capsys.readouterr().out


def test_table_lists_reports_in_date_order(
    config_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _status(config_dir, capsys)
    assert "status   on_track" in out
    table = out.split("Forecast history")[1].split("\n\n")[0].splitlines()[2:]
    assert [line.split()[0] for line in table] == [
        "2021-06-01",
        "2022-09-15",
        "2024-02-10",
        "2025-12-01",
    ]
    assert [line.split("[")[1][:10] for line in table] == [
        "2023-01-01",
        "2024-01-01",
        "2025-01-01",
        "2026-01-01",
    ]
    assert table[0].split()[-2:] == ["history", "azertag"]
    assert table[1].split()[-1] == "trend"
    assert table[3].split()[-2:] == ["consistent", "azertag"]


def test_chart_draws_each_forecast_and_marks_the_deadline(
    config_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _status(config_dir, capsys)
    lines = out.rstrip().splitlines()
    header = next(
        i for i, line in enumerate(lines) if line.lstrip().startswith("report ") and "2023" in line
    )
    rows = lines[header + 1 :]
    assert [r.split()[0] for r in rows] == [
        "2021-06-01",
        "2022-09-15",
        "2024-02-10",
        "2025-12-01",
        "deadline",
    ]
    axis = lines[header]
    firsts = [r.index("#") for r in rows[:4]]
    assert firsts == sorted(firsts) and len(set(firsts)) == 4  # the forecast kept moving right
    for year, row in zip(("2023", "2024", "2025", "2026"), rows[:4], strict=True):
        assert abs(row.index("#") - axis.index(year)) <= 1
    deadline_row = rows[4]
    assert set(deadline_row.split()[1]) == {"="}
    band = range(deadline_row.index("="), deadline_row.rindex("=") + 1)
    assert all(rows[0][i] == ":" for i in band)  # the deadline band shows in every row
    assert abs(band.start - axis.index("2026") - 4 * 60 / 5 / 12) <= 2  # May 2026


def test_json_has_changes_and_evidence_with_sources(
    config_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(_status(config_dir, capsys, "--json"))
    assert data["id"] == AZ and data["status"] == "on_track"
    assert [(c["from"], c["to"], c["by"]) for c in data["changes"]] == [
        ("pending", "on_track", "rule")
    ]
    assert [(e["published"][:10], e["source"], e["verdict"]) for e in data["evidence"]] == [
        ("2021-06-01", "azertag", "history"),
        ("2022-09-15", "trend", "history"),
        ("2024-02-10", "apa", "history"),
        ("2025-12-01", "azertag", "consistent"),
    ]
    assert all(e["url"].startswith("http://127.0.0.1/") and e["quote"] for e in data["evidence"])
    assert data["evidence"][1]["signal"] == "delay"


def test_chart_without_deadline_and_single_point() -> None:
    text = chart(None, [("2026-01-01", "2027-01-01", "2028-01-01")], width=20)
    lines = text.splitlines()
    assert len(lines) == 2 and "deadline" not in text
    assert lines[1].split()[1] == "#" * 20
