"""The names a draft is given, for `monitor.understand.extract`: one group of aliases per thing
a promising clause speaks of."""

from __future__ import annotations

import regex

from monitor.understand.extract.clauses import Clause, Rx
from monitor.understand.extract.names import Name, coordinated
from monitor.understand.extract.sentence import Memory, Sentence
from monitor.understand.extract.words import (
    head_words,
    object_words,
    subject_is_date,
    subject_words,
)


def alias_groups(
    found: Sentence, rx: Rx, i: int, memory: Memory, last: list[tuple[str, ...]]
) -> list[tuple[str, ...]]:
    """One group of aliases per thing the clause promises; a clause that names nothing of
    its own speaks of what the sentence's last draft named."""
    clause = found.clauses[i]
    own = _own_names(found, clause, clause.start, clause.b)
    if own:
        return _split_coordinated(found, rx, own)
    if subject_is_date(found.folded, clause, found.dates, rx):
        return []  # "la prochaine décennie sera marquée par …": a time, not a thing
    if rx.noun_first.match(found.folded, clause.start):
        words = head_words(found.text, found.folded, clause, found.dates, rx) or subject_words(
            found.text, found.folded, clause, found.dates, rx
        )
        if words:
            return [(words,)]
    lead = _own_names(found, clause, clause.a, clause.start)  # "The Cybertruck, he said, …"
    if lead:
        return [_group(found, rx, lead[0])]
    return last or _borrowed(found, rx, i, memory)


def _borrowed(found: Sentence, rx: Rx, i: int, memory: Memory) -> list[tuple[str, ...]]:
    """Names from the clause before, from the sentence before after "il", "son", "it",
    "проект", else the proposition's own words."""
    clause = found.clauses[i]
    for earlier in reversed(found.clauses[:i]):
        names = _own_names(found, earlier, earlier.start, earlier.b)
        if names:
            return [_group(found, rx, names[0])]
        words = subject_words(found.text, found.folded, earlier, found.dates, rx)
        if words:
            return [(words,)]
    if rx.anaphor.search(found.folded[clause.start : clause.b]) and memory.names:
        return [memory.names[:3]]
    for read in (head_words, subject_words, object_words):
        words = read(found.text, found.folded, clause, found.dates, rx)
        if words and not any(s in words for s in found.speakers):
            return [(words,)]
    # Nothing named here: the article's last-named thing ("The first unit may go …"), else
    # whoever made the promise ("Gazprom will start supplies in 2025").
    if memory.names:
        return [memory.names[:3]]
    return [tuple(found.speakers[:2])] if found.speakers else []


def _own_names(found: Sentence, clause: Clause, a: int, b: int) -> list[Name]:
    """The names between a and b that are not people or reporting sources and, when anything
    else is named, not places."""
    names = [n for n in found.names if a <= n.start < b and _thing(found, clause, n)]
    things = [n for n in names if not n.place]
    return things or names


def _thing(found: Sentence, clause: Clause, n: Name) -> bool:
    return not (n.person or clause.stretch_at(n.start).report or n.text in found.speakers)


def _split_coordinated(found: Sentence, rx: Rx, names: list[Name]) -> list[tuple[str, ...]]:
    """Coordinated names ("l'OCI et de la CICA") are one draft each; else one group."""
    main = [n for n in names if not n.inner]
    pair = len(main) >= 2 and not any(n.place for n in main[:2])
    if pair and coordinated(found.text, main[0], main[1]):
        return [_group(found, rx, main[0]), _group(found, rx, main[1])]
    if names and names[0].place:  # only places: "terminaux portuaires à Aktau et Alat"
        clause = next(c for c in found.clauses if c.a <= names[0].start < c.b)
        head = head_words(found.text, found.folded, clause, found.dates, rx)
        places = [n.text for n in names if n.place]
        if head and not any(head in p for p in places):
            places.insert(0, head)
        return [tuple(dict.fromkeys(places))]
    return [_group(found, rx, names[0])]


def _group(found: Sentence, rx: Rx, name: Name) -> tuple[str, ...]:
    """A name with its head-noun form and bracketed forms: ("corridor de Zanguezour",
    "Zanguezour"), ("TRIPP", "Trump Route for International Peace and Prosperity")."""
    forms = [name.text]
    head = _with_head(found, rx, name)
    if head:
        forms.insert(0, head)
    for n in found.names:
        if n.inner and 0 <= n.start - name.end <= 3:
            forms.append(n.text)
        if name.inner and 0 <= name.start - n.end <= 3 and not n.person:
            forms.append(n.text)
    return tuple(dict.fromkeys(forms))


def _with_head(found: Sentence, rx: Rx, name: Name) -> str | None:
    """The name with the noun it names: "Zangezur corridor", "Arctic LNG 2 project" (a head
    after the name, English and Russian), "corridor de Zanguezour", "газопровод «Сила Сибири»"
    (a head before it)."""
    return _head_after(found, rx, name) or _head_before(found, rx, name)


def _head_after(found: Sentence, rx: Rx, name: Name) -> str | None:
    if rx.lang != "en":
        return None
    after = regex.match(
        r" (?:[^\W\d]+ ){0,2}?(?:" + rx.cues.heads + r")(?![\p{L}])",
        found.folded[name.end : name.end + 60],
    )
    return found.text[name.start : name.end + after.end()] if after else None


def _head_before(found: Sentence, rx: Rx, name: Name) -> str | None:
    window = found.folded[max(0, name.start - 40) : name.start]
    before = regex.search(
        r"(?:^|\s)((?:" + rx.cues.heads + r")(?:\s+(?:de|du|des|d'|de la|de l'|of|of the))?)"
        r"\s*[«\"“(']?\s*$",
        window,
    )
    if not before:
        return None
    a = name.start - (len(window) - before.start(1))
    closing = 1 if found.text[name.end : name.end + 1] in '»"”' else 0
    return found.text[a : name.end + closing].strip()
