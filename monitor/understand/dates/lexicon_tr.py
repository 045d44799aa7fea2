"""Turkish word tables and phrase templates (see monitor.understand.dates.lexicon).

Turkish puts case endings on the word itself, after an apostrophe on numbers and names
("2025'te", "2030'a kadar", "2026'nın ilk yarısında", "Aralık'ta"), and its "by", "before",
"at the earliest" come after the date ("2030'a kadar", "2030'dan önce"): the lexicon lists
these endings in its keys and uses the `*_after` fields for the postpositions.
"""

from __future__ import annotations

from monitor.understand.dates.lexicon import Lexicon

# a case ending after an apostrophe: locative/ablative ('te, 'den, 'teki), dative ('e, 'ya),
# accusative/genitive ('ı, 'nın, 'ün)
_APOS = r"'(?:[dt][ae](?:n|ki)?|[yn]?[ae]|[yn]?[ıiuü]n?)"
# a month name's own endings (no apostrophe): "haziranda", "martta", "mayısa"
_MON = r"(?:[dt][ae](?:n|ki)?|[ae])?"
# "ayında" after a month name: "Haziran ayında", "Aralık ayının"
_AY = r"ay(?:ı|ında|ına|ının|ından)(?!\w)"
# a season's endings: "ilkbaharda", "kışın", "2026 yazında", "sonbaharına"
_SEASON = r"(?:[ıiuü](?:n(?:[dt][ae]n?|[ae])?)?|[dt][ae]n?|[ae])?"
_YEAR_WORD = r"yıl(?:ı|ın|ında|ına|ından|ının|ları|larında|larda)?"

