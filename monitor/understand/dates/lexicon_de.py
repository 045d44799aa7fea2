"""German word tables and phrase templates (see monitor.understand.dates.lexicon)."""

from __future__ import annotations

from monitor.understand.dates.lexicon import Lexicon

# adjective endings after "nächst-", "dies-", "erst-"...
_ADJ = r"(?:e|es|en|em|er)"
_NEXT = rf"(?:nächst|kommend|folgend){_ADJ}"
_LAST = rf"(?:letzt|vergangen|vorig){_ADJ}"
_YEAR = r"Jahr(?:e|es|s)?"

DE = Lexicon(
    code="de",
    months={
        r"januars?|jänners?": 1,
        r"februars?|febers?": 2,
        r"märz|maerz": 3,
        r"aprils?": 4,
        r"mais?": 5,
        r"junis?|juno": 6,
        r"julis?|julei": 7,
        r"augusts?": 8,
        r"septembers?": 9,
        r"oktobers?": 10,
        r"novembers?": 11,
        r"dezembers?": 12,
    },
    month_abbr={
        r"jan\.?": 1,
        r"feb\.?": 2,
        r"mär\.?|mrz\.?": 3,
        r"apr\.?": 4,
        r"jun\.?": 6,
        r"jul\.?": 7,
        r"aug\.?": 8,
        r"sept?\.?": 9,
        r"okt\.?": 10,
        r"nov\.?": 11,
        r"dez\.?": 12,
    },
    seasons={
        r"frühjahr(?:e?s)?|frühling(?:s)?|fruehjahr|fruehling": "spring",
        r"sommer(?:s)?": "summer",
        r"herbst(?:e?s)?": "autumn",
        r"winter(?:s)?": "winter",
    },
    parts={r"anfang|beginn": 1, r"mitte": 2, r"ende": 3},
    ordinals={
        rf"erst{_ADJ}|1\.": 1,
        rf"zweit{_ADJ}|2\.": 2,
        rf"dritt{_ADJ}|3\.": 3,
        rf"viert{_ADJ}|4\.": 4,
        rf"fünft{_ADJ}|5\.": 5,
        rf"sechst{_ADJ}|6\.": 6,
        rf"siebt{_ADJ}|7\.": 7,
        rf"acht{_ADJ}|8\.": 8,
        rf"neunt{_ADJ}|9\.": 9,
        rf"zehnt{_ADJ}|10\.": 10,
        rf"elft{_ADJ}|11\.": 11,
        rf"zwölft{_ADJ}|12\.": 12,
    },
    numbers={
        r"ein|eine|einem|einen|einer|eines": 1,
        r"zwei|zweien": 2,
        r"drei": 3,
        r"vier": 4,
        r"fünf": 5,
        r"sechs": 6,
        r"sieben": 7,
        r"acht": 8,
        r"neun": 9,
        r"zehn": 10,
        r"elf": 11,
        r"zwölf": 12,
        r"achtzehn": 18,
        r"zwanzig": 20,
        r"dreißig|dreissig": 30,
    },
    units={
        r"jahr(?:e|en|es|s)?": "year",
        r"monat(?:e|en|es|s)?": "month",
        r"quartal(?:e|en|es|s)?": "quarter",
        r"halbjahr(?:e|en|es|s)?": "half",
        r"woche(?:n)?": "week",
        r"tag(?:e|en|es|s)?": "day",
        r"jahrzehnt(?:e|en|es|s)?": "decade",
        r"saison": "season",
    },
    rel={
        rf"dies{_ADJ}?|laufend{_ADJ}|aktuell{_ADJ}": 0,
        _NEXT: 1,
        _LAST: -1,
    },
    relpost={},
    vague={
        r"kurzfristig": "short",
        r"mittelfristig": "medium",
        r"langfristig": "long",
        (
            r"bald|demnächst|in\s+kürze|zeitnah|in\s+(?:naher|nächster)\s+zukunft"
            r"|in\s+absehbarer\s+zeit"
        ): "soon",
        r"in\s+den\s+(?:kommenden|nächsten)\s+jahren": "years",
        r"in\s+den\s+(?:kommenden|nächsten)\s+monaten": "months",
        r"im\s+(?:kommenden|nächsten)\s+jahrzehnt": "decade",
    },
    templates=[
        ("vague", r"{vague}", False),
        ("rel_unit", r"{rel}\s+{unit}", False),
        ("year", r"{yx}", False),
        ("year", r"(?:im\s+|des\s+)?" + _YEAR + r"\s+{yn}", False),
        ("part_year", r"(?:zu(?:m)?\s+)?{part}\s+(?:des\s+)?{yr}", False),
        # "Jahresende", "Jahresmitte 2027": a part of the year in one word
        (
            "part_year",
            r"(?P<ygen>jahres(?=ende|mitte|anfang|beginn))(?P<part>ende|mitte|anfang|beginn)"
            r"(?:\s+{yn})?",
            False,
        ),
        ("part_month", r"{part}\s+(?:des\s+)?{month}(?:\s+{yn})?", False),
        ("part_month", r"{part}\s+(?:des\s+)?(?:{rel}\s+)?(?P<mgen>monats)", False),
        (
            "half",
            r"(?:im\s+|in\s+der\s+)?{ord}\s+(?:halbjahr(?:es|s)?|jahreshälfte|hälfte)"
            r"(?:\s+(?:des\s+)?{yr})?",
            False,
        ),
        ("quarter", r"(?:im\s+)?{ord}\s+quartal(?:s|es)?(?:\s+(?:des\s+)?{yr})?", False),
        ("season", r"{rel}\s+{season}", False),
        ("season", r"(?:im\s+)?{season}\s+(?:des\s+)?{yx}", False),
        ("season", r"{season}", True),
        ("month", r"{mon}\s*[,/-]?\s*{yn}", False),
        ("month", r"{rel}\s+{month}", False),
        ("month", r"{month}", True),
        ("month", r"{mon}", True),
        ("month", r"{mon}(?=\s*[-–]\s*{anymon}\s*,?\s*\d)", False),
        ("month_ord", r"(?:im\s+)?{ord}\s+monat\s+(?:des\s+)?{yr}", False),
        ("year", r"{yfar}", True),
        ("day", r"(?:am\s+)?{day}\.\s*{mon}(?:\s+{yn})?", False),
        (
            "within",
            r"(?:innerhalb|binnen)\s+(?:von\s+|der\s+nächsten\s+)?{num}\s+{unit}",
            False,
        ),
        ("within", r"in\s+den\s+(?:nächsten|kommenden)\s+{num}\s+{unit}", False),
        ("shift", r"in\s+{num}\s+{unit}", False),
        ("shift", r"{num}\s+{unit}\s+später", False),
        ("ago", r"vor\s+{num}\s+{unit}", False),
        ("next_n", r"(?:die\s+)?(?:nächsten|kommenden|folgenden)\s+{num}\s+{unit}", False),
        ("last_n", r"(?:die\s+)?(?:letzten|vergangenen|vorigen)\s+{num}\s+{unit}", False),
        ("decade", r"(?:die\s+)?{dec}er(?:\s+jahre)?", False),
        (
            "later_year",
            r"(?:später|noch)\s+in\s+diesem\s+jahr|im\s+laufe\s+(?:des|dieses)\s+jahres(?!\s*[0-9])",
            False,
        ),
    ],
    of=r"des|der",
    year_unit=_YEAR,
    year_generic=r"jahres|jahrs",
    deadline=r"bis(?:\s+spätestens)?|spätestens|nicht\s+später\s+als",
    deadline_strict=r"vor|noch\s+vor",
    deadline_after=r"spätestens",
    open_start=(
        r"frühestens|nicht(?:\s+\w+){0,2}?\s+vor|nicht\s+früher\s+als|bestenfalls|erst\s+ab"
    ),
    open_start_after=r"frühestens|bestenfalls",
    not_in=r"nicht\s+mehr(?:\s+(?:im|in))?|nicht\s+(?:im|in)",
    end_of=r"ende\s+(?:des|der)",
    det=r"zum|zur|dem|der|den|des|die|das|im|in|am",
    ranges={r"zwischen": r"und|-", r"von|vom|ab": r"bis(?:\s+zum)?|-"},
    range_conn_free=r"bis|[-–—~]",
    range_and=r"und|&",
    revision=(
        r"verschoben|verschiebt|verschieben|verzögert|verzögern|vertagt|verlegt|verspätet|"
        r"aufgeschoben"
    ),
    lead=(
        r"im|in|bis|seit|ab|vor|nach|zum|am|von|vom|für|anfang|mitte|ende|diesen|diesem|"
        r"nächsten|kommenden|letzten|vergangenen|zwischen|und|spätestens|frühestens|monat"
    ),
    risky=r"augusts?|sommers?|herbst(?:e?s)?|winters?",
    quantity=(
        r"(?:millionen|million|mio|milliarden|milliarde|mrd|tausend|tonnen|t|kg|km|euro|dollar|"
        r"prozent|menschen|personen|arbeitsplätze|stellen|einwohner|mitarbeiter|fahrzeuge|"
        r"autos|wohnungen|haushalte|mw|gw|kwh|megawatt|meter|stimmen|punkte)(?!\w)"
    ),
    identifier=r"route|flug|nr\.?|nummer|artikel|modell|linie|resolution|paragraf|§",
    codes={"Q": "quarter", "H": "half"},
    strict_lead=r"im|in|bis|seit|ab|vor|nach|um|zum|gegen",
    conj=r"und|oder|als|wenn",
)
