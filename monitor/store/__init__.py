"""The database: engine set-up (SQLite WAL + BEGIN IMMEDIATE, or PostgreSQL), schema, sessions.

`Store.write()` is the one way to change state: a transaction that takes the write lock at once on
SQLite (no "database is locked" surprises mid-transaction) and commits or rolls back as a whole.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, SQLModel, create_engine

from monitor.errors import StorageError
from monitor.store import tables  # noqa: F401 - registers the tables on SQLModel.metadata

log = logging.getLogger(__name__)
BUSY_TIMEOUT_MS = 30_000
_SNAPSHOT = "monitor_snapshot"  # execution option: a read-only transaction (plain BEGIN)


def utc(moment: datetime | None) -> datetime | None:
    """A datetime read from the database as aware UTC (None stays None)."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def stamp(moment: datetime) -> datetime:
    """A datetime to store: aware, in UTC (naive input is taken to be UTC already)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def iso(moment: datetime | None) -> str | None:
    """A stored datetime as ISO 8601 in UTC, for output and dedupe keys (None stays None)."""
    aware = utc(moment)
    return aware.isoformat() if aware else None


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        # Take transaction control from the driver so BEGIN IMMEDIATE can be issued below.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # A snapshot (Store.snapshot) only reads: WAL lets it run beside a writer, unlocked.
        snapshot = conn.get_execution_options().get(_SNAPSHOT)
        conn.exec_driver_sql("BEGIN" if snapshot else "BEGIN IMMEDIATE")


class Store:
    """An open database with its schema in place."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name

    @classmethod
    def open(cls, url: str) -> Store:
        """Connect, configure and create the schema if it is missing."""
        try:
            parsed = make_url(url)
        except Exception as exc:  # SQLAlchemy raises ArgumentError and ValueError here
            raise StorageError(f"invalid database URL: {exc}") from None
        kwargs: dict[str, Any] = {"pool_pre_ping": True}
        if parsed.get_backend_name() == "sqlite":
            if parsed.database and parsed.database != ":memory:":
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            kwargs["connect_args"] = {"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
        elif parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        try:
            engine = create_engine(parsed, **kwargs)
        except Exception as exc:  # a missing driver, an unknown dialect
            shown = parsed.difference_update_query(["password"]).render_as_string()
            raise StorageError(f"cannot use database {shown}: {exc}") from None
        if engine.dialect.name == "sqlite":
            _sqlite_pragmas(engine)
        store = cls(engine)
        store.create_schema()
        return store

    def create_schema(self) -> None:
        try:
            with self.engine.begin() as conn:
                if self.dialect == "postgresql":
                    # Several instances may start together: one creates, the others wait.
                    conn.execute(text("SELECT pg_advisory_xact_lock(7311001)"))
                SQLModel.metadata.create_all(conn)
        except SQLAlchemyError as exc:
            raise StorageError(f"database unusable: {exc.__class__.__name__}: {exc}") from exc

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose work commits together, or not at all."""
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def exclusive(self, name: str) -> Iterator[Session]:
        """A write transaction that no other process runs under the same `name` at once:
        SQLite's BEGIN IMMEDIATE already serialises writers; PostgreSQL takes an advisory lock."""
        with self.write() as session:
            if self.dialect == "postgresql":
                key = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
                session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def snapshot(self) -> Iterator[Session]:
        """A read-only session that never waits for writers: on SQLite a deferred transaction
        (a WAL snapshot) instead of the write lock every other session takes. For the web."""
        with Session(self.engine.execution_options(**{_SNAPSHOT: True})) as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def insert_ignore(session: Session, table: Any, values: dict[str, Any], key: list[str]) -> bool:
    """INSERT … ON CONFLICT DO NOTHING; True when a row was inserted."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        stmt: Any = pg_insert(table).values(**values).on_conflict_do_nothing(index_elements=key)
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        stmt = sqlite_insert(table).values(**values).on_conflict_do_nothing(index_elements=key)
    # RETURNING, not rowcount: some drivers report -1 for ON CONFLICT statements.
    returned = session.execute(stmt.returning(*table.__table__.primary_key.columns)).first()
    return returned is not None
