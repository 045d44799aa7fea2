"""The closed vocabularies of the monitor: statuses, signals, grains, alert kinds."""

from enum import StrEnum


class Status(StrEnum):
    PENDING = "pending"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    SLIPPED = "slipped"
    MET = "met"
    OVERDUE = "overdue"
    UNKNOWN = "unknown"
    CANCELLED = "cancelled"


class Signal(StrEnum):
    DELAY = "delay"
    COMPLETION = "completion"
    PROGRESS = "progress"
    RISK = "risk"
    CANCELLATION = "cancellation"
    MENTION = "mention"


class Grain(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    SEASON = "season"
    QUARTER = "quarter"
    THIRD = "third"
    HALF = "half"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"
    VAGUE = "vague"


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    CRITICAL = "critical"


class AlertKind(StrEnum):
    SLIPPED = "commitment.slipped"
    AT_RISK = "commitment.at_risk"
    OVERDUE = "commitment.overdue"
    MET = "commitment.met"
    DUE_SOON = "commitment.due_soon"
    SILENT = "commitment.silent"
    CANCELLED = "commitment.cancelled"
    FEED_FAILING = "feed.failing"
    FEED_RECOVERED = "feed.recovered"
    DELIVERY_FAILED = "delivery.failed"
    TEST = "monitor.test"


class FeedState(StrEnum):
    OK = "ok"
    FAILING = "failing"
    GONE = "gone"
    ARCHIVED = "archived"


class DeliveryState(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    DEAD = "dead"
    SUPPRESSED = "suppressed"
    GROUPED = "grouped"  # carried by a group or digest message (DeliveryRow.group_id)
