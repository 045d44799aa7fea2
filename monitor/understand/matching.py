"""Attribution: which commitments an item talks about, and in which sentences.

One Aho-Corasick automaton holds every alias, context word and actor of every commitment, keyed
on folded and stemmed tokens, so the cost of `Matcher.find` does not grow with the number of
commitments. Tokens are folded (casefold, accents and Azerbaijani/Turkish letters mapped to
ASCII) and Cyrillic tokens lose their case endings, so "Зангезурского" and "Зангезурский" meet.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import ahocorasick
import regex

from monitor.core.commitment import Commitment

_TOKEN = regex.compile(r"[\p{L}\p{N}]+")
_CYRILLIC = regex.compile(r"\p{Cyrillic}")
# A sentence ends at . ! ? … or a line break, when followed by space and a capital, digit or quote.
_SENTENCE_END = regex.compile(r"(?<=[.!?…])\s+(?=[\p{Lu}\p{N}«\"“'(])|\n+")

# Letters NFD does not decompose but readers treat as plain Latin ones.
_EXTRA_FOLD = {"ə": "e", "ı": "i", "ø": "o", "đ": "d", "ł": "l", "ё": "е", "ß": "ß"}

# Russian case/adjective endings, longest first; a stem keeps at least _MIN_STEM letters.
_ENDINGS_TEXT = (
    "ого его ому ему ыми ими ами ями ией ой ей ый ий ая яя ое ее ые ие ых их ую юю "
    "ом ем ам ям ах ях ов ев ью а я о е у ю ы и ь й"
)
_RU_ENDINGS = tuple(sorted(_ENDINGS_TEXT.split(" "), key=len, reverse=True))
_MIN_STEM = 4
# One-word aliases this short (or acronyms) are ambiguous: they need a context word when the
# commitment lists any, and accents must match exactly (stripping turns names into words).
_SHORT = 5


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


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Casefolded, accent-free text of the same length (offsets stay valid)."""
    return text.translate(_FOLD)


def stem(token: str) -> str:
    """The matching key of one folded token: Cyrillic words lose case and adjective endings.
    Adjectives keep their "-ск" ("азербайджанской" → азербайджанск, not the country's name);
    `_variants` lets a name's alias meet its adjective ("Зангезур" ~ "Зангезурского")."""
    if not _CYRILLIC.match(token):
        return token
    for ending in _RU_ENDINGS:
        if token.endswith(ending) and len(token) - len(ending) >= _MIN_STEM:
            return token[: -len(ending)]
    return token


def _variants(keys: list[str], *, to_noun: bool) -> list[list[str]]:
    """Key sequences a phrase also matches: each Cyrillic name as its adjective (зангезур →
    зангезурск) and, for aliases (`to_noun`), each place adjective as its name."""
    options: list[list[str]] = []
    for k in keys:
        alt = [k]
        if _CYRILLIC.match(k):
            if not k.endswith("ск") and len(k) >= _MIN_STEM:
                alt.append(k + "ск")
            elif to_noun and k.endswith("ск") and len(k) - 2 > _MIN_STEM:
                alt.append(k[:-2])
        options.append(alt)
    out: list[list[str]] = [[]]
    for alt in options:
        out = [[*seq, a] for seq in out for a in alt]
    return out


