"""The date engine against the phrase table (two reference dates each) and sentence cases."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from monitor.core.enums import Grain
from monitor.errors import DateError
from monitor.understand.dates import DateExpr, detect_lang, find_dates, read_deadline

DATA = Path(__file__).parent / "data"
TABLE = yaml.safe_load((DATA / "dates_phrases.yaml").read_text(encoding="utf-8"))
SENTENCES = yaml.safe_load((DATA / "dates_sentences.yaml").read_text(encoding="utf-8"))
REFS: dict[str, date] = TABLE["refs"]


def describe(e: DateExpr) -> str:
    flags = [f for f, on in (("deadline", e.deadline), ("vague", e.vague)) if on]
    return " ".join([f"{e.start}..{e.end}", str(e.grain), *flags])


def phrase_cases() -> list[Any]:
    cases = []
    for row in TABLE["phrases"]:
        for ref_name in ("a", "b"):
            want = row.get(ref_name) or row["a"]
            cases.append(
                pytest.param(
                    row["t"],
                    row["l"],
                    REFS[ref_name],
                    want,
                    id=f"{row['l']}-{row['t']}-ref_{ref_name}",
                )
            )
    return cases


def test_table_has_enough_phrases() -> None:
    assert len(TABLE["phrases"]) >= 250
    assert {row["l"] for row in TABLE["phrases"]} == {"en", "fr", "ru"}


@pytest.mark.parametrize(("text", "lang", "ref", "want"), phrase_cases())
def test_phrase(text: str, lang: str, ref: date, want: str) -> None:
    found = find_dates(text, ref, lang)
    assert [describe(e) for e in found] == [want]


@pytest.mark.parametrize(
    ("text", "lang", "ref"),
    [
        pytest.param(r["t"], r["l"], REFS[k], id=f"{r['l']}-{r['t']}-ref_{k}")
        for r in TABLE["none"]
        for k in ("a", "b")
    ],
)
def test_not_a_date(text: str, lang: str, ref: date) -> None:
    assert find_dates(text, ref, lang) == []


@pytest.mark.parametrize("case", SENTENCES, ids=[c["id"] for c in SENTENCES])
def test_sentence(case: dict[str, Any]) -> None:
    found = find_dates(case["text"], case["ref"], case["lang"])
    assert [f"{e.text} | {describe(e)}" for e in found] == case["expect"]
    for e in found:
        assert case["text"][e.span[0] : e.span[1]] == e.text


@pytest.mark.parametrize("case", SENTENCES, ids=[c["id"] for c in SENTENCES])
def test_sentence_language_is_detected(case: dict[str, Any]) -> None:
    assert detect_lang(case["text"]) == case["lang"]
    guessed = find_dates(case["text"], case["ref"])
    assert guessed == find_dates(case["text"], case["ref"], case["lang"])


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("à la fin de 2028", "fr"),
        ("fin 2028", "fr"),
        ("by the end of 2028", "en"),
        ("2026", "en"),
        ("к концу 2028 года", "ru"),
        ("l'an dernier", "fr"),
        ("mid-2026", "en"),
    ],
)
def test_detect_lang_on_short_phrases(text: str, lang: str) -> None:
    assert detect_lang(text) == lang


def test_as_json_contract() -> None:
    (e,) = find_dates("by Q3 2027", date(2025, 10, 1), "en")
    assert e.as_json() == {
        "text": "by Q3 2027",
        "start": "2027-07-01",
        "end": "2027-10-01",
        "grain": "quarter",
        "vague": False,
        "deadline": True,
        "relative": False,
    }
    assert e.span == (0, 10)


def test_relative_flag_marks_reference_use() -> None:
    ref = date(2025, 10, 1)
    assert find_dates("next year", ref, "en")[0].relative
    assert not find_dates("2027", ref, "en")[0].relative


def test_read_deadline_reads_one_window() -> None:
    e = read_deadline("à la mi-2026", date(2025, 1, 1), "fr")
    assert (e.start, e.end, e.grain) == (date(2026, 5, 1), date(2026, 9, 1), Grain.THIRD)


@pytest.mark.parametrize("text", ["sometime", "", "10 millions de tonnes", "Route 66"])
def test_read_deadline_rejects_unreadable(text: str) -> None:
    with pytest.raises(DateError):
        read_deadline(text, date(2025, 1, 1))


def test_unknown_language_still_reads_numeric_forms() -> None:
    (e,) = find_dates("Termin: 2026-07", date(2025, 1, 1), "de")
    assert (e.start, e.end, e.grain) == (date(2026, 7, 1), date(2026, 8, 1), Grain.MONTH)


def long_text(lang: str) -> str:
    """Every phrase of a language in one text, with filler and distractor numbers between."""
    rows = [r["t"] for r in TABLE["phrases"] if r["l"] == lang]
    filler = {
        "en": "and then 15 people said 2.5 times",
        "fr": "puis 15 personnes ont dit",
        "ru": "и затем 15 человек сказали",
    }[lang]
    return f" {filler} ".join(rows)


@pytest.mark.parametrize("lang", ["en", "fr", "ru"])
def test_scanning_near_trigger_words_finds_what_a_full_scan_finds(lang: str) -> None:
    from monitor.understand.dates.engine import find

    texts = [long_text(lang), *(c["text"] for c in SENTENCES if c["lang"] == lang)]
    seen = 0
    for text in texts:
        for ref in REFS.values():
            near = [(c.s, c.e, c.start, c.end) for c in find(text, ref, lang)]
            full = [(c.s, c.e, c.start, c.end) for c in find(text, ref, lang, full=True)]
            assert near == full
            seen += len(near)
    assert seen > 100  # the texts hold many dates: an empty answer would prove nothing


@pytest.mark.parametrize(
    ("pattern", "want"),
    [
        pytest.param(r"sept?\.?", {("sep", True, False)}, id="optional-letter-cut"),
        pytest.param(
            r"[ée]t[ée]",
            {("ete", True, True), ("été", True, True), ("eté", True, True), ("éte", True, True)},
            id="accents",
        ),
        pytest.param(r"the\s+end", {("end", True, True)}, id="tie-takes-later-word"),
        pytest.param(r"cy\s?(?P<yy>\d\d)", {("cy", True, False)}, id="optional-space-no-edge"),
        pytest.param(
            r"(?<!\w)(?P<f>(?-i:EOY|BOY)|eoy)(?!\w)",
            {("EOY", True, True), ("BOY", True, True), ("eoy", True, True)},
            id="inside-groups",
        ),
        pytest.param(r"январ(?:ь|я|е)", {("январ", True, False)}, id="russian-stem"),
    ],
)
def test_trigger_fragments(pattern: str, want: set[tuple[str, bool, bool]]) -> None:
    from monitor.understand.dates.trigger import fragments

    assert fragments(pattern) == want


@pytest.mark.parametrize(
    ("pattern", "text", "want"),
    [
        (r"(?<!\w)(?:the\s+)?(?:jan|feb)\w*", "in the january cold", "the january"),
        (r"(?<!\d)(?P<d>\d\d?)\s+(?:mai|juin)", "le 14 juin", "14 juin"),
        (r"(?:a|b)?c", "xxbc", "bc"),
    ],
)
def test_first_character_guard_keeps_every_match(pattern: str, text: str, want: str) -> None:
    import re

    from monitor.understand.dates.prefix import guarded

    guard = guarded(pattern, re.IGNORECASE)
    assert guard.startswith("(?=[")
    m = re.search(guard, text, re.IGNORECASE)
    assert m is not None and m.group() == want
