"""Commitment monitor: watches news feeds for dated promises and alerts when they slip."""

__version__ = "0.1.0"
