"""The SSRF guard on webhook deliveries: addresses are resolved and checked at connect time.

Only 127.0.0.1 is ever connected to; 127.0.0.2 stands for an internal address the guard must
refuse (the allow lists below never cover it). Names resolve through build_channel's resolver hook.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlmodel import select

from monitor.alerts.channels import build_channel
from monitor.alerts.channels.webhook import WebhookChannel
from monitor.alerts.deliver import Dispatcher
from monitor.alerts.message import Message
from monitor.cli.main import main
from monitor.core.channel_config import WebhookConfig
from monitor.errors import PermanentDeliveryError
from monitor.net.netguard import Guard, guard_from
from monitor.service.config import load_config
from monitor.store.tables import DeliveryRow
from tests.alertkit import setup, storm
from tests.conftest import write_config
from tests.webhookreceiver import WebhookReceiver

SECRET = "whsec_" + base64.b64encode(b"guarded-secret-key-0123456789ab").decode()
LOOPBACK = ["127.0.0.1/32"]
MESSAGE = Message(
    alert_id="alrt_guard",
    kind="commitment.slipped",
    created_at=datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
    data={"commitment": "zangezur-opening", "status": "slipped"},
)


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    with WebhookReceiver(SECRET) as hook:
        yield hook


class FakeDns:
    """Answers every name with fixed addresses and counts the look-ups."""

    def __init__(self, *addresses: str) -> None:
        self.addresses = list(addresses)
        self.asked: list[tuple[str, int]] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.asked.append((host, port))
        return self.addresses


def guarded(url: str, allow: list[str], dns: FakeDns | None = None) -> WebhookChannel:
    config = WebhookConfig(name="hook", url=url, secret=SECRET, timeout=2.0)
    built = build_channel(config, Guard(allow=allow), dns)
    assert isinstance(built, WebhookChannel)
    return built


def named(url: str, host: str) -> str:
    """`url` (on 127.0.0.1) with its host replaced by a name, keeping the port."""
    return url.replace("127.0.0.1", host, 1)


# (id, host in the URL, addresses the name resolves to, allow list, delivered?)
CASES = [
    ("loopback-refused-by-default", None, (), [], False),
    ("loopback-allowed", None, (), LOOPBACK, True),
    ("name-to-disallowed-address", "hooks.example.test", ("127.0.0.2",), LOOPBACK, False),
    (
        "name-mixing-allowed-and-disallowed",
        "hooks.example.test",
        ("127.0.0.1", "127.0.0.2"),
        LOOPBACK,
        False,
    ),
    ("name-to-allowed-address", "hooks.example.test", ("127.0.0.1",), LOOPBACK, True),
    ("allowed-by-host-name", "hooks.example.test", ("127.0.0.1",), ["hooks.example.test"], True),
]


@pytest.mark.parametrize(
    "host, addresses, allow, delivered", [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_guard_decides_at_connect_time(
    receiver: WebhookReceiver,
    host: str | None,
    addresses: tuple[str, ...],
    allow: list[str],
    delivered: bool,
) -> None:
    dns = FakeDns(*addresses) if host else None
    url = named(receiver.url, host) if host else receiver.url
    hook = guarded(url, allow, dns)
    if delivered:
        assert hook.send(MESSAGE, datetime.now(UTC)).detail == "HTTP 200"
        [request] = receiver.requests
        assert request.verified, request.error
    else:
        with pytest.raises(PermanentDeliveryError, match="blocked by the SSRF guard") as caught:
            hook.send(MESSAGE, datetime.now(UTC))
        assert "127.0.0." in str(caught.value)  # names the refused address
        assert receiver.requests == [], "nothing may be sent to a blocked address"
    if dns is not None:  # resolved by the guarded connection itself, with the URL's port
        assert dns.asked == [("hooks.example.test", urlsplit(receiver.url).port)]


def test_each_connection_is_checked_again(receiver: WebhookReceiver) -> None:
    """A name that rebinds to an internal address between deliveries is refused the second time."""
    dns = FakeDns("127.0.0.1")
    hook = guarded(named(receiver.url, "hooks.example.test"), LOOPBACK, dns)
    assert hook.send(MESSAGE, datetime.now(UTC)).detail == "HTTP 200"
    hook._session.close()  # drop the kept-alive connection so the next send reconnects
    dns.addresses = ["127.0.0.2"]
    with pytest.raises(PermanentDeliveryError, match="blocked by the SSRF guard"):
        hook.send(MESSAGE, datetime.now(UTC))
    assert len(receiver.requests) == 1 and len(dns.asked) == 2


@pytest.mark.parametrize(
    "polling, delivered",
    [
        ({}, True),
        ({"ssrf_guard": True}, False),
        ({"ssrf_guard": True, "ssrf_allow": LOOPBACK}, True),
    ],
    ids=["guard-off", "guard-on", "guard-on-loopback-allowed"],
)
def test_polling_switch_guards_webhook_channels(
    tmp_path: Path,
    receiver: WebhookReceiver,
    polling: dict[str, object],
    delivered: bool,
) -> None:
    cfg = write_config(
        tmp_path,
        database_url="sqlite:///unused.db",
        polling=polling,
        channels={"hooks": {"type": "webhook", "url": receiver.url, "secret": SECRET}},
    )
    loaded = load_config(cfg)
    config = loaded.channels["hooks"].config
    assert isinstance(config, WebhookConfig)
    guard = guard_from(loaded.settings.poll)
    assert (guard is None) == (polling == {})
    hook = build_channel(config, guard)
    if delivered:
        assert hook.send(MESSAGE, datetime.now(UTC)).detail == "HTTP 200"
    else:
        with pytest.raises(PermanentDeliveryError, match="blocked by the SSRF guard"):
            hook.send(MESSAGE, datetime.now(UTC))
    assert len(receiver.requests) == int(delivered)


@pytest.mark.parametrize(
    "polling, delivered",
    [
        ({"ssrf_guard": True}, False),
        ({"ssrf_guard": True, "ssrf_allow": LOOPBACK}, True),
    ],
    ids=["guard-on", "guard-on-loopback-allowed"],
)
def test_the_wired_service_guards_webhooks(
    tmp_path: Path,
    receiver: WebhookReceiver,
    capsys: pytest.CaptureFixture[str],
    polling: dict[str, object],
    delivered: bool,
) -> None:
    """The Dispatcher and `monitor alerts test` build the guard from the polling settings."""
    channels = {
        "hooks": {"type": "webhook", "url": receiver.url, "secret": SECRET, "retry": ["0s", "1m"]}
    }
    cfg, config, store = setup(
        tmp_path / "cfg", f"sqlite:///{tmp_path / 'm.db'}", channels, polling=polling
    )
    [aid] = storm(store, config, 1, datetime.now(UTC))
    Dispatcher(store, config, "a").deliver(lambda: datetime.now(UTC))
    with store.read() as s:
        row = s.exec(select(DeliveryRow).where(DeliveryRow.alert_id == aid)).one()
    store.close()
    assert row.state == ("sent" if delivered else "dead")
    assert delivered or "blocked by the SSRF guard" in (row.last_error or "")

    capsys.readouterr()
    assert main(["--config", str(cfg), "alerts", "test", "hooks"]) == (0 if delivered else 1)
    assert ("delivered" if delivered else "blocked by the SSRF guard") in capsys.readouterr().out
    assert len(receiver.requests) == 2 * int(delivered)
