"""The news-dev tune / held-out split (bench/news_split.py): by project, fixed, complete."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest

from bench.news_split import HELDOUT, TUNE, derive_heldout, split_of
from tests.conftest import shared_path


@pytest.fixture(scope="module")
def items() -> list[dict[str, Any]]:
    path = shared_path("corpus", "news-dev", "items.jsonl")
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_split_is_by_project_and_covers_all_32(items: list[dict[str, Any]]) -> None:
    projects = {i["project"] for i in items}
    assert len(projects) == 32
    assert not TUNE & HELDOUT
    assert projects == TUNE | HELDOUT
    assert len(HELDOUT) == 11 and len(TUNE) == 21
    sides: dict[str, set[str]] = {}
    for i in items:
        sides.setdefault(i["project"], set()).add(split_of(i["project"]))
    assert all(len(s) == 1 for s in sides.values())


def test_split_is_deterministic(items: list[dict[str, Any]]) -> None:
    projects = sorted({i["project"] for i in items})
    assert derive_heldout(projects) == HELDOUT
    assert derive_heldout(reversed(projects)) == HELDOUT
    assert [split_of(p) for p in projects] == [split_of(p) for p in projects]
    assert split_of("some-new-project") == split_of("some-new-project")


def test_heldout_has_the_main_languages(items: list[dict[str, Any]]) -> None:
    langs = Counter(i["lang"] for i in items if split_of(i["project"]) == "heldout")
    assert all(langs[lang] >= 20 for lang in ("en", "fr", "ru")), langs
    assert langs["de"] and langs["tr"], langs
    share = sum(langs.values()) / len(items)
    assert 0.30 <= share <= 0.36
