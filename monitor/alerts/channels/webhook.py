"""Webhook channel: one signed POST per attempt, following Standard Webhooks.

2xx delivered; 3xx transient and never followed (a followed 302 becomes a bodiless GET);
410 EndpointGoneError; 429, 5xx, timeouts and connection errors transient (Retry-After
honoured); other 4xx permanent. Messages never carry the secret or URL credentials.
With a guard, every connection is resolved and checked by netguard.open_socket; a blocked
address is a permanent failure and nothing is sent.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import socket
import time
from datetime import date, datetime
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3 import HTTPConnectionPool, HTTPSConnectionPool, PoolManager
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError

from monitor.alerts.message import Message, Receipt, envelope
from monitor.alerts.redact import redact_url, scrub, url_secrets
from monitor.alerts.render import clean_line
from monitor.core.channel_config import WebhookConfig, signing_key
from monitor.errors import (
    EndpointGoneError,
    FeedError,
    PermanentDeliveryError,
    TransientDeliveryError,
)
from monitor.net.http_time import parse_retry_after
from monitor.net.netguard import Guard, Resolver, open_socket

USER_AGENT = "commitment-monitor/0.1 (+webhook)"
ERROR_BODY_LIMIT = 300  # bytes of an error response quoted back to the operator


def payload(message: Message) -> bytes:
    """The JSON body: the message's envelope, UTF-8, compact."""
    return json.dumps(
        envelope(message), ensure_ascii=False, separators=(",", ":"), default=_json_default
    ).encode()


def signature(secrets: tuple[str, ...], msg_id: str, timestamp: int, body: bytes) -> str:
    """The `webhook-signature` value: one `v1,<base64>` per secret, space-separated."""
    signed = f"{msg_id}.{timestamp}.".encode() + body
    return " ".join(
        "v1," + base64.b64encode(hmac.new(signing_key(s), signed, hashlib.sha256).digest()).decode()
        for s in secrets
    )


def retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds a Retry-After header asks us to wait (read against our clock), else None.

    Capped by the shared parser (http_time.RETRY_AFTER_CAP); the outbox caps it again.
    """
    until = parse_retry_after(value, now)
    return None if until is None else (until - now).total_seconds()


class WebhookChannel:
    """POSTs each message to one URL with our own Session; see the module docstring."""

    def __init__(
        self, config: WebhookConfig, guard: Guard | None = None, resolver: Resolver | None = None
    ) -> None:
        self.config = config
        self.name = config.name
        self._session = requests.Session()
        # Explicit configuration only: no proxies or .netrc credentials picked up from the env.
        self._session.trust_env = False
        self._session.headers["User-Agent"] = USER_AGENT
        if guard is not None:
            adapter = _GuardedAdapter(guard, resolver)
            self._session.mount("http://", adapter)
            self._session.mount("https://", adapter)
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
        except FeedError as e:  # the guard refused the address before any byte was sent
            raise PermanentDeliveryError(
                self._clean(f"{self._where}: blocked by the SSRF guard: {e}")
            ) from None
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


class _GuardedConnection(HTTPConnection):
    """A urllib3 connection whose socket comes from netguard.open_socket (checked by a guard)."""

    def __init__(
        self,
        host: str,
        port: int | None = None,
        *,
        guard: Guard,
        resolver: Resolver | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(host, port, **kwargs)
        self.guard = guard
        self.resolver = resolver

    def _new_conn(self) -> socket.socket:
        # requests always passes a numeric connect timeout; the fallback only keeps mypy honest.
        timeout = float(self.timeout) if isinstance(self.timeout, int | float) else 20.0
        # Same translations as urllib3's own _new_conn, so requests classifies failures as usual;
        # FeedError (blocked) is not an OSError and passes through untouched.
        try:
            return open_socket(self.host, self.port, timeout, self.resolver, self.guard)
        except socket.gaierror as e:
            raise NameResolutionError(self.host, self, e) from e
        except TimeoutError as e:
            raise ConnectTimeoutError(self, f"connect to {self.host} timed out") from e
        except OSError as e:
            raise NewConnectionError(self, f"Failed to establish a new connection: {e}") from e


class _GuardedTLSConnection(_GuardedConnection, HTTPSConnection):
    pass


class _GuardedPool(HTTPConnectionPool):
    ConnectionCls = _GuardedConnection


class _GuardedTLSPool(HTTPSConnectionPool):
    ConnectionCls = _GuardedTLSConnection


class _GuardedPoolManager(PoolManager):
    """Builds pools of guarded connections; guard and resolver reach them as connection kwargs."""

    def __init__(self, guard: Guard, resolver: Resolver | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.pool_classes_by_scheme = {"http": _GuardedPool, "https": _GuardedTLSPool}
        self._net: dict[str, Any] = {"guard": guard, "resolver": resolver}

    def _new_pool(
        self,
        scheme: str,
        host: str,
        port: int,
        request_context: dict[str, Any] | None = None,
    ) -> HTTPConnectionPool:
        # Added after the pool key is computed, so they never enter urllib3's PoolKey.
        context = dict(self.connection_pool_kw if request_context is None else request_context)
        return super()._new_pool(scheme, host, port, {**context, **self._net})


class _GuardedAdapter(HTTPAdapter):
    """A requests adapter whose connections are resolved and checked by the SSRF guard."""

    def __init__(self, guard: Guard, resolver: Resolver | None) -> None:
        self._guard, self._resolver = guard, resolver  # HTTPAdapter.__init__ needs them
        super().__init__()

    def init_poolmanager(
        self, connections: int, maxsize: int, block: bool = False, **pool_kwargs: Any
    ) -> None:
        self._pool_connections, self._pool_maxsize, self._pool_block = connections, maxsize, block
        self.poolmanager = _GuardedPoolManager(
            self._guard,
            self._resolver,
            num_pools=connections,
            maxsize=maxsize,
            block=block,
            **pool_kwargs,
        )


def _json_default(value: Any) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")
