"""English word tables and phrase templates (see monitor.dates.lexicon)."""

from __future__ import annotations

from monitor.dates.lexicon import Lexicon

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
        r"first|1st": 1, r"second|2nd": 2, r"third|3rd": 3, r"fourth|4th": 4, r"fifth|5th": 5,
        r"sixth|6th": 6, r"seventh|7th": 7, r"eighth|8th": 8, r"ninth|9th": 9, r"tenth|10th": 10,
        r"eleventh|11th": 11, r"twelfth|12th": 12,
    },
    numbers=_EN_NUM,
    units={
        r"years?|yrs?": "year", r"months?": "month", r"quarters?|qtrs?": "quarter",
        r"weeks?": "week", r"days?": "day", r"decades?": "decade", r"seasons?": "season",
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
        r"(?:in|over|during|within)\s+the\s+(?:next|coming)\s+decade|(?:the\s+)?next\s+decade":
            "decade",
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
        ("month", r"{mon}", True),
        ("month", r"{month}\s+after\s+(?P<after>next)", False),
        ("month", r"{mon}(?=\s*[-–]\s*{anymon}\s*,?\s*(?:of\s+)?\d)", False),
        ("month", r"{mon}\s*,?\s*(?:of\s+|')(?P<y2>\d\d)(?!\w|[.,]\d)", False),
        ("month", r"{month}\s+(?P<y2>3[2-9]|[4-9]\d)(?!\w|[.,:]\d)", False),
        ("month", r"{mon}\s*,?\s*(?:of\s+)?{ysp}", False),
        ("month_ord", r"(?:the\s+)?{ord}\s+month\s+of\s+(?:the\s+)?{yr}", False),
        ("year", r"{ysp}", True),
        ("year", r"{yfar}", True),
        ("year", r"(?P<y>[1-9]\d{0,3})\s*(?:a\.d\.|(?-i:AD|CE)(?!\w))", False),
        ("year", r"(?:a\.d\.|(?-i:AD))\s*(?P<y>[1-9]\d{0,3})(?!\d)", False),
        ("year", r"cy\s?(?:(?P<y>\d{4})|(?P<yy>\d\d))(?!\w)", False),
        ("part_month", r"(?:the\s+)?{part}\s+of\s+(?:the\s+)?(?:{rel}\s+)?(?P<mgen>month)", False),
        ("day", r"{mon}\s+{day}(?:st|nd|rd|th)?(?:\s*,\s*|\s+){yn}", False),
        ("day", r"{mon}\s+{day}(?:st|nd|rd|th)?(?![\d:])", False),
        ("day", r"(?:the\s+)?{day}(?:st|nd|rd|th)?\s+(?:of\s+)?{mon}(?:\s*,?\s*(?:in\s+)?{yn})?",
         False),
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
        ("part_year_fused", r"(?<!\w)(?P<fused>(?-i:EOY|BOY)|eoy)(?!\w)", False),
    ],
    of=r"of(?:\s+the)?",
    year_unit=r"(?:calendar\s+)?year|yr",
    year_generic=r"year|yr",
    deadline=r"by|no\s+later\s+than|not\s+later\s+than|until|till",
    deadline_strict=r"before|prior\s+to|ahead\s+of",
    end_of=r"end\s+of(?:\s+the)?",
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
    strict_lead=r"in|by|since|until|till|during|before|after|through|back\s+to|circa",
    conj=r"and|or|when|as",
    year_words={
        "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
        "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
        "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
        "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    },
    year_and="and",
)
