"""Masking secrets before text reaches logs, errors or messages: URL credentials and query
values, and any known secret string."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import parse_qsl, urlsplit, urlunsplit

MASK = "***"


def redact_url(url: str) -> str:
    """The URL with credentials and query values masked, fit for logs and error messages."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "<unparseable url>"
    if ":" in host:
        host = f"[{host}]"
    userinfo = f"{MASK}@" if parts.username or parts.password else ""
    query = "&".join(f"{key}={MASK}" for key, _ in parse_qsl(parts.query, keep_blank_values=True))
    return urlunsplit((parts.scheme, f"{userinfo}{host}{port}", parts.path, query, ""))


def scrub(text: str, secrets: Iterable[str]) -> str:
    """`text` with every secret (and URL-embedded credential) replaced by a mask."""
    for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text


def url_secrets(url: str) -> list[str]:
    """The parts of a URL that must not appear in messages: userinfo and query values."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return [url]
    found = [parts.username or "", parts.password or "", parts.query]
    found += [value for _, value in parse_qsl(parts.query, keep_blank_values=True)]
    return [item for item in found if len(item) >= 3]
