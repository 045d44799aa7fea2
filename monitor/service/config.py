"""Loads and validates the configuration directory: monitor.yaml, commitments.yaml, feeds.yaml.

Every problem is a ConfigError located as `file:line`. Unknown keys are errors; secrets may be
`${ENV}` references, expanded here (a missing variable is an error, its value is never printed).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from monitor.core.channel_config import AppriseConfig, ChannelConfig, EmailConfig, WebhookConfig
from monitor.core.commitment import Commitment, Source, Target
from monitor.core.enums import AlertKind, Severity
from monitor.core.settings import (
    DEFAULT_DATABASE_URL,
    DEFAULT_RETRY,
    AlertSettings,
    Channel,
    Config,
    DigestPlan,
    FeedDef,
    HttpSettings,
    PollSettings,
    Route,
    Settings,
)
from monitor.core.window import DateExpr
from monitor.errors import ConfigError, DateError
from monitor.service.yamlfile import LineDict, LineList, Section, load_yaml
from monitor.understand.dates import read_deadline

_SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def load_config(directory: Path) -> Config:
    """Read and validate the three files of a configuration directory."""
    settings, channels, routes = _load_monitor(directory / "monitor.yaml")
    commitments = _load_commitments(directory / "commitments.yaml")
    feeds = _load_feeds(directory / "feeds.yaml")
    return Config(settings, channels, routes, commitments, feeds)


def _load_monitor(path: Path) -> tuple[Settings, dict[str, Channel], tuple[Route, ...]]:
    f = str(path)
    root = Section(load_yaml(path) if path.exists() else LineDict(), f, "monitor.yaml")
    root.only("database_url", "polling", "alerts", "lease", "channels", "routes", "http")
    db = os.environ.get("MONITOR_DATABASE_URL") or root.text(
        "database_url", DEFAULT_DATABASE_URL, env=True
    )
    poll = _poll_settings(root.child("polling"))
    a = root.child("alerts")
    alerts = _alert_settings(a)
    settings = Settings(db, poll, alerts, root.duration("lease", Settings().lease), _http(root))
    channels = {
        name: _channel(name, Section(spec, f, f"channels.{name}", root.line))
        for name, spec in (root.data.get("channels") or {}).items()
    }
    routes = tuple(_route(r, f, channels) for r in (root.data.get("routes") or []))
    for target in alerts.escalate_to:
        if target not in channels:
            raise a.err("escalate_to", f"alerts.escalate_to: unknown channel {target!r}")
    return settings, channels, routes


def _poll_settings(p: Section) -> PollSettings:
    p.only(*PollSettings.__dataclass_fields__)
    d = PollSettings()
    return PollSettings(
        interval=p.duration("interval", d.interval),
        min_interval=p.duration("min_interval", d.min_interval),
        max_backoff=p.duration("max_backoff", d.max_backoff),
        jitter=p.number("jitter", d.jitter),
        backfill=p.duration("backfill", d.backfill),
        workers=max(1, p.number("workers", d.workers, int)),
        per_host=max(1, p.number("per_host", d.per_host, int)),
        timeout=p.duration("timeout", timedelta(seconds=d.timeout)).total_seconds(),
        deadline=p.duration("deadline", timedelta(seconds=d.deadline)).total_seconds(),
        max_bytes=p.number("max_bytes", d.max_bytes, int),
        max_entries=p.number("max_entries", d.max_entries, int),
        failing_after=p.duration("failing_after", d.failing_after),
        ssrf_guard=bool(p.data.get("ssrf_guard", False)),
        ssrf_allow=p.strings("ssrf_allow"),
    )


MIN_TOKEN = 16


def _http(root: Section) -> HttpSettings | None:
    """The web's `http:` section: None when absent (then `monitor run` serves no web)."""
    if "http" not in root.data:
        return None
    h = root.child("http")
    h.only("host", "port", "token")
    token = h.opt("token", env=True)
    if token is not None and len(token) < MIN_TOKEN:
        raise h.err("token", f"{h.what}: token must be at least {MIN_TOKEN} characters")
    port = h.number("port", HttpSettings.port, int)
    if port > 65535:
        raise h.err("port", f"{h.what}: port must be at most 65535")
    return HttpSettings(h.text("host", HttpSettings.host), port, token)


