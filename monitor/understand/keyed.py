"""A news item as the matcher reads it: the keys of its words, sentence by sentence, and the
words around a hit (`near`, `number_after`)."""

from __future__ import annotations

import bisect

from monitor.understand.normalise import word_spans, words
from monitor.understand.vocabulary import Vocabulary


class Item:
    """An item as keys: every word's key in one list, a "\n" word closing each sentence, and
    those keys as one string for the automaton. Word offsets are found only for sentences
    where something matched."""

    def __init__(self, sentences: list[str], vocab: Vocabulary) -> None:
        known, text_key = vocab.known, vocab.text_key
        keys: list[str] = []
        first: list[int] = []
        for sentence in sentences:
            first.append(len(keys))
            keys.extend([known.get(w) or text_key(w) for w in words(sentence)])
            keys.append("\n")
        first.append(len(keys))
        self.sentences = sentences
        self.keys = keys
        self.first = first  # index in `keys` of each sentence's first word, and one past
        self.keyed = " " + " ".join(keys) + " "
        self._spans: dict[int, list[tuple[int, int]]] = {}

    def sentence_of(self, word: int) -> int:
        return bisect.bisect_right(self.first, word) - 1

    def spans(self, sentence: int) -> list[tuple[int, int]]:
        """(start, end) of each word of a sentence."""
        found = self._spans.get(sentence)
        if found is None:
            found = self._spans[sentence] = word_spans(self.sentences[sentence])
        return found

    def locate(self, first: int, last: int) -> tuple[int, int, int]:
        """(sentence, start, end) of the words `first`..`last` (indexes in `keys`)."""
        sentence = self.sentence_of(first)
        spans = self.spans(sentence)
        base = self.first[sentence]
        return sentence, spans[first - base][0], spans[last - base][1]


def near(item: Item, at: int, others: tuple[str, ...]) -> tuple[int, int] | None:
    """The first and last word indexes of the bag words nearest to word `at` in its
    sentence, when they all are there within a short window."""
    sentence = item.sentence_of(at)
    lo, hi = item.first[sentence], item.first[sentence + 1] - 1
    keys = item.keys
    span_lo = span_hi = at
    for key in others:
        near = [i for i in range(lo, hi) if keys[i] == key]
        if not near:
            return None
        best = min(near, key=lambda i: abs(i - at))
        span_lo, span_hi = min(span_lo, best), max(span_hi, best)
    if span_hi - span_lo + 1 > 2 * (len(others) + 1) + 3:
        return None
    return span_lo, span_hi


def number_after(item: Item, last: int) -> str | None:
    """The number word right after word `last` ("Rooppur 2", "Rooppur-2"), if it can name a
    sister project: 1-99 or a roman II-IX, not "Rooppur 2,400 MW"."""
    after = item.keys[last + 1]  # the sentence's closing "\n" at worst
    if not ordinal(after):
        return None
    sentence, _, end = item.locate(last, last)
    _, start, stop = item.locate(last + 1, last + 1)
    text = item.sentences[sentence]
    tail = text[stop : stop + 2]
    if text[end:start].strip(" -–\u00a0") or (tail[:1] in (",", ".") and tail[1:].isdigit()):
        return None
    return after


def ordinal(key: str) -> bool:
    return (key.isdigit() and len(key) <= 2) or key in ("ii", "iii", "iv", "vi", "vii", "viii")
