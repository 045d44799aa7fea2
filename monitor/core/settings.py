"""What to watch and how, as plain data: the definitions the configuration files describe.

Built by `monitor.service.config.load_config`; read by every stage. No I/O, no live objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time, timedelta

from monitor.core.channel_config import ChannelConfig
from monitor.core.commitment import Commitment

DEFAULT_DATABASE_URL = "sqlite:///data/monitor.db"
# Like Svix: immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h.
DEFAULT_RETRY = tuple(timedelta(seconds=s) for s in (0, 5, 300, 1800, 7200, 18000, 36000, 36000))


@dataclass(frozen=True)
class PollSettings:
    interval: timedelta = timedelta(minutes=30)
    min_interval: timedelta = timedelta(minutes=5)
    max_backoff: timedelta = timedelta(hours=12)
    jitter: float = 0.1
    backfill: timedelta = timedelta(days=30)
    workers: int = 8
    per_host: int = 2
    timeout: float = 10.0
    deadline: float = 30.0
    max_bytes: int = 10 * 1024 * 1024
    max_entries: int = 2000
    failing_after: timedelta = timedelta(hours=24)
    ssrf_guard: bool = False  # off: loopback and private addresses are allowed
    ssrf_allow: tuple[str, ...] = ()  # networks or host names the guard lets through


@dataclass(frozen=True)
class AlertSettings:
    due_soon: tuple[timedelta, ...] = (timedelta(days=90), timedelta(days=30), timedelta(days=7))
    remind_every: timedelta = timedelta(days=7)
    silent_after: timedelta = timedelta(days=90)
    corroboration: int = 1
    escalate_after: timedelta | None = None
    escalate_to: tuple[str, ...] = ()
    group_wait: timedelta | None = None  # bundle a channel's alerts created within this window
    max_per_hour: int | None = None  # per channel; beyond it alerts wait for an hourly digest


@dataclass(frozen=True)
class Route:
    channels: tuple[str, ...]
    kinds: tuple[str, ...] = ()
    commitments: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    severities: tuple[str, ...] = ()

    def matches(self, kind: str, commitment: Commitment | None) -> bool:
        return self._kind_matches(kind) and self._commitment_matches(commitment)

    def _kind_matches(self, kind: str) -> bool:
        """A listed kind matches itself and the kinds under it: `feed` matches `feed.failing`."""
        return not self.kinds or any(kind == k or kind.startswith(k + ".") for k in self.kinds)

    def _commitment_matches(self, c: Commitment | None) -> bool:
        """Routes by commitment, tag or severity match only alerts about such a commitment."""
        if self.commitments and (c is None or c.id not in self.commitments):
            return False
        if self.tags and (c is None or not set(self.tags) & set(c.tags)):
            return False
        return not self.severities or (c is not None and str(c.severity) in self.severities)


@dataclass(frozen=True)
class DigestPlan:
    """A channel in digest mode: one summary per day (or week, on `weekday`, 0 = Monday)
    at local time `at` in `timezone`."""

    period: str  # daily | weekly
    at: time = time(8, 0)
    timezone: str = "UTC"
    weekday: int = 0


@dataclass(frozen=True)
class Channel:
    config: ChannelConfig
    retry: tuple[timedelta, ...] = DEFAULT_RETRY
    digest: DigestPlan | None = None


@dataclass(frozen=True)
class FeedDef:
    url: str
    name: str | None = None
    interval: timedelta | None = None
    lang: str | None = None


@dataclass(frozen=True)
class HttpSettings:
    """The web (`http:` in monitor.yaml): where `monitor run` serves it, and the token every
    write needs (none: read-only). Loopback by default."""

    host: str = "127.0.0.1"
    port: int = 8080
    token: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    poll: PollSettings = field(default_factory=PollSettings)
    alerts: AlertSettings = field(default_factory=AlertSettings)
    lease: timedelta = timedelta(minutes=5)
    http: HttpSettings | None = None  # set: `monitor run` serves the web too


@dataclass(frozen=True)
class Config:
    settings: Settings
    channels: dict[str, Channel]
    routes: tuple[Route, ...]
    commitments: tuple[Commitment, ...]
    feeds: tuple[FeedDef, ...]

    def commitment(self, cid: str) -> Commitment | None:
        return next((c for c in self.commitments if c.id == cid), None)

    def channels_for(self, kind: str, commitment: Commitment | None) -> list[str]:
        """Channel names an alert goes to: matching routes, else every channel."""
        if not self.routes:
            return sorted(self.channels)
        names = {n for r in self.routes if r.matches(kind, commitment) for n in r.channels}
        return sorted(names)