TR = Lexicon(
    code="tr",
    months={
        "ocak" + _MON: 1,
        "şubat" + _MON: 2,
        "mart" + _MON: 3,
        "nisan" + _MON: 4,
        "mayıs" + _MON: 5,
        "haziran" + _MON: 6,
        "temmuz" + _MON: 7,
        "ağustos" + _MON: 8,
        "eylül" + _MON: 9,
        "ekim" + _MON: 10,
        "kasım" + _MON: 11,
        "aralık" + _MON: 12,
    },
    month_abbr={
        r"oca\.?": 1,
        r"şub\.?": 2,
        r"mar\.?": 3,
        r"nis\.?": 4,
        r"haz\.?": 6,
        r"tem\.?": 7,
        r"ağu\.?": 8,
        r"eyl\.?": 9,
        r"eki\.?": 10,
        r"kas\.?": 11,
        r"ara\.?": 12,
    },
    seasons={
        "ilkbahar" + _SEASON: "spring",
        "bahar" + _SEASON: "spring",
        r"yaz(?:ın(?:[dt][ae]n?|[ae])?|[dt][ae]|a)?": "summer",
        "sonbahar" + _SEASON: "autumn",
        "güz" + _SEASON: "autumn",
        "kış" + _SEASON: "winter",
    },
    parts={
        r"baş(?:ı|ında|ına|ından|larında|langıcında)": 1,
        r"orta(?:sı|sında|sına|larında)": 2,
        r"son(?:u|unda|una|undan|larında|larına)": 3,
    },
    ordinals={
        r"ilk|birinci|1\.": 1,
        r"ikinci|2\.": 2,
        r"üçüncü|3\.": 3,
        r"dördüncü|4\.": 4,
        r"beşinci|5\.": 5,
        r"altıncı|6\.": 6,
        r"yedinci|7\.": 7,
        r"sekizinci|8\.": 8,
        r"dokuzuncu|9\.": 9,
        r"onuncu|10\.": 10,
        r"on\s+birinci|11\.": 11,
        r"on\s+ikinci|12\.": 12,
    },
    numbers={
        r"bir": 1,
        r"iki": 2,
        r"üç": 3,
        r"dört": 4,
        r"beş": 5,
        r"altı": 6,
        r"yedi": 7,
        r"sekiz": 8,
        r"dokuz": 9,
        r"on": 10,
        r"on\s+iki": 12,
        r"on\s+sekiz": 18,
        r"yirmi": 20,
        r"otuz": 30,
    },
    units={
        r"yıl(?:ı|a|da|dan|ın|lık|lar|ları|larda|lara)?|sene(?:si|ye|de|nin|ler|lerde)?": "year",
        r"ay(?:ı|a|da|dan|ın|lık|lar|ları|larda|lara)?": "month",
        r"çeyrek(?:te|ler|lerde)?|çeyreğ(?:i|e|in|inde)": "quarter",
        r"hafta(?:ya|da|nın|lık|lar|larda)?": "week",
        r"gün(?:ü|e|de|den|ün|lük|ler|lerde)?": "day",
        r"sezon(?:u|a|da|un|lar)?": "season",
    },
    rel={
        r"bu|içinde\s+bulunduğumuz|mevcut": 0,
        r"gelecek|önümüzdeki|bir\s+sonraki|sonraki|ertesi": 1,
        r"geçen|geçtiğimiz|bir\s+önceki|önceki": -1,
    },
    relpost={},
    vague={
        r"kısa\s+vadede": "short",
        r"orta\s+vadede": "medium",
        r"uzun\s+vadede": "long",
        (
            r"yakında|çok\s+yakında|kısa\s+(?:süre|zaman)\s+(?:içinde|içerisinde)|kısa\s+sürede"
            r"|yakın\s+zamanda|yakın\s+gelecekte|en\s+kısa\s+sürede"
        ): "soon",
        r"(?:önümüzdeki|gelecek)\s+(?:birkaç\s+)?yıllarda|birkaç\s+yıl\s+içinde": "years",
        r"(?:önümüzdeki|gelecek)\s+(?:birkaç\s+)?aylarda|birkaç\s+ay\s+içinde": "months",
        r"önümüzdeki\s+on\s+yılda": "decade",
    },
    templates=[
        ("vague", r"{vague}", False),
        ("rel_unit", r"{rel}\s+{unit}", False),
        ("year", r"{yx}", False),
        ("part_year", r"{yr}\s+{part}", False),
        # "yılsonunda": the end of the year in one word
        ("part_year", r"(?P<ygen>yıl(?=son))(?P<part>son(?:u|unda|una|undan))(?!\w)", False),
        ("part_month", r"(?:{yn}\s+)?{month}(?:\s+ay(?:ı|ının)(?!\w))?\s+{part}", False),
        (
            "half",
            r"(?:{yr}\s+)?{ord}\s+(?:yarı(?:sı|sında|sına|da)?|yarıyıl(?:ı|ında|da)?)(?!\w)",
            False,
        ),
        ("quarter", r"(?:{yr}\s+)?{ord}\s+(?:çeyrek(?:te)?|çeyreğ(?:i|inde|ine))(?!\w)", False),
        ("season", r"{rel}\s+{season}", False),
        ("season", r"{yn}\s+{season}", False),
        ("season", r"{season}\s+{yn}", False),
        ("season", r"{season}", True),
        ("month", r"{mon}\s+{yn}", False),
        ("month", r"{yn}\s+{month}(?:\s+" + _AY + r")?", False),
        ("month", r"{month}\s+" + _AY, False),
        ("month", r"{month}" + _APOS, False),
        ("month", r"{rel}\s+{month}", False),
        ("month", r"{month}", True),
        ("day", r"{day}\s+{mon}\s+{yn}", False),
        ("day", r"{day}\s+{month}(?:" + _APOS + r")?", False),
        (
            "within",
            r"(?:önümüzdeki\s+|gelecek\s+)?{num}\s+{unit}\s+(?:içinde|içerisinde|zarfında)",
            False,
        ),
        ("shift", r"{num}\s+{unit}\s+sonra", False),
        ("ago", r"{num}\s+{unit}\s+önce", False),
        ("next_n", r"(?:önümüzdeki|gelecek)\s+{num}\s+{unit}", False),
        ("last_n", r"(?:son|geçen|geçtiğimiz)\s+{num}\s+{unit}", False),
        ("decade", r"{dec}'?l[ıi]\s+yıllar(?:da|ın)?(?!\w)", False),
        (
            "later_year",
            r"bu\s+yıl\s+içinde|bu\s+yılın\s+ilerleyen\s+(?:aylarında|dönemlerinde|günlerinde)",
            False,
        ),
    ],
    of="",
    year_unit=r"yıl(?:ı|ın|a|da)?|sene(?:si|nin)?",
    year_generic=r"yıl(?:ın|ı)?",
    year_suffix=_APOS + r"|\s*" + _YEAR_WORD,
    deadline=r"en\s+geç",
    deadline_after=r"kadar|en\s+geç",
    deadline_strict_after=r"önce|evvel|öncesinde",
    open_start=r"en\s+erken",
    open_start_after=r"önce\s+değil|en\s+erken",
    not_in_after=r"değil",
    range_conn_free=r"[-–—~]|ile",
    range_and=r"ve",
    revision=r"ertele\w*|kaydır\w*|sarkt\w*|ötele\w*",
    risky=(r"(?:ocak|nisan|ekim|kasım|aralık|eylül)" + _MON + r"|yaz\w*|bahar\w*|güz\w*"),
    quantity=(
        r"(?:milyon|milyar|bin|ton|kişi|dolar|lira|tl|avro|euro|adet|km|kilometre|metre|mw|gw|"
        r"fazla|konut|araç|işçi|çalışan|hane|puan|oy)(?!\w)"
    ),
    identifier=r"rota|uçuş|sefer|no\.?|numara|madde|model|karar",
    codes={"Q": "quarter", "H": "half"},
    conj=r"ve|veya|ile",
    dotless_i=True,
)
