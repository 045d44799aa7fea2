"""Sentences that refer back to a commitment an item names elsewhere.

Once an item names a commitment (its alias anywhere, the title included), a sentence without
the alias still speaks of it when it says "the project", "la ligne", "le chantier", "проект",
"энергоблок", "das Projekt", "proje"…, or one of the commitment's own `context` words; right
after a sentence about it, a bare pronoun ("it will now open in 2027") does too. A noun that
points elsewhere ("the second reactor", "another line", "la ligne 15") does not, and neither
does a sentence that names another commitment or one of this one's `exclude` words: that is
left to the caller, which knows the item's other mentions.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import regex

from monitor.understand.matching import fold, key_tokens

# Generic nouns for "the thing the item is about", per language, over folded text (accents
# stripped, casefolded). A definite or possessive determiner is required where the language
# has one, so "a project" or "projects" in general do not count.
_NOUNS_EN = (
    r"project|scheme|programme|program|construction|works?|line|railway|railroad|rail link|"
    r"bridge|tunnel|plant|reactor|unit|pipeline|station|airport|terminal|rocket|launcher|"
    r"spaceport|cosmodrome|mission|flight|launch|ban|truck|pickup|vehicle|metro|motorway|"
    r"highway|road|facility|opening|start-up|commissioning|production|deliver(?:y|ies)"
)
_NOUNS_FR = (
    r"projet|chantier|ligne|pont|tunnel|centrale|reacteur|gazoduc|aeroport|gare|fusee|"
    r"lanceur|cosmodrome|interdiction|travaux|construction|prolongement|extension|metro|"
    r"autoroute|troncon|ouvrage|vehicule|camion|mise en service|ouverture|inauguration|vol|"
    r"production|livraisons?"
)
_NOUNS_DE = (
    r"projekt(?:e?s)?|vorhaben|vorhabens|bahnhof(?:e?s)?|tiefbahnhof(?:e?s)?|strecke|bau(?:e?s)?|"
    r"baustelle|bauarbeiten|flughafen(?:s)?|tunnel(?:s)?|brucke|kraftwerk(?:e?s)?|"
    r"reaktor(?:s)?|pipeline|leitung|rakete|verbot(?:e?s)?|eroffnung|inbetriebnahme|produktion"
)
_DET_EN = r"the|this|that|its"
_DET_FR = r"l['’]\s*|(?:le|la|les|ce|cet|cette|ces|son|sa|ses)\s+"
_DET_DE = r"das|der|die|dem|den|des|dieses|diesem|dieser|diese|sein|seine|seines"
# Languages without articles: the noun alone (Cyrillic stems; Turkish suffixes).
_BARE = (
    r"проект\w*|строительств\w*|стройк\w*|энергоблок\w*|объект\w*|магистрал\w*|"
    r"газопровод\w*|трубопровод\w*|космодром\w*|аэропорт\w*|кольц[оаеу]\w*|мост\w*|"
    r"тоннел\w*|туннел\w*|ракет\w*|запрет\w*|трасс\w*|ветк\w*|лини[яиюей]\w*|"
    r"производств\w*|запуск\w*|пуск\w*|открыти\w*|"
    r"proje\w*|insaat\w*|havaliman\w*|hatti\w*|kopru\w*|tunel\w*|santral\w*"
)
# A word right before the noun that points at something else.
_OTHER = (
    r"second|third|fourth|other|another|sister|neighbouring|neighboring|next|"
    r"deuxieme|seconde?|troisieme|autres?|voisine?|"
    r"втор\w*|трет\w*|друг\w*|соседн\w*|следующ\w*|"
    r"zweite\w*|dritte\w*|andere\w*|nachste\w*|ikinci|diger\w*"
)
_NOUN = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}])(?:(?:{_DET_EN})\s+(?:(?P<mod>[\p{{L}}-]+)\s+)??(?P<noun>{_NOUNS_EN})"
    rf"|(?:{_DET_FR})(?:(?P<mod>[\p{{L}}-]+)\s+)??(?P<noun>{_NOUNS_FR})"
    rf"|(?:{_DET_DE})\s+(?:(?P<mod>[\p{{L}}-]+)\s+)??(?P<noun>{_NOUNS_DE})"
    rf"|(?:(?P<mod>[\p{{L}}-]+)\s+)?(?P<noun>{_BARE}))"
    r"(?![\p{L}])(?P<num>\s+(?:n[°o]\s*)?\d+)?",
    regex.IGNORECASE,
)
_OTHER_WORD = regex.compile(rf"(?:{_OTHER})", regex.IGNORECASE)
# Pronouns that continue the previous sentence's subject.
_PRONOUN = regex.compile(
    r"(?<![\p{L}'])(?:it|its|il|elle|он|она|оно|er|es)(?![\p{L}'])", regex.IGNORECASE
)


def _keys(text: str) -> tuple[str, ...]:
    return tuple(k for _, _, k in key_tokens(text))


@lru_cache(maxsize=4096)
def _phrase_keys(phrases: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(k for k in (_keys(p) for p in phrases) if k)


def _has_phrase(keys: tuple[str, ...], phrases: Iterable[tuple[str, ...]]) -> bool:
    joined = " " + " ".join(keys) + " "
    return any(" " + " ".join(p) + " " in joined for p in phrases)


def has_words(sentence: str, phrases: tuple[str, ...]) -> bool:
    """Whether one of `phrases` (folded and stemmed like aliases) is in `sentence`."""
    return bool(phrases) and _has_phrase(_keys(sentence), _phrase_keys(phrases))


def _alias_numbers(aliases: tuple[str, ...]) -> frozenset[str]:
    return frozenset(regex.findall(r"\d+", " ".join(aliases)))


def names_it(
    sentence: str,
    context: tuple[str, ...],
    aliases: tuple[str, ...],
    vocabulary: tuple[str, ...] = (),
) -> bool:
    """Whether `sentence` refers back to a commitment named elsewhere in the item: a generic
    noun for it ("the project", "la ligne", "энергоблок") that no modifier points elsewhere,
    or one of its context words when the sentence names no other thing in capitals ("the rover
    VIPER" in a Moon-launch story). `vocabulary`: the commitment's own names and words."""
    folded = fold(sentence)
    numbers = _alias_numbers(aliases)
    own = (*aliases, *context, *vocabulary)
    for m in _NOUN.finditer(folded):
        mod = m.group("mod")
        if mod and _OTHER_WORD.fullmatch(mod):
            continue
        num = m.group("num")
        if num and regex.sub(r"\D", "", num) not in numbers:
            continue  # "la ligne 15" in a story about line 16
        if _other_name(_next_words(sentence, m.end(), 3), own):
            continue  # "запуск коммерческого ровера VIPER": the launch of something else
        return True
    return has_words(sentence, context) and not _other_name(sentence, own)


# A Latin acronym: the name of some thing (VIPER, CNPC), unless it is the commitment's own.
_ACRONYM = regex.compile(
    r"(?<![\p{L}\p{N}])\p{Latin}(?:\p{Lu}|\p{N}|-){2,}(?![\p{L}\p{N}])", regex.V1
)


def _next_words(text: str, at: int, count: int) -> str:
    """Up to `count` words right after `at`, within the same phrase (no punctuation)."""
    m = regex.match(rf"(?:[^\S\n]+[\w-]+){{0,{count}}}", text[at:])
    return m.group() if m else ""


def _other_name(sentence: str, vocabulary: tuple[str, ...]) -> bool:
    known = {k for phrase in vocabulary for k in _keys(phrase)}
    return any(not set(_keys(m.group())) <= known for m in _ACRONYM.finditer(sentence))


def continues_it(sentence: str) -> bool:
    """Whether `sentence` has a pronoun that can continue the previous sentence's subject."""
    return bool(_PRONOUN.search(fold(sentence)))
