"""A scriptable loopback HTTP server for tests: statuses, headers, delays, drips, bombs, hangs.

    with FaultServer() as srv:
        srv.route("/feed", Reply(200, body=b"<rss/>", headers=[("ETag", '"v1"')]))
        srv.route("/flaky", [Reply(503), Reply(200, body=...)])  # one per request, last repeats
        srv.route("/echo", lambda req: Reply(200, body=req.headers.get("user-agent", "").encode()))
        fetch(srv.url("/feed"))
        srv.requests  # [Seen(path, headers), ...] in arrival order

Listens on 127.0.0.1 only (or wraps TLS when given a cert). Unknown paths answer 404.
"""

from __future__ import annotations

import shutil
import socket
import ssl
import struct
import subprocess
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any

Body = bytes | Callable[[], Iterable[bytes]]


@dataclass
class Reply:
    """One scripted response.

    framing: "length" sends Content-Length; "chunked" uses chunked encoding; "close" sends
    neither and ends the body by closing the connection. `delay` waits before the status line;
    `drip` sends the body one byte at a time with that pause; `hang` accepts the request and
    never answers; `reset_after` sends that many body bytes then resets the connection (RST).
    """

    status: int = 200
    body: Body = b""
    headers: list[tuple[str, str]] = field(default_factory=list)
    framing: str = "length"
    delay: float = 0.0
    drip: float | None = None
    hang: bool = False
    reset_after: int | None = None
    declared_length: int | None = None  # Content-Length to claim instead of the real one


@dataclass(frozen=True)
class Seen:
    """A request the server received: path (with query) and headers (lower-case names)."""

    path: str
    headers: dict[str, str]
    method: str = "GET"


Handler = Callable[[Seen], Reply]
Spec = Reply | list[Reply] | Handler


class FaultServer:
    """Context manager running a threaded HTTP(S) server on 127.0.0.1 with scripted routes."""

    def __init__(self, host: str = "127.0.0.1", tls: tuple[str, str] | None = None) -> None:
        self._routes: dict[str, Spec] = {}
        self._counts: dict[str, int] = {}
        self._lock = threading.Lock()
        self.requests: list[Seen] = []
        self.stopping = threading.Event()
        self._server = ThreadingHTTPServer((host, 0), _make_handler(self))
        self._server.daemon_threads = True
        self._server.handle_error = lambda request, address: None  # type: ignore[method-assign,assignment]
        if tls is not None:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(*tls)
            self._server.socket = ctx.wrap_socket(self._server.socket, server_side=True)
        self.scheme = "https" if tls else "http"
        self.host = host
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.02,), daemon=True
        )

    def __enter__(self) -> FaultServer:
        self._thread.start()
        return self

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def stop(self) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    def url(self, path: str = "/") -> str:
        return f"{self.scheme}://{self.host}:{self.port}{path}"

    def route(self, path: str, spec: Spec) -> FaultServer:
        with self._lock:
            self._routes[path] = spec
            self._counts[path] = 0
        return self

    def hits(self, path: str) -> int:
        """How many requests arrived for `path` (query included in the match)."""
        with self._lock:
            return sum(1 for r in self.requests if r.path == path)

    def _reply_for(self, seen: Seen) -> Reply:
        with self._lock:
            self.requests.append(seen)
            spec = self._routes.get(seen.path)
            n = self._counts.get(seen.path, 0)
            self._counts[seen.path] = n + 1
        if spec is None:
            return Reply(404, body=b"not found")
        if isinstance(spec, Reply):
            return spec
        if isinstance(spec, list):
            return spec[min(n, len(spec) - 1)]
        return spec(seen)


def _make_handler(server: FaultServer) -> type[BaseHTTPRequestHandler]:
    class _Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            seen = Seen(self.path, {k.lower(): v for k, v in self.headers.items()}, "GET")
            self.close_connection = True
            _serve(server, self, server._reply_for(seen))

        do_POST = do_GET

    return _Handler


def _chunks(body: Body) -> Iterable[bytes]:
    return [body] if isinstance(body, bytes) else body()


def _serve(server: FaultServer, h: BaseHTTPRequestHandler, reply: Reply) -> None:
    if reply.hang:
        server.stopping.wait(60)
        return
    if reply.delay and server.stopping.wait(reply.delay):
        return
    try:
        h.send_response(reply.status)
        names = {k.lower() for k, _ in reply.headers}
        for k, v in reply.headers:
            h.send_header(k, v)
        if reply.framing == "length" and "content-length" not in names:
            length = reply.declared_length
            if length is None:
                length = sum(len(c) for c in _chunks(reply.body))
            h.send_header("Content-Length", str(length))
        elif reply.framing == "chunked":
            h.send_header("Transfer-Encoding", "chunked")
        h.send_header("Connection", "close")
        h.end_headers()
        _send_body(server, h, reply)
    except (BrokenPipeError, ConnectionResetError, ssl.SSLError, OSError):
        pass


def _send_body(server: FaultServer, h: BaseHTTPRequestHandler, reply: Reply) -> None:
    sent = 0
    for chunk in _chunks(reply.body):
        pieces: Iterable[bytes] = [chunk]
        if reply.drip is not None:
            pieces = (chunk[i : i + 1] for i in range(len(chunk)))
        for piece in pieces:
            if reply.reset_after is not None and sent + len(piece) > reply.reset_after:
                piece = piece[: reply.reset_after - sent]
                _write(h, reply, piece)
                _reset(h)
                return
            _write(h, reply, piece)
            sent += len(piece)
            if reply.drip is not None and server.stopping.wait(reply.drip):
                return
    if reply.framing == "chunked":
        h.wfile.write(b"0\r\n\r\n")
    h.wfile.flush()


def _write(h: BaseHTTPRequestHandler, reply: Reply, data: bytes) -> None:
    if not data:
        return
    if reply.framing == "chunked":
        h.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
    else:
        h.wfile.write(data)
    h.wfile.flush()


def _reset(h: BaseHTTPRequestHandler) -> None:
    """Abort the connection with a TCP RST instead of a clean close."""
    sock = h.connection
    time.sleep(0.05)  # let the partial body reach the client before the reset
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()
    h.close_connection = True


def closed_port() -> int:
    """A loopback port with nothing listening on it (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Silent:
    """A raw listener that accepts connections and never says anything (banner-less peer)."""

    sock: socket.socket = field(default_factory=socket.socket)

    def __enter__(self) -> Silent:
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        return self

    def __exit__(self, *exc: object) -> None:
        self.sock.close()

    @property
    def port(self) -> int:
        return int(self.sock.getsockname()[1])


def self_signed_cert(directory: Path) -> tuple[str, str] | None:
    """A throwaway self-signed cert/key for 127.0.0.1 made with the openssl CLI, or None."""
    openssl = shutil.which("openssl")
    if openssl is None:
        return None
    cert, key = directory / "cert.pem", directory / "key.pem"
    cmd = [
        openssl,
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
        "-keyout",
        str(key),
        "-out",
        str(cert),
    ]
    done = subprocess.run(cmd, capture_output=True, check=False, timeout=60)
    return (str(cert), str(key)) if done.returncode == 0 else None
