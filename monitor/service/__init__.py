"""Wiring: config files to definitions, the poll cycle, the daemon, views for the CLI."""
