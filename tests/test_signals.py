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

# Journalists' phrasings, per language and phenomenon (made-up projects; published 2026-03-01).
D, C, R, X, P, M = (
    Signal.DELAY,
    Signal.COMPLETION,
    Signal.RISK,
    Signal.CANCELLATION,
    Signal.PROGRESS,
    Signal.MENTION,
)
PHRASINGS = [
    # English: delay by a shift, a new target, a missed target
    ("en-shift", "en", "The Brindle tunnel has been pushed back by a further three months.", D),
    ("en-now-scheduled", "en", "The Brindle tunnel is now scheduled for June 2027.", D),
    ("en-will-now-open", "en", "The Corvale bridge will now open in 2028.", D),
    ("en-not-ready-in-time", "en", "The Ostra terminal will not be ready in time.", D),
    ("en-wont-until", "en", "The Halden line won't be completed until late 2027.", D),
    ("en-not-expected-until", "en", "The Pell plant is not expected to open until 2029.", D),
    ("en-years-behind", "en", "The Marrow port is two years behind schedule.", D),
    ("en-years-late", "en", "The Kestrel reactor is years late and over budget.", D),
    ("en-at-the-earliest", "en", "The Vane line will open in 2029 at the earliest.", D),
    ("en-instead-of", "en", "The Ardo line is expected to open in October instead of July.", D),
    ("en-past-plan", "en", "The Lark bridge was supposed to open in 2019.", D),
    ("en-month-shift", "en", "The Tarn plan represents a three-month shift.", D),
    # English: completions, late ones included
    ("en-began-operation", "en", "The Varne pipeline began commercial operation on Tuesday.", C),
    ("en-entered-service", "en", "Unit 2 of the Asterby plant entered service.", C),
    ("en-full-capacity", "en", "The Pellow plant reached full capacity last year.", C),
    ("en-kicked-off", "en", "The Oriel line kicked off commercial service on Monday.", C),
    ("en-headline-opens", "en", "Wexcombe metro line opens", C),
    ("en-long-delayed-opens", "en", "The long-delayed Fenwick metro finally opened.", C),
    ("en-after-delay-opened", "en", "After a year's delay, the Tolland bridge opened.", C),
    (
        "en-behind-schedule-met",
        "en",
        "Unit 3 entered commercial operation years behind schedule.",
        C,
    ),
    ("en-opens-in-future", "en", "The Wexcombe line opens in 2028.", P),
    ("en-opens-probe", "en", "Regulators opens probe into the Wexcombe contract.", M),
    ("en-launched-rail", "en", "Indonesia launched the Merak high-speed railway on Monday.", C),
    # English: cancellation, risk, negation
    ("en-scrapped", "en", "The Dunmore airport project was scrapped.", X),
    ("en-target-lowered", "en", "The Commission lowered the 2035 target to 90%.", X),
    ("en-dropped-date", "en", "The operator dropped the 2026 opening target.", D),
    ("en-could-be-delayed", "en", "The Eastmoor dam could be delayed.", R),
    ("en-suspended", "en", "Work on the Hollin tunnel was suspended.", R),
    ("en-doubts", "en", "There are growing doubts about the Saltcombe barrage.", R),
    ("en-no-delay", "en", "There will be no delay to the Carrick line.", P),
    ("en-not-yet-opened", "en", "The Carrick line has not yet opened.", M),
    # French
    ("fr-reportee-d-un-an", "fr", "L'ouverture du pont de Corvalle est reportée d'un an.", D),
    ("fr-devra-attendre", "fr", "La ligne Bertin devra attendre 2029.", D),
    ("fr-pas-pret-a-temps", "fr", "Le tunnel de Mérel ne sera pas prêt à temps.", D),
    ("fr-pas-avant", "fr", "La ligne Dorval n'ouvrira pas avant 2029.", D),
    ("fr-ans-de-retard", "fr", "La ligne Fauvel ouvrira avec deux ans de retard.", D),
    ("fr-desormais-prevue", "fr", "La ligne Ternay est désormais prévue pour fin 2028.", D),
    ("fr-qu-en", "fr", "La ligne Arvel ne sera terminée qu'en 2029.", D),
    ("fr-devait", "fr", "La ligne Arvel devait entrer en service en 2020.", D),
    ("fr-ouvre-ses-portes", "fr", "Le métro de Lanvaux ouvre ses portes ce lundi.", C),
    ("fr-mise-en-service", "fr", "Le réacteur de Brelan a été mis en service.", C),
    ("fr-retard-inaugure", "fr", "Avec trois ans de retard, le viaduc de Sorel a été inauguré.", C),
    ("fr-mise-en-service-plan", "fr", "La mise en service est prévue en 2028.", P),
    ("fr-abandonne", "fr", "Le gouvernement abandonne le projet d'aéroport de Kerval.", X),
    ("fr-renonce", "fr", "L'État renonce au canal de Mauriac.", X),
    ("fr-menace", "fr", "Le projet de barrage de Sorgues est menacé.", R),
    ("fr-pas-de-retard", "fr", "Il n'y aura pas de retard pour la ligne Orvaux.", P),
    # Russian
    ("ru-na-polgoda", "ru", "Открытие моста Коровин перенесли на полгода.", D),
    ("ru-ne-ranee", "ru", "Мост Коровин откроется не ранее 2029 года.", D),
    ("ru-ne-sostoyalsya", "ru", "Первый пуск с космодрома Орловский не состоялся.", D),
    ("ru-ne-smog", "ru", "Компания не смогла запустить завод Ладога в срок.", D),
    ("ru-s-opozdaniem", "ru", "Линия Заречная откроется с опозданием.", D),
    ("ru-zapushchen-s-opozdaniem", "ru", "Линия Заречная запущена с опозданием на год.", C),
    ("ru-pusk-sostoyalsya", "ru", "Пуск энергоблока АЭС Северная состоялся.", C),
    ("ru-vveden", "ru", "Энергоблок №2 АЭС Белозерская введен в эксплуатацию.", C),
    ("ru-pusk-planned", "ru", "Пуск энергоблока АЭС Северная запланирован на 2027 год.", P),
    ("ru-zamorozhen", "ru", "Строительство моста Коровин заморожено.", X),
    ("ru-otkazalis", "ru", "Власти отказались от проекта канала Вельский.", X),
    ("ru-pod-ugrozoy", "ru", "Проект газопровода Сосновый под угрозой.", R),
    ("ru-zaderzhek-net", "ru", "Задержек со строительством моста нет.", P),
    ("ru-detained-is-no-delay", "ru", "Полиция задержала директора завода Ладога.", M),
    # German
    ("de-um-ein-jahr", "de", "Die Eröffnung der Brücke Korwinkel wird um ein Jahr verschoben.", D),
    ("de-verschoben-auf", "de", "Der Bahnhof Lindenau wird auf Dezember 2028 verschoben.", D),
    ("de-fruhestens", "de", "Der Tunnel Haslach geht frühestens 2029 in Betrieb.", D),
    ("de-erst", "de", "Der Tunnel Haslach geht erst im Jahr 2029 in Betrieb.", D),
    ("de-verzogerung", "de", "Beim Tunnel Haslach gibt es eine Verzögerung.", D),
    ("de-abgesagt", "de", "Die für Ende 2027 geplante Eröffnung ist abgesagt.", D),
    ("de-nicht-wie-geplant", "de", "Der Bahnhof kann nicht wie geplant 2027 eröffnen.", D),
    ("de-eroffnet", "de", "Die Bahnstrecke Oberau wurde am Montag eröffnet.", C),
    ("de-in-betrieb-genommen", "de", "Das Kraftwerk Mildau wurde in Betrieb genommen.", C),
    ("de-verspatung-eroffnet", "de", "Mit drei Jahren Verspätung wurde der Flughafen eröffnet.", C),
    ("de-gestoppt", "de", "Das Projekt Nordkanal wurde gestoppt.", X),
    ("de-aufgegeben", "de", "Die Regierung hat den Bau der Brücke aufgegeben.", X),
    ("de-gefahrdet", "de", "Der Bau des Tunnels Haslach ist gefährdet.", R),
    ("de-konnte", "de", "Der Flughafen Brandstein könnte sich weiter verzögern.", R),
    ("de-keine-verzogerung", "de", "Es gibt keine Verzögerung beim Bahnhof Lindenau.", P),
    ("de-soll", "de", "Der Bahnhof Lindenau soll im Dezember 2027 in Betrieb gehen.", P),
    # Turkish
    ("tr-bir-yil", "tr", "Korvan Köprüsü'nün açılışı bir yıl ertelendi.", D),
    ("tr-gecikme", "tr", "Köprünün açılışında gecikme yaşanıyor.", D),
    ("tr-acilmadi", "tr", "Köprü planlanan tarihte açılmadı.", D),
    ("tr-acildi", "tr", "Yeni Selvi Havalimanı açıldı.", C),
    ("tr-hizmete-girdi", "tr", "Demirli tüneli hizmete girdi.", C),
    ("tr-percent-not-done", "tr", "Tünelin yüzde 78'i tamamlandı.", P),
    ("tr-iptal", "tr", "Karaburun projesi iptal edildi.", X),
    ("tr-askiya", "tr", "Selvi hattında çalışmalar askıya alındı.", R),
    ("tr-ertelenebilir", "tr", "Havalimanı açılışı ertelenebilir.", R),
    ("tr-soz-konusu-degil", "tr", "Köprünün açılışında gecikme söz konusu değil.", P),
    ("tr-acilacak", "tr", "Havalimanı 29 Ekim'de açılacak.", P),
    # Spanish
    ("es-pospone", "es", "La apertura de la estación Lirio se pospone hasta 2027.", D),
    ("es-inaugurado", "es", "El puente Alba fue inaugurado el lunes.", C),
]


