"""Cheap language guess for en/fr/ru: script first, then counts of function and date words."""

from __future__ import annotations

import re

SAMPLE = 600  # a news text does not change language midway: its start decides
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_LATIN = re.compile(r"[a-zà-ÿ]", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")
_ELISION = re.compile(r"(?<!\w)[dlqnsjc]'(?=\w)")
_ACCENTS = "éèêàçùûôîœ"
_FR_WORDS = frozenset({
    "le", "la", "les", "des", "du", "une", "est", "et", "pour", "dans", "sur", "avec", "qui",
    "que", "au", "aux", "ce", "cette", "sera", "fin", "début", "mi", "semestre", "trimestre",
    "année", "an", "mois", "terme", "prochain", "prochaine", "dernier", "depuis", "janvier",
    "février", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
    "décembre", "hiver", "printemps", "automne", "bientôt", "entre", "reporté", "reportée",
})
_EN_WORDS = frozenset({
    "the", "and", "of", "to", "in", "is", "for", "with", "on", "will", "by", "that", "be",
    "was", "are", "end", "early", "late", "mid", "year", "month", "quarter", "half", "within",
    "next", "last", "this", "term", "soon", "between", "from", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "summer", "winter", "spring", "autumn", "fall",
})


def guess(text: str) -> str:
    """ru when Cyrillic dominates, fr when French cues (words, elisions, accented letters)
    outnumber English cue words, else en. Only the first SAMPLE characters count."""
    sample = text[:SAMPLE].lower().replace("’", "'")
    cyrillic = len(_CYRILLIC.findall(sample))
    if cyrillic and cyrillic * 2 >= len(_LATIN.findall(sample)):
        return "ru"
    words = _WORD.findall(sample)
    french = sum(w in _FR_WORDS for w in words) + len(_ELISION.findall(sample))
    french += sum(sample.count(c) for c in _ACCENTS) + sample.count("d'ici")
    english = sum(w in _EN_WORDS for w in words)
    return "fr" if french > english else "en"
