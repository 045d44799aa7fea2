"""An item as the judge reads it: its sentences (the title first), who is named where, and
which sentences are about each named commitment.

A sentence is about a commitment when it names it (the matcher's mentions), or refers back to
it (`monitor.understand.referents`: "the project", "la ligne", "энергоблок", its context words;
a bare pronoun while the item's topic is that commitment). A sentence naming another commitment
is never about this one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import regex

from monitor.core.commitment import Commitment
from monitor.understand.matching import Mention, fold, split_sentences, stem
from monitor.understand.referents import continues_it, has_words, names_it

# Where one sentence joins two statements ("… achevée à la mi-2026, et que son ouverture est
# prévue pour la fin de 2028"): a comma or semicolon followed by a coordinating word, or a bare
# semicolon. Splitting at every comma would cut subjects from their verbs.
_JOIN = regex.compile(
    r"\s*(?:;|,\s*(?:et\s+que|et|mais|tandis\s+que|alors\s+que|and|but|while|whereas|"
    r"а|но|и|однако|тогда\s+как))\s+",
    regex.IGNORECASE,
)
_WORD = regex.compile(r"\w+")


@dataclass(frozen=True)
class Story:
    """An item cut into sentences (0 is the title), with who is named where."""

    sentences: list[str]
    spans: list[tuple[int, int] | None]  # offsets in the item's text; None for the title
    named: list[dict[str, Mention]]  # sentence -> commitment -> its best mention there


def cut(title: str, text: str, mentions: list[Mention]) -> Story:
    """The item's sentences as the matcher cut them, and each one's mentions."""
    spans: list[tuple[int, int] | None] = [None, *split_sentences(text)]
    sentences = [title.strip()] + [text[a:b] for a, b in split_sentences(text)]
    named: list[dict[str, Mention]] = [{} for _ in sentences]
    for m in mentions:
        i = m.sentence_index
        if not (0 <= i < len(sentences) and sentences[i] == m.sentence):
            # the matcher cut differently: find its sentence, else keep it as one of its own
            i = next((k for k, s in enumerate(sentences) if s == m.sentence), len(sentences))
            if i == len(sentences):
                sentences.append(m.sentence)
                spans.append(None)
                named.append({})
        current = named[i].get(m.commitment_id)
        if current is None or m.score > current.score:
            named[i][m.commitment_id] = m
    return Story(sentences, spans, named)


def about(story: Story, commitments: Mapping[str, Commitment]) -> dict[str, list[int]]:
    """Each named commitment's sentences: those naming it, and those referring back to it
    (to the nearest commitment named before them, else after, when several could be; a
    bare pronoun to the item's current topic, the last commitment a sentence was about)."""
    found: dict[str, list[int]] = {}
    for i, named in enumerate(story.named):
        for cid in named:
            found.setdefault(cid, []).append(i)
    firsts = {cid: idx[0] for cid, idx in found.items()}
    topic: str | None = None
    for i, sentence in enumerate(story.sentences):
        if story.named[i]:
            only = list(story.named[i])
            topic = only[0] if len(only) == 1 else None
            continue
        owners = [
            cid
            for cid in found
            if not has_words(sentence, commitments[cid].exclude)
            and names_it(sentence, *_words_of(commitments[cid]))
        ]
        owner = _nearest(owners, i, found, firsts)
        if (
            owner is None
            and topic is not None
            and continues_it(sentence)
            and not has_words(sentence, commitments[topic].exclude)
        ):
            owner = topic
        if owner is not None:
            found[owner].append(i)
            topic = owner
    return {cid: sorted(set(idx)) for cid, idx in found.items()}


def _words_of(c: Commitment) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    return c.context, c.aliases, c.actors


def _nearest(
    owners: list[str], i: int, about: dict[str, list[int]], firsts: dict[str, int]
) -> str | None:
    """Of the commitments a sentence could refer back to, the one named last before it,
    else the one named first after it."""
    if len(owners) <= 1:
        return owners[0] if owners else None
    before = [(max(j for j in about[cid] if j < i), cid) for cid in owners if firsts[cid] < i]
    if before:
        return max(before)[1]
    return min((firsts[cid], cid) for cid in owners)[1]


def quote(text: str, story: Story, indexes: list[int]) -> str:
    """The sentence(s) that carried a signal: a stretch of the text when they all are in it,
    else the sentences joined by a space."""
    spans = [story.spans[i] for i in sorted(set(indexes))]
    if all(s is not None for s in spans):
        first, last = spans[0], spans[-1]
        assert first is not None and last is not None
        return text[first[0] : last[1]]
    return " ".join(story.sentences[i] for i in sorted(set(indexes)))


def focus(mention: Mention, commitment: Commitment) -> str:
    """The part of the mention's sentence that speaks of this commitment: when the sentence
    joins several statements, the one holding the commitment's context words (else its
    alias); the whole sentence when nothing tells them apart."""
    parts = clauses(mention.sentence)
    if len(parts) == 1:
        return mention.sentence
    keys = _context_keys(commitment.context)
    with_context = [p for p in parts if keys & _keys(p)]
    if len(with_context) == 1:
        return with_context[0]
    if with_context:
        return mention.sentence
    return next((p for p in parts if mention.alias.casefold() in p.casefold()), mention.sentence)


def clauses(sentence: str) -> list[str]:
    """The statements one sentence joins ("…, and …", "…; …")."""
    return [p for p in _JOIN.split(sentence) if p and p.strip()]


def _keys(text: str) -> set[str]:
    return {stem(w) for w in _WORD.findall(fold(text))}


@lru_cache(maxsize=4096)
def _context_keys(context: tuple[str, ...]) -> frozenset[str]:
    """Single-word context terms as matching keys (multi-word ones are left to the matcher)."""
    return frozenset(stem(fold(w)) for w in context if _WORD.fullmatch(fold(w)))