def _alert_settings(a: Section) -> AlertSettings:
    a.only(*AlertSettings.__dataclass_fields__)
    d = AlertSettings()
    return AlertSettings(
        due_soon=a.durations("due_soon", d.due_soon),
        remind_every=a.duration("remind_every", d.remind_every),
        silent_after=a.duration("silent_after", d.silent_after),
        corroboration=max(1, a.number("corroboration", d.corroboration, int)),
        escalate_after=a.duration("escalate_after", None),
        escalate_to=a.strings("escalate_to"),
        group_wait=a.duration("group_wait", None),
        max_per_hour=a.number("max_per_hour", 0, int) or None,
    )


_COMMON = ("type", "retry", "digest", "digest_at", "digest_day", "timezone")


def _build_channel(name: str, n: Section) -> Channel:
    kind = n.text("type")
    build = _CHANNEL_BUILDERS.get(kind)
    if build is None:
        raise n.err("type", f"{n.what}: type must be email, webhook or apprise, not {kind!r}")
    config = build(name, n)
    return Channel(config, n.durations("retry", DEFAULT_RETRY), _digest(n))


def _email(name: str, n: Section) -> EmailConfig:
    n.only(
        *_COMMON,
        "host",
        "port",
        "tls",
        "username",
        "password",
        "from",
        "to",
        "timeout",
        "ca_file",
    )
    tls = n.text("tls", "starttls")
    if tls not in ("none", "starttls", "ssl"):
        raise n.err("tls", f"{n.what}: tls must be none, starttls or ssl")
    to = n.strings("to")
    if not to:
        raise n.err("to", f"{n.what}: 'to' needs at least one address")
    return EmailConfig(
        name=name,
        host=n.text("host", env=True),
        port=n.number("port", 465 if tls == "ssl" else 587, int),
        tls=tls,
        username=n.opt("username", env=True),
        password=n.opt("password", env=True),
        from_addr=n.text("from", env=True),
        to=to,
        timeout=n.duration("timeout", timedelta(seconds=20)).total_seconds(),
        ca_file=n.opt("ca_file"),
    )


def _webhook(name: str, n: Section) -> WebhookConfig:
    n.only(*_COMMON, "url", "secret", "secrets", "timeout")
    secrets = (
        (n.text("secret", env=True),)
        if n.has("secret")
        else tuple(n.expand("secrets", s) for s in n.strings("secrets"))
    )
    if not secrets:
        raise n.err(None, f"{n.what}: 'secret' is required (whsec_...)")
    for secret in secrets:
        if not secret.startswith("whsec_"):
            raise n.err("secret", f"{n.what}: a secret must start with 'whsec_'")
    return WebhookConfig(
        name=name,
        url=n.text("url", env=True),
        secret=secrets,
        timeout=n.duration("timeout", timedelta(seconds=20)).total_seconds(),
    )


def _apprise(name: str, n: Section) -> AppriseConfig:
    n.only(*_COMMON, "urls")
    urls = tuple(n.expand("urls", u) for u in n.strings("urls"))
    if not urls:
        raise n.err("urls", f"{n.what}: 'urls' needs at least one URL")
    return AppriseConfig(name=name, urls=urls)


_CHANNEL_BUILDERS: dict[str, Callable[[str, Section], ChannelConfig]] = {
    "email": _email,
    "webhook": _webhook,
    "apprise": _apprise,
}


def _digest(n: Section) -> DigestPlan | None:
    period = n.opt("digest")
    if period is None:
        for key in ("digest_at", "digest_day", "timezone"):
            if n.has(key):
                raise n.err(key, f"{n.what}: {key!r} needs 'digest: daily|weekly'")
        return None
    if period not in ("daily", "weekly"):
        raise n.err("digest", f"{n.what}: digest must be daily or weekly, not {period!r}")
    m = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", n.text("digest_at", "08:00"))
    if not m:
        raise n.err("digest_at", f"{n.what}: digest_at must be HH:MM")
    zone = n.text("timezone", "UTC")
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise n.err("timezone", f"{n.what}: unknown timezone {zone!r}") from None
    day = n.text("digest_day", "monday").lower()
    if day not in _WEEKDAYS:
        raise n.err("digest_day", f"{n.what}: digest_day must be a weekday name")
    return DigestPlan(period, time(int(m.group(1)), int(m.group(2))), zone, _WEEKDAYS.index(day))


def _channel(name: str, n: Section) -> Channel:
    try:
        return _build_channel(name, n)
    except ConfigError as exc:
        if exc.file:
            raise
        raise n.err(None, exc.message) from None


