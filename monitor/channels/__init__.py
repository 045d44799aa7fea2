"""Delivery channels: one attempt per call, the outcome classified by raising.

A channel returns a `Receipt` on success and raises `TransientDeliveryError` (retry later,
maybe with `retry_after`), `PermanentDeliveryError` or `EndpointGoneError` otherwise. Retry
policy, leases and dead-lettering belong to the outbox, never to a channel.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from monitor.errors import ConfigError
from monitor.netguard import Guard, Resolver


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


class TlsMode(StrEnum):
    NONE = "none"
    STARTTLS = "starttls"
    SSL = "ssl"


@dataclass(frozen=True, kw_only=True)
class EmailConfig:
    """An SMTP channel; `tls` is none|starttls|ssl, and starttls is required when chosen."""

    name: str
    host: str
    port: int = 587
    tls: str = TlsMode.STARTTLS
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    from_addr: str
    to: tuple[str, ...]
    timeout: float = 20.0
    verify_tls: bool = True
    ca_file: str | None = None  # extra trust anchor, e.g. a private CA or a test certificate

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "tls", TlsMode(self.tls))
        except ValueError:
            raise ConfigError(
                f"channel {self.name}: tls must be none, starttls or ssl, not {self.tls!r}"
            ) from None
        if not self.to:
            raise ConfigError(f"channel {self.name}: no recipients in `to`")
        for address in (self.from_addr, *self.to):
            if _CONTROL.search(address):
                raise ConfigError(f"channel {self.name}: control character in address")
        if self.timeout <= 0:
            raise ConfigError(f"channel {self.name}: timeout must be positive")


@dataclass(frozen=True, kw_only=True)
class WebhookConfig:
    """A Standard Webhooks endpoint; several secrets (rotation) yield several signatures."""

    name: str
    url: str
    secret: str | tuple[str, ...] = field(repr=False)
    timeout: float = 20.0
    # Checked at connect time (polling.ssrf_guard); None connects anywhere.
    guard: Guard | None = field(default=None, repr=False, compare=False)
    resolver: Resolver | None = field(default=None, repr=False, compare=False)  # tests inject DNS

    def __post_init__(self) -> None:
        parts = urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigError(f"channel {self.name}: webhook url must be http(s)://host/...")
        if not self.secrets:
            raise ConfigError(f"channel {self.name}: webhook secret is empty")
        for secret in self.secrets:
            signing_key(secret, self.name)  # raises ConfigError without echoing the secret
        if self.timeout <= 0:
            raise ConfigError(f"channel {self.name}: timeout must be positive")

    @property
    def secrets(self) -> tuple[str, ...]:
        return (self.secret,) if isinstance(self.secret, str) else tuple(self.secret)


@dataclass(frozen=True, kw_only=True)
class AppriseConfig:
    """Any service Apprise knows (Slack, Teams, ntfy, ...), by its Apprise URLs."""

    name: str
    urls: tuple[str, ...] = field(repr=False)  # Apprise URLs embed tokens

    def __post_init__(self) -> None:
        if not self.urls:
            raise ConfigError(f"channel {self.name}: apprise needs at least one url")


ChannelConfig = EmailConfig | WebhookConfig | AppriseConfig


class Channel(Protocol):
    name: str

    def send(self, message: Message, now: datetime) -> Receipt:
        """Deliver once; raise a DeliveryError subclass when not delivered."""
        ...


def build_channel(config: ChannelConfig) -> Channel:
    """The channel object for one configured channel."""
    # Imported here because the channel modules import this package's dataclasses.
    from monitor.channels.apprise import AppriseChannel
    from monitor.channels.email import EmailChannel
    from monitor.channels.webhook import WebhookChannel

    factories: dict[type, Callable[[Any], Channel]] = {
        EmailConfig: EmailChannel,
        WebhookConfig: WebhookChannel,
        AppriseConfig: AppriseChannel,
    }
    return factories[type(config)](config)


def signing_key(secret: str, channel: str = "webhook") -> bytes:
    """The HMAC key of a `whsec_<base64>` secret; ConfigError (secret not echoed) if malformed."""
    prefix = "whsec_"
    if not secret.startswith(prefix):
        raise ConfigError(f"channel {channel}: webhook secret must start with {prefix}")
    try:
        key = base64.b64decode(secret[len(prefix) :], validate=True)
    except (binascii.Error, ValueError):
        raise ConfigError(f"channel {channel}: webhook secret is not valid base64") from None
    if len(key) < 16:
        raise ConfigError(f"channel {channel}: webhook secret shorter than 16 bytes")
    return key


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_MASK = "***"


def redact_url(url: str) -> str:
    """The URL with credentials and query values masked, fit for logs and error messages."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "<unparseable url>"
    if ":" in host:
        host = f"[{host}]"
    userinfo = f"{_MASK}@" if parts.username or parts.password else ""
    query = "&".join(f"{key}={_MASK}" for key, _ in parse_qsl(parts.query, keep_blank_values=True))
    return urlunsplit((parts.scheme, f"{userinfo}{host}{port}", parts.path, query, ""))


def scrub(text: str, secrets: Iterable[str]) -> str:
    """`text` with every secret (and URL-embedded credential) replaced by a mask."""
    for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
        text = text.replace(secret, _MASK)
    return text


def url_secrets(url: str) -> list[str]:
    """The parts of a URL that must not appear in messages: userinfo and query values."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return [url]
    found = [parts.username or "", parts.password or "", parts.query]
    found += [value for _, value in parse_qsl(parts.query, keep_blank_values=True)]
    return [item for item in found if len(item) >= 3]
