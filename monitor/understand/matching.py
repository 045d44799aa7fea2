"""Attribution: which commitments an item talks about, and in which sentences.

One Aho-Corasick automaton holds every alias, partial alias, context word and actor of every
commitment, keyed on normal word forms (`monitor.understand.normalise`); an item is normalised
once into one string of keys and run through it once, so the cost of `Matcher.find` does not
grow with the number of commitments. On top of the shared normal form, the matcher lets a news
word meet an alias word it only inflects (German/English/French endings: "neuen" ~ "neuer",
"Flughafens" ~ "Flughafen", "Dames" ~ "Dame"; Turkish case suffixes: "havalimanının" ~
"Havalimanı"): a text word's suffix is tried off only when what remains is an alias word.

A distinctive alias counts alone; an ambiguous one (`aliases.ambiguous`, or an alias several
commitments share) needs one of its commitment's context words in the item when the commitment
lists any. A partial form of a long alias (`aliases.pieces`) needs backing: a context word, or
another alias of the commitment in the item (in its own sentence, for a one-word piece).
An alias inside a longer alias of another commitment, or followed by a number its commitment
does not name ("Power of Siberia 2", "Rooppur 2"), does not count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

import ahocorasick

from monitor.core.commitment import Commitment
from monitor.understand.aliases import ambiguous, function_word, is_number, pieces
from monitor.understand.keyed import Item, near, number_after
from monitor.understand.normalise import MIN_STEM, fold, is_cyrillic, key_tokens, stem
from monitor.understand.sentences import split_sentences
from monitor.understand.vocabulary import Vocabulary

__all__ = ["Matcher", "Mention", "fold", "key_tokens", "split_sentences", "stem"]

_SHORT = 5
_LOOSE = ("partial", "bag")  # hits that need backing


@dataclass(frozen=True)
class Mention:
    """One commitment named in one sentence (the title counts as a sentence)."""

    commitment_id: str
    alias: str
    start: int  # offsets in `sentence`
    end: int
    sentence: str
    score: float
    terms: tuple[str, ...]
    in_title: bool = False
    sentence_index: int = 0  # 0 is the title, then the text's sentences in order
    partial: bool = False  # found by a partial or reordered form (`alias` is then the text)


@dataclass(frozen=True)
class _Entry:
    commitment_id: str
    phrase: str
    kind: str  # "alias" | "partial" | "bag" | "context" | "actor" | "exclude"
    ntokens: int
    exact: str | None = None  # for short accented aliases: the casefolded form that must match
    weak: bool = False  # an ambiguous alias: needs a context word
    bag: tuple[str, ...] = ()  # for "bag": the alias's other words, to find near this one


@dataclass
class _Hit:
    entry: _Entry
    sentence: int
    start: int
    end: int
    next_number: str | None = None  # the number word right after the hit, if any


class Matcher:
    """Finds the commitments an item mentions, through one automaton over all their words."""

    def __init__(self, commitments: Sequence[Commitment]) -> None:
        self._has_context: set[str] = {c.id for c in commitments if c.context}
        self._numbers = {c.id: _numbers(c) for c in commitments}
        self._vocab = Vocabulary()
        phrases = [
            (c.id, kind, phrase, [self._vocab.learn(k) for _, _, k in key_tokens(phrase)])
            for c in commitments
            for kind, group in (
                ("alias", c.aliases),
                ("context", c.context),
                ("actor", c.actors),
                ("exclude", c.exclude),
            )
            for phrase in group
        ]
        # Alias, context, actor and exclude keys sit in the automaton; only aliases and their
        # partial forms carry entries there. The other words are looked up per commitment,
        # only for commitments whose alias was found, so a word shared by thousands of
        # commitments ("Russia") costs one hit, not thousands.
        table: dict[str, dict[_Entry, None]] = {}
        self._aux: dict[str, dict[str, list[_Entry]]] = {}
        for cid, kind, phrase, keys in phrases:
            self._add(table, cid, kind, phrase, keys)
        for key, entries in table.items():
            if len({e.commitment_id for e in entries}) > 1:  # a shared alias is ambiguous
                table[key] = {replace(e, weak=True): None for e in entries}
        self._add_loose(
            table,
            [(cid, p, k) for cid, kind, p, k in phrases if kind == "alias"],
            {cid: set(k) for cid, kind, _, k in phrases if kind in ("context", "actor")},
        )
        self._automaton = ahocorasick.Automaton()
        for key, entries in table.items():
            self._automaton.add_word(key, (key, tuple(entries)))
        if table:
            self._automaton.make_automaton()
        self._empty = not table

    def _add(
        self,
        table: dict[str, dict[_Entry, None]],
        cid: str,
        kind: str,
        phrase: str,
        keys: list[str],
    ) -> None:
        """One phrase of a commitment: each key it can match goes in `table` (the automaton's
        words), with the phrase's entry for an alias, the entry going in `_aux` otherwise."""
        if not keys:
            return
        weak = kind == "alias" and ambiguous(phrase)
        entry = _Entry(cid, phrase, kind, len(keys), _exact_form(phrase, keys), weak)
        for variant in _variants(keys, to_noun=kind == "alias"):
            key = " " + " ".join(variant) + " "
            entries = table.setdefault(key, {})
            if kind == "alias":
                entries[entry] = None
            else:
                aux = self._aux.setdefault(cid, {}).setdefault(key, [])
                if entry not in aux:
                    aux.append(entry)

    def _add_loose(
        self,
        table: dict[str, dict[_Entry, None]],
        aliases: list[tuple[str, str, list[str]]],
        own_words: dict[str, set[str]],
    ) -> None:
        """Partial forms of the aliases (`aliases.pieces`), and each alias of several words as
        a bag of its words to find near each other in any order ("ban on petrol and diesel
        cars" for "petrol and diesel car ban"), keyed on its rarest word."""
        owners: dict[str, set[str]] = {}
        for cid, _, keys in aliases:
            for k in keys:
                owners.setdefault(k, set()).add(cid)
        bags = {
            (cid, phrase): tuple(dict.fromkeys(k for k in keys if not function_word(k)))
            for cid, phrase, keys in aliases
            if len(phrase.split()) > 1
        }
        in_bags = Counter(k for bag in bags.values() for k in bag)
        full = {k for k, entries in table.items() if any(e.kind == "alias" for e in entries)}
        for cid, phrase, _ in aliases:
            aux = own_words.get(cid, set())

            def foreign(k: str, aux: set[str] = aux, cid: str = cid) -> bool:
                k = self._vocab.canon(k)
                return k in aux or bool(owners.get(k, {cid}) - {cid})

            for piece in pieces(phrase, foreign):
                key = " " + " ".join(self._vocab.canon(k) for k in piece.keys) + " "
                if key not in full:
                    table.setdefault(key, {})[_Entry(cid, phrase, "partial", len(piece.keys))] = (
                        None
                    )
            bag = bags.get((cid, phrase), ())
            if len(bag) >= 2:
                anchor = min(bag, key=lambda k: (in_bags[k], -len(k)))
                rest = tuple(k for k in bag if k != anchor)
                entry = _Entry(cid, phrase, "bag", len(bag), bag=rest)
                table.setdefault(" " + anchor + " ", {})[entry] = None

    def _hits(self, item: Item) -> tuple[list[_Hit], dict[str, list[tuple[int, int]]]]:
        """Alias, partial and bag hits, and where each other key was found: key → [(first
        word, last word)]. The item is keyed once and run through the automaton once."""
        keyed = item.keyed
        hits: list[_Hit] = []
        found: dict[str, list[tuple[int, int]]] = {}
        for end_idx, (key, entries) in self._automaton.iter(keyed):
            last = keyed.count(" ", 0, end_idx) - 1
            first = last - key.count(" ") + 2
            found.setdefault(key, []).append((first, last))
            if not entries:
                continue
            index, start, end = item.locate(first, last)
            number = number_after(item, last)
            for entry in entries:
                if entry.kind == "bag":
                    bag = near(item, first, entry.bag)
                    if bag is not None:
                        hits.append(_Hit(entry, *item.locate(*bag)))
                elif not entry.exact or item.sentences[index][start:end].casefold() == entry.exact:
                    hits.append(_Hit(entry, index, start, end, number))
        return hits, found

    def _aux_hits(
        self, commitment_ids: set[str], item: Item, found: dict[str, list[tuple[int, int]]]
    ) -> list[_Hit]:
        """Context, actor and exclude hits of the given commitments only."""
        hits: list[_Hit] = []
        for cid in commitment_ids:
            for key, entries in self._aux.get(cid, {}).items():
                for first, last in found.get(key, ()):
                    index, start, end = item.locate(first, last)
                    text = item.sentences[index][start:end].casefold()
                    hits.extend(
                        _Hit(entry, index, start, end)
                        for entry in entries
                        if not entry.exact or text == entry.exact
                    )
        return hits

    def _eligible(
        self, hits: list[_Hit], context: dict[str, set[int]], vetoed: set[tuple[str, int]]
    ) -> list[_Hit]:
        """Alias hits that count (see the module docstring), then the partial and bag hits
        that do."""
        by_span: dict[tuple[int, int, int], list[_Hit]] = {}
        loose: list[_Hit] = []
        for h in hits:
            cid = h.entry.commitment_id
            if (cid, h.sentence) in vetoed or h.entry.kind not in ("alias", *_LOOSE):
                continue
            if h.next_number and h.next_number not in self._numbers[cid]:
                continue  # a sister project: "Power of Siberia 2" for "Power of Siberia"
            if h.entry.kind == "alias":
                by_span.setdefault((h.sentence, h.start, h.end), []).append(h)
            else:
                loose.append(h)
        kept: list[_Hit] = []
        for group in by_span.values():
            shared = len({h.entry.commitment_id for h in group}) > 1
            levels = [self._context_level(h, context, shared) for h in group]
            top = max(levels)
            if top >= 0 or shared:
                kept.extend(h for h, level in zip(group, levels, strict=True) if level == top)
        kept = [h for h in kept if not _inside_other(h, kept)]
        named = {h.entry.commitment_id for h in kept}
        return kept + [
            h
            for h in loose
            if not h.next_number
            and not any(_overlap(h, k) for k in kept)
            and _backed(h, context.get(h.entry.commitment_id, set()), named)
        ]

    def _context_level(self, hit: _Hit, context: dict[str, set[int]], shared: bool) -> int:
        """2: context in the sentence; 1: elsewhere in the item; 0: none needed; -1: missing."""
        cid = hit.entry.commitment_id
        if cid not in self._has_context:
            return 0
        seen = context.get(cid, set())
        if hit.sentence in seen:
            return 2
        if seen:
            return 1
        return -1 if hit.entry.weak or shared else 0

    def find(self, title: str, text: str) -> list[Mention]:
        """The sentences that mention each commitment, best first."""
        if self._empty:
            return []
        sentences = [title.strip()] + [text[a:b] for a, b in split_sentences(text)]
        item = Item(sentences, self._vocab)
        alias_hits, found = self._hits(item)
        if not alias_hits:
            return []
        hits = alias_hits + self._aux_hits({h.entry.commitment_id for h in alias_hits}, item, found)
        context, actors, vetoed = _where_words(hits)
        best: dict[tuple[str, int], Mention] = {}
        for h in self._eligible(hits, context, vetoed):
            mention = _mention(h, hits, sentences, context, actors)
            key = (h.entry.commitment_id, h.sentence)
            if key not in best or mention.score > best[key].score:
                best[key] = mention
        return sorted(best.values(), key=lambda m: (-m.score, m.sentence_index, m.commitment_id))


