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
    flags = [
        f
        for f, on in (("deadline", e.deadline), ("vague", e.vague), ("open_end", e.open_end))
        if on
    ]
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
    assert {row["l"] for row in TABLE["phrases"]} == {"en", "fr", "ru", "de", "tr"}


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
        "de": "und dann sagten 15 Leute",
        "tr": "ve sonra 15 kişi söyledi",
    }[lang]
    return f" {filler} ".join(rows)


@pytest.mark.parametrize("lang", ["en", "fr", "ru", "de", "tr"])
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
    assert seen > 80  # the texts hold many dates: an empty answer would prove nothing


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


# --- issue 14: deadline readings, German and Turkish, open ends, partial ISO dates


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("by the end of the year 2019", "en"),
        ("à la fin de l'année 2019", "fr"),
        ("Ende des Jahres 2019", "de"),
        ("2019 yılı sonunda", "tr"),
    ],
)
def test_year_number_after_the_word_year_is_the_year(text: str, lang: str) -> None:
    e = read_deadline(text, date(2013, 6, 1), lang)
    assert (e.start, e.end, e.grain, e.relative) == (
        date(2019, 9, 1),
        date(2020, 1, 1),
        Grain.THIRD,
        False,
    )


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("2031 and 2032", "en"),
        ("2031 et 2032", "fr"),
        ("в 2031 и 2032 годах", "ru"),
        ("2031 und 2032", "de"),
        ("2031 ve 2032 yıllarında", "tr"),
        ("2031 and 2032", None),
    ],
)
def test_deadline_of_two_following_years_spans_both(text: str, lang: str | None) -> None:
    e = read_deadline(text, date(2025, 1, 1), lang)
    assert (e.start, e.end, e.grain) == (date(2031, 1, 1), date(2033, 1, 1), Grain.YEAR)


def test_deadline_pairs_join_only_units_that_follow_each_other() -> None:
    ref = date(2025, 1, 1)
    e = read_deadline("June and July 2031", ref)
    assert (e.start, e.end, e.grain) == (date(2031, 6, 1), date(2031, 8, 1), Grain.MONTH)
    e = read_deadline("2031 and 2035", ref)  # two deadlines, not one window: the first
    assert (e.start, e.end) == (date(2031, 1, 1), date(2032, 1, 1))


def test_running_text_keeps_a_pair_as_two_dates() -> None:
    found = find_dates("The two units should start in 2031 and 2032.", date(2025, 1, 1), "en")
    assert [e.text for e in found] == ["2031", "2032"]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Dezember 2021", (date(2021, 12, 1), date(2022, 1, 1), Grain.MONTH)),
        ("Ende 2027", (date(2027, 9, 1), date(2028, 1, 1), Grain.THIRD)),
        ("2027'de", (date(2027, 1, 1), date(2028, 1, 1), Grain.YEAR)),
        ("2026'nın ilk yarısında", (date(2026, 1, 1), date(2026, 7, 1), Grain.HALF)),
        ("Mitte 2027", (date(2027, 5, 1), date(2027, 9, 1), Grain.THIRD)),
    ],
)
def test_read_deadline_reads_the_whole_phrase_in_some_language(
    text: str, want: tuple[date, date, Grain]
) -> None:
    """A phrase too short for the language guess ("Ende 2027" looks English) is read in every
    language with tables; the reading covering the whole phrase wins."""
    e = read_deadline(text, date(2015, 1, 1))
    assert (e.start, e.end, e.grain) == want
    assert e.text == text


def test_language_codes_are_normalised_and_unknown_ones_read_numbers() -> None:
    ref = date(2015, 1, 1)
    assert find_dates("Dezember 2021", ref, "de-DE") == find_dates("Dezember 2021", ref, "de")
    assert find_dates("Dezember 2021", ref, "DE")[0].grain == Grain.MONTH
    (e,) = find_dates("diciembre de 2021", ref, "es")  # no Spanish tables: the year still
    assert (e.start, e.end) == (date(2021, 1, 1), date(2022, 1, 1))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("not before 2029", "en"),
        ("2029 at the earliest", "en"),
        ("they will not open before 2029", "en"),
        ("pas avant 2029", "fr"),
        ("au plus tôt en 2029", "fr"),
        ("не ранее 2029 года", "ru"),
        ("не раньше 2029 года", "ru"),
        ("frühestens 2029", "de"),
        ("nicht vor 2029", "de"),
        ("en erken 2029'da", "tr"),
        ("2029'dan önce değil", "tr"),
    ],
)
def test_earliest_dates_have_an_open_end(text: str, lang: str) -> None:
    (e,) = find_dates(text, date(2025, 1, 1), lang)
    assert (e.start, e.end, e.open_end, e.deadline) == (
        date(2029, 1, 1),
        date(2030, 1, 1),
        True,
        False,
    )


