"""Who may write. Reads are open on the bound address; every write needs the token from
`http.token`: the API as `Authorization: Bearer <token>`, the pages by logging in once with it
(a signed session cookie that never holds the token) and a CSRF token in every form, bound to that
session. Without a configured token the web is read-only. Failed attempts are rate-limited per
client, and every comparison is constant-time."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable

SESSION_COOKIE = "monitor_session"
SESSION_TTL = 12 * 3600  # seconds a login lasts
MAX_FAILURES = 10  # wrong tokens per client per window before it must wait
FAILURE_WINDOW = 60.0


class FailureLimiter:
    """At most MAX_FAILURES wrong tokens per client in FAILURE_WINDOW seconds."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, client: str) -> deque[float]:
        now = self._clock()
        seen = self._failures.setdefault(client, deque())
        while seen and seen[0] <= now - FAILURE_WINDOW:
            seen.popleft()
        return seen

    def blocked(self, client: str) -> bool:
        with self._lock:
            return len(self._recent(client)) >= MAX_FAILURES

    def failed(self, client: str) -> None:
        with self._lock:
            self._recent(client).append(self._clock())
            if len(self._failures) > 10_000:  # never grows without bound
                self._failures = {client: self._failures[client]}


class Auth:
    """The token check, sessions and CSRF tokens; `writable` is False without a token."""

    def __init__(self, token: str | None, wall: Callable[[], float] = time.time) -> None:
        self._token = token.encode() if token else None
        # Sessions and CSRF tokens are signed with a key derived from the token: changing the
        # token logs everyone out, and neither cookie nor form ever carries the token itself.
        self._key = (
            hashlib.sha256(b"monitor-web-session\0" + token.encode()).digest() if token else b""
        )
        self._wall = wall
        self.limiter = FailureLimiter()

    @property
    def writable(self) -> bool:
        return self._token is not None

    def _sign(self, message: str) -> str:
        return hmac.new(self._key, message.encode(), hashlib.sha256).hexdigest()

    def token_ok(self, given: str | None) -> bool:
        if self._token is None or not given:
            return False
        return hmac.compare_digest(given.encode(), self._token)

    def bearer_ok(self, header: str | None) -> bool:
        """An `Authorization: Bearer <token>` header carrying the right token."""
        scheme, _, value = (header or "").partition(" ")
        return scheme.lower() == "bearer" and self.token_ok(value.strip())

    def new_session(self) -> str:
        """A cookie value: issued time, a random id, and their signature."""
        body = f"{int(self._wall())}.{secrets.token_urlsafe(18)}"
        return f"{body}.{self._sign('session:' + body)}"

    def session(self, cookie: str | None) -> str | None:
        """The session id of a valid, unexpired cookie; None otherwise."""
        if not self.writable or not cookie or cookie.count(".") != 2:
            return None
        body, _, signature = cookie.rpartition(".")
        if not hmac.compare_digest(signature, self._sign("session:" + body)):
            return None
        issued, _, sid = body.partition(".")
        if not issued.isdigit() or not 0 <= self._wall() - int(issued) < SESSION_TTL:
            return None
        return sid

    def csrf(self, sid: str) -> str:
        """The CSRF token the session's forms carry."""
        return self._sign("csrf:" + sid)

    def csrf_ok(self, cookie: str | None, given: str | None) -> bool:
        sid = self.session(cookie)
        return sid is not None and bool(given) and hmac.compare_digest(str(given), self.csrf(sid))
