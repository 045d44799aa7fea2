"""Fetching one feed URL politely and within hard bounds, classifying every way it can fail.

Bounds: a socket timeout for each wait, a total deadline enforced by a watchdog that shuts the
socket down (socket timeouts alone let a slow-drip server run far past them), a cap on decoded
bytes (gzip/deflate/brotli, nested), a redirect cap with loop detection, an http/https scheme
allowlist checked before any I/O on every hop, and an optional SSRF guard at connect time.

Each fetch opens its own connection and closes it afterwards: no connection, cookie or other
state is carried from one feed to the next. urllib3 is used below requests' level so that the
connection (and its socket, for the watchdog) is ours; urllib3 never stores cookies.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.exceptions import DecodeError, HTTPError, LocationParseError

from monitor import __version__
from monitor.errors import FeedError
from monitor.net.netguard import Guard, Resolver, open_socket

ALLOWED_SCHEMES = ("http", "https")
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PERMANENT_STATUSES = frozenset({301, 308})
DEFAULT_USER_AGENT = (
    f"commitment-monitor/{__version__} (feed poller; +https://github.com/commitment-monitor)"
)
ACCEPT = (
    "application/atom+xml, application/rss+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, application/feed+json;q=0.8, */*;q=0.5"
)
CHUNK = 64 * 1024


@dataclass(frozen=True)
class Validators:
    """Conditional-GET validators, kept exactly as the server sent them (quotes, W/ and all)."""

    etag: str | None = None
    last_modified: str | None = None

    def merged(self, newer: Validators) -> Validators:
        """These validators with any the newer response carried replacing them (used on 304)."""
        return Validators(
            etag=newer.etag if newer.etag is not None else self.etag,
            last_modified=newer.last_modified
            if newer.last_modified is not None
            else self.last_modified,
        )


@dataclass(frozen=True)
class FetchSettings:
    """Limits for one fetch; `timeout` bounds each socket wait, `deadline` the whole fetch."""

    timeout: float = 10.0
    deadline: float = 30.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    user_agent: str = DEFAULT_USER_AGENT
    guard: Guard | None = None
    resolver: Resolver | None = None  # name -> addresses; tests inject NXDOMAIN this way
    ca_file: str | None = None  # extra trust anchor (a private CA); None = system store


@dataclass
class FetchResult:
    """What one fetch found. `error` is None on success and on 304."""

    url: str
    final_url: str
    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    not_modified: bool = False
    validators: Validators = field(default_factory=Validators)
    permanent_redirect: str | None = None
    redirects: list[tuple[int, str]] = field(default_factory=list)
    error: FeedError | None = None
    elapsed: float = 0.0
    bytes_read: int = 0  # decoded body bytes
    wire_bytes: int = 0  # body bytes as transferred (compressed), for bandwidth reports

    @property
    def ok(self) -> bool:
        return self.error is None


class _Watch:
    """The sockets of one fetch, and the watchdog that shuts them down at the deadline."""

    def __init__(self) -> None:
        self.fired = False
        self.done = False
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()

    def add(self, sock: socket.socket) -> None:
        with self.lock:
            self.sockets.append(sock)
            if self.fired:
                _shutdown(sock)

    def fire(self) -> None:
        with self.lock:
            if self.done:
                return
            self.fired = True
            for sock in self.sockets:
                _shutdown(sock)

    def finish(self) -> None:
        with self.lock:
            self.done = True


def _shutdown(sock: socket.socket) -> None:
    # socket.socket.shutdown on the file descriptor wakes a thread blocked in recv(); the
    # SSLSocket override would also drop its SSL object under the reader's feet.
    with suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


@dataclass
class _Hooks:
    """What a connection of one fetch needs beyond host and port."""

    watch: _Watch
    deadline: float
    resolver: Resolver | None
    guard: Guard | None


class _GuardedConnection(HTTPConnection):
    """A connection whose socket comes from netguard.open_socket and is known to the watchdog."""

    def __init__(self, host: str, port: int, *, hooks: _Hooks, **kwargs: Any) -> None:
        super().__init__(host, port, **kwargs)
        self.hooks = hooks

    def _new_conn(self) -> socket.socket:
        remaining = max(0.001, self.hooks.deadline - time.monotonic())
        timeout = self.timeout if isinstance(self.timeout, float | int) else remaining
        sock = open_socket(
            self.host, self.port, min(timeout, remaining), self.hooks.resolver, self.hooks.guard
        )
        self.hooks.watch.add(sock)
        return sock

    def connect(self) -> None:
        super().connect()
        if self.sock is not None:  # with TLS this is a new socket object around the same fd
            self.hooks.watch.add(self.sock)


class _GuardedTLSConnection(_GuardedConnection, HTTPSConnection):
    pass


def check_url(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of an acceptable feed URL; FeedError "scheme" or "url" otherwise."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise FeedError("url", f"malformed URL {url!r}: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise FeedError("scheme", f"only http and https are fetched, not {url!r}")
    if not parts.hostname:
        raise FeedError("url", f"no host in {url!r}")
    return scheme, parts.hostname, port or (443 if scheme == "https" else 80)


def _exception_chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo:
        cur = todo.pop(0)
        if id(cur) in seen:
            continue
        seen.add(id(cur))
        yield cur
        todo.extend(a for a in cur.args if isinstance(a, BaseException))
        todo.extend(x for x in (cur.__cause__, cur.__context__) if x is not None)


# Transport exceptions by kind, the first that matches wins (an SSLError is also an OSError).
_TRANSPORT_KINDS: tuple[tuple[tuple[type[BaseException], ...], str], ...] = (
    ((ssl.SSLError, ssl.CertificateError), "tls"),
    ((socket.gaierror,), "dns"),
    ((TimeoutError, urllib3.exceptions.TimeoutError), "timeout"),
    ((ConnectionRefusedError,), "connection"),
    (
        (
            ConnectionResetError,
            BrokenPipeError,
            http.client.IncompleteRead,
            http.client.RemoteDisconnected,
            ConnectionAbortedError,
        ),
        "reset",
    ),
    ((DecodeError,), "decode"),
    ((LocationParseError, http.client.InvalidURL, UnicodeError), "url"),
)


def classify(exc: BaseException) -> str:
    """A stable short kind for a transport exception (see FetchResult.error): the kind of the
    first exception in its chain (arguments, cause, context) that has one."""
    for cur in _exception_chain(exc):
        kind = _kind_of(cur)
        if kind is not None:
            return kind
    return "reset" if isinstance(exc, HTTPError | http.client.HTTPException) else "connection"


def _kind_of(exc: BaseException) -> str | None:
    if isinstance(exc, FeedError):
        return exc.kind
    return next((kind for types, kind in _TRANSPORT_KINDS if isinstance(exc, types)), None)


class Fetcher:
    """Fetches feed URLs under FetchSettings; safe to share between threads."""

    def __init__(self, settings: FetchSettings | None = None) -> None:
        self.settings = settings or FetchSettings()
        self._tls_context = ssl.create_default_context(cafile=self.settings.ca_file)

    def close(self) -> None:
        """Nothing is pooled between fetches; kept so callers can manage a Fetcher uniformly."""

    def fetch(self, url: str, validators: Validators | None = None) -> FetchResult:
        """Fetch `url` once, following up to max_redirects redirects; never raises for I/O."""
        old = validators or Validators()
        start = time.monotonic()
        watch = _Watch()
        timer = threading.Timer(self.settings.deadline, watch.fire)
        timer.daemon = True
        timer.start()
        result = FetchResult(url=url, final_url=url, validators=old)
        try:
            self._follow(result, old, watch, start + self.settings.deadline)
        except (FeedError, OSError, HTTPError, http.client.HTTPException, ValueError) as exc:
            if watch.fired:
                result.error = FeedError(
                    "deadline", f"fetch exceeded the {self.settings.deadline:g} s deadline"
                )
            elif isinstance(exc, FeedError):
                # A fresh error, without the traceback whose frames hold the partial body
                # (up to the byte cap) until the cycle collector runs.
                result.error = FeedError(exc.kind, str(exc).removeprefix(f"{exc.kind}: "))
            else:
                result.error = FeedError(classify(exc), f"{type(exc).__name__}: {exc}")
            result.body = None
        finally:
            watch.finish()
            timer.cancel()
            result.elapsed = time.monotonic() - start
        return result

    def _follow(self, result: FetchResult, old: Validators, watch: _Watch, deadline: float) -> None:
        current = result.url
        visited = {current}
        permanent_run = True
        while True:
            resp, conn = self._request(current, old, watch, deadline)
            try:
                result.final_url = current
                result.status = resp.status
                result.headers = {
                    k.lower(): ", ".join(resp.headers.getlist(k)) for k in resp.headers
                }
                location = resp.headers.get("location")
                if resp.status in REDIRECT_STATUSES and location:
                    target = urljoin(current, location.strip())
                    result.redirects.append((resp.status, target))
                    if permanent_run and resp.status in PERMANENT_STATUSES:
                        result.permanent_redirect = target
                    else:
                        permanent_run = False
                    if target in visited:
                        raise FeedError("redirect_loop", f"{target} was already visited")
                    if len(result.redirects) > self.settings.max_redirects:
                        raise FeedError(
                            "too_many_redirects",
                            f"more than {self.settings.max_redirects} redirects",
                        )
                    visited.add(target)
                    current = target
                    continue
                self._finish(result, resp, old, watch)
                return
            finally:
                resp.release_conn()
                resp.close()
                conn.close()

    def _request(
        self, url: str, old: Validators, watch: _Watch, deadline: float
    ) -> tuple[urllib3.HTTPResponse, HTTPConnection]:
        scheme, host, port = check_url(url)
        parts = urlsplit(url.strip())
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        hooks = _Hooks(watch, deadline, self.settings.resolver, self.settings.guard)
        conn: HTTPConnection
        if scheme == "https":
            conn = _GuardedTLSConnection(
                host,
                port,
                hooks=hooks,
                timeout=self.settings.timeout,
                ssl_context=self._tls_context,
            )
        else:
            conn = _GuardedConnection(host, port, hooks=hooks, timeout=self.settings.timeout)
        headers = {
            "User-Agent": self.settings.user_agent,
            "Accept": ACCEPT,
            "Accept-Encoding": "gzip, deflate, br",
            "Connection": "close",
        }
        if old.etag is not None:
            headers["If-None-Match"] = old.etag
        if old.last_modified is not None:
            headers["If-Modified-Since"] = old.last_modified
        try:
            conn.request("GET", target, headers=headers, preload_content=False, decode_content=True)
            return conn.getresponse(), conn
        except BaseException:
            conn.close()
            raise

    def _finish(
        self, result: FetchResult, resp: urllib3.HTTPResponse, old: Validators, watch: _Watch
    ) -> None:
        received = Validators(resp.headers.get("etag"), resp.headers.get("last-modified"))
        status = resp.status
        if status == 304:
            result.not_modified = True
            result.validators = old.merged(received)
            return
        if status == 410:
            raise FeedError("gone", "the server says the feed is gone for good (410)")
        if not 200 <= status < 300:
            reason = f" {resp.reason}" if resp.reason else ""
            raise FeedError("http", f"HTTP {status}{reason}")
        result.body = self._read_body(resp, result, watch)
        result.validators = received

    def _read_body(self, resp: urllib3.HTTPResponse, result: FetchResult, watch: _Watch) -> bytes:
        cap = self.settings.max_bytes
        encoding = resp.headers.get("content-encoding", "identity").strip().lower()
        declared = _int_or_none(resp.headers.get("content-length"))
        if declared is not None and declared > cap and encoding in ("", "identity"):
            raise FeedError("too_large", f"Content-Length {declared} exceeds the {cap} byte cap")
        body = bytearray()
        try:
            while True:
                chunk = resp.read(CHUNK, decode_content=True)
                if not chunk:
                    break
                body += chunk
                if len(body) > cap:
                    raise FeedError("too_large", f"decoded body exceeds the {cap} byte cap")
        finally:
            result.bytes_read = len(body)
            result.wire_bytes = resp.tell()
        if watch.fired:  # the watchdog's shutdown can look like a clean end of a body
            raise FeedError("deadline", "fetch exceeded its deadline")
        return bytes(body)


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


class HostLimiter:
    """At most `per_host` fetches at a time to one host:port, across the threads of a pool."""

    def __init__(self, per_host: int = 2) -> None:
        if per_host < 1:
            raise ValueError("per_host must be at least 1")
        self.per_host = per_host
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}

    @staticmethod
    def key(url: str) -> str:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        try:
            port = parts.port or (443 if scheme == "https" else 80)
        except ValueError:
            port = 0
        return f"{(parts.hostname or '').lower()}:{port}"

    @contextmanager
    def slot(self, url: str) -> Iterator[None]:
        key = self.key(url)
        with self._lock:
            sem = self._slots.setdefault(key, threading.BoundedSemaphore(self.per_host))
        with sem:
            yield
