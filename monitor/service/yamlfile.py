"""YAML loading that remembers line numbers, and `Section`, a validating view of one mapping:
config errors say `file:line: message`."""

from __future__ import annotations

import os
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import yaml

from monitor.errors import ConfigError

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)\s*$")
_UNITS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_ENV = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


class LineDict(dict[str, Any]):
    """A mapping from YAML that knows its own line and each key's line (1-based)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    line: int = 0


class _Loader(yaml.SafeLoader):
    pass


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = str(key)
        if key in result:
            raise ConfigError(f"duplicate key {key!r}", line=key_node.start_mark.line + 1)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def load_yaml(path: Path) -> Any:
    """Parse one YAML file; syntax errors become ConfigError with the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", file=str(path)) from exc
    try:
        return yaml.load(text, Loader=_Loader)
    except ConfigError as exc:
        raise ConfigError(exc.message, file=str(path), line=exc.line) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"YAML syntax: {problem}", file=str(path), line=line) from exc


class Section:
    """A mapping being validated: typed getters that raise located errors."""

    def __init__(self, data: Any, file: str, what: str, line: int = 0) -> None:
        if not isinstance(data, dict):
            raise ConfigError(f"{what} must be a mapping", file, getattr(data, "line", line))
        self.data = data
        self.file = file
        self.what = what
        self.line = getattr(data, "line", line)

    def err(self, key: str | None, message: str) -> ConfigError:
        line = self.data.line_of(key) if isinstance(self.data, LineDict) and key else self.line
        return ConfigError(message, self.file, line)

    def only(self, *allowed: str) -> None:
        for key in self.data:
            if key not in allowed:
                raise self.err(key, f"unknown key {key!r} in {self.what}")

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def text(self, key: str, default: str | None = None, env: bool = False) -> str:
        value = self.data.get(key, default)
        if value is None:
            raise self.err(key, f"{self.what}: {key!r} is required")
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise self.err(key, f"{self.what}: {key!r} must be a string")
        text = str(value)
        return self.expand(key, text) if env else text

    def opt(self, key: str, env: bool = False) -> str | None:
        return self.text(key, env=env) if self.has(key) else None

    def expand(self, key: str, text: str) -> str:
        def sub(m: re.Match[str]) -> str:
            if m.group(1) not in os.environ:
                name = m.group(1)
                raise self.err(key, f"{self.what}: environment variable ${{{name}}} is not set")
            return os.environ[m.group(1)]

        return _ENV.sub(sub, text)

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
            raise self.err(key, f"{self.what}: {key!r} must be a list of strings")
        return tuple(str(v) for v in value)

    def number(self, key: str, default: float, kind: type = float) -> Any:
        value = self.data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.err(key, f"{self.what}: {key!r} must be a number")
        if value < 0:
            raise self.err(key, f"{self.what}: {key!r} must not be negative")
        return kind(value)

    def duration(self, key: str, default: timedelta | None) -> Any:
        value = self.data.get(key)
        if value is None:
            return default
        try:
            return parse_duration(value)
        except ValueError as exc:
            raise self.err(key, f"{self.what}: {key!r}: {exc}") from None

    def durations(self, key: str, default: tuple[timedelta, ...]) -> tuple[timedelta, ...]:
        value = self.data.get(key)
        if value is None:
            return default
        if not isinstance(value, list) or not value:
            raise self.err(key, f"{self.what}: {key!r} must be a non-empty list of durations")
        try:
            return tuple(parse_duration(v) for v in value)
        except ValueError as exc:
            raise self.err(key, f"{self.what}: {key!r}: {exc}") from None

    def child(self, key: str) -> Section:
        return Section(self.data.get(key) or LineDict(), self.file, f"{self.what}.{key}", self.line)


def parse_duration(value: Any) -> timedelta:
    """'90s', '5m', '2h', '30d', '1w' (or a number of seconds) as a timedelta."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return timedelta(seconds=value)
    m = _DURATION.match(str(value))
    if not m:
        raise ValueError(f"{value!r} is not a duration like 30s, 5m, 2h, 7d")
    return timedelta(seconds=float(m.group(1)) * _UNITS[m.group(2)])
