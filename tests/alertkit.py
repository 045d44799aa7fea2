"""Shared pieces of the alert-delivery tests: channel specs for the loopback servers, a config +
store in one call, an alert storm written through the real outbox, and what a receiver got."""

from __future__ import annotations

import base64
import json
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

from monitor.alerts.outbox import enqueue
from monitor.core.settings import Config
from monitor.service.config import load_config
from monitor.store import Store
from tests.conftest import write_config
from tests.webhookreceiver import WebhookReceiver

SECRET = "whsec_" + base64.b64encode(b"alert-delivery-tests-secret-0123").decode()
FAST_RETRY = ["0s", "1m", "5m"]


def hook(url: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": "webhook",
        "url": url,
        "secret": SECRET,
        "timeout": "2s",
        "retry": FAST_RETRY,
        **extra,
    }


def mail(port: int, **extra: Any) -> dict[str, Any]:
    return {
        "type": "email",
        "host": "127.0.0.1",
        "port": port,
        "tls": "none",
        "from": "monitor@test.example",
        "to": ["analyst@test.example"],
        "timeout": "2s",
        "retry": FAST_RETRY,
        **extra,
    }


def setup(
    directory: Path, db_url: str, channels: dict[str, Any], **kwargs: Any
) -> tuple[Path, Config, Store]:
    """A config directory (no feeds unless given), its Config, and the opened Store."""
    path = write_config(directory, database_url=db_url, channels=channels, **kwargs)
    config = load_config(path)
    return path, config, Store.open(config.settings.database_url)


def storm(store: Store, config: Config, n: int, now: datetime, prefix: str = "storm") -> list[str]:
    """`n` distinct alerts enqueued in one transaction, as one feed refresh would."""
    ids = []
    with store.write() as s:
        for i in range(n):
            aid = enqueue(
                s,
                config,
                kind="commitment.at_risk",
                dedupe_key=f"{prefix}:{i}",
                data={"title": f"Item {i}", "status": "at_risk"},
                now=now,
            )
            assert aid is not None
            ids.append(aid)
    return ids


def received(receiver: WebhookReceiver) -> list[tuple[str, str, list[str]]]:
    """(webhook-id, type, member alert ids) per request; a single alert is its own member."""
    out = []
    for r in receiver.requests:
        assert r.verified, r.error
        body = json.loads(r.body)
        members = [a["id"] for a in body["data"].get("alerts", [])] or [r.headers["webhook-id"]]
        out.append((r.headers["webhook-id"], body["type"], members))
    return out


def member_counts(receiver: WebhookReceiver) -> Counter[str]:
    return Counter(m for _, _, members in received(receiver) for m in members)
