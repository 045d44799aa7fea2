"""Apprise channel: Slack, Teams, Telegram, ntfy, Matrix... through their Apprise URLs.

Apprise reports only how many services failed, not why, so any failure is transient; a
partial failure too, because at-least-once prefers a duplicate on the services that did
receive it over a miss on the others.
"""

from __future__ import annotations

import warnings
from datetime import datetime

import apprise

from monitor.alerts.message import Message, Receipt
from monitor.alerts.render import render
from monitor.core.channel_config import AppriseConfig
from monitor.core.enums import AlertKind
from monitor.errors import ConfigError, TransientDeliveryError

TIMEOUT = 20.0  # seconds Apprise may spend on one notify() call across all services

_NOTIFY_TYPES: dict[str, apprise.NotifyType] = {
    AlertKind.SLIPPED: apprise.NotifyType.WARNING,
    AlertKind.AT_RISK: apprise.NotifyType.WARNING,
    AlertKind.OVERDUE: apprise.NotifyType.FAILURE,
    AlertKind.CANCELLED: apprise.NotifyType.FAILURE,
    AlertKind.FEED_FAILING: apprise.NotifyType.WARNING,
    AlertKind.DELIVERY_FAILED: apprise.NotifyType.FAILURE,
    AlertKind.MET: apprise.NotifyType.SUCCESS,
    AlertKind.FEED_RECOVERED: apprise.NotifyType.SUCCESS,
}


class AppriseChannel:
    """Sends the plain-text rendering to every URL of the channel in one notify() call."""

    def __init__(self, config: AppriseConfig) -> None:
        self.config = config
        self.name = config.name
        self._apprise = apprise.Apprise()
        with warnings.catch_warnings():
            # Apprise 2.3 imports the stdlib `imghdr` shim while loading plugins; the warning
            # is about Python 3.13, not about anything this channel does.
            warnings.filterwarnings("ignore", "'imghdr' is deprecated", DeprecationWarning)
            for index, url in enumerate(config.urls, start=1):
                if not self._apprise.add(url):
                    # The URL itself embeds tokens, so it is identified by position only.
                    raise ConfigError(f"channel {config.name}: apprise url #{index} not understood")

    def send(self, message: Message, now: datetime) -> Receipt:
        rendered = render(message)
        result = self._apprise.notify(
            body=rendered.text,
            title=rendered.subject,
            notify_type=_NOTIFY_TYPES.get(message.kind, apprise.NotifyType.INFO),
            body_format=apprise.NotifyFormat.TEXT,
            timeout=TIMEOUT,
        )
        total = len(result)
        if not result:
            raise TransientDeliveryError(
                f"apprise {self.name}: {result.failed_count} of {total} services failed"
                f" ({result.timeout_count} timed out); status {result.status.name}"
            )
        return Receipt(detail=f"apprise accepted by {total} of {total} services")
