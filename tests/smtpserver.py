"""A scriptable SMTP server on 127.0.0.1 for tests: a real aiosmtpd Controller.

with SmtpServer() as server:            # plain, records every accepted message
    server.greeting = "silent"           # or "421"; "banner" is the default
    server.refuse["b@example.org"] = "451 4.3.0 try again later"
    server.data_reply = "552 5.3.4 message too big"
SmtpServer(starttls=cert)  offers STARTTLS;  SmtpServer(implicit_tls=cert)  is SMTPS;
SmtpServer(starttls=cert, users={"u": "p"})  requires AUTH (only after STARTTLS).
"""

from __future__ import annotations

import asyncio
import socket
import ssl
import subprocess
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, Session


@dataclass(frozen=True)
class Certificate:
    cert: Path
    key: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert, self.key)
        return context


def make_certificate(directory: Path, ip: str = "127.0.0.1") -> Certificate:
    """A fresh self-signed certificate for `ip`, usable as its own trust anchor."""
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "2", "-subj", f"/CN={ip}", "-addext", f"subjectAltName=IP:{ip}",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=30,
    )  # fmt: skip
    return Certificate(cert, key)


@dataclass(frozen=True)
class Received:
    mail_from: str
    rcpt_tos: tuple[str, ...]
    raw: bytes
    tls: bool
    login: str | None

    @property
    def message(self) -> EmailMessage:
        parsed = message_from_bytes(self.raw, _class=EmailMessage, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


@dataclass
class SmtpServer:
    """See the module docstring; `messages` lists what was accepted, in order."""

    starttls: Certificate | None = None
    implicit_tls: Certificate | None = None
    users: dict[str, str] | None = None
    greeting: str = "banner"  # "banner" | "silent" (accept TCP, never speak) | "421"
    refuse: dict[str, str] = field(default_factory=dict)  # recipient -> reply line
    data_reply: str | None = None  # e.g. "552 ..." to fail at end of DATA
    messages: list[Received] = field(default_factory=list)
    connections: int = 0
    host: str = "127.0.0.1"
    port: int = 0

    def __enter__(self) -> SmtpServer:
        self.port = _free_port(self.host)
        kwargs: dict[str, Any] = {}
        if self.starttls:
            kwargs["tls_context"] = self.starttls.server_context()
        if self.users is not None:
            kwargs["authenticator"] = self._authenticate
            kwargs["auth_required"] = True
        self._controller = _Controller(
            self,
            _Handler(self),
            hostname=self.host,
            port=self.port,
            ssl_context=self.implicit_tls.server_context() if self.implicit_tls else None,
            server_hostname="smtp.test",
            **kwargs,
        )
        self._controller.start()
        self.connections = 0  # forget the controller's own start-up probe
        return self

    def __exit__(self, *exc: object) -> None:
        self._controller.stop()

    def _authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        login = data.login.decode() if isinstance(data.login, bytes) else str(data.login)
        password = (
            data.password.decode() if isinstance(data.password, bytes) else str(data.password)
        )
        ok = self.users is not None and self.users.get(login) == password
        # handled=False: aiosmtpd then sends the 235/535 reply itself
        return AuthResult(success=ok, handled=False, auth_data=login if ok else None)


class _Handler:
    def __init__(self, owner: SmtpServer) -> None:
        self.owner = owner

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if address in self.owner.refuse:
            return self.owner.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if self.owner.data_reply:
            return self.owner.data_reply
        transport = server.transport
        tls = transport is not None and transport.get_extra_info("ssl_object") is not None
        raw = envelope.original_content or b""
        self.owner.messages.append(
            Received(
                mail_from=str(envelope.mail_from),
                rcpt_tos=tuple(envelope.rcpt_tos),
                raw=raw,
                tls=tls,
                login=session.auth_data if isinstance(session.auth_data, str) else None,
            )
        )
        return "250 OK queued"


class _ScriptedSMTP(SMTP):
    """aiosmtpd's SMTP with a scripted greeting; the connect phase has no public hook."""

    def __init__(self, owner: SmtpServer, *args: Any, **kwargs: Any) -> None:
        self._owner = owner
        super().__init__(*args, **kwargs)

    async def _handle_client(self) -> None:
        self._owner.connections += 1
        if self._owner.greeting == "silent":
            try:
                await asyncio.sleep(3600)  # cancelled when the client leaves or the server stops
            finally:
                if self.transport is not None:  # the client's EOF alone leaves it half-open
                    self.transport.close()
            return
        if self._owner.greeting == "421":
            await self.push("421 4.3.2 smtp.test too busy, closing")
            assert self.transport is not None
            self.transport.close()
            return
        await super()._handle_client()


class _Controller(Controller):
    def __init__(self, owner: SmtpServer, *args: Any, **kwargs: Any) -> None:
        self._owner = owner
        super().__init__(*args, **kwargs)

    def factory(self) -> SMTP:
        return _ScriptedSMTP(self._owner, self.handler, **self.SMTP_kwargs)


def _free_port(host: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
        return port
