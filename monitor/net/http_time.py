"""HTTP dates and Retry-After, read the same way for feeds and for webhook endpoints.

Pure: no network, no store. Whoever honours a Retry-After applies its own, smaller limit too.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

# Nobody is made to wait longer than this, whatever a server says; it also keeps absurd values
# ("99999999999", year 9999) far from datetime's range.
RETRY_AFTER_CAP = timedelta(days=31)

SECONDS = re.compile(r"\s*(\d{1,12})\s*")


def aware(now: datetime) -> datetime:
    """`now` in UTC; a naive value is refused."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(UTC)


def parse_http_date(value: str | None) -> datetime | None:
    """An aware UTC datetime from an HTTP-date (IMF-fixdate, RFC 850 or asctime); else None.

    A date without a zone is read as UTC, which is what HTTP dates always mean.
    """
    if not value or not value.strip():
        return None
    try:
        parsed = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def parse_retry_after(
    value: str | None,
    now: datetime,
    date_header: str | None = None,
    cap: timedelta = RETRY_AFTER_CAP,
) -> datetime | None:
    """The instant a Retry-After value points to, or None when absent or unreadable.

    Seconds count from `now`. An HTTP-date is read relative to the response's Date header
    when that is given and readable (a skewed server clock then does not shift the wait).
    Instants in the past become `now`; the wait never exceeds `cap` (at most RETRY_AFTER_CAP).
    """
    if value is None or not value.strip():
        return None
    now = aware(now)
    cap = min(cap, RETRY_AFTER_CAP)
    seconds = SECONDS.fullmatch(value)
    if seconds is not None:
        wait = timedelta(seconds=min(int(seconds.group(1)), int(cap.total_seconds())))
    else:
        when = parse_http_date(value)
        if when is None:
            return None
        server_now = parse_http_date(date_header) or now
        wait = when - server_now
    return now + max(timedelta(0), min(wait, cap))
