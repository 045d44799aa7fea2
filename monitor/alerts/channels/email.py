"""SMTP channel: one multipart (text + HTML) message per attempt, failures classified.

SMTP 4xx, timeouts, connection and TLS failures are transient; 5xx is permanent. STARTTLS,
when configured, is required: a server that does not offer it gets nothing in clear text.
"""

from __future__ import annotations

import hashlib
import re
import smtplib
import ssl
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr

from monitor.alerts.message import Message, Receipt
from monitor.alerts.redact import scrub
from monitor.alerts.render import clean_line, render
from monitor.core.channel_config import EmailConfig, TlsMode
from monitor.errors import DeliveryError, PermanentDeliveryError, TransientDeliveryError

HEADER_LIMIT = 160  # characters; even all-emoji, the encoded Subject stays one 998-byte line
# CPython 3.11's header folder drops the spaces between RFC 2047 encoded words when it wraps a
# long non-ASCII header ("yes открытие коридора" came back as "yes  открытиекоридора"). Lines
# up to RFC 5322's hard limit of 998 avoid the wrap; 7bit keeps bodies safe for any relay.
_POLICY = policy.SMTP.clone(max_line_length=998, cte_type="7bit")
_ID_SAFE = re.compile(r"[A-Za-z0-9._-]{1,64}")


def message_id(alert_id: str) -> str:
    """A stable RFC 5322 Message-ID for an alert, the same on every retry."""
    local = (
        alert_id
        if _ID_SAFE.fullmatch(alert_id)
        else hashlib.sha256(alert_id.encode()).hexdigest()[:32]
    )
    return f"<{local}@commitment-monitor>"


def compose(message: Message, now: datetime, config: EmailConfig) -> EmailMessage:
    """The email for `message`; header values are single-line, capped, RFC 2047-encoded."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    rendered = render(message)
    email = EmailMessage(policy=_POLICY)
    email["Subject"] = clean_line(rendered.subject, HEADER_LIMIT)
    email["From"] = config.from_addr
    email["To"] = ", ".join(config.to)
    email["Date"] = format_datetime(now.astimezone(UTC))
    email["Message-ID"] = message_id(message.alert_id)
    email["Auto-Submitted"] = "auto-generated"  # RFC 3834: tells responders not to auto-reply
    email["X-Alert-Kind"] = clean_line(message.kind, 80)
    email.set_content(rendered.text)
    email.add_alternative(rendered.html, subtype="html")
    return email


class EmailChannel:
    """Sends each message to every configured recipient; see the module docstring for errors."""

    def __init__(self, config: EmailConfig) -> None:
        self.config = config
        self.name = config.name

    def send(self, message: Message, now: datetime) -> Receipt:
        try:
            return self._send(message, now)
        except DeliveryError as e:
            # A server may echo what it was sent, credentials included: never pass them on.
            secret = self.config.password
            if secret and secret in str(e):
                raise type(e)(scrub(str(e), [secret])) from None
            raise

    def _send(self, message: Message, now: datetime) -> Receipt:
        email = compose(message, now, self.config)
        sender = parseaddr(self.config.from_addr)[1] or self.config.from_addr
        refused = self._transmit(email, sender)
        results = {rcpt: f"{code} {_reply(text)}" for rcpt, (code, text) in refused.items()}
        accepted = len(self.config.to) - len(results)
        detail = f"accepted for {accepted} of {len(self.config.to)} recipients"
        if results:
            detail += "; refused " + "; ".join(f"{r} ({why})" for r, why in results.items())
        return Receipt(detail=detail, refused=results)

    def _transmit(self, email: EmailMessage, sender: str) -> dict[str, tuple[int, bytes]]:
        """Hand the message to the server; the recipients it refused (when it took the message
        for others). SMTP and transport failures become the DeliveryErrors they mean."""
        try:
            with self._connect() as smtp:
                return smtp.send_message(email, sender, list(self.config.to))
        except smtplib.SMTPRecipientsRefused as e:
            raise _refused_error(e.recipients) from None
        except smtplib.SMTPResponseException as e:
            raise _classify(e.smtp_code, _reply(e.smtp_error), self._where()) from None
        except (TimeoutError, smtplib.SMTPServerDisconnected) as e:
            raise TransientDeliveryError(f"{self._where()}: {_describe(e)}") from None
        except ssl.SSLError as e:
            raise TransientDeliveryError(f"{self._where()}: TLS failed: {e.reason or e}") from None
        except (OSError, smtplib.SMTPException) as e:
            raise TransientDeliveryError(f"{self._where()}: {_describe(e)}") from None

    def _connect(self) -> smtplib.SMTP:
        config = self.config
        smtp: smtplib.SMTP
        if config.tls == TlsMode.SSL:
            smtp = smtplib.SMTP_SSL(
                config.host, config.port, timeout=config.timeout, context=self._tls_context()
            )
        else:
            smtp = smtplib.SMTP(config.host, config.port, timeout=config.timeout)
        try:
            smtp.ehlo()
            if config.tls == TlsMode.STARTTLS:
                if not smtp.has_extn("starttls"):
                    raise TransientDeliveryError(
                        f"{self._where()}: server does not offer STARTTLS, which is required;"
                        " nothing sent in clear text"
                    )
                smtp.starttls(context=self._tls_context())
                smtp.ehlo()
            if config.username:
                smtp.login(config.username, config.password or "")
        except BaseException:
            smtp.close()
            raise
        return smtp

    def _tls_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context()
        if self.config.ca_file:
            context.load_verify_locations(cafile=self.config.ca_file)
        if not self.config.verify_tls:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        return context

    def _where(self) -> str:
        return f"smtp {self.config.host}:{self.config.port}"


def _classify(code: int, reply: str, where: str) -> TransientDeliveryError | PermanentDeliveryError:
    text = f"{where}: {code} {reply}"
    return PermanentDeliveryError(text) if 500 <= code < 600 else TransientDeliveryError(text)


def _refused_error(
    recipients: dict[str, tuple[int, bytes]],
) -> TransientDeliveryError | PermanentDeliveryError:
    """All recipients refused: transient if any refusal was temporary (4xx), else permanent."""
    listed = "; ".join(
        f"{rcpt} ({code} {_reply(text)})" for rcpt, (code, text) in recipients.items()
    )
    text = f"all recipients refused: {listed}"
    if any(400 <= code < 500 for code, _ in recipients.values()):
        return TransientDeliveryError(text)
    return PermanentDeliveryError(text)


def _reply(text: bytes | str) -> str:
    raw = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return clean_line(raw, 200)


def _describe(error: BaseException) -> str:
    if isinstance(error, TimeoutError):
        return "timed out waiting for the server"
    return clean_line(f"{type(error).__name__}: {error}", 200)
