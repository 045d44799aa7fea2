"""Database tables (SQLModel). Definitions come from YAML; these rows hold state and history.

Times are aware UTC datetimes (SQLModel stores them as UTC on SQLite and timestamptz on
PostgreSQL); write them through `monitor.store.stamp`.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


class CommitmentRow(SQLModel, table=True):
    __tablename__ = "commitment"
    id: str = Field(primary_key=True, max_length=120)
    title: str
    deadline_text: str | None = None
    deadline_start: date | None = None
    deadline_end: date | None = None
    status: str = Field(default="pending", index=True)
    status_since: datetime | None = None
    forecast_start: date | None = None
    forecast_end: date | None = None
    forecast_text: str | None = None
    archived: bool = False
    acked_at: datetime | None = None
    snoozed_until: datetime | None = None
    version: int = 0  # bumped on every status change: compare-and-set guard
    updated_at: datetime | None = None


class FeedRow(SQLModel, table=True):
    __tablename__ = "feed"
    id: int | None = Field(default=None, primary_key=True)
    # The URL as written in feeds.yaml (the sync key) and the URL fetched now (after a 301).
    source_url: str = Field(sa_column=Column(Text, unique=True, nullable=False))
    url: str = Field(sa_column=Column(Text, nullable=False))
    name: str | None = None
    title: str | None = None
    lang: str | None = None
    interval_s: int = 1800
    etag: str | None = Field(default=None, sa_column=Column(Text))
    last_modified: str | None = None
    next_poll_at: datetime | None = Field(default=None, index=True)
    retry_after_until: datetime | None = None  # a server's Retry-After: even --all waits
    lease_owner: str | None = None
    lease_until: datetime | None = None
    failures: int = 0
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    last_error_kind: str | None = None
    last_status: int | None = None
    last_success_at: datetime | None = None
    last_polled_at: datetime | None = None
    failing_since: datetime | None = None
    state: str = "ok"
    archived: bool = False
    redirect_url: str | None = Field(default=None, sa_column=Column(Text))
    redirect_seen: int = 0
    items_seen: int = 0


class ItemRow(SQLModel, table=True):
    __tablename__ = "item"
    __table_args__ = (UniqueConstraint("feed_id", "key"),)
    id: int | None = Field(default=None, primary_key=True)
    feed_id: int = Field(foreign_key="feed.id", index=True)
    key: str = Field(max_length=200)
    guid: str | None = Field(default=None, sa_column=Column(Text))
    link: str | None = Field(default=None, sa_column=Column(Text))
    title: str = Field(sa_column=Column(Text, nullable=False))
    text: str = Field(sa_column=Column(Text, nullable=False))
    published: datetime | None = None
    fetched_at: datetime = Field(index=True)
    lang: str | None = None
    fingerprint: str = Field(index=True, max_length=64)
    history: bool = False  # older than the backfill window on the feed's first fetch
    # Near-duplicate grouping (monitor.feeds.ingest): the SimHash of the opening words as 16 hex
    # digits, and the story this item belongs to (equal across reprints in several feeds).
    sketch: str | None = Field(default=None, max_length=16)
    story: str | None = Field(default=None, index=True, max_length=64)


class EvidenceRow(SQLModel, table=True):
    __tablename__ = "evidence"
    __table_args__ = (UniqueConstraint("commitment_id", "item_id"),)
    id: int | None = Field(default=None, primary_key=True)
    commitment_id: str = Field(foreign_key="commitment.id", index=True)
    item_id: int = Field(foreign_key="item.id", index=True)
    signal: str
    verdict: str | None = None  # slip | at_risk | consistent | history
    quote: str = Field(sa_column=Column(Text, nullable=False))
    forecast_start: date | None = None
    forecast_end: date | None = None
    forecast_text: str | None = None
    quantity_value: float | None = None
    quantity_unit: str | None = None
    score: float = 0.0
    terms: str = ""
    lang: str | None = None
    published: datetime
    created_at: datetime
    alerting: bool = True  # False for history (backfill, before the promise): no alerts


class StatusChangeRow(SQLModel, table=True):
    __tablename__ = "status_change"
    id: int | None = Field(default=None, primary_key=True)
    commitment_id: str = Field(foreign_key="commitment.id", index=True)
    from_status: str
    to_status: str
    reason: str = Field(sa_column=Column(Text, nullable=False))
    evidence_id: int | None = Field(default=None, foreign_key="evidence.id")
    at: datetime
    confirmed_by: str = "rule"  # rule | human
    note: str | None = Field(default=None, sa_column=Column(Text))


class AlertRow(SQLModel, table=True):
    __tablename__ = "alert"
    id: str = Field(primary_key=True, max_length=40)
    kind: str = Field(index=True)
    commitment_id: str | None = Field(default=None, index=True)
    feed_id: int | None = None
    dedupe_key: str = Field(sa_column=Column(Text, unique=True, nullable=False))
    payload: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(index=True)
    acked_at: datetime | None = None
    ack_note: str | None = None


class DeliveryRow(SQLModel, table=True):
    __tablename__ = "delivery"
    __table_args__ = (UniqueConstraint("alert_id", "channel"),)
    id: int | None = Field(default=None, primary_key=True)
    alert_id: str = Field(foreign_key="alert.id", index=True)
    channel: str
    state: str = Field(default="pending", index=True)
    attempts: int = 0
    next_attempt_at: datetime | None = Field(default=None, index=True)
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    lease_owner: str | None = None
    lease_until: datetime | None = None
    sent_at: datetime | None = None
    group_id: str | None = None  # the group/digest alert that carries this one
    held: bool = False  # over max_per_hour: travels in the next hourly digest


class ChannelStateRow(SQLModel, table=True):
    __tablename__ = "channel_state"
    name: str = Field(primary_key=True)
    disabled_at: datetime | None = None
    reason: str | None = Field(default=None, sa_column=Column(Text))


class SilenceRow(SQLModel, table=True):
    __tablename__ = "silence"
    id: int | None = Field(default=None, primary_key=True)
    commitment_id: str | None = None
    kind: str | None = None
    until: datetime
    note: str | None = None
    created_at: datetime
