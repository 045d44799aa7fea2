"""What a configured channel is, as plain validated data: no sockets, no guard, no library
clients. The configuration loader builds these; monitor.alerts.channels turns them into senders."""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import urlsplit

from monitor.errors import ConfigError

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


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
    """A Standard Webhooks endpoint; several secrets (rotation) yield several signatures.

    The SSRF guard is not part of it: it is given to monitor.alerts.channels.build_channel.
    """

    name: str
    url: str
    secret: str | tuple[str, ...] = field(repr=False)
    timeout: float = 20.0

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
