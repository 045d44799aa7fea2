"""The shape of a language's word tables and phrase templates. A language is one Lexicon, in
monitor/understand/dates/lexicon_<code>.py, registered in grammar.LEXICONS: adding one is a data
change.

Every table key is a regular-expression fragment (matched case-insensitively, whole words).
Templates are patterns whose {placeholders} the grammar fills from these tables:
    {yr} year: number, relative ("next year") or generic ("the year"); {yx} no generic;
    {yn} number only; {month} full month name; {mon} full or abbreviated; {day} 1-31; {season};
    {part} early/mid/late
    {ord} ordinal;  {num} count;  {unit} calendar unit;  {rel} this/next/last before a noun;
    {relpost} the same after a noun;  {vague} horizon phrase;  {dec} a decade's first year
    {anymon} any month word (no group);  {ysp} a spelled-out year ("nineteen ninety six");
    {yfar} a year outside 1900-2100 (licensed by strict_lead or year_suffix)
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
    deadline_after: str = ""  # the same as `deadline`, after the expression ("at the latest")
    deadline_strict_after: str = ""  # `deadline_strict` after the expression (Turkish "önce")
    # "not before", "at the earliest", "au plus tôt", "не ранее", "frühestens": the window named
    # is the earliest; it has an open end (DateExpr.open_end) and no deadline
    open_start: str = ""
    open_start_after: str = ""  # the same after the expression ("2027 at the earliest")
    # "not in", "pas en", "не в": the named window is excluded; the next one of the same size
    # starts an open-ended window ("not in 2014" = 2015 on)
    not_in: str = ""
    not_in_after: str = ""  # the same after the expression (Turkish "2014'te değil")
    end_of: str = ""  # "the end of" between a deadline word and a half, quarter...: same deadline
    det: str = ""  # determiners allowed between a deadline or range word and the expression
    ranges: dict[str, str] = field(default_factory=dict)  # lead ("between") -> connector ("and")
    range_conn_free: str = ""  # connectors that need no lead ("2014 to 2018")
    # "and", "et", "и", "und": in a deadline phrase (read_deadline), joins two windows of one
    # grain when the second starts where the first ends ("2016 and 2017", "June and July");
    # "2016 and 2020", and any pair in running text, stay two dates
    range_and: str = ""
    revision: str = ""  # "postponed", "reportée": "from X to Y" after these is two dates
    lead: str = ""  # words licensing a bare month or season
    risky: str = ""  # month/season words that are also common words: bare, they need a lead word
    capital_months: str = ""  # month words that are also common words unless capitalised
    quantity: str = ""  # words after a number that make it a quantity, not a year
    identifier: str = ""  # words before a number that make it an identifier
    codes: dict[str, str] = field(default_factory=dict)  # "Q" -> quarter, "H" -> half
    day_first: bool = True  # 05/07/2026 is 5 July
    # words right before a bare month abbreviation ("in dec"), a lower-case risky month ("in may")
    # or a year outside 1900-2100 ("in 2150", "back to 1865") that make it a date
    strict_lead: str = ""
    conj: str = ""  # words that may follow such a far year ("in 1865 and ...")
    year_words: dict[str, int] = field(default_factory=dict)  # spelled years: word -> 0..1000
    year_and: str = ""  # filler inside a spelled year ("two thousand and five")
    # "ı" and "i" are two letters (Turkish: "kış" winter, "kişi" person). Python's
    # case-insensitive matching takes them for one; with this set the rules do not.
    dotless_i: bool = False
