"""A scriptable webhook receiver on 127.0.0.1 that verifies every Standard Webhooks signature.

with WebhookReceiver(secret) as hook:
    hook.script = [Reply(500), Reply(429, {"Retry-After": "7"}), Sleep(2.0), Reset()]
    ...                                   # then every further request gets Reply(200)
    hook.requests[0].verified             # checked with standardwebhooks.Webhook
"""

from __future__ import annotations

import socket
import struct
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError


@dataclass(frozen=True)
class Reply:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


@dataclass(frozen=True)
class Sleep:
    """Say nothing for `seconds` (past the client's timeout), then answer 200 to nobody."""

    seconds: float


@dataclass(frozen=True)
class Reset:
    """Read the request, then drop the connection with a TCP RST."""


Action = Reply | Sleep | Reset


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]  # lower-case names
    body: bytes
    verified: bool
    error: str | None  # why verification failed


class WebhookReceiver:
    """Records (headers, body, verified) for every request; answers from `script`, then 200."""

    def __init__(self, *secrets: str) -> None:
        self.verifiers = [Webhook(secret) for secret in secrets]
        self.script: list[Action] = []
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/hook"

    def __enter__(self) -> WebhookReceiver:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )  # a short poll keeps shutdown() quick
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    def verify(self, body: bytes, headers: dict[str, str]) -> str | None:
        """None if any configured secret verifies the request, else the last reason."""
        reason = "no secret configured"
        for verifier in self.verifiers:
            try:
                verifier.verify(body, headers)
                return None
            except (WebhookVerificationError, ValueError) as e:
                reason = str(e)
        return reason

    def _record(self, method: str, path: str, headers: dict[str, str], body: bytes) -> Action:
        error = self.verify(body, headers)
        with self._lock:
            self.requests.append(Request(method, path, headers, body, error is None, error))
            return self.script.pop(0) if self.script else Reply(200)


def _handler_for(receiver: WebhookReceiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            self._serve()

        def do_GET(self) -> None:  # what a client that followed a 302 would send
            self._serve()

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            headers = {name.lower(): value for name, value in self.headers.items()}
            action = receiver._record(self.command, self.path, headers, body)
            if isinstance(action, Reset):
                # Linger 0 makes close() send RST instead of FIN.
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                )
                self.connection.close()
                self.close_connection = True
                return
            if isinstance(action, Sleep):
                receiver._stop.wait(action.seconds)
                action = Reply(200)
            try:
                self.send_response(action.status)
                for name, value in action.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(action.body)))
                self.end_headers()
                self.wfile.write(action.body)
            except OSError:
                self.close_connection = True  # the client gave up (timeout): expected

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep test output quiet

    return Handler
