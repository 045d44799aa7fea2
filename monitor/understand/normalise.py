"""Words as keys: one normal form for aliases and for news text, so both meet in one automaton.

A word's key is its casefolded, accent-free form (`fold`), with what people add to a name when
they write it taken off: French elision ("l'EPR", "d’Olkiluoto"), a suffix after an apostrophe
(English "'s", Turkish case endings "İstanbul'un", "Havalimanı'nın"), soft hyphens and
combining marks, Cyrillic look-alike letters inside a Latin word ("Сybertruck" with a Cyrillic
С) and the reverse. Cyrillic words are lemmatised with pymorphy3 when its dictionary knows them
("силы" → сила, "космодрома" → космодром, "Азербайджане" → азербайджан) and then lose their
case ending (`hand_stem`), so nouns and their adjectives meet ("Курской", "Курская" → курск).
Letters and digits are separate words ("OL3" = "OL 3" = "OL-3"). Keys are cached per distinct
word, so each costs one dict look-up; sentences without apostrophes, soft hyphens or decomposed
accents (most of them) are cut into words by a plain, faster pattern.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache
from typing import Any

import regex

_CYRILLIC = regex.compile(r"\p{Cyrillic}")
_LATIN = regex.compile(r"\p{Latin}")

# A word: letters or digits (not both: "OL3" is two words). Before cutting a text into words,
# a lowercase suffix joined to a word by an apostrophe ("'s", "'nın", "’da") is blanked out,
# unless the part before the apostrophe is an elided article or pronoun ("l’usine", "d'une").
_APOS = "'’ʼ`´"
_SUFFIX = regex.compile(
    rf"(?<!(?<![\p{{L}}\p{{N}}])(?i:lorsqu|puisqu|jusqu|quoiqu|presqu|qu|l|d|j|m|n|s|t|c))"
    rf"[{_APOS}]\p{{Ll}}{{1,6}}(?![\p{{L}}\p{{M}}])"
)
_HAS_APOS = re.compile(f"[{_APOS}]")
_PLAIN_WORD = re.compile(r"([^\W\d_]+|\d+)")
# Words with combining marks, soft hyphens or zero-width (non-)joiners inside (see _ODD).
_ODD_WORD = regex.compile(r"(\p{L}[\p{L}\p{M}\u00ad\u200c\u200d]*|\p{N}+)")
_ODD = re.compile(r"[\u00ad\u200c\u200d]")

# Letters NFD does not decompose but readers treat as plain Latin ones.
_EXTRA_FOLD = {"ə": "e", "ı": "i", "ø": "o", "đ": "d", "ł": "l", "ё": "е", "ß": "ß"}

# Russian case/adjective endings, longest first; a stem keeps at least _MIN_STEM letters.
_ENDINGS_TEXT = (
    "ого его ому ему ыми ими ами ями ией ой ей ый ий ая яя ое ее ые ие ых их ую юю "
    "ом ем ам ям ах ях ов ев ью а я о е у ю ы и ь й"
)
_RU_ENDINGS = tuple(sorted(_ENDINGS_TEXT.split(" "), key=len, reverse=True))
MIN_STEM = 4

# Look-alike letters (folded): a Latin word with a stray Cyrillic letter, and the reverse.
_TO_LATIN = str.maketrans("аеорсухкміјѕвнт", "aeopcyxkmijsbht")
_TO_CYRILLIC = str.maketrans("aeopcyxkmbht", "аеорсухкмвнт")


class _FoldTable(dict[int, str]):
    """str.translate table, filled lazily: casefold, strip accents, keep one char per char."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = _EXTRA_FOLD.get(ch.lower())
        if folded is None and _CYRILLIC.match(ch):
            folded = ch.lower()  # й is a letter of its own, not и with a breve
        if folded is None:
            base = "".join(
                c
                for c in unicodedata.normalize("NFD", ch.casefold())
                if unicodedata.category(c) != "Mn"
            )
            folded = base if len(base) == 1 else ch.lower()
        self[code] = folded
        return folded