def _backed(h: _Hit, context: set[int], named: set[str]) -> bool:
    """Whether a partial or bag hit has its backing: a context word of the commitment in the
    item or another of its aliases; for a one-word piece, a context word in its own sentence
    or the title."""
    if h.entry.ntokens == 1:
        return h.sentence in context or 0 in context
    return bool(context) or h.entry.commitment_id in named


def _numbers(c: Commitment) -> frozenset[str]:
    """The number words a commitment names in its title and aliases ("Units 3 and 4")."""
    return frozenset(
        k for phrase in (c.title, *c.aliases) for _, _, k in key_tokens(phrase) if is_number(k)
    )


def _overlap(a: _Hit, b: _Hit) -> bool:
    return a.sentence == b.sentence and a.start < b.end and b.start < a.end


def _inside_other(h: _Hit, kept: list[_Hit]) -> bool:
    """Whether a longer kept alias of another commitment covers this hit."""
    return any(
        k.sentence == h.sentence
        and k.start <= h.start
        and h.end <= k.end
        and (k.end - k.start) > (h.end - h.start)
        and k.entry.commitment_id != h.entry.commitment_id
        for k in kept
    )


def _variants(keys: list[str], *, to_noun: bool) -> list[list[str]]:
    """Key sequences a phrase also matches: each Cyrillic name as its adjective (зангезур →
    зангезурск) and, for aliases (`to_noun`), each place adjective as its name."""
    options: list[list[str]] = []
    for k in keys:
        alt = [k]
        if is_cyrillic(k):
            if not k.endswith("ск") and len(k) >= MIN_STEM:
                alt.append(k + "ск")
            elif to_noun and k.endswith("ск") and len(k) - 2 > MIN_STEM:
                alt.append(k[:-2])
        options.append(alt)
    out: list[list[str]] = [[]]
    for alt in options:
        out = [[*seq, a] for seq in out for a in alt]
    return out


