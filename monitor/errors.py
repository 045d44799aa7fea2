"""One error root for everything the monitor raises on purpose.

MonitorError
├── ConfigError            bad configuration (file:line: message); exit code 2
├── DateError              a date phrase that cannot be read
├── StorageError           the database is unusable
├── FeedError              a feed could not be fetched or parsed (kind says which)
│   └── ParseError         the bytes are not a usable feed
└── DeliveryError          a channel could not deliver
    ├── TransientDeliveryError   retry later (retry_after seconds, if the peer said)
    └── PermanentDeliveryError   retrying will not help
        └── EndpointGoneError    the endpoint asked to be disabled (HTTP 410)
"""

from __future__ import annotations


class MonitorError(Exception):
    """Root of the monitor's own errors."""


class ConfigError(MonitorError):
    """A configuration problem, located as `file:line: message` where possible."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None) -> None:
        self.message = message
        self.file = file
        self.line = line
        super().__init__(self.located())

    def located(self) -> str:
        if self.file and self.line:
            return f"{self.file}:{self.line}: {self.message}"
        if self.file:
            return f"{self.file}: {self.message}"
        return self.message


class DateError(MonitorError):
    """A date phrase that the date engine cannot turn into a window."""


class StorageError(MonitorError):
    """The database cannot be used."""


class FeedError(MonitorError):
    """A feed could not be fetched or parsed; `kind` is a short stable classification."""

    def __init__(self, kind: str, message: str) -> None:
        self.kind = kind
        super().__init__(f"{kind}: {message}")


class ParseError(FeedError):
    """The fetched bytes are not a usable feed."""

    def __init__(self, message: str, kind: str = "parse") -> None:
        super().__init__(kind, message)


class DeliveryError(MonitorError):
    """A channel failed to deliver a message."""


class TransientDeliveryError(DeliveryError):
    """Worth retrying; `retry_after` (seconds) when the peer asked for a delay."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        self.retry_after = retry_after
        super().__init__(message)


class PermanentDeliveryError(DeliveryError):
    """Retrying the same message will not help."""


class EndpointGoneError(PermanentDeliveryError):
    """The endpoint asked to be disabled (HTTP 410 Gone)."""
