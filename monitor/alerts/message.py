"""The alert message a channel sends, the receipt it returns, and the JSON envelope
{"type", "timestamp", "data"} shared by the outbox row and the webhook body.

No channel or network code here: rendering and channels build on this module, never the reverse.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any


@dataclass(frozen=True)
class Message:
    """What the outbox hands a channel; `alert_id` is stable across retries."""

    alert_id: str
    kind: str
    created_at: datetime
    data: dict[str, Any]


@dataclass(frozen=True)
class Receipt:
    """A successful attempt: a short human-readable detail and any refused recipients."""

    detail: str
    refused: Mapping[str, str] = field(default_factory=dict)


def timestamp(moment: datetime) -> str:
    """ISO 8601 in UTC with a `Z` suffix, as the envelope carries it."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def envelope(message: Message) -> dict[str, Any]:
    """The message as the contract's JSON object: {"type", "timestamp", "data"}."""
    return {"type": message.kind, "timestamp": timestamp(message.created_at), "data": message.data}
