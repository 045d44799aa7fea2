"""Signals per sentence (negation, modality, plans, forecasts) and figures."""

from __future__ import annotations

from datetime import date

import pytest

from monitor.core.enums import Signal
from monitor.understand.quantity import find_quantities
from monitor.understand.signals import read_sentence

PUBLISHED = date(2026, 3, 1)
CASES = [
    # id, lang, sentence, signal, negated, forecast [start, end) or None
    (
        "en-postponed",
        "en",
        "The opening has been postponed to 2030.",
        Signal.DELAY,
        False,
        ("2030-01-01", "2031-01-01"),
    ),
    ("en-behind-schedule", "en", "Construction is behind schedule.", Signal.DELAY, False, None),
    (
        "en-not-delayed",
        "en",
        "The opening is not delayed, Baku insists.",
        Signal.PROGRESS,
        True,
        None,
    ),
    (
        "en-denied-delay",
        "en",
        "The minister denied reports of a delay.",
        Signal.PROGRESS,
        True,
        None,
    ),
    ("en-could-be-delayed", "en", "Floods could delay construction.", Signal.RISK, False, None),
    ("en-halted", "en", "Construction was halted after a landslide.", Signal.RISK, False, None),
    ("en-opened", "en", "The terminal opened on Thursday.", Signal.COMPLETION, False, None),
    ("en-percent-complete", "en", "The terminal is 60% complete.", Signal.PROGRESS, False, None),
    (
        "en-will-be-completed",
        "en",
        "It will be completed by mid-2026.",
        Signal.PROGRESS,
        False,
        ("2026-05-01", "2026-09-01"),
    ),
    (
        "en-history-date-dropped",
        "en",
        "Work began in 2021 and will be finished in 2027.",
        Signal.PROGRESS,
        False,
        ("2027-01-01", "2028-01-01"),
    ),
    (
        "en-delay-takes-nearest-date",
        "en",
        "Construction slipped to 2027, while the opening stays in late 2028.",
        Signal.DELAY,
        False,
        ("2027-01-01", "2028-01-01"),
    ),
    ("en-cancelled", "en", "Armenia called off the talks.", Signal.CANCELLATION, False, None),
    ("en-mention", "en", "Leaders discussed the corridor.", Signal.MENTION, False, None),
    (
        "fr-reportee",
        "fr",
        "L'ouverture a été reportée à 2030.",
        Signal.DELAY,
        False,
        ("2030-01-01", "2031-01-01"),
    ),
    ("fr-pas-reportee", "fr", "L'ouverture n'est pas reportée.", Signal.PROGRESS, True, None),
    ("fr-pourrait", "fr", "Le chantier pourrait être retardé.", Signal.RISK, False, None),
    (
        "fr-landslide-not-delay",
        "fr",
        "Travaux suspendus après un glissement de terrain.",
        Signal.RISK,
        False,
        None,
    ),
    (
        "fr-prevue",
        "fr",
        "L'ouverture est prévue pour la fin de 2028.",
        Signal.PROGRESS,
        False,
        ("2028-09-01", "2029-01-01"),
    ),
    (
        "ru-perenesen",
        "ru",
        "Открытие перенесено на 2029 год.",
        Signal.DELAY,
        False,
        ("2029-01-01", "2030-01-01"),
    ),
    ("ru-ne-budet", "ru", "Открытие не будет перенесено.", Signal.PROGRESS, True, None),
    ("ru-nikakih", "ru", "Никаких задержек в строительстве нет.", Signal.PROGRESS, True, None),
    ("ru-mozhet", "ru", "Открытие может быть отложено.", Signal.RISK, False, None),
    ("ru-otkryt", "ru", "В порту открыт новый терминал.", Signal.COMPLETION, False, None),
    ("tr-ertelendi", "tr", "Açılış 2030'a ertelendi.", Signal.DELAY, False, None),
]


@pytest.mark.parametrize(
    ("lang", "sentence", "signal", "negated", "forecast"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_read_sentence(
    lang: str, sentence: str, signal: Signal, negated: bool, forecast: tuple[str, str] | None
) -> None:
    reading = read_sentence(sentence, lang, PUBLISHED)
    assert reading.signal is signal
    assert reading.negated is negated
    f = reading.forecast
    got = f and (f.start.isoformat(), f.end.isoformat())
    if signal is not Signal.DELAY or forecast is not None:
        assert (got or None) == forecast


def test_unknown_language_guessed_from_script() -> None:
    assert read_sentence("Открытие отложено.", "kk", PUBLISHED).signal is Signal.DELAY


QUANTITIES = [
    ("usd-million", "Trade reached $680 million in 2024", 6.8e8, "USD"),
    ("fr-milliard", "le porter à 1 milliard de dollars à court terme", 1e9, "USD"),
    ("fr-annual-tonnes", "une capacité annuelle de 10 millions de tonnes", 1e7, "t/yr"),
    ("mt", "a branch of 15 Mt", 1.5e7, "t"),
    ("fr-decimal-comma", "dépassé 1,5 million de tonnes l'an dernier", 1.5e6, "t"),
    ("ru-mln-tonn-per-year", "до 10 млн тонн в год", 1e7, "t/yr"),
    ("ru-mlrd-dollars", "превысил 1 млрд долларов", 1e9, "USD"),
    ("usd-bn-suffix", "a US$1.2bn deal", 1.2e9, "USD"),
    ("en-thousands-comma", "1,500 tonnes of wheat", 1500.0, "t"),
]


@pytest.mark.parametrize(
    ("text", "value", "unit"), [q[1:] for q in QUANTITIES], ids=[q[0] for q in QUANTITIES]
)
def test_quantities(text: str, value: float, unit: str) -> None:
    [q] = find_quantities(text)
    assert (q.value, q.unit) == (pytest.approx(value), unit)
    assert q.text in text


def test_years_and_counts_are_not_quantities() -> None:
    assert find_quantities("In 2024, 300 people met for 3 days.") == []
