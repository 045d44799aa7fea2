"""What every handler shares: the store, the configuration, the clock, the auth, the templates,
and the secrets that must never be rendered."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment
from prometheus_client.registry import CollectorRegistry
from starlette.requests import Request

from monitor.alerts.redact import scrub, url_secrets
from monitor.core.channel_config import AppriseConfig, EmailConfig, WebhookConfig
from monitor.core.commitment import Commitment
from monitor.core.settings import Config
from monitor.store import Store
from monitor.web.auth import Auth

# Under `monitor run`: whether the scheduler ticked lately, and the details for /healthz.
Liveness = Callable[[], tuple[bool, dict[str, Any]]]


@dataclass
class Web:
    store: Store
    config: Config
    defs: dict[str, Commitment]  # the configured commitments by id
    clock: Callable[[], datetime]
    auth: Auth
    templates: Environment
    registry: CollectorRegistry
    liveness: Liveness | None
    secrets: tuple[str, ...]
    # The last calendar built, by a digest of what went into it: icalendar takes about a
    # millisecond an event, so an unchanged calendar is served from here (and as 304).
    calendar: tuple[str, bytes] | None = None

    def scrub(self, value: Any) -> Any:
        """`value` (str, list or dict, recursively) with every known secret masked."""
        if isinstance(value, str):
            return scrub(value, self.secrets) if self.secrets else value
        if isinstance(value, list):
            return [self.scrub(v) for v in value]
        if isinstance(value, dict):
            return {k: self.scrub(v) for k, v in value.items()}
        return value


def web(request: Request) -> Web:
    state: Web = request.app.state.web
    return state


def _channel_secrets(config: Config) -> Iterable[str]:
    for channel in config.channels.values():
        c = channel.config
        if isinstance(c, EmailConfig):
            yield c.password or ""
        elif isinstance(c, WebhookConfig):
            yield from c.secrets
            yield from url_secrets(c.url)
        elif isinstance(c, AppriseConfig):
            for url in c.urls:
                yield url
                yield from url_secrets(url)


def config_secrets(config: Config, token: str | None) -> tuple[str, ...]:
    """Every secret the configuration holds: channel passwords, signing secrets, Apprise URLs,
    the database password, the web token. Short strings are left out (they would mask words)."""
    found = [*_channel_secrets(config), token or ""]
    with contextlib.suppress(ValueError):
        found.append(urlsplit(config.settings.database_url).password or "")
    return tuple(sorted({s for s in found if len(s) >= 4}, key=len, reverse=True))