@pytest.mark.parametrize(
    ("text", "lang", "want"),
    [
        ("not in 2029", "en", (date(2030, 1, 1), date(2031, 1, 1))),
        ("pas en 2029", "fr", (date(2030, 1, 1), date(2031, 1, 1))),
        ("не в 2029 году", "ru", (date(2030, 1, 1), date(2031, 1, 1))),
        ("nicht mehr 2029", "de", (date(2030, 1, 1), date(2031, 1, 1))),
        ("2029'da değil", "tr", (date(2030, 1, 1), date(2031, 1, 1))),
        ("not in May 2029", "en", (date(2029, 6, 1), date(2029, 7, 1))),
        ("not in the third quarter of 2029", "en", (date(2029, 10, 1), date(2030, 1, 1))),
    ],
)
def test_not_in_opens_after_the_window_named(text: str, lang: str, want: tuple[date, date]) -> None:
    (e,) = find_dates(text, date(2025, 1, 1), lang)
    assert ((e.start, e.end), e.open_end, e.text) == (want, True, text)


def test_open_end_is_in_json_only_when_set() -> None:
    ref = date(2025, 1, 1)
    opened = read_deadline("no earlier than mid-2029", ref, "en")
    assert opened.as_json()["open_end"] is True
    assert "open_end" not in read_deadline("by mid-2029", ref, "en").as_json()


def test_a_word_between_two_dates_goes_with_the_one_it_leads() -> None:
    found = find_dates("first in 2026, not before 2027", date(2025, 1, 1), "en")
    assert [(e.text, e.open_end) for e in found] == [("2026", False), ("not before 2027", True)]


@pytest.mark.parametrize(
    ("text", "lang", "want"),
    [
        ("2026 at the latest", "en", (date(2026, 1, 1), date(2027, 1, 1))),
        ("fin 2026 au plus tard", "fr", (date(2026, 9, 1), date(2027, 1, 1))),
        ("Ende 2026 spätestens", "de", (date(2026, 9, 1), date(2027, 1, 1))),
        ("2026 sonuna kadar", "tr", (date(2026, 9, 1), date(2027, 1, 1))),
        ("2030'dan önce", "tr", (date(2025, 1, 1), date(2030, 1, 1))),
    ],
)
def test_deadline_words_after_the_date(text: str, lang: str, want: tuple[date, date]) -> None:
    (e,) = find_dates(text, date(2025, 1, 1), lang)
    assert ((e.start, e.end), e.deadline, e.text) == (want, True, text)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("2020-10", (date(2020, 10, 1), date(2020, 11, 1), Grain.MONTH)),
        ("2011-12", (date(2011, 12, 1), date(2012, 1, 1), Grain.MONTH)),
        ("2005-06", (date(2005, 6, 1), date(2005, 7, 1), Grain.MONTH)),
    ],
)
def test_partial_iso_date_alone_is_its_month(text: str, want: tuple[date, date, Grain]) -> None:
    e = read_deadline(text, date(2003, 1, 1))
    assert (e.start, e.end, e.grain) == want


def test_partial_iso_lookalike_in_running_text_stays_a_year_range() -> None:
    (e,) = find_dates("Results for the 2011-12 season were poor.", date(2013, 1, 1), "en")
    assert (e.start, e.end, e.grain) == (date(2011, 1, 1), date(2013, 1, 1), Grain.YEAR)


def test_turkish_dotless_i_is_its_own_letter() -> None:
    ref = date(2025, 10, 1)
    assert find_dates("Toplantıya 40 kişi katıldı.", ref, "tr") == []  # "kişi" is no "kış"
    for text, grain in (("KIŞ 2026", Grain.SEASON), ("İlkbahar 2026", Grain.SEASON)):
        (e,) = find_dates(text, ref, "tr")
        assert (e.grain, e.start.year, e.text) == (grain, 2026, text)
    (e,) = find_dates("ARALIK 2026", ref, "tr")
    assert (e.start, e.grain) == (date(2026, 12, 1), Grain.MONTH)


def test_german_day_and_ordinal_dots_do_not_end_a_sentence() -> None:
    found = find_dates("Am 20. Dezember 2019 und im 3. Quartal 2026.", date(2018, 1, 1), "de")
    assert [(e.text, e.grain) for e in found] == [
        ("Am 20. Dezember 2019", Grain.DAY),
        ("im 3. Quartal 2026", Grain.QUARTER),
    ]


def test_every_language_has_its_tables() -> None:
    from monitor.understand.dates.grammar import LEXICONS
    from monitor.understand.language import CANDIDATES

    assert set(LEXICONS) == {"en", "fr", "ru", "de", "tr"}
    assert set(LEXICONS) <= set(CANDIDATES)  # codes the guesser can give


def test_before_an_event_of_a_year_is_by_that_year() -> None:
    """The year in "before the 2024 Olympics" names the event's year, not the edge of the
    deadline (which "before 2024" would be)."""
    ref = date(2021, 1, 1)
    (e,) = find_dates("It must open before the 2024 Olympics.", ref, "en")
    assert (e.start, e.end, e.deadline) == (date(2024, 1, 1), date(2025, 1, 1), True)
    (e,) = find_dates("It must open before 2024.", ref, "en")
    assert (e.start, e.end, e.deadline) == (ref, date(2024, 1, 1), True)


def test_not_waiting_until_a_date_is_no_open_end() -> None:
    (e,) = find_dates("They should not wait until May 2029.", date(2025, 1, 1), "en")
    assert (e.text, e.deadline, e.open_end) == ("until May 2029", True, False)
