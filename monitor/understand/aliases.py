"""What an alias is as a name: ambiguous (needs a context word), and which shorter forms of it
people also write (partial forms, counted only with backing).

An alias is *ambiguous* when it is one short word (≤ 5 letters) or an acronym ("KCIC", "БКЛ",
"OL3"), one Cyrillic dictionary word that is not a name ("Восточный", "eastern"), or a phrase
with no word that makes it a name — no number, no capitalised word of 4 letters or more that
is not an acronym ("bilateral trade", "voitures thermiques", "OIC summit").
Shared aliases (several commitments) are found by the matcher.

A *partial form* of a long alias is a shorter sequence of its words that still names it:
  - the alias without its trailing number ("Arctic LNG" for "Arctic LNG 2", "Olkiluoto" for
    "Olkiluoto 3"); the matcher refuses it before another number ("Olkiluoto 2");
  - for an alias of three or more words, a run of two or more of its words, or a pair of them in
    order, holding a distinctive word ("Jakarta-Bandung" of "Jakarta-Bandung high-speed
    railway", "Webb telescope" of "James Webb Space Telescope"), keeping its number if any.
A distinctive word is capitalised in the alias, has 4 letters or more, is no number, no
function word and no generic word of projects ("Space", "Airport", "Line"...), and is not one of
the commitment's context words or actors (a place named as context is not the name).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from itertools import combinations

import regex

from monitor.understand.normalise import common_word, is_cyrillic, word_key
from monitor.understand.normalise import words as cut_words

_ROMAN = frozenset(("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"))
_SHORT = 5

_FUNCTION_TEXT = """
    a an the of and or for in on at to by with from
    de du des la le les l d et en au aux a un une sur pour par dans
    der die das dem den des von vom und im am zum zur fur für mit
    и в на по для из к с у о от до за
    ve ile icin için
    no nº n°
    """
_GENERIC_TEXT = """
    airport aéroport aeroport flughafen havalimanı аэропорт
    line lines ligne lignes linie линия metro métro subway u-bahn метро tram tramway
    railway railroad rail rails train trains high speed fast grande vitesse station stations
    gare bahnhof hauptbahnhof вокзал станция bridge pont brücke мост tunnel тоннель туннель
    port порт terminal терминал harbour harbor
    plant power nuclear npp centrale nucléaire kraftwerk атомная электростанция аэс
    unit units reactor réacteur реактор энергоблок блок
    space spatial espace telescope télescope mission program programme project projet проект
    corridor коридор pipeline gazoduc oléoduc трубопровод газопровод нефтепровод
    route road highway motorway autoroute autobahn трасса магистраль canal dam barrage
    international internationale national nationale federal new nouveau nouvelle neu neue
    neuer новый great grand big large большой north south east west nord sud est ouest
    central centre city ville stadt город express exploration launch system systems
    lng gas gaz газ oil field company group ban car cars truck engine vehicle
    first second third premier première erste zweite
    """


@cache
def _keys_of(text: str) -> frozenset[str]:
    return frozenset(word_key(w) for w in text.split())


def function_word(key: str) -> bool:
    return key in _keys_of(_FUNCTION_TEXT)


def generic_word(key: str) -> bool:
    return key in _keys_of(_GENERIC_TEXT)


@dataclass(frozen=True)
class Piece:
    """A partial form of an alias: its keys, and whether it dropped the alias's number."""

    keys: tuple[str, ...]
    dropped_number: bool


def is_number(key: str) -> bool:
    return key.isdigit() or key in _ROMAN


def ambiguous(alias: str) -> bool:
    """Whether a context word must back this alias (see the module docstring)."""
    words = alias.split()
    letters = [c for c in alias if c.isalpha()]
    if len(words) == 1:
        bare = regex.sub(r"[^\p{L}\p{N}]", "", alias)
        if len(bare) <= _SHORT:
            return True
        if letters and all(c.isupper() for c in letters) and len(bare) <= 8:
            return True  # an acronym: "KCIC", "RNPP", "ТМТМ"
        key = word_key(bare) if bare.isalpha() else ""
        return bool(key) and is_cyrillic(key) and common_word(bare)
    return not any(_names(w) for w in cut_words(alias))


def _names(word: str) -> bool:
    """Whether a word of an alias can make it a name: a number, or a capitalised word of 4
    letters or more that is not an acronym ("OIC summit", "EPR finlandais" are no names)."""
    if word.isdigit():
        return True
    return word[:1].isupper() and len(word) >= 4 and not (word.isupper() and len(word) <= _SHORT)


def _shape(alias: str) -> list[tuple[str, bool]]:
    """(key, capitalised) of each word of the alias."""
    return [(word_key(w), w[:1].isupper()) for w in cut_words(alias)]


def pieces(alias: str, not_distinctive: Callable[[str], bool]) -> list[Piece]:
    """The partial forms of `alias` (see the module docstring); `not_distinctive`: whether a
    key cannot make a piece distinctive (the commitment's context words and actors, words of
    other commitments' aliases)."""
    shape = _shape(alias)
    keys = tuple(k for k, _ in shape)
    if len(keys) < 2:
        return []

    def distinctive(i: int) -> bool:
        key, capital = shape[i]
        return (
            capital
            and len(key) >= 4
            and not is_number(key)
            and not function_word(key)
            and not generic_word(key)
            and not not_distinctive(key)
        )

    out: dict[tuple[str, ...], Piece] = {}
    if is_number(keys[-1]):
        rest = keys[:-1]
        if rest and any(distinctive(i) for i in range(len(rest))) and not is_number(rest[-1]):
            out[rest] = Piece(rest, True)
    content = [i for i, k in enumerate(keys) if not function_word(k)]
    if len(content) >= 3:
        numbers = {i for i in content if is_number(keys[i])}
        spans = [
            list(range(a, b + 1))
            for a, b in combinations(content, 2)
            if (a, b) != (content[0], content[-1])
        ]
        spans += [[a, b] for a, b in combinations(content, 2) if b > a + 1]
        for span in spans:
            if span[0] not in content or span[-1] not in content:
                continue
            if numbers - set(span) or not any(distinctive(i) for i in span):
                continue
            piece = tuple(keys[i] for i in span)
            if piece != keys:
                out.setdefault(piece, Piece(piece, False))
    return list(out.values())
