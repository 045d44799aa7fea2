"""Delivery channels: one attempt per call, the outcome classified by raising.

A channel returns a `Receipt` on success and raises `TransientDeliveryError` (retry later,
maybe with `retry_after`), `PermanentDeliveryError` or `EndpointGoneError` otherwise. Retry
policy, leases and dead-lettering belong to the outbox, never to a channel.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol

from monitor.alerts.message import Message, Receipt
from monitor.core.channel_config import AppriseConfig, ChannelConfig, EmailConfig, WebhookConfig
from monitor.net.netguard import Guard, Resolver


class Channel(Protocol):
    name: str

    def send(self, message: Message, now: datetime) -> Receipt:
        """Deliver once; raise a DeliveryError subclass when not delivered."""
        ...


def build_channel(
    config: ChannelConfig, guard: Guard | None = None, resolver: Resolver | None = None
) -> Channel:
    """The sender for one configured channel. `guard` (None: connect anywhere) checks every
    address a webhook connects to; `resolver` replaces DNS, for tests."""
    # Deferred so that importing the package does not load Apprise, Jinja and requests.
    from monitor.alerts.channels.apprise import AppriseChannel
    from monitor.alerts.channels.email import EmailChannel
    from monitor.alerts.channels.webhook import WebhookChannel

    factories: dict[type, Callable[[Any], Channel]] = {
        EmailConfig: EmailChannel,
        WebhookConfig: lambda c: WebhookChannel(c, guard, resolver),
        AppriseConfig: AppriseChannel,
    }
    return factories[type(config)](config)
