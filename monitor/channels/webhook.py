"""Webhook channel: one signed POST per attempt, following Standard Webhooks.

2xx delivered; 3xx transient and never followed (a followed 302 becomes a bodiless GET);
410 EndpointGoneError; 429, 5xx, timeouts and connection errors transient (Retry-After
honoured); other 4xx permanent. Messages never carry the secret or URL credentials.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import requests

from monitor.channels import (
    Message,
    Receipt,
    WebhookConfig,
    redact_url,
    scrub,
    signing_key,
    url_secrets,
)
from monitor.errors import EndpointGoneError, PermanentDeliveryError, TransientDeliveryError
from monitor.render import clean_line

USER_AGENT = "commitment-monitor/0.1 (+webhook)"
ERROR_BODY_LIMIT = 300  # bytes of an error response quoted back to the operator


def payload(message: Message) -> bytes:
    """The JSON body: {"type", "timestamp", "data"}, UTF-8, compact."""
    body = {
        "type": message.kind,
        "timestamp": message.created_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "data": message.data,
    }
    return json.dumps(
        body, ensure_ascii=False, separators=(",", ":"), default=_json_default
    ).encode()


def signature(secrets: tuple[str, ...], msg_id: str, timestamp: int, body: bytes) -> str:
    """The `webhook-signature` value: one `v1,<base64>` per secret, space-separated."""
    signed = f"{msg_id}.{timestamp}.".encode() + body
    return " ".join(
        "v1," + base64.b64encode(hmac.new(signing_key(s), signed, hashlib.sha256).digest()).decode()
        for s in secrets
    )


def retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date), else None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


class WebhookChannel:
    """POSTs each message to one URL with our own Session; see the module docstring."""

    def __init__(self, config: WebhookConfig) -> None:
        self.config = config
        self.name = config.name
        self._session = requests.Session()
        # Explicit configuration only: no proxies or .netrc credentials picked up from the env.
        self._session.trust_env = False
        self._session.headers["User-Agent"] = USER_AGENT
        self._where = f"webhook {redact_url(config.url)}"
        self._hidden = [*config.secrets, *url_secrets(config.url)]

    def send(self, message: Message, now: datetime) -> Receipt:
        if now.tzinfo is None:
            raise ValueError("now must be an aware datetime")
        body = payload(message)
        timestamp = int(now.timestamp())
        headers = {
            "Content-Type": "application/json",
            "webhook-id": message.alert_id,
            "webhook-timestamp": str(timestamp),
            "webhook-signature": signature(self.config.secrets, message.alert_id, timestamp, body),
        }
        try:
            response = self._session.post(
                self.config.url,
                data=body,
                headers=headers,
                allow_redirects=False,
                timeout=self.config.timeout,
                stream=True,  # status first; the body is read (capped) only on failure
            )
        except requests.Timeout:
            raise self._transient(f"no answer within {self.config.timeout:g} s") from None
        except requests.RequestException as e:
            raise self._transient(f"connection failed ({type(e).__name__})") from None
        with response:
            return self._outcome(response, now)

    def _outcome(self, response: requests.Response, now: datetime) -> Receipt:
        status = response.status_code
        if 200 <= status < 300:
            return Receipt(detail=f"HTTP {status}")
        if 300 <= status < 400:
            target = redact_url(response.headers.get("Location", "?"))
            raise self._transient(f"HTTP {status} redirect not followed (to {target})")
        text = f"HTTP {status}{self._snippet(response)}"
        if status == 410:
            raise EndpointGoneError(self._clean(f"{self._where}: {text}; endpoint disabled"))
        if status == 429 or status >= 500:
            wait = retry_after(response.headers.get("Retry-After"), now)
            raise self._transient(text, wait)
        raise PermanentDeliveryError(self._clean(f"{self._where}: {text}"))

    def _snippet(self, response: requests.Response) -> str:
        deadline = time.monotonic() + min(self.config.timeout, 5.0)
        chunks: list[bytes] = []
        try:
            for chunk in response.iter_content(256):
                chunks.append(chunk)
                if sum(map(len, chunks)) >= ERROR_BODY_LIMIT or time.monotonic() > deadline:
                    break
        except requests.RequestException:
            pass  # the status already says what happened; the body is a courtesy
        text = clean_line(b"".join(chunks)[:ERROR_BODY_LIMIT].decode("utf-8", "replace"), 200)
        return f": {text}" if text else ""

    def _transient(self, text: str, wait: float | None = None) -> TransientDeliveryError:
        return TransientDeliveryError(self._clean(f"{self._where}: {text}"), retry_after=wait)

    def _clean(self, text: str) -> str:
        return scrub(text, self._hidden)


def _json_default(value: Any) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")
