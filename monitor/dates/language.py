"""Cheap language guess for en/fr/ru: script first, then counts of function and date words."""

from __future__ import annotations

import re

_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_LATIN = re.compile(r"[a-zà-ÿ]", re.IGNORECASE)
_FR = re.compile(
    r"(?<!\w)(?:le|la|les|des|du|une|est|et|pour|dans|sur|avec|qui|que|au|aux|ce|cette|sera|"
    r"fin|début|mi|semestre|trimestre|année|an|mois|terme|prochain|prochaine|dernier|depuis|"
    r"janvier|février|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|hiver|"
    r"printemps|automne|bientôt|entre|reportée?|d'ici)(?!\w)|(?<!\w)[dlqnsjc]['’](?=\w)|[éèêàçùûôîœ]",
    re.IGNORECASE,
)
_EN = re.compile(
    r"(?<!\w)(?:the|and|of|to|in|is|for|with|on|will|by|that|be|was|are|end|early|late|mid|"
    r"year|month|quarter|half|within|next|last|this|term|soon|between|from|january|february|"
    r"march|april|may|june|july|august|september|october|november|december|summer|winter|"
    r"spring|autumn|fall)(?!\w)",
    re.IGNORECASE,
)


def guess(text: str) -> str:
    """ru when Cyrillic dominates, fr when French cues outnumber English ones, else en."""
    cyrillic = len(_CYRILLIC.findall(text))
    if cyrillic and cyrillic * 2 >= len(_LATIN.findall(text)):
        return "ru"
    return "fr" if len(_FR.findall(text)) > len(_EN.findall(text)) else "en"
