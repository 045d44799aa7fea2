"""Figures in news text: money and tonnage, normalised to a value and a unit.

Units: "USD", "EUR", "t" (tonnes) and "t/yr" (tonnes per year, when the figure is a yearly
capacity or volume). "$680 million" -> 6.8e8 USD; "1,5 million de tonnes" -> 1.5e6 t;
"15 Mt" -> 1.5e7 t; "10 млн тонн в год" -> 1e7 t/yr.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex


@dataclass(frozen=True)
class Quantity:
    """A figure found in text, normalised: value in base units (dollars, tonnes)."""

    value: float
    unit: str
    text: str
    span: tuple[int, int] = (0, 0)

    def as_json(self) -> dict[str, object]:
        return {"value": self.value, "unit": self.unit, "text": self.text}


# Multiplier words, casefolded; "m"/"b" only right after a currency sign ("$500m").
_SCALE = {
    "thousand": 1e3,
    "mille": 1e3,
    "тыс": 1e3,
    "тысяч": 1e3,
    "тысячи": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "mln": 1e6,
    "mn": 1e6,
    "млн": 1e6,
    "миллион": 1e6,
    "миллиона": 1e6,
    "миллионов": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "bn": 1e9,
    "milliard": 1e9,
    "milliards": 1e9,
    "mlrd": 1e9,
    "млрд": 1e9,
    "миллиард": 1e9,
    "миллиарда": 1e9,
    "миллиардов": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "трлн": 1e12,
}
_CURRENCY = {
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "доллар": "USD",
    "доллара": "USD",
    "долларов": "USD",
    "долл": "USD",
    "dolar": "USD",
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "евро": "EUR",
}
_TONNE = {
    "tonnes": 1.0,
    "tonne": 1.0,
    "tons": 1.0,
    "ton": 1.0,
    "t": 1.0,
    "тонн": 1.0,
    "тонны": 1.0,
    "тонна": 1.0,
    "т": 1.0,
    "ton'": 1.0,
    "mt": 1e6,
    "мт": 1e6,
    "ton.": 1.0,
}

_NUM = r"(?P<num>\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
_SCALE_RE = (
    r"(?P<scale>thousand|mille|тыс(?:яч[иа]?)?\.?|millions?|mln|mn|млн\.?|миллион(?:а|ов)?"
    r"|billions?|bn|milliards?|mlrd|млрд\.?|миллиард(?:а|ов)?|trillion|трлн\.?)"
)
_CUR_WORD = (
    r"(?P<cur2>(?:us\s)?dollars?|usd|доллар(?:а|ов)?|долл\.?|dolar|euros?|eur|евро"
    r"|\$|€)"
)
_TON_WORD = r"(?P<TON>tonnes?|tons?|тонн[аы]?|т\b|t\b)"

_PATTERN = regex.compile(
    # $680 million, US$ 1.2bn, €500m, $1 млрд
    rf"(?P<cur1>us\$|\$|€|usd|eur)\s?{_NUM}\s?(?:(?P<scale1>m|b)\b|{_SCALE_RE})?"
    # 547 millions de dollars, 1 milliard de dollars, 10 million tonnes, 1,5 млн тонн, 15 Mt
    rf"|{_NUM.replace('num', 'num2')}\s?(?:(?P<mt>mt|мт)\b|{_SCALE_RE.replace('scale', 'scale2')}"
    rf"\s?(?:(?:de|d'|d’|of)\s?)?(?:{_CUR_WORD}|{_TON_WORD.replace('TON', 'ton')}))"
    # 10 000 tonnes, 500 dollars (no scale word)
    rf"|{_NUM.replace('num', 'num3')}\s?(?:{_CUR_WORD.replace('cur2', 'cur3')}"
    rf"|{_TON_WORD.replace('TON', 'ton3')}(?!\w))",
    regex.IGNORECASE,
)
_PER_YEAR = regex.compile(
    r"^[\s,]*(?:per\s+(?:year|annum)|a\s+year|annually|/\s?(?:yr|year)|par\s+an|annuels?|"
    r"в\s+год|ежегодно)|(?:annual|yearly|annuelle?|годов\w*|ежегодн\w*)\W+(?:\w+\W+){0,4}$",
    regex.IGNORECASE,
)


def _number(raw: str) -> float:
    raw = regex.sub(r"[ \u00a0\u202f]", "", raw)
    if "," in raw and "." not in raw:
        whole, _, frac = raw.partition(",")
        # "1,500" in English is a thousands separator; "1,5" is a decimal comma
        raw = whole + frac if len(frac) == 3 and not raw.startswith("0") else whole + "." + frac
    else:
        raw = raw.replace(",", "")
    return float(raw)


def _scale(word: str | None) -> float:
    if not word:
        return 1.0
    return _SCALE.get(word.casefold().rstrip("."), 1.0)


def find_quantities(text: str) -> list[Quantity]:
    """Every money or tonnage figure in `text`, in order."""
    found: list[Quantity] = []
    for m in _PATTERN.finditer(text):
        g = m.groupdict()
        num = g["num"] or g["num2"] or g["num3"]
        value = _number(num)
        if g["num"] is not None:
            value *= _scale(g["scale1"] or g["scale"])
            unit = _CURRENCY[g["cur1"].casefold()]
        elif g["num2"] is not None:
            if g["mt"]:
                value, unit = value * 1e6, "t"
            else:
                value *= _scale(g["scale2"])
                unit = _unit_word(g["cur2"], g["ton"])
        else:
            unit = _unit_word(g["cur3"], g["ton3"])
        if unit == "t":
            before, after = text[max(0, m.start() - 60) : m.start()], text[m.end() : m.end() + 20]
            if _PER_YEAR.search(after) or _PER_YEAR.search(before):
                unit = "t/yr"
        found.append(Quantity(value, unit, m.group(), m.span()))
    return found


def _unit_word(currency: str | None, tonne: str | None) -> str:
    if currency:
        return _CURRENCY.get(currency.casefold().rstrip(".").replace("us ", ""), "USD")
    assert tonne is not None
    return "t"


def same_dimension(a: str, b: str) -> bool:
    """Whether two units measure the same thing (t and t/yr both count tonnage)."""
    return a.split("/")[0] == b.split("/")[0]