def _route(data: Any, file: str, channels: dict[str, Channel]) -> Route:
    n = Section(data, file, "route")
    n.only("channels", "kinds", "commitments", "tags", "severities")
    route = Route(
        *(n.strings(k) for k in ("channels", "kinds", "commitments", "tags", "severities"))
    )
    for name in route.channels:
        if name not in channels:
            raise n.err("channels", f"route: unknown channel {name!r}")
    known = {str(k) for k in AlertKind} | {"commitment", "feed", "delivery"}
    for kind in route.kinds:
        if kind not in known:
            raise n.err("kinds", f"route: unknown alert kind {kind!r}")
    return route


def _items(path: Path, key: str) -> tuple[Section, list[Any]]:
    root = Section(load_yaml(path) or LineDict(), str(path), path.name)
    root.only(key)
    items = root.data.get(key) or LineList()
    if not isinstance(items, list):
        raise root.err(key, f"{key!r} must be a list")
    return root, items


def _load_commitments(path: Path) -> tuple[Commitment, ...]:
    root, items = _items(path, "commitments")
    seen: dict[str, int] = {}
    result = []
    for data in items:
        n = Section(data, root.file, "commitment", root.line)
        result.append(_commitment(n))
        cid = result[-1].id
        if cid in seen:
            raise n.err("id", f"duplicate commitment id {cid!r} (first at line {seen[cid]})")
        seen[cid] = n.line
    for c, data in zip(result, items, strict=True):
        for dep in c.depends_on:
            if dep not in seen:
                raise Section(data, root.file, c.id).err("depends_on", f"{c.id}: unknown {dep!r}")
    return tuple(result)


def _commitment(n: Section) -> Commitment:
    n.only(
        "id",
        "title",
        "stated",
        "aliases",
        "deadline",
        "source",
        "target",
        "depends_on",
        "actors",
        "grace",
        "tags",
        "severity",
        "context",
        "exclude",
    )
    cid = n.text("id")
    if not _SLUG.match(cid):
        raise n.err("id", f"commitment id {cid!r} must be a lower-case slug")
    n.what = f"commitment {cid}"
    stated = _stated(n)
    aliases = n.strings("aliases")
    if not aliases:
        raise n.err("aliases", f"{n.what}: at least one alias is required")
    deadline_text = n.opt("deadline")
    deadline = _deadline(n, deadline_text, stated)
    source = _source(n)
    target = _target(n)
    severity = n.text("severity", "warning")
    if severity not in {str(s) for s in Severity}:
        raise n.err("severity", f"{n.what}: severity must be info, warning or critical")
    return Commitment(
        id=cid,
        title=n.text("title"),
        stated=stated,
        aliases=aliases,
        deadline_text=deadline_text,
        deadline=deadline,
        source=source,
        target=target,
        depends_on=n.strings("depends_on"),
        actors=n.strings("actors"),
        grace=n.duration("grace", timedelta(days=30)),
        tags=n.strings("tags"),
        severity=Severity(severity),
        context=n.strings("context"),
        exclude=n.strings("exclude"),
    )


def _stated(n: Section) -> date:
    """When the promise was made: an ISO date (YAML may have read it as a date already)."""
    stated_raw = n.data.get("stated")
    try:
        return stated_raw if isinstance(stated_raw, date) else date.fromisoformat(str(stated_raw))
    except ValueError:
        raise n.err("stated", f"{n.what}: 'stated' must be an ISO date") from None


def _deadline(n: Section, text: str | None, stated: date) -> DateExpr | None:
    """The deadline's window, read relative to when the promise was made."""
    if not text:
        return None
    try:
        return read_deadline(text, stated)
    except DateError as exc:
        raise n.err("deadline", f"{n.what}: cannot read deadline {text!r}: {exc}") from None


def _source(n: Section) -> Source:
    if not n.has("source"):
        return Source()
    s = n.child("source")
    s.only("url", "quote", "lang")
    return Source(s.opt("url"), s.opt("quote"), s.opt("lang"))


def _target(n: Section) -> Target | None:
    if not n.has("target"):
        return None
    t = n.child("target")
    t.only("value", "unit")
    return Target(t.number("value", 0), t.text("unit"))


def _load_feeds(path: Path) -> tuple[FeedDef, ...]:
    root, items = _items(path, "feeds")
    feeds: dict[str, FeedDef] = {}
    for data in items:
        n = Section(data, root.file, "feed", root.line)
        n.only("url", "name", "interval", "lang")
        url = n.text("url").strip()
        if not re.match(r"^https?://[^/\s]+", url, re.IGNORECASE):
            raise n.err("url", f"feed url must be http(s)://..., not {url!r}")
        if url in feeds:
            raise n.err("url", f"duplicate feed {url}")
        feeds[url] = FeedDef(url, n.opt("name"), n.duration("interval", None), n.opt("lang"))
    return tuple(feeds.values())
