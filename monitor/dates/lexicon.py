"""Word tables and phrase templates per language: adding a language is adding a Lexicon here.

Every table key is a regular-expression fragment (matched case-insensitively, whole words).
Templates are patterns whose {placeholders} the grammar fills from these tables:
    {yr} year: number, relative ("next year") or generic ("the year");  {yx} no generic;  {yn} number only
    {month} full month name;  {mon} full or abbreviated;  {day} 1-31;  {season};  {part} early/mid/late
    {ord} ordinal;  {num} count;  {unit} calendar unit;  {rel} this/next/last before a noun;
    {relpost} the same after a noun;  {vague} horizon phrase;  {dec} a decade's first year
Each template is (kind, pattern, needs_lead): needs_lead means the word before must be a lead word.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Template = tuple[str, str, bool]


@dataclass(frozen=True)
class Lexicon:
    code: str
    months: dict[str, int]
    month_abbr: dict[str, int]
    seasons: dict[str, str]
    parts: dict[str, int]  # 1 early, 2 middle, 3 late (thirds of the year or month)
    ordinals: dict[str, int]
    numbers: dict[str, int]
    units: dict[str, str]
    rel: dict[str, int]  # before the noun: offset from the current unit
    relpost: dict[str, int]  # after the noun
    vague: dict[str, str]  # phrase -> horizon key (see engine.HORIZONS)
    templates: list[Template]
    of: str  # joins a part or ordinal to what it qualifies
    year_unit: str  # the word "year" in the forms used with rel/relpost
    year_generic: str  # "the year" meaning the reference year, only inside larger phrases
    year_suffix: str = ""  # words that may follow a year number ("2028 года")
    article: str = ""  # articles allowed before a unit noun ("l'")
    deadline: str = ""  # "by", "d'ici", "к": the window's end is the deadline
    deadline_strict: str = ""  # "before", "avant": the deadline is the start of the window named
    det: str = ""  # determiners allowed between a deadline or range word and the expression
    ranges: dict[str, str] = field(default_factory=dict)  # lead ("between") -> its connector ("and")
    range_conn_free: str = ""  # connectors that need no lead ("2014 to 2018")
    revision: str = ""  # "postponed", "reportée": "from X to Y" after these is two dates, not a range
    lead: str = ""  # words licensing a bare month or season
    risky: str = ""  # month/season words that are also common words: bare, they need a lead word
    capital_months: str = ""  # month words that are also common words unless capitalised
    quantity: str = ""  # words after a number that make it a quantity, not a year
    identifier: str = ""  # words before a number that make it an identifier
    codes: dict[str, str] = field(default_factory=dict)  # "Q" -> quarter, "H" -> half
    day_first: bool = True  # 05/07/2026 is 5 July
    month_day: bool = False  # "July 15" order is used


_EN_NUM = {
    r"one|a|an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18,
    "twenty": 20, "thirty": 30, "forty": 40,
}

EN = Lexicon(
    code="en",
    months={
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
        "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    },
    month_abbr={
        r"jan\.?": 1, r"feb\.?": 2, r"mar\.?": 3, r"apr\.?": 4, r"jun\.?": 6, r"jul\.?": 7,
        r"aug\.?": 8, r"sept?\.?": 9, r"oct\.?": 10, r"nov\.?": 11, r"dec\.?": 12,
    },
    seasons={"spring": "spring", "summer": "summer", "autumn|fall": "autumn", "winter": "winter"},
    parts={
        r"early|beginning|start": 1, r"mid|middle|the\s+middle": 2, r"late|end|the\s+end": 3,
    },
    ordinals={
        r"first|1st": 1, r"second|2nd": 2, r"third|3rd": 3, r"fourth|4th": 4,
    },
    numbers=_EN_NUM,
    units={
        r"years?|yrs?": "year", r"months?": "month", r"quarters?|qtrs?": "quarter",
        r"weeks?": "week", r"days?": "day", r"decades?": "decade",
    },
    rel={
        r"this|current|the\s+current": 0,
        r"next|coming|following|upcoming|the\s+next|the\s+coming|the\s+following": 1,
        r"last|past|previous|the\s+past|the\s+previous": -1,
    },
    relpost={},
    vague={
        r"(?:in|over|for)\s+the\s+(?:short|near)[\s-]term|short[\s-]term|near[\s-]term": "short",
        r"(?:in|over|for)\s+the\s+(?:medium|mid)[\s-]term|medium[\s-]term": "medium",
        r"(?:in|over|for)\s+the\s+long[\s-]term|long\s+term": "long",
        r"soon|shortly|in\s+the\s+near\s+future|in\s+the\s+foreseeable\s+future": "soon",
        r"in\s+the\s+(?:coming|next\s+few)\s+years|in\s+the\s+years\s+ahead": "years",
        r"in\s+the\s+(?:coming|next\s+few)\s+months|in\s+the\s+months\s+ahead": "months",
        r"(?:in|over|during|within)\s+the\s+(?:next|coming)\s+decade|(?:the\s+)?next\s+decade": "decade",
    },
    templates=[
        ("vague", r"{vague}", False),
        ("rel_unit", r"{rel}\s+{unit}", False),
        ("year", r"{yx}", False),
        ("year", r"(?:the\s+)?(?:calendar\s+)?year\s+(?:of\s+)?{yn}", False),
        ("part_year", r"(?:the\s+)?{part}[\s-]*(?:of\s+(?:the\s+)?|in\s+the\s+)?{yr}", False),
        ("part_month", r"(?:the\s+)?{part}[\s-]*(?:of\s+)?{month}(?:\s*,?\s*{yn})?", False),
        ("half", r"(?:the\s+)?{ord}\s+half(?:\s+of)?(?:\s+(?:the\s+)?{yr})?", False),
        ("quarter", r"(?:the\s+)?{ord}\s+(?:quarter|qtr)(?:\s+of)?(?:\s+(?:the\s+)?{yr})?", False),
        ("season", r"{rel}\s+{season}", False),
        ("season", r"(?:the\s+)?{season}\s+(?:of\s+)?{yn}", False),
        ("season", r"(?:the\s+)?{season}", True),
        ("month", r"{mon}\s*[,/-]?\s*(?:of\s+|in\s+)?{yn}", False),
        ("month", r"{yn}\s+{month}", False),
        ("month", r"{rel}\s+{month}", False),
        ("month", r"{month}", True),
        ("part_month", r"(?:the\s+)?{part}\s+of\s+(?:the\s+)?(?:{rel}\s+)?(?P<mgen>month)", False),
        ("day", r"{mon}\s+{day}(?:st|nd|rd|th)?(?:\s*,\s*|\s+){yn}", False),
        ("day", r"{mon}\s+{day}(?:st|nd|rd|th)?(?![\d:])", False),
        ("day", r"(?:the\s+)?{day}(?:st|nd|rd|th)?\s+(?:of\s+)?{mon}(?:\s*,?\s*(?:in\s+)?{yn})?", False),
        ("within", r"within\s+(?:the\s+)?(?:next\s+)?{num}\s+{unit}", False),
        ("within", r"(?:in|over|during)\s+the\s+(?:next|coming)\s+{num}\s+{unit}", False),
        ("shift", r"in\s+{num}\s+{unit}(?:'?s)?(?:\s+time)?", False),
        ("shift", r"{num}\s+{unit}\s+(?:from\s+now|hence|later)", False),
        ("ago", r"{num}\s+{unit}\s+ago", False),
        ("next_n", r"(?:the\s+)?(?:next|coming|following|upcoming)\s+{num}\s+{unit}", False),
        ("next_n", r"{num}\s+(?:upcoming|coming|following|next)\s+{unit}", False),
        ("last_n", r"(?:the\s+)?(?:last|past|previous)\s+{num}\s+{unit}", False),
        ("last_n", r"{num}\s+(?:past|previous|last)\s+{unit}", False),
        ("decade", r"(?:the\s+)?{dec}'?s", False),
        ("later_year", r"later\s+(?:this|in\s+the)\s+year", False),
        ("part_year_fused", r"(?P<fused>eoy|boy)", False),
    ],
    of=r"of(?:\s+the)?",
    year_unit=r"(?:calendar\s+)?year|yr",
    year_generic=r"year|yr",
    deadline=r"by|no\s+later\s+than|not\s+later\s+than|until|till",
    deadline_strict=r"before|prior\s+to|ahead\s+of",
    det=r"the",
    ranges={r"between": r"and|-", r"from": r"to|through|till|until|-"},
    range_conn_free=r"to|through|till|[-–—~]",
    revision=(
        r"(?:pushed|moved|put|set)\s+back|postponed|delayed|deferred|moved|shifted|pushed|"
        r"slipped|slid|rescheduled|revised"
    ),
    lead=(
        r"in|by|since|until|till|from|to|of|during|before|after|through|early|mid|late|"
        r"end|this|next|last|the|until|around|between|and"
    ),
    risky=r"may|march|spring|fall",
    capital_months=r"may|march",
    quantity=(
        r"(?:million|billion|thousand|mln|bn|tons?|tonnes?|mt|kg|km|miles?|barrels?|"
        r"people|jobs|workers|units|homes|dollars?|euros?|usd|eur|mw|gw|kwh|cars?|"
        r"vehicles|troops|soldiers|residents|employees|households|points?|votes?|"
        r"megawatts?|metres?|meters?|feet)(?!\w)"
    ),
    identifier=r"route|highway|flight|no\.?|number|model|boeing|airbus|iso|article|room|resolution",
    codes={"Q": "quarter", "H": "half"},
    day_first=False,
    month_day=True,
)

_FR_NEXT = r"(?:prochain|prochaine|suivant|suivante)s?|à\s+venir"
_FR_OF = r"(?:(?:de\s+l'|de\s+la|de|du|d')\s*)?"

FR = Lexicon(
    code="fr",
    months={
        "janvier": 1, "f[ée]vrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
        "juillet": 7, "ao[uû]t": 8, "septembre": 9, "octobre": 10, "novembre": 11,
        "d[ée]cembre": 12,
    },
    month_abbr={
        r"janv\.?": 1, r"f[ée]vr?\.?": 2, r"avr\.?": 4, r"juil\.?": 7, r"sept\.?": 9,
        r"oct\.?": 10, r"nov\.?": 11, r"d[ée]c\.?": 12,
    },
    seasons={"printemps": "spring", "[ée]t[ée]": "summer", "automne": "autumn", "hiver": "winter"},
    parts={r"d[ée]but": 1, r"mi|milieu": 2, r"fin": 3},
    ordinals={
        r"premier|premi[èe]re|1er|1re|1[èe]re": 1,
        r"second|seconde|deuxi[èe]me|2e|2[èe]me|2nde?": 2,
        r"troisi[èe]me|3e|3[èe]me": 3,
        r"quatri[èe]me|4e|4[èe]me|dernier": 4,
    },
    numbers={
        r"un|une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
        "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15,
        "vingt": 20, "trente": 30,
    },
    units={
        r"ans?|ann[ée]es?": "year", r"mois": "month", r"trimestres?": "quarter",
        r"semestres?": "half", r"semaines?": "week", r"jours?": "day", r"d[ée]cennies?": "decade",
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
        r"bient[ôo]t|prochainement|sous\s+peu|dans\s+un\s+(?:avenir\s+proche|proche\s+avenir)": "soon",
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
        ("day", r"(?:le\s+)?{day}(?:er|re)?\s+{mon}(?:\s+{yn})?", False),
        ("within", r"(?:d'ici(?:\s+à)?|dans\s+les|sous|en\s+moins\s+de|au\s+cours\s+des)\s+{num}"
         r"\s+(?:(?:prochain|prochaine)s\s+)?{unit}(?:\s+(?:" + _FR_NEXT + r"))?", False),
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
        r"pas\s+plus\s+tard\s+qu(?:e|')(?:\s*en)?"
    ),
    deadline_strict=r"avant",
    det=r"la|le|l'|les|en",
    ranges={r"entre": r"et|-", r"de|du|d'|depuis": r"à|au|jusqu'(?:à|en|au)|-"},
    range_conn_free=r"[-–—~]|au",
    revision=(
        r"report[ée]e?s?|repouss[ée]e?s?|d[ée]cal[ée]e?s?|diff[ée]r[ée]e?s?|retard[ée]e?s?|"
        r"gliss[ée]e?s?|ajourn[ée]e?s?|remise?s?|avanc[ée]e?s?|pass[ée]e?s?"
    ),
    lead=(
        r"en|au|à|a|d'|de|du|l'|le|cet|cette|ce|d'ici|depuis|dès|jusqu'en|jusqu'à|avant|après|"
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
)

_RU_ORD_END = r"(?:-?(?:й|го|м|ом|ем|ый|ий|е|ое|ой))?"

RU = Lexicon(
    code="ru",
    months={
        "январ(?:ь|я|е|ём|ю)": 1, "феврал(?:ь|я|е|ём|ю)": 2, "март(?:а|е|ом|у)?": 3,
        "апрел(?:ь|я|е|ем|ю)": 4, "ма(?:й|я|е|ем|ю)": 5, "июн(?:ь|я|е|ем|ю)": 6,
        "июл(?:ь|я|е|ем|ю)": 7, "август(?:а|е|ом|у)?": 8, "сентябр(?:ь|я|е|ём|ю)": 9,
        "октябр(?:ь|я|е|ём|ю)": 10, "ноябр(?:ь|я|е|ём|ю)": 11, "декабр(?:ь|я|е|ём|ю)": 12,
    },
    month_abbr={
        r"янв\.?": 1, r"февр?\.?": 2, r"мар\.?": 3, r"апр\.?": 4, r"авг\.?": 8,
        r"сент?\.?": 9, r"окт\.?": 10, r"нояб?\.?": 11, r"дек\.?": 12,
    },
    seasons={
        "весн(?:а|ы|е|у|ой|ою)": "spring", "лет(?:о|а|е|ом|у)": "summer",
        "осен(?:ь|и|ью)": "autumn", "зим(?:а|ы|е|у|ой|ою)": "winter",
    },
    parts={
        "начал(?:о|а|е|у|ом)": 1, "середин(?:а|ы|е|у|ой)": 2, "кон(?:ец|ца|це|цу|цом)": 3,
    },
    ordinals={
        "перв(?:ый|ая|ое|ого|ом|ой|ому|ую)|1" + _RU_ORD_END + "|I": 1,
        "втор(?:ой|ая|ое|ого|ом|ому|ую)|2" + _RU_ORD_END + "|II": 2,
        "трет(?:ий|ья|ье|ьего|ьем|ьей|ьему|ью)|3" + _RU_ORD_END + "|III": 3,
        "четв[её]рт(?:ый|ая|ое|ого|ом|ой|ому|ую)|4" + _RU_ORD_END + "|IV": 4,
    },
    numbers={
        "од(?:ин|ного|ном|на|ной|ну)": 1, "дв(?:а|ух|е|ум)": 2, "тр(?:и|ёх|ех|ем)": 3,
        "четыр(?:е|ёх|ех)": 4, "пят(?:ь|и)": 5, "шест(?:ь|и)": 6, "сем(?:ь|и)": 7,
        "восем(?:ь|и)|восьми": 8, "девят(?:ь|и)": 9, "десят(?:ь|и)": 10, "двенадцат(?:ь|и)": 12,
    },
    units={
        "лет|год(?:а|у|ом|ы|ов)?": "year", "месяц(?:а|е|у|ем|ев|ы)?": "month",
        "квартал(?:а|е|у|ом|ов|ы)?": "quarter", "полугоди(?:е|я|и|ю|ем|й)": "half",
        "недел(?:я|и|е|ю|ь)": "week", "дн(?:я|ей)|день|сут(?:ки|ок)": "day",
        "десятилети(?:е|я|и|ю|ем|й)": "decade",
    },
    rel={
        "эт(?:от|ом|ого|ому|а|ой|у|им)|текущ(?:ий|ем|его|ему|ая|ей|ую)|"
        "нынешн(?:ий|ем|его|ему|яя|ей|юю)|сего": 0,
        "следующ(?:ий|ем|его|ему|ая|ей|ую)|будущ(?:ий|ем|его|ему|ая|ей|ую)|"
        "наступающ(?:ий|ем|его|ему)": 1,
        "прошл(?:ый|ом|ого|ому|ая|ой|ую)|предыдущ(?:ий|ем|его|ему|ая|ей|ую)|"
        "минувш(?:ий|ем|его|ему)": -1,
        "позапрошл(?:ый|ом|ого|ому|ая|ой|ую)": -2,
    },
    relpost={},
    vague={
        r"в\s+(?:краткосрочной|ближайшей)\s+перспективе|в\s+краткосрочном\s+периоде": "short",
        r"в\s+среднесрочной\s+перспективе|в\s+среднесрочном\s+периоде": "medium",
        r"в\s+долгосрочной\s+перспективе|в\s+долгосрочном\s+периоде": "long",
        r"в\s+ближайшее\s+время|в\s+скором\s+времени|вскоре|скоро|в\s+(?:ближайшем|обозримом)\s+будущем":
            "soon",
        r"в\s+(?:ближайшие|предстоящие)\s+(?:годы|несколько\s+лет)": "years",
        r"в\s+(?:ближайшие|предстоящие)\s+(?:месяцы|несколько\s+месяцев)": "months",
        r"в\s+(?:следующем|ближайшем|предстоящем)\s+десятилетии|в\s+ближайшее\s+десятилетие": "decade",
    },
    templates=[
        ("vague", r"{vague}", False),
        ("rel_unit", r"{rel}\s+{unit}", False),
        ("year", r"{yx}", False),
        ("part_year", r"{part}\s+{yr}", False),
        ("part_month", r"{part}\s+{month}(?:\s+{yn})?", False),
        ("part_month", r"{part}\s+(?:{rel}\s+)?(?P<mgen>месяца)", False),
        ("half", r"{ord}\s+(?:полугоди(?:е|я|и|ю|ем)|половин(?:а|ы|е|у|ой))(?:\s+{yr})?", False),
        ("quarter", r"{ord}\s+(?:квартал(?:а|е|у|ом)?|кв\.)(?:\s+{yr})?", False),
        ("season", r"{rel}\s+{season}", False),
        ("season", r"{season}\s+{yn}", False),
        ("season", r"{season}", True),
        ("month", r"{mon}\s+{yn}", False),
        ("month", r"{rel}\s+{month}", False),
        ("month", r"{month}", True),
        ("day", r"{day}\s+{mon}(?:\s+{yn})?", False),
        ("within", r"(?:в\s+течение|в\s+ближайшие|в\s+пределах|за\s+ближайшие)\s+{num}\s+{unit}", False),
        ("shift", r"через\s+{num}\s+{unit}", False),
        ("ago", r"{num}\s+{unit}\s+(?:тому\s+)?назад", False),
        ("next_n", r"(?:следующие|ближайшие|предстоящие)\s+{num}\s+{unit}", False),
        ("last_n", r"(?:последние|прошедшие|предыдущие|прошлые)\s+{num}\s+{unit}", False),
        ("decade", r"{dec}-?(?:е|х|ые|ых)(?:\s+год(?:ы|ов|ах))?", False),
        ("later_year", r"позднее\s+в\s+этом\s+году|позже\s+в\s+этом\s+году", False),
    ],
    of="",
    year_unit=r"год(?:а|у|ом)?",
    year_generic=r"года|году|год",
    year_suffix=r"гг?\.?|год(?:а|у|ом|ах|ами|ы|ов)?",
    deadline=r"к|до|не\s+позднее|не\s+позже|вплоть\s+до",
    ranges={r"между": r"и|-", r"с|со|от": r"по|до|-"},
    range_conn_free=r"[-–—~]",
    revision=(
        r"перен[её]с\w*|перенос\w*|отложен\w*|отложил\w*|сдвинут\w*|сдвинул\w*|отсрочен\w*|"
        r"передвинут\w*"
    ),
    quantity=(
        r"(?:млн|млрд|тыс|миллион\w*|миллиард\w*|тысяч\w*|тонн\w*|т|км|кг|баррел\w*|человек|"
        r"рубл\w*|руб|долл\w*|евро|мвт|гвт|процент\w*|штук|единиц\w*|мест|голос\w*)(?!\w)"
    ),
    identifier=r"трасс\w*|рейс\w*|№|номер\w*|модел\w*|стать[яиею]|маршрут\w*|резолюци\w*|указ\w*",
    codes={"Q": "quarter", "H": "half"},
)

LEXICONS = {lex.code: lex for lex in (EN, FR, RU)}
