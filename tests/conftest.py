"""Shared fixtures: databases (SQLite always, PostgreSQL when MONITOR_TEST_DATABASE_URL is set),
configuration directories built from the shipped config, and paths to the shared corpora."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.faultserver import FaultServer
from tests.smtpserver import SmtpServer
from tests.webhookreceiver import WebhookReceiver

ROOT = Path(__file__).resolve().parents[1]
SHIPPED_CONFIG = ROOT / "config"
SHARED = ROOT.parent / "shared"
PG_URL = os.environ.get("MONITOR_TEST_DATABASE_URL")


def shared_path(*parts: str) -> Path:
    """A path in ../shared, or a skip saying it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared corpus is not beside this checkout)")
    return path


def _pg_schema_url() -> Iterator[str]:
    import sqlalchemy

    schema = f"t_{uuid.uuid4().hex[:10]}"
    engine = sqlalchemy.create_engine(PG_URL)  # type: ignore[arg-type]
    with engine.begin() as conn:
        conn.execute(sqlalchemy.text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_URL else "?"  # type: ignore[operator]
    try:
        yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as conn:
            conn.execute(sqlalchemy.text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: SQLite in tmp_path, or a new PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'monitor.db'}"
        return
    if not PG_URL:
        pytest.skip("PostgreSQL tests skipped: MONITOR_TEST_DATABASE_URL is not set")
    yield from _pg_schema_url()


@pytest.fixture
def pg_schema() -> Iterator[str]:
    """A fresh PostgreSQL schema only (no SQLite variant), or a skip saying why."""
    if not PG_URL:
        pytest.skip("PostgreSQL tests skipped: MONITOR_TEST_DATABASE_URL is not set")
    yield from _pg_schema_url()


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    """A real SMTP server (aiosmtpd) on 127.0.0.1 that accepts and records messages."""
    with SmtpServer() as server:
        yield server


@pytest.fixture
def hooks() -> Iterator[WebhookReceiver]:
    """A webhook receiver on 127.0.0.1 verifying signatures with tests.alertkit.SECRET."""
    from tests.alertkit import SECRET

    with WebhookReceiver(SECRET) as receiver:
        yield receiver


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'monitor.db'}"


def write_config(
    directory: Path,
    *,
    database_url: str,
    feeds: list[dict[str, Any]] | None = None,
    channels: dict[str, Any] | None = None,
    commitments: list[dict[str, Any]] | None = None,
    polling: dict[str, Any] | None = None,
    alerts: dict[str, Any] | None = None,
    routes: list[dict[str, Any]] | None = None,
) -> Path:
    """A configuration directory: the shipped commitments unless given, and what is passed."""
    directory.mkdir(parents=True, exist_ok=True)
    if commitments is None:
        shutil.copy(SHIPPED_CONFIG / "commitments.yaml", directory / "commitments.yaml")
    else:
        (directory / "commitments.yaml").write_text(
            yaml.safe_dump({"commitments": commitments}, allow_unicode=True), encoding="utf-8"
        )
    (directory / "feeds.yaml").write_text(yaml.safe_dump({"feeds": feeds or []}), encoding="utf-8")
    settings: dict[str, Any] = {"database_url": database_url, "channels": channels or {}}
    settings["polling"] = {
        "min_interval": "1m",
        "timeout": "3s",
        "deadline": "5s",
        **(polling or {}),
    }
    if alerts:
        settings["alerts"] = alerts
    if routes:
        settings["routes"] = routes
    (directory / "monitor.yaml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    return directory


@pytest.fixture
def server() -> Iterator[FaultServer]:
    """A loopback fault server (tests/faultserver.py) with no routes yet."""
    with FaultServer() as srv:
        yield srv


@pytest.fixture
def rig(tmp_path: Path, db_url: str) -> Iterator[Callable[..., Any]]:
    """A factory of polling rigs (config + store + Poller) on `db_url`; see tests/test_poll.py."""
    from tests.test_poll import rigs

    with rigs(tmp_path, db_url) as make:
        yield make