def _exact_form(phrase: str, keys: list[str]) -> str | None:
    """The casefolded form a short accented one-word phrase must be found in (stripping its
    accents would turn a name into a word); None for other phrases."""
    if len(keys) == 1 and len(keys[0]) <= _SHORT + 2 and fold(phrase) != phrase.casefold():
        return phrase.casefold()
    return None


def _where_words(
    hits: list[_Hit],
) -> tuple[dict[str, set[int]], dict[str, set[int]], set[tuple[str, int]]]:
    """The sentences holding each commitment's context words, those holding its actors, and
    the (commitment, sentence) pairs its exclude words veto."""
    context: dict[str, set[int]] = {}
    actors: dict[str, set[int]] = {}
    vetoed: set[tuple[str, int]] = set()
    for h in hits:
        if h.entry.kind == "context":
            context.setdefault(h.entry.commitment_id, set()).add(h.sentence)
        elif h.entry.kind == "actor":
            actors.setdefault(h.entry.commitment_id, set()).add(h.sentence)
        elif h.entry.kind == "exclude":
            vetoed.add((h.entry.commitment_id, h.sentence))
    return context, actors, vetoed


def _mention(
    h: _Hit,
    hits: list[_Hit],
    sentences: list[str],
    context: dict[str, set[int]],
    actors: dict[str, set[int]],
) -> Mention:
    """The mention an eligible hit makes, with the commitment's context words and actors
    found in the same sentence as its terms."""
    e = h.entry
    score = _score(h, context.get(e.commitment_id, set()), actors.get(e.commitment_id, set()))
    terms = [
        e.phrase,
        *sorted(
            x.entry.phrase
            for x in hits
            if x.sentence == h.sentence
            and x.entry.kind in ("context", "actor")
            and x.entry.commitment_id == e.commitment_id
        ),
    ]
    partial = e.kind in _LOOSE
    sentence = sentences[h.sentence]
    return Mention(
        e.commitment_id,
        sentence[h.start : h.end] if partial else e.phrase,
        h.start,
        h.end,
        sentence,
        round(min(score, 1.0), 3),
        tuple(terms),
        h.sentence == 0,
        h.sentence,
        partial,
    )


def _score(h: _Hit, context: set[int], actors: set[int]) -> float:
    """0.6 for a short one-word alias or a partial form, 0.75 for a longer word, 0.85 for a
    phrase; more when a context word (+0.1) or an actor (+0.05) shares its sentence, or that
    sentence is the title (+0.1). `context`, `actors`: the sentences holding the commitment's."""
    e = h.entry
    short = e.kind in _LOOSE or (len(e.phrase.split()) == 1 and len(e.phrase) <= _SHORT)
    score = 0.6 if short else (0.85 if e.ntokens > 1 else 0.75)
    if h.sentence in context:
        score += 0.1
    if h.sentence in actors:
        score += 0.05
    if h.sentence == 0:
        score += 0.1
    return score
