"""The words of a set of commitments, and how a news word meets one of them though inflected.

An alias word is kept under a canonical form: the shortest form one of `ENDINGS` leaves
("neuer" → neu, "Flughafen" → flughaf). A news word meets it when it is that word, one of those
forms, or becomes one when a suffix comes off (`TEXT_SUFFIXES`: the endings plus Turkish case
suffixes, which aliases, written in the base form, never carry): "neuen", "Flughafens",
"Dames", "havalimanının". Nothing comes off a word unless what remains is an alias word, so
ordinary news words stay as they are; Cyrillic words are already lemmatised by `normalise`.
"""

from __future__ import annotations

from monitor.understand.normalise import is_cyrillic, word_key

# Endings an alias word and a news word may both lose to meet (German adjective and noun
# endings, English and French plurals), and suffixes only news words lose (Turkish cases).
ENDINGS = ("e", "n", "s", "x", "en", "er", "es", "em", "ern", "ens")
_TR_SUFFIXES = (
    "a e i u na ne ni nu ya ye yi yu da de ta te la le si su in un nin nun nda nde dan den "
    "tan ten yla yle lar ler ndan nden daki deki taki teki lari leri larin lerin ndaki ndeki"
)
TEXT_SUFFIXES = tuple(sorted(set(ENDINGS) | set(_TR_SUFFIXES.split()), key=len))
_CACHE_LIMIT = 200_000


class Vocabulary:
    """Alias, context, actor and exclude words of a set of commitments, by canonical form."""

    def __init__(self) -> None:
        self._canon: dict[str, str] = {}
        self.known: dict[str, str] = {}  # news word as written → its key (`text_key`'s cache)

    def learn(self, key: str) -> str:
        """Put one phrase word (a `word_key`) in the vocabulary; its canonical form."""
        canon = self._canon.get(key)
        if canon is not None:
            return canon
        roots = [key]
        if len(key) >= 4 and key.isalpha() and not is_cyrillic(key):
            roots += [key[: -len(e)] for e in ENDINGS if key.endswith(e) and len(key) > len(e) + 2]
        canon = min(roots, key=len)
        self._canon[key] = canon
        for r in roots:
            self._canon.setdefault(r, canon)
        return canon

    def canon(self, key: str) -> str:
        """The canonical form of a known word, else the word itself."""
        return self._canon.get(key, key)

    def text_key(self, word: str) -> str:
        """The key of a news word as `normalise.words` gives it: its canonical alias word if it
        is one or inflects one, else its normal form. Cached per distinct word."""
        found = self.known.get(word)
        if found is not None:
            return found
        key = word_key(word)
        canon = self._canon.get(key)
        if canon is None:
            canon = key
            if len(key) >= 5 and key.isalpha() and not is_cyrillic(key):
                for suffix in TEXT_SUFFIXES:
                    if key.endswith(suffix) and len(key) - len(suffix) >= 3:
                        base = self._canon.get(key[: -len(suffix)])
                        if base is not None:
                            canon = base
                            break
        if len(self.known) > _CACHE_LIMIT:
            self.known.clear()
        self.known[word] = canon
        return canon
