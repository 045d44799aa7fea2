"""Webhook and Apprise channels against real HTTP servers on 127.0.0.1.

The receiver checks every request with the `standardwebhooks` package. Its verifier compares
timestamps with the real clock, so these tests sign with the real `now`.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from monitor.alerts.channels import build_channel
from monitor.alerts.channels.apprise import AppriseChannel
from monitor.alerts.channels.webhook import WebhookChannel, payload, retry_after
from monitor.alerts.message import Message
from monitor.alerts.redact import redact_url
from monitor.alerts.render import render
from monitor.core.channel_config import AppriseConfig, WebhookConfig
from monitor.errors import (
    ConfigError,
    DeliveryError,
    EndpointGoneError,
    PermanentDeliveryError,
    TransientDeliveryError,
)
from tests.webhookreceiver import Action, Reply, Reset, Sleep, WebhookReceiver

HOSTILE = yaml.safe_load((Path(__file__).parent / "data/render/hostile.yaml").read_text("utf-8"))
SECRET = "whsec_" + base64.b64encode(b"primary-secret-key-0123456789ab").decode()
NEW_SECRET = "whsec_" + base64.b64encode(b"rotated-secret-key-9876543210zz").decode()
TIMEOUT = 0.5
MESSAGE = Message(
    alert_id="alrt_7c1e",
    kind="commitment.slipped",
    created_at=datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
    data={
        "commitment": "zangezur-opening",
        "title": "Zangezur corridor opening",
        "status": "slipped",
        "previous_status": "on_track",
        "deadline": {"text": "à la fin de 2028", "start": "2028-09-01", "end": "2029-01-01"},
        "forecast": {"text": "в 2030 году", "start": "2030-01-01", "end": "2031-01-01"},
        "evidence": None,
    },
)


def now() -> datetime:
    return datetime.now(UTC)


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    with WebhookReceiver(SECRET) as hook:
        yield hook


def channel(url: str, secret: str | tuple[str, ...] = SECRET) -> WebhookChannel:
    built = build_channel(WebhookConfig(name="hook", url=url, secret=secret, timeout=TIMEOUT))
    assert isinstance(built, WebhookChannel)
    return built


def test_signed_delivery_follows_the_contract(receiver: WebhookReceiver) -> None:
    sent_at = now()
    receipt = channel(receiver.url).send(MESSAGE, sent_at)
    assert receipt.detail == "HTTP 200"
    [request] = receiver.requests
    assert request.verified, request.error
    assert request.method == "POST" and request.path == "/hook"
    assert request.headers["webhook-id"] == "alrt_7c1e"
    assert request.headers["webhook-timestamp"] == str(int(sent_at.timestamp()))
    assert request.headers["content-type"] == "application/json"
    expected = Webhook(SECRET).sign("alrt_7c1e", sent_at, request.body.decode())
    assert request.headers["webhook-signature"] == expected
    assert json.loads(request.body) == {
        "type": "commitment.slipped",
        "timestamp": "2026-03-02T09:30:00Z",
        "data": MESSAGE.data,
    }


def test_retry_keeps_the_same_webhook_id(receiver: WebhookReceiver) -> None:
    hook = channel(receiver.url)
    hook.send(MESSAGE, now())
    hook.send(MESSAGE, now())
    assert [r.headers["webhook-id"] for r in receiver.requests] == ["alrt_7c1e", "alrt_7c1e"]
    assert all(r.verified for r in receiver.requests)


TAMPERS = {
    "body-changed": lambda body, headers: (body.replace(b"slipped", b"met", 1), headers),
    "id-changed": lambda body, headers: (body, {**headers, "webhook-id": "alrt_other"}),
    "timestamp-changed": lambda body, headers: (
        body, {**headers, "webhook-timestamp": str(int(headers["webhook-timestamp"]) + 1)}
    ),
    "json-reformatted": lambda body, headers: (
        json.dumps(json.loads(body), indent=2).encode(), headers
    ),
}  # fmt: skip


@pytest.mark.parametrize("tamper", list(TAMPERS.values()), ids=list(TAMPERS))
def test_tampered_requests_fail_verification(receiver: WebhookReceiver, tamper: Any) -> None:
    channel(receiver.url).send(MESSAGE, now())
    [request] = receiver.requests
    body, headers = tamper(request.body, request.headers)
    assert (body, headers) != (request.body, request.headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(SECRET).verify(body, headers)


def test_replayed_old_message_is_rejected(receiver: WebhookReceiver) -> None:
    channel(receiver.url).send(MESSAGE, now() - timedelta(minutes=10))
    [request] = receiver.requests
    assert not request.verified
    assert request.error == "Message timestamp too old"


@pytest.mark.parametrize("receiver_secret", [SECRET, NEW_SECRET], ids=["old-secret", "new-secret"])
def test_rotation_sends_one_signature_per_secret(receiver_secret: str) -> None:
    with WebhookReceiver(receiver_secret) as hook:
        channel(hook.url, secret=(SECRET, NEW_SECRET)).send(MESSAGE, now())
        [request] = hook.requests
    assert request.verified, request.error
    signatures = request.headers["webhook-signature"].split(" ")
    assert len(signatures) == 2 and all(s.startswith("v1,") for s in signatures)


def test_wrong_secret_does_not_verify() -> None:
    with WebhookReceiver(NEW_SECRET) as hook:
        channel(hook.url, secret=SECRET).send(MESSAGE, now())
        assert hook.requests[0].error == "No matching signature found"


SUCCESS = [
    ("200", Reply(200)),
    ("204", Reply(204)),
    ("200-with-error-body", Reply(200, {"Content-Type": "application/json"}, b'{"error":"bad"}')),
    ("202", Reply(202)),
]


@pytest.mark.parametrize("reply", [s[1] for s in SUCCESS], ids=[s[0] for s in SUCCESS])
def test_any_2xx_is_delivered(receiver: WebhookReceiver, reply: Reply) -> None:
    receiver.script = [reply]
    assert channel(receiver.url).send(MESSAGE, now()).detail == f"HTTP {reply.status}"


@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_redirect_is_a_failure_and_not_followed(receiver: WebhookReceiver, status: int) -> None:
    with WebhookReceiver(SECRET) as target:
        receiver.script = [Reply(status, {"Location": target.url + "?token=abc123"})]
        with pytest.raises(TransientDeliveryError) as caught:
            channel(receiver.url).send(MESSAGE, now())
        assert len(receiver.requests) == 1
        assert target.requests == []
    assert f"HTTP {status} redirect not followed" in str(caught.value)
    assert "abc123" not in str(caught.value)
    assert caught.value.retry_after is None


FAILURES = [
    ("410-gone", Reply(410), EndpointGoneError, None),
    ("429-retry-after-seconds", Reply(429, {"Retry-After": "7"}), TransientDeliveryError, 7.0),
    ("429-no-header", Reply(429), TransientDeliveryError, None),
    ("500", Reply(500), TransientDeliveryError, None),
    ("502", Reply(502), TransientDeliveryError, None),
    ("503-retry-after", Reply(503, {"Retry-After": "120"}), TransientDeliveryError, 120.0),
    ("504", Reply(504), TransientDeliveryError, None),
    ("400", Reply(400, {}, b"invalid payload"), PermanentDeliveryError, None),
    ("401", Reply(401), PermanentDeliveryError, None),
    ("404", Reply(404), PermanentDeliveryError, None),
    ("connection-reset", Reset(), TransientDeliveryError, None),
]


@pytest.mark.parametrize(
    ("action", "error", "wait"), [f[1:] for f in FAILURES], ids=[f[0] for f in FAILURES]
)
def test_failure_classification(
    receiver: WebhookReceiver, action: Action, error: type[DeliveryError], wait: float | None
) -> None:
    receiver.script = [action]
    with pytest.raises(DeliveryError) as caught:
        channel(receiver.url).send(MESSAGE, now())
    assert type(caught.value) is error
    assert getattr(caught.value, "retry_after", None) == wait
    assert len(receiver.requests) == 1 and receiver.requests[0].verified
    if isinstance(action, Reply):
        assert f"HTTP {action.status}" in str(caught.value)


def test_error_body_is_quoted_for_the_operator(receiver: WebhookReceiver) -> None:
    receiver.script = [Reply(400, {}, b"invalid payload: missing field\r\nX: y")]
    with pytest.raises(
        PermanentDeliveryError, match=r"HTTP 400: invalid payload: missing field X: y$"
    ):
        channel(receiver.url).send(MESSAGE, now())


def test_retry_after_as_http_date() -> None:
    sent_at = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    assert retry_after(format_datetime(sent_at + timedelta(seconds=90), usegmt=True), sent_at) == 90
    assert retry_after(format_datetime(sent_at - timedelta(hours=1), usegmt=True), sent_at) == 0
    assert retry_after("soon", sent_at) is None
    assert retry_after(None, sent_at) is None


def test_timeout_is_transient_and_bounded(receiver: WebhookReceiver) -> None:
    receiver.script = [Sleep(5.0)]
    started = time.monotonic()
    with pytest.raises(TransientDeliveryError, match=r"no answer within 0\.5 s"):
        channel(receiver.url).send(MESSAGE, now())
    assert TIMEOUT * 0.9 <= time.monotonic() - started < TIMEOUT + 1.0


def test_connection_refused_is_transient() -> None:
    with WebhookReceiver(SECRET) as hook:
        url = hook.url  # closed on exit: nothing listens there any more
    with pytest.raises(TransientDeliveryError, match="connection failed"):
        channel(url).send(MESSAGE, now())


def test_issue_script_each_attempt_classified(receiver: WebhookReceiver) -> None:
    """The receiver sequence from the issue: each attempt one outcome, then delivered."""
    receiver.script = [
        Reply(500), Reply(503), Reply(429, {"Retry-After": "3"}), Reply(302, {"Location": "/x"}),
        Sleep(2.0), Reset(), Reply(410),
    ]  # fmt: skip
    hook = channel(receiver.url)
    outcomes: list[str] = []
    for _ in range(8):
        try:
            hook.send(MESSAGE, now())
            outcomes.append("delivered")
        except DeliveryError as e:
            outcomes.append(type(e).__name__)
    assert outcomes == ["TransientDeliveryError"] * 6 + ["EndpointGoneError", "delivered"]
    assert len(receiver.requests) == 8
    assert all(r.verified and r.headers["webhook-id"] == "alrt_7c1e" for r in receiver.requests)


def test_secrets_and_url_credentials_never_in_errors(receiver: WebhookReceiver) -> None:
    leaky = receiver.url.replace("http://", "http://robot:hunter2pw@") + "?token=tok-canary-9"
    hook = channel(leaky)
    failures: list[Action] = [
        Reply(400, {}, leaky.encode()),
        Reply(500),
        Reply(302, {"Location": leaky}),
        Sleep(2),
    ]
    messages = []
    for action in failures:
        receiver.script = [action]
        with pytest.raises(DeliveryError) as caught:
            hook.send(MESSAGE, now())
        messages.append(str(caught.value))
    with pytest.raises(DeliveryError) as refused:
        channel("http://robot:hunter2pw@127.0.0.1:1/hook?token=tok-canary-9").send(MESSAGE, now())
    messages.append(str(refused.value))
    for text in messages:
        for canary in ("hunter2pw", "tok-canary-9", SECRET, SECRET.removeprefix("whsec_")):
            assert canary not in text, text
    assert "token=***" in messages[0]
    assert SECRET not in repr(hook.config)


def test_hostile_content_round_trips_in_json(receiver: WebhookReceiver) -> None:
    titles = HOSTILE["titles"]
    data = {"title": titles["crlf-bcc"], "evidence": {"quote": " ".join(HOSTILE["xss"]),
            "url": "javascript:alert(1)"}, "note": titles["rtl-emoji"] + "x" * 10_000}  # fmt: skip
    message = Message("alrt_hostile", "commitment.slipped", MESSAGE.created_at, data)
    channel(receiver.url).send(message, now())
    [request] = receiver.requests
    assert request.verified
    assert json.loads(request.body)["data"] == data
    assert not any(
        name.startswith("bcc") or name.startswith("x-injected") for name in request.headers
    )


def test_payload_serialises_dates() -> None:
    message = Message(
        "a", "monitor.test", MESSAGE.created_at, {"at": datetime(2026, 1, 2, tzinfo=UTC)}
    )
    assert json.loads(payload(message))["data"] == {"at": "2026-01-02T00:00:00+00:00"}


@pytest.mark.parametrize(
    ("secret", "reason"),
    [
        ("plain-password", "must start with whsec_"),
        ("whsec_!!!not-base64", "not valid base64"),
        ("whsec_" + base64.b64encode(b"short").decode(), "shorter than 16 bytes"),
        ((), "secret is empty"),
    ],
    ids=["no-prefix", "not-base64", "too-short", "none"],
)
def test_bad_secret_is_a_config_error_without_echo(secret: Any, reason: str) -> None:
    with pytest.raises(ConfigError, match=reason) as caught:
        WebhookConfig(name="hook", url="https://example.org/h", secret=secret)
    if isinstance(secret, str):
        assert secret not in str(caught.value)


def test_non_http_url_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="http"):
        WebhookConfig(name="hook", url="file:///etc/passwd", secret=SECRET)


def test_redact_url() -> None:
    assert (
        redact_url("https://u:p@h.example:8443/a/b?k=v&t=s#f")
        == "https://***@h.example:8443/a/b?k=***&t=***"
    )
    assert redact_url("http://[::1]:80/x") == "http://[::1]:80/x"


# --- Apprise: json:// posts {"title", "message", "type", ...} to a loopback server ---------


def apprise_channel(hook: WebhookReceiver) -> AppriseChannel:
    url = hook.url.replace("http://", "json://")
    built = build_channel(AppriseConfig(name="chat", urls=(url,)))
    assert isinstance(built, AppriseChannel)
    return built


def test_apprise_posts_rendered_title_and_body() -> None:
    with WebhookReceiver() as hook:
        receipt = apprise_channel(hook).send(MESSAGE, now())
        [request] = hook.requests
    posted = json.loads(request.body)
    rendered = render(MESSAGE)
    assert receipt.detail == "apprise accepted by 1 of 1 services"
    assert (
        posted["title"]
        == rendered.subject
        == "Slipped: Zangezur corridor opening — late 2028 → 2030"
    )
    assert posted["message"] == rendered.text.rstrip("\n")  # Apprise trims the final newline
    assert posted["type"] == "warning"


def test_apprise_failure_is_transient() -> None:
    with WebhookReceiver() as hook:
        hook.script = [Reply(500)]
        with pytest.raises(TransientDeliveryError, match="1 of 1 services failed"):
            apprise_channel(hook).send(MESSAGE, now())


def test_apprise_bad_url_is_a_config_error_without_echo() -> None:
    with pytest.raises(ConfigError, match="apprise url #1 not understood") as caught:
        AppriseChannel(AppriseConfig(name="chat", urls=("nosuchscheme://tok-canary",)))
    assert "tok-canary" not in str(caught.value)
