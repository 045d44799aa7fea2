"""Statuses over time: decide each commitment's status, record changes, remind."""