class _KeyTable(_FoldTable):
    """Like the fold table, but marks, soft hyphens and zero-width characters vanish."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            self[code] = ""
            return ""
        return super().__missing__(code)


_FOLD = _FoldTable()
_KEYFOLD = _KeyTable()


def fold(text: str) -> str:
    """Casefolded, accent-free text of the same length (offsets stay valid)."""
    return text.translate(_FOLD)


def hand_stem(token: str) -> str:
    """A folded Cyrillic word without its case or adjective ending (other words unchanged)."""
    if not _CYRILLIC.match(token):
        return token
    for ending in _RU_ENDINGS:
        if token.endswith(ending) and len(token) - len(ending) >= MIN_STEM:
            return token[: -len(ending)]
    return token


_MORPH: Any = None
_NAME_TAGS = ("Name", "Surn", "Patr", "Geox", "Orgn", "Trad")


def _morph() -> Any:
    """The pymorphy3 analyser, loaded on the first Cyrillic word (0.2 s, ~15 MB)."""
    global _MORPH
    if _MORPH is None:
        import pymorphy3

        # its dictionary-loading notes are noise in a daemon's log and on the CLI's stderr
        logging.getLogger("pymorphy3").setLevel(logging.WARNING)
        _MORPH = pymorphy3.MorphAnalyzer()
    return _MORPH


@lru_cache(maxsize=100_000)
def stem(token: str) -> str:
    """The matching key of one folded word. A Cyrillic word its dictionary knows becomes its
    lemma ("азербайджане" → азербайджан, "силы" → сила), then loses its ending like any other
    Cyrillic word (`hand_stem`); words it does not know (most foreign names) are only
    stripped, since its guesses for them are unstable. Other words are unchanged."""
    if not _CYRILLIC.match(token):
        return token
    morph = _morph()
    if morph.word_is_known(token):
        return hand_stem(morph.parse(token)[0].normal_form.replace("ё", "е"))
    return hand_stem(token)


@lru_cache(maxsize=20_000)
def common_word(word: str) -> bool:
    """Whether a one-word Cyrillic alias is an ordinary dictionary word, not a name
    ("Восточный" is also "eastern"), so that it is ambiguous alone."""
    folded = fold(word)
    if not _CYRILLIC.match(folded) or not _morph().word_is_known(folded):
        return False
    tag = _morph().parse(folded)[0].tag
    return not any(name in tag for name in _NAME_TAGS)


_KEY_CACHE: dict[str, str] = {}


def word_key(word: str) -> str:
    """The key of one word as `words` gives it (not yet folded)."""
    key = _KEY_CACHE.get(word)
    if key is None:
        if len(_KEY_CACHE) > 200_000:
            _KEY_CACHE.clear()
        folded = word.translate(_KEYFOLD)
        if _CYRILLIC.search(folded) and _LATIN.search(folded):
            latin = len(_LATIN.findall(folded))
            if latin * 2 >= len(folded):
                folded = folded.translate(_TO_LATIN)
            else:
                folded = folded.translate(_TO_CYRILLIC)
        key = _KEY_CACHE[word] = stem(folded)
    return key


def _blank(m: regex.Match[str]) -> str:
    return " " * len(m.group())


def _prepared(text: str) -> tuple[str, re.Pattern[str] | regex.Pattern[str]]:
    """`text` with apostrophe suffixes blanked (same length), and the pattern of its words."""
    if _HAS_APOS.search(text):
        text = _SUFFIX.sub(_blank, text)
    if _ODD.search(text) or not unicodedata.is_normalized("NFC", text):
        return text, _ODD_WORD
    return text, _PLAIN_WORD


def words(text: str) -> list[str]:
    """The words of `text` as written (apostrophe suffixes left out)."""
    prepared, pattern = _prepared(text)
    return pattern.findall(prepared)


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word `words` gives, in the same order."""
    prepared, pattern = _prepared(text)
    return [m.span(1) for m in pattern.finditer(prepared)]


def key_tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of every word of `text`."""
    return [(a, b, word_key(text[a:b])) for a, b in word_spans(text)]


def is_cyrillic(key: str) -> bool:
    return bool(_CYRILLIC.match(key))
