"""When a new delivery may first go out: at once, after the grouping wait, or at the channel's
next digest slot. Slots are local wall-clock times turned into UTC with zoneinfo, so a digest
set for 08:00 Europe/Paris stays at 08:00 on both sides of a DST change."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from monitor.alerts.render import GROUP_KIND
from monitor.core.settings import Config, DigestPlan


def _slots_from(plan: DigestPlan, moment: datetime, step: int) -> list[datetime]:
    """Candidate slots (UTC) on the local days around `moment`, walking `step` days."""
    zone = ZoneInfo(plan.timezone)
    day = moment.astimezone(zone).date()
    found = []
    for offset in range(-1, 9):
        d = day + timedelta(days=offset * step)
        if plan.period == "weekly" and d.weekday() != plan.weekday:
            continue
        # fold=0: an ambiguous local time (autumn) is its first occurrence; a missing one
        # (spring) is read with the offset before the change, i.e. an hour later in summer time.
        found.append(datetime.combine(d, plan.at, tzinfo=zone).astimezone(UTC))
    return found


def next_slot(plan: DigestPlan, after: datetime) -> datetime:
    """The first digest moment strictly after `after` (UTC)."""
    return min(s for s in _slots_from(plan, after, 1) if s > after)


def last_slot(plan: DigestPlan, at: datetime) -> datetime:
    """The latest digest moment at or before `at` (UTC)."""
    return max(s for s in _slots_from(plan, at, -1) if s <= at)


def hold_until(config: Config, channel: str, kind: str, now: datetime) -> datetime:
    """The first moment a delivery of a new `kind` alert to `channel` may be attempted."""
    spec = config.channels.get(channel)
    if kind == GROUP_KIND or spec is None:
        return now
    if spec.digest is not None:
        return next_slot(spec.digest, now)
    wait = config.settings.alerts.group_wait
    return now + wait if wait else now
