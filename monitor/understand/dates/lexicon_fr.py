"""French word tables and phrase templates (see monitor.understand.dates.lexicon)."""

from __future__ import annotations

from monitor.understand.dates.lexicon import Lexicon

_FR_NEXT = r"(?:prochain|prochaine|suivant|suivante)s?|à\s+venir"
_FR_OF = r"(?:(?:de\s+l'|de\s+la|de|du|d')\s*)?"

FR = Lexicon(
    code="fr",
    months={
        "janvier": 1,
        "f[ée]vrier": 2,
        "mars": 3,
        "avril": 4,
        "mai": 5,
        "juin": 6,
        "juillet": 7,
        "ao[uû]t": 8,
        "septembre": 9,
        "octobre": 10,
        "novembre": 11,
        "d[ée]cembre": 12,
    },
    month_abbr={
        r"janv\.?": 1,
        r"f[ée]vr?\.?": 2,
        r"avr\.?": 4,
        r"juil\.?": 7,
        r"sept\.?": 9,
        r"oct\.?": 10,
        r"nov\.?": 11,
        r"d[ée]c\.?": 12,
    },
    seasons={"printemps": "spring", "[ée]t[ée]": "summer", "automne": "autumn", "hiver": "winter"},
    parts={r"d[ée]but": 1, r"mi|milieu": 2, r"fin": 3},
    ordinals={
        r"premier|premi[èe]re|1er|1re|1[èe]re": 1,
        r"second|seconde|deuxi[èe]me|2e|2[èe]me|2nde?": 2,
        r"troisi[èe]me|3e|3[èe]me": 3,
        r"quatri[èe]me|4e|4[èe]me|dernier": 4,
        r"cinqui[èe]me|5e": 5,
        r"sixi[èe]me|6e": 6,
        r"septi[èe]me|7e": 7,
        r"huiti[èe]me|8e": 8,
        r"neuvi[èe]me|9e": 9,
        r"dixi[èe]me|10e": 10,
        r"onzi[èe]me|11e": 11,
        r"douzi[èe]me|12e": 12,
    },
    numbers={
        r"un|une": 1,
        "deux": 2,
        "trois": 3,
        "quatre": 4,
        "cinq": 5,
        "six": 6,
        "sept": 7,
        "huit": 8,
        "neuf": 9,
        "dix": 10,
        "onze": 11,
        "douze": 12,
        "quinze": 15,
        "vingt": 20,
        "trente": 30,
    },
    units={
        r"ans?|ann[ée]es?": "year",
        r"mois": "month",
        r"trimestres?": "quarter",
        r"semestres?": "half",
        r"semaines?": "week",
        r"jours?": "day",
        r"d[ée]cennies?": "decade",
        r"saisons?": "season",
    },
    rel={
        r"ce|cet|cette": 0,
        r"prochain|prochaine|le\s+prochain|la\s+prochaine": 1,
        r"dernier|derni[èe]re|le\s+dernier|la\s+derni[èe]re": -1,
    },
    relpost={
        _FR_NEXT: 1,
        r"dernier|derni[èe]re|pass[ée]e?|pr[ée]c[ée]dente?": -1,
        r"en\s+cours|courante?|actuelle?": 0,
    },
    vague={
        r"à\s+court\s+terme|à\s+br[èe]ve\s+[ée]ch[ée]ance": "short",
        r"à\s+moyen\s+terme": "medium",
        r"à\s+long\s+terme|à\s+plus\s+long\s+terme": "long",
        (
            r"bient[ôo]t|prochainement|sous\s+peu"
            r"|dans\s+un\s+(?:avenir\s+proche|proche\s+avenir)"
        ): "soon",
        r"dans\s+les\s+(?:prochaines\s+ann[ée]es|ann[ée]es\s+à\s+venir)": "years",
        r"dans\s+les\s+(?:prochains\s+mois|mois\s+à\s+venir)": "months",
        r"(?:la|une)\s+prochaine\s+d[ée]cennie|la\s+d[ée]cennie\s+à\s+venir": "decade",
    },
    templates=[
        ("vague", r"{vague}", False),
        ("rel_unit", r"{rel}\s+{unit}", False),
        ("rel_unit", r"(?:l'|le\s+|la\s+)?{unit}\s+{relpost}", False),
        ("year", r"{yx}", False),
        ("year", r"(?:l')?ann[ée]e\s+(?:calendaire\s+)?{yn}", False),
        ("part_year", r"{part}[\s-]*" + _FR_OF + r"{yr}", False),
        ("part_month", r"{part}[\s-]*(?:de\s+|d')?{month}(?:\s+{yn})?", False),
        ("part_month", r"{part}\s+du\s+(?P<mgen>mois)(?:\s+{relpost})?", False),
        ("half", r"{ord}\s+(?:semestre|moiti[ée])(?:\s+" + _FR_OF + r"{yr})?", False),
        ("quarter", r"{ord}\s+trimestre(?:\s+" + _FR_OF + r"{yr})?", False),
        ("quarter", r"(?:{yn}[\s-]*)?trimestre\s?(?P<cn>[1-4])(?!\d)", False),
        ("quarter", r"trimestre\s?(?P<cn>[1-4])\s+{yn}", False),
        ("season", r"{rel}\s+{season}", False),
        ("season", r"(?:l'|le\s+)?{season}\s+{relpost}", False),
        ("season", r"(?:l'|le\s+|au\s+|en\s+)?{season}\s+(?:de\s+)?{yn}", False),
        ("season", r"{season}", True),
        ("month", r"{mon}\s*[,/-]?\s*(?:de\s+)?{yn}", False),
        ("month", r"(?:au\s+|le\s+)?mois\s+d(?:e\s+|'){month}", False),
        ("month", r"{rel}\s+{month}", False),
        ("month", r"{month}\s+{relpost}", False),
        ("month", r"{month}", True),
        ("month", r"{mon}", True),
        ("month", r"{mon}(?=\s*[-–]\s*{anymon}\s*,?\s*\d)", False),
        ("month", r"{month}\s+'?(?P<y2>3[2-9]|[4-9]\d)(?!\w|[.,:]\d)", False),
        ("month", r"{mon}\s+'(?P<y2>\d\d)(?!\w|[.,]\d)", False),
        ("month_ord", r"(?:le\s+)?(?!derni){ord}\s+mois\s+" + _FR_OF + r"{yr}", False),
        ("year", r"{yfar}", True),
        ("year", r"cy\s?(?:(?P<y>\d{4})|(?P<yy>\d\d))(?!\w)", False),
        ("day", r"(?:le\s+)?{day}(?:er|re)?\s+{mon}(?:\s+{yn})?", False),
        (
            "within",
            r"(?:d'ici(?:\s+à)?|dans\s+les|sous|en\s+moins\s+de|au\s+cours\s+des)\s+{num}"
            r"\s+(?:(?:prochain|prochaine)s\s+)?{unit}(?:\s+(?:" + _FR_NEXT + r"))?",
            False,
        ),
        ("shift", r"dans\s+{num}\s+{unit}", False),
        ("shift", r"{num}\s+{unit}\s+plus\s+tard", False),
        ("ago", r"il\s+y\s+a\s+{num}\s+{unit}", False),
        ("next_n", r"(?:les\s+)?{num}\s+(?:prochain|prochaine)s\s+{unit}", False),
        ("next_n", r"(?:les\s+)?{num}\s+{unit}\s+(?:suivante?s?|à\s+venir)", False),
        ("last_n", r"(?:les\s+)?{num}\s+derni[èe]re?s\s+{unit}", False),
        ("last_n", r"(?:les\s+)?{num}\s+{unit}\s+(?:pass[ée]e?s|pr[ée]c[ée]dente?s)", False),
        ("decade", r"(?:les\s+)?ann[ée]es\s+{dec}", False),
        ("later_year", r"plus\s+tard\s+(?:cette|dans\s+l')\s*ann[ée]e", False),
    ],
    of=r"de|d'|du",
    year_unit=r"ann[ée]e|an",
    year_generic=r"l'ann[ée]e|ann[ée]e|l'an",
    article=r"l'|le\s+|la\s+",
    deadline=(
        r"d'ici(?:\s+à)?|au\s+plus\s+tard(?:\s+(?:en|à|au|d'ici))?|jusqu'(?:à|en|au)|"
        r"pas\s+plus\s+tard\s+qu(?:e|')(?:\s*en)?|à\s+l'horizon(?:\s+d[eu])?"
    ),
    deadline_strict=r"avant",
    deadline_after=r"au\s+plus\s+tard",
    open_start=(
        r"pas(?:\s+\w+){0,3}?\s+avant|au\s+plus\s+t[ôo]t(?:\s+(?:en|à|au))?|"
        r"pas\s+plus\s+t[ôo]t\s+qu(?:e|')(?:\s*en)?|au\s+mieux(?:\s+(?:en|à|au))?"
    ),
    open_start_after=r"au\s+plus\s+t[ôo]t|au\s+mieux",
    not_in=r"pas\s+(?:en|au\s+cours\s+d[eu]|pendant|durant)",
    end_of=r"fin\s+(?:du|de\s+la|de\s+l'|de|d')",
    det=r"la|le|l'|les|en|au|aux",
    ranges={r"entre": r"et|-", r"de|du|d'|depuis": r"à|au|jusqu'(?:à|en|au)|-"},
    range_conn_free=r"[-–—~]|au",
    range_and=r"et",
    revision=(
        r"report[ée]e?s?|repouss[ée]e?s?|d[ée]cal[ée]e?s?|diff[ée]r[ée]e?s?|retard[ée]e?s?|"
        r"gliss[ée]e?s?|ajourn[ée]e?s?|remise?s?|avanc[ée]e?s?|pass[ée]e?s?"
    ),
    lead=(
        r"en|au|à|d'|de|du|l'|le|cet|cette|ce|d'ici|depuis|dès|jusqu'en|jusqu'à|avant|après|"
        r"fin|début|mi|pour|entre|et|mois\s+de|mois\s+d'|partir\s+de|partir\s+d'"
    ),
    risky=r"mars|[ée]t[ée]",
    quantity=(
        r"(?:millions?|milliards?|mille|mln|mds?|tonnes?|t|mt|kg|km|barils?|personnes|emplois|"
        r"habitants|salari[ée]s|dollars?|euros?|voix|points?|mw|gw|kwh|logements|v[ée]hicules|"
        r"soldats|m[èe]tres|pour\s+cent)(?!\w)"
    ),
    identifier=r"route|vol|n°|no\.?|num[ée]ro|article|art\.|r[ée]solution|d[ée]cret|loi|mod[èe]le",
    codes={"T": "quarter", "Q": "quarter", "S": "half", "H": "half"},
    strict_lead=(
        r"en|d'ici|depuis|dès|jusqu'en|avant|après|courant|vers|remonte\s+à|remontant\s+à|"
        r"date\s+de|datant\s+de"
    ),
    conj=r"et|ou|quand|lorsque",
)
