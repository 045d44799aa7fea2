"""CLI verbs. Each module exposes `add(subparsers)`, which registers a parser whose
`func(args, ctx)` returns the exit code. `Context` gives lazy access to config, store and clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from monitor.core.settings import Config
    from monitor.store import Store


@dataclass
class Context:
    config_dir: Path
    fixed_now: datetime | None = None
    _config: Config | None = field(default=None, repr=False)
    _store: Store | None = field(default=None, repr=False)

    def now(self) -> datetime:
        """The evaluation moment: --now/MONITOR_NOW when given, else the real clock."""
        return self.fixed_now or datetime.now(UTC)

    def config(self) -> Config:
        if self._config is None:
            from monitor.service.config import load_config

            self._config = load_config(self.config_dir)
        return self._config

    def store(self) -> Store:
        """The database, schema created and definitions synced from the YAML files."""
        if self._store is None:
            from monitor.service.sync import sync_definitions
            from monitor.store import Store

            self._store = Store.open(self.config().settings.database_url)
            sync_definitions(self._store, self.config(), self.now())
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