@pytest.mark.parametrize(
    ("lang", "sentence", "signal"), [c[1:] for c in PHRASINGS], ids=[c[0] for c in PHRASINGS]
)
def test_journalists_phrasings(lang: str, sentence: str, signal: Signal) -> None:
    assert read_sentence(sentence, lang, PUBLISHED).signal is signal


def test_late_completion_is_marked_late() -> None:
    reading = read_sentence("After years of delays, the Tolland bridge opened.", "en", PUBLISHED)
    assert (reading.signal, reading.late) == (Signal.COMPLETION, True)
    assert "opened" in reading.terms


def test_delay_told_before_the_event_is_a_completion() -> None:
    sentence = "Старт был перенесен на сутки, и ракета Ладога отправилась в космос 28 февраля."
    assert read_sentence(sentence, "ru", PUBLISHED).signal is Signal.COMPLETION
    later = "The terminal opened in October, but full operation has been pushed back to March."
    assert read_sentence(later, "en", PUBLISHED).signal is Signal.DELAY


def test_dated_cues_need_a_date() -> None:
    assert read_sentence("We will not stop until it is done.", "en", PUBLISHED).signal is (
        Signal.MENTION
    )
    assert read_sentence(
        "The ministry pushes to finish the Halden line.", "en", PUBLISHED
    ).signal is (Signal.MENTION)


def test_new_target_forecast_is_the_new_date() -> None:
    reading = read_sentence("The Brindle tunnel is now scheduled for June 2027.", "en", PUBLISHED)
    assert reading.forecast is not None
    assert (reading.forecast.start, reading.forecast.end) == (date(2027, 6, 1), date(2027, 7, 1))


def test_terms_are_in_text_order_and_spelled_as_folded() -> None:
    reading = read_sentence(
        "Delays mount: the Halden line’s opening was postponed.", "en", PUBLISHED
    )
    assert reading.terms == ("delays", "postponed")


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