def key_tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of every word of `text`."""
    folded = fold(text)
    return [(m.start(), m.end(), stem(m.group())) for m in _TOKEN.finditer(folded)]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences of `text`, stripped of surrounding space."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


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


@dataclass(frozen=True)
class _Entry:
    commitment_id: str
    phrase: str
    kind: str  # "alias" | "context" | "actor" | "exclude"
    ntokens: int
    exact: str | None  # for short accented aliases: the casefolded form that must match


@dataclass
class _Hit:
    entry: _Entry
    sentence: int
    start: int
    end: int


class Matcher:
    """Finds the commitments an item mentions, through one automaton over all their words."""

    def __init__(self, commitments: Sequence[Commitment]) -> None:
        self._needs_context: set[str] = {c.id for c in commitments if c.context}
        # Aliases sit in the automaton with their entries. Context, actor and exclude words are
        # looked up per commitment only for commitments whose alias was found, so a word shared
        # by thousands of commitments ("Russia") costs one hit, not thousands.
        table: dict[str, dict[_Entry, None]] = {}
        self._aux: dict[str, dict[str, list[_Entry]]] = {}
        for c in commitments:
            for kind, phrases in (
                ("alias", c.aliases),
                ("context", c.context),
                ("actor", c.actors),
                ("exclude", c.exclude),
            ):
                for phrase in phrases:
                    self._add(table, c.id, kind, phrase)
        self._automaton = ahocorasick.Automaton()
        for key, entries in table.items():
            self._automaton.add_word(key, (key, tuple(entries)))
        if table:
            self._automaton.make_automaton()
        self._empty = not table

    def _add(self, table: dict[str, dict[_Entry, None]], cid: str, kind: str, phrase: str) -> None:
        """One phrase of a commitment: each key it can match goes in `table` (the automaton's
        words), with the phrase's entry for an alias, the entry going in `_aux` otherwise."""
        keys = [k for _, _, k in key_tokens(phrase)]
        if not keys:
            return
        entry = _Entry(cid, phrase, kind, len(keys), _exact_form(phrase, keys))
        for variant in _variants(keys, to_noun=kind == "alias"):
            key = " " + " ".join(variant) + " "
            entries = table.setdefault(key, {})
            if kind == "alias":
                entries[entry] = None
            else:
                aux = self._aux.setdefault(cid, {}).setdefault(key, [])
                if entry not in aux:
                    aux.append(entry)

    def _hits(
        self, sentences: list[str]
    ) -> tuple[list[_Hit], dict[str, list[tuple[int, int, int]]]]:
        """Alias hits, and where each other key was found: key → [(sentence, start, end)]."""
        hits: list[_Hit] = []
        found: dict[str, list[tuple[int, int, int]]] = {}
        for index, sentence in enumerate(sentences):
            tokens = key_tokens(sentence)
            if not tokens:
                continue
            keyed = " " + " ".join(k for _, _, k in tokens) + " "
            # position in `keyed` of each token's first character
            positions, pos = [], 1
            for _, _, k in tokens:
                positions.append(pos)
                pos += len(k) + 1
            for end_idx, (key, entries) in self._automaton.iter(keyed):
                first = bisect.bisect_left(positions, end_idx - len(key) + 2)
                last = first + key.count(" ") - 2
                start, end = tokens[first][0], tokens[last][1]
                found.setdefault(key, []).append((index, start, end))
                for entry in entries:
                    if entry.exact and sentence[start:end].casefold() != entry.exact:
                        continue
                    hits.append(_Hit(entry, index, start, end))
        return hits, found

    def _aux_hits(
        self,
        commitment_ids: set[str],
        sentences: list[str],
        found: dict[str, list[tuple[int, int, int]]],
    ) -> list[_Hit]:
        """Context, actor and exclude hits of the given commitments only."""
        hits: list[_Hit] = []
        for cid in commitment_ids:
            for key, entries in self._aux.get(cid, {}).items():
                for index, start, end in found.get(key, ()):
                    hits.extend(
                        _Hit(entry, index, start, end)
                        for entry in entries
                        if not entry.exact or sentences[index][start:end].casefold() == entry.exact
                    )
        return hits

    def _eligible(
        self, hits: list[_Hit], context: dict[str, set[int]], vetoed: set[tuple[str, int]]
    ) -> list[_Hit]:
        """Alias hits that count: not in a sentence with one of the commitment's `exclude`
        words; context words decide between commitments sharing an alias, and a commitment
        that lists context words needs one for an alias of its own."""
        by_span: dict[tuple[int, int, int], list[_Hit]] = {}
        for h in hits:
            if h.entry.kind == "alias" and (h.entry.commitment_id, h.sentence) not in vetoed:
                by_span.setdefault((h.sentence, h.start, h.end), []).append(h)
        kept: list[_Hit] = []
        for group in by_span.values():
            levels = [self._context_level(h, context) for h in group]
            top = max(levels)
            shared = len({h.entry.commitment_id for h in group}) > 1
            if top < 0 and not shared:
                continue
            kept.extend(h for h, level in zip(group, levels, strict=True) if level == top)
        return kept

    def _context_level(self, hit: _Hit, context: dict[str, set[int]]) -> int:
        """2: context in the sentence; 1: elsewhere in the item; 0: none needed; -1: missing."""
        cid = hit.entry.commitment_id
        if cid not in self._needs_context:
            return 0
        seen = context.get(cid, set())
        if hit.sentence in seen:
            return 2
        return 1 if seen else -1

    def find(self, title: str, text: str) -> list[Mention]:
        """The sentences that mention each commitment, best first."""
        if self._empty:
            return []
        sentences = [title.strip()] + [text[a:b] for a, b in split_sentences(text)]
        alias_hits, found = self._hits(sentences)
        hits = alias_hits + self._aux_hits(
            {h.entry.commitment_id for h in alias_hits}, sentences, found
        )
        context, actors, vetoed = _where_words(hits)
        best: dict[tuple[str, int], Mention] = {}
        for h in self._eligible(hits, context, vetoed):
            mention = _mention(h, hits, sentences, context, actors)
            key = (h.entry.commitment_id, h.sentence)
            if key not in best or mention.score > best[key].score:
                best[key] = mention
        return sorted(best.values(), key=lambda m: (-m.score, m.sentence_index, m.commitment_id))


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
    """The mention an eligible alias hit makes, with the commitment's context words and
    actors found in the same sentence as its terms."""
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
    return Mention(
        e.commitment_id,
        e.phrase,
        h.start,
        h.end,
        sentences[h.sentence],
        round(min(score, 1.0), 3),
        tuple(terms),
        h.sentence == 0,
        h.sentence,
    )


def _score(h: _Hit, context: set[int], actors: set[int]) -> float:
    """0.6 for a short one-word alias, 0.75 for a longer word, 0.85 for a phrase; more when a
    context word (+0.1) or an actor (+0.05) shares its sentence, or that sentence is the
    title (+0.1). `context`, `actors`: the sentences holding the commitment's."""
    e = h.entry
    short = e.ntokens == 1 and len(e.phrase) <= _SHORT
    score = 0.6 if short else (0.85 if e.ntokens > 1 else 0.75)
    if h.sentence in context:
        score += 0.1
    if h.sentence in actors:
        score += 0.05
    if h.sentence == 0:
        score += 0.1
    return score
