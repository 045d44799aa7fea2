"""Email channel against a real aiosmtpd server on 127.0.0.1: success paths, TLS, each fault."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from monitor.alerts.channels import build_channel
from monitor.alerts.channels.email import EmailChannel, message_id
from monitor.alerts.message import Message
from monitor.core.channel_config import EmailConfig
from monitor.errors import (
    ConfigError,
    DeliveryError,
    PermanentDeliveryError,
    TransientDeliveryError,
)
from tests.smtpserver import Certificate, SmtpServer, make_certificate
from tests.test_render import assert_html_inert

HOSTILE = yaml.safe_load((Path(__file__).parent / "data/render/hostile.yaml").read_text("utf-8"))
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
TIMEOUT = 1.0
SLIPPED = Message(
    alert_id="alrt_5f3a9c",
    kind="commitment.slipped",
    created_at=datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
    data={
        "commitment": "zangezur-opening",
        "title": "Zangezur corridor opening",
        "status": "slipped",
        "previous_status": "on_track",
        "deadline": {"text": "à la fin de 2028", "start": "2028-09-01", "end": "2029-01-01"},
        "forecast": {"text": "in 2030", "start": "2030-01-01", "end": "2031-01-01"},
        "evidence": {
            "quote": "The corridor will now open in 2030, the ministry said.",
            "url": "https://news.example/zangezur",
            "title": "Corridor opening delayed",
            "published": "2026-03-02T09:00:00Z",
            "lang": "en",
            "feed": "Example News",
        },
        "history": [
            {"at": "2025-06-01", "status": "pending"},
            {"at": "2026-03-02", "status": "slipped"},
        ],
    },
)


@pytest.fixture(scope="module")
def cert(tmp_path_factory: pytest.TempPathFactory) -> Certificate:
    return make_certificate(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def server() -> Iterator[SmtpServer]:
    with SmtpServer() as smtp:
        yield smtp


def channel(smtp: SmtpServer, **overrides: Any) -> EmailChannel:
    settings: dict[str, Any] = {
        "name": "mail", "host": smtp.host, "port": smtp.port, "tls": "none",
        "from_addr": "Commitment monitor <monitor@example.org>", "to": ("ops@example.org",),
        "timeout": TIMEOUT,
    }  # fmt: skip
    settings.update(overrides)
    built = build_channel(EmailConfig(**settings))
    assert isinstance(built, EmailChannel)
    return built


def test_delivers_multipart_with_stable_ids(server: SmtpServer) -> None:
    receipt = channel(server).send(SLIPPED, NOW)
    channel(server).send(SLIPPED, NOW)  # a retry of the same alert

    assert receipt.detail == "accepted for 1 of 1 recipients" and receipt.refused == {}
    first, again = server.messages
    email = first.message
    assert first.mail_from == "monitor@example.org" and first.rcpt_tos == ("ops@example.org",)
    assert email["Subject"] == "Slipped: Zangezur corridor opening — late 2028 → 2030"
    assert email["Message-ID"] == "<alrt_5f3a9c@commitment-monitor>" == again.message["Message-ID"]
    assert email["Date"] == format_datetime(NOW) == "Mon, 02 Mar 2026 10:00:00 +0000"
    assert email["To"] == "ops@example.org"
    assert email["Auto-Submitted"] == "auto-generated"
    assert email.get_content_type() == "multipart/alternative"
    text = email.get_body(("plain",))
    html = email.get_body(("html",))
    assert text is not None and html is not None
    body = text.get_content()
    for fragment in (
        "“The corridor will now open in 2030, the ministry said.”",
        "<https://news.example/zangezur>",
        "Deadline: late 2028 (“à la fin de 2028”)",
        "Forecast: 2030 (“in 2030”)",
        "Status: on track → slipped",
        "History: 2025-06-01 pending → 2026-03-02 slipped",
    ):
        assert fragment in body
    assert (
        '<a href="https://news.example/zangezur">Corridor opening delayed</a>' in html.get_content()
    )
    assert not first.tls


def test_message_id_is_stable_and_safe() -> None:
    assert message_id("alrt_ab12") == "<alrt_ab12@commitment-monitor>"
    odd = message_id("alrt <x>@y\r\n")
    assert odd == message_id("alrt <x>@y\r\n") and odd.count("@") == 1 and "\n" not in odd


@pytest.mark.parametrize(
    ("tls", "server_side", "login"),
    [
        ("starttls", {"starttls": True}, None),
        ("ssl", {"implicit_tls": True}, None),
        ("starttls", {"starttls": True, "users": {"alerts": "s3cret-pw"}}, "alerts"),
    ],
    ids=["starttls", "implicit-ssl", "starttls-with-auth"],
)
def test_tls_success(
    cert: Certificate, tls: str, server_side: dict[str, Any], login: str | None
) -> None:
    side: dict[str, Any] = {k: cert if v is True else v for k, v in server_side.items()}
    auth = {"username": "alerts", "password": "s3cret-pw"} if login else {}
    with SmtpServer(**side) as smtp:
        channel(smtp, tls=tls, ca_file=str(cert.cert), **auth).send(SLIPPED, NOW)
        [received] = smtp.messages
    assert received.tls is True
    assert received.login == login


def test_starttls_required_but_not_offered_sends_nothing(server: SmtpServer) -> None:
    with pytest.raises(TransientDeliveryError, match="does not offer STARTTLS"):
        channel(server, tls="starttls").send(SLIPPED, NOW)
    assert server.messages == []


def test_untrusted_certificate_is_refused(cert: Certificate) -> None:
    with SmtpServer(starttls=cert) as smtp:
        with pytest.raises(TransientDeliveryError, match="CERTIFICATE_VERIFY_FAILED"):
            channel(smtp, tls="starttls").send(SLIPPED, NOW)  # no ca_file: not trusted
        assert smtp.messages == []


def test_wrong_password_is_permanent_and_not_echoed(cert: Certificate) -> None:
    with SmtpServer(starttls=cert, users={"alerts": "right"}) as smtp:
        send = channel(
            smtp, tls="starttls", ca_file=str(cert.cert), username="alerts", password="canary-pw-77"
        )
        with pytest.raises(PermanentDeliveryError) as caught:
            send.send(SLIPPED, NOW)
    assert " 535 " in str(caught.value)
    assert "canary-pw-77" not in str(caught.value)
    assert "canary-pw-77" not in repr(send.config)


TRANSIENT, PERMANENT = TransientDeliveryError, PermanentDeliveryError
FAULTS = [
    ("silent", {"greeting": "silent"}, TRANSIENT, "timed out"),
    ("421-at-connect", {"greeting": "421"}, TRANSIENT, "421"),
    ("451-at-rcpt", {"refuse": {"ops@example.org": "451 4.3.0 try later"}}, TRANSIENT, "451"),
    ("550-at-rcpt", {"refuse": {"ops@example.org": "550 5.1.1 no such user"}}, PERMANENT, "550"),
    ("552-at-data", {"data_reply": "552 5.3.4 message too big"}, PERMANENT, "552"),
]


@pytest.mark.parametrize(
    ("script", "error", "code"), [f[1:] for f in FAULTS], ids=[f[0] for f in FAULTS]
)
def test_fault_classification(
    server: SmtpServer, script: dict[str, Any], error: type[DeliveryError], code: str
) -> None:
    for key, value in script.items():
        setattr(server, key, value)
    started = time.monotonic()
    with pytest.raises(DeliveryError) as caught:
        channel(server).send(SLIPPED, NOW)
    elapsed = time.monotonic() - started
    assert type(caught.value) is error
    assert code in str(caught.value)
    assert server.messages == []
    assert server.connections == 1
    assert elapsed < TIMEOUT + 0.5
    if script.get("greeting") == "silent":
        assert elapsed >= TIMEOUT * 0.9  # it waited for the explicit timeout, not forever


def test_connection_refused_is_transient() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # bound but not listening: refused
        config = EmailConfig(
            name="m", host="127.0.0.1", port=port, tls="none",
            from_addr="m@example.org", to=("a@example.org",), timeout=TIMEOUT,
        )  # fmt: skip
        with pytest.raises(TransientDeliveryError, match="ConnectionRefusedError"):
            build_channel(config).send(SLIPPED, NOW)


def test_partial_refusal_is_delivered_and_reported(server: SmtpServer) -> None:
    server.refuse["gone@example.org"] = "550 5.1.1 no such user"
    receipt = channel(server, to=("ops@example.org", "gone@example.org")).send(SLIPPED, NOW)
    assert receipt.refused == {"gone@example.org": "550 5.1.1 no such user"}
    assert receipt.detail.startswith("accepted for 1 of 2 recipients; refused gone@example.org")
    [received] = server.messages
    assert received.rcpt_tos == ("ops@example.org",)


@pytest.mark.parametrize(
    ("replies", "error"),
    [
        (("451 4.3.0 later", "550 5.1.1 unknown"), TransientDeliveryError),
        (("550 5.1.1 unknown", "553 5.1.3 bad"), PermanentDeliveryError),
    ],
    ids=["one-temporary-so-retry", "all-permanent"],
)
def test_all_recipients_refused(
    server: SmtpServer, replies: tuple[str, str], error: type[DeliveryError]
) -> None:
    recipients = ("a@example.org", "b@example.org")
    server.refuse.update(zip(recipients, replies, strict=True))
    with pytest.raises(DeliveryError) as caught:
        channel(server, to=recipients).send(SLIPPED, NOW)
    assert type(caught.value) is error
    assert "all recipients refused: a@example.org (" in str(caught.value)
    assert server.messages == []


def hostile_message() -> Message:
    titles, xss = HOSTILE["titles"], HOSTILE["xss"]
    title = titles["crlf-bcc"] + " " + titles["rtl-emoji"] + " " + "x" * 10_000
    data = {
        "title": title,
        "status": "slipped\r\nBcc: s@example.org",
        "evidence": {"quote": " ".join(xss), "url": "javascript:alert(document.cookie)",
                     "title": xss[0], "feed": titles["lf-only"]},
    }  # fmt: skip
    return Message("alrt_hostile", "commitment.slipped", NOW, data)


def test_hostile_content_sends_clean_email(server: SmtpServer) -> None:
    channel(server).send(hostile_message(), NOW)
    [received] = server.messages
    email = received.message
    assert sorted(email.keys()) == sorted(
        ["Subject", "From", "To", "Date", "Message-ID", "Auto-Submitted", "X-Alert-Kind",
         "Content-Type", "MIME-Version"]
    )  # fmt: skip
    assert received.rcpt_tos == ("ops@example.org",)
    subject = email["Subject"]
    assert "\n" not in subject and "\r" not in subject and len(subject) <= 160
    assert subject.startswith(
        "Slipped: Corridor Bcc: victim@example.org X-Injected: yes افتتاح الممر 🚆"
    )
    raw_headers = received.raw.split(b"\r\n\r\n", 1)[0].decode("ascii")  # RFC 2047: ASCII only
    assert "=?utf-8?" in raw_headers
    html = email.get_body(("html",))
    assert html is not None
    assert_html_inert(html.get_content())
    assert "javascript:alert(document.cookie)" in html.get_content()  # as text only


def test_config_rejects_bad_values() -> None:
    base: dict[str, Any] = {"name": "m", "host": "h", "from_addr": "m@x", "to": ("a@x",)}
    with pytest.raises(ConfigError, match="tls must be"):
        EmailConfig(**{**base, "tls": "maybe"})
    with pytest.raises(ConfigError, match="no recipients"):
        EmailConfig(**{**base, "to": ()})
    with pytest.raises(ConfigError, match="control character"):
        EmailConfig(**{**base, "to": ("a@x\r\nBcc: b@y",)})
    assert EmailConfig(**base).tls == "starttls" and EmailConfig(**base).port == 587
