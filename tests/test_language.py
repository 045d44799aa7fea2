"""The one language guesser: texts, short headlines, declared languages as a prior."""

from __future__ import annotations

import pytest

from monitor.understand.language import base_code, guess


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Le CDG Express ouvrira fin 2025.", "fr"),
        ("Zangezur : ouverture reportée à 2030", "fr"),
        ("Stuttgart 21 wird später fertig", "de"),
        ("Названа дата старта «Турецкого потока»", "ru"),
        ("Akkuyu nükleer santralinin ilk ünitesi gecikecek", "tr"),
        ("The opening has been pushed back by a further three months", "en"),
    ],
)
def test_headlines(text: str, lang: str) -> None:
    assert guess(text) == lang


def test_inconclusive_text_takes_the_declared_language() -> None:
    assert guess("H1 2027", "fr") == "fr"
    assert guess("2026", "ru-RU") == "ru"
    assert guess("2026") == "en"


def test_a_clear_text_overrides_a_wrong_declaration() -> None:
    # feeds often declare one language for items written in several
    assert guess("La ligne 15 Sud ne sera pas prête à temps pour les Jeux", "en") == "fr"


@pytest.mark.parametrize(
    ("raw", "code"), [("fr-FR", "fr"), (" EN ", "en"), ("pt_BR", "pt"), ("", None), (None, None)]
)
def test_base_code(raw: str | None, code: str | None) -> None:
    assert base_code(raw) == code
