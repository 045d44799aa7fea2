"""Names in a sentence, for `monitor.understand.extract`: proper names, acronyms, names in
parentheses or quotes, and what each one is (a place, a person, a speaker).

A name is a run of capitalised words ("Trump Route for International Peace and Prosperity",
"Olkiluoto 3", "Kassym-Jomart Tokaïev"), joined by the small words names contain ("Corridor du
Milieu", "l'OCI"), but never by "and"/"et"/"и" outside brackets: "l'OCI et de la CICA" is two
names. A capitalised first word of a sentence counts only when the article also writes it
capitalised elsewhere, or it is an acronym or carries a digit ("Concernant …" is not a name).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

import regex

from monitor.understand.extract.cues import Cues
from monitor.understand.matching import fold

_TOKEN = regex.compile(
    r"(?:\p{Lu}\.){2,}|[\p{L}\p{M}\p{N}]+(?:[-\u2010\u2011\u2013][\p{L}\p{M}\p{N}]+)*"
)
_JOINING = "de du des d l la le of for the der die das del von van al el di da за"
_JOIN = frozenset(_JOINING.split())
_DETERMINERS = (
    "le",
    "la",
    "les",
    "l",
    "un",
    "une",
    "the",
    "a",
    "an",
    "its",
    "their",
    "ce",
    "cette",
    "son",
    "sa",
    "ses",
    "leur",
)
_MONTHS_DAYS = (
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december today"
)
_CALENDAR = frozenset(_MONTHS_DAYS.split())
_COORD = frozenset(("and", "et", "и", "und", "y"))
_BRACKETS = regex.compile(r"\(([^()]{2,80})\)|[«\"“]([^«»\"“”]{2,60})[»\"”]")
_MAX_RUN = 8  # words in one name
_MAX_QUOTED = 4  # a longer quotation is speech, not a name


@dataclass(frozen=True)
class Name:
    """A name found in a sentence, with its span and what surrounds it."""

    text: str
    start: int
    end: int
    place: bool = False  # right after "à", "in", "в": a place
    person: bool = False  # after a title ("président", "minister") or a known person
    inner: bool = False  # inside brackets or quotes: another name of what precedes


@dataclass
class Tokens:
    spans: list[tuple[int, int]]
    words: list[str]


def tokens(text: str) -> Tokens:
    found = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    return Tokens(found, [text[a:b] for a, b in found])


def _capital(word: str) -> bool:
    return word[:1].isupper()


def _acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _glue(text: str, a: int, b: int) -> bool:
    """Whether the characters between two tokens only join words (a space, an apostrophe)."""
    gap = text[a:b]
    return gap in (" ", "'", "\u2019", "\u00a0", " '", "' ")


class NameFinder:
    """Finds names in the sentences of one article (knows which words it capitalises)."""

    def __init__(self, article: str, cues: Cues | None) -> None:
        self.cues = cues
        self.capitalised = self._mid_sentence_capitals(article)
        self.persons: set[str] = set()
        self._verb = (
            regex.compile(rf"(?:{cues.speech}|{cues.agent})(?![\p{{L}}])") if cues else None
        )
        self._title = regex.compile(rf"(?:{cues.person})") if cues else None
        self._numbered_rx = (
            regex.compile(
                rf"(?<![\p{{L}}])(?:{cues.heads})\s+(?:n°\s?|№\s?|no\.?\s?)?\d{{1,3}}[a-z]?(?![\p{{L}}\d])"
            )
            if cues
            else None
        )

    @staticmethod
    def _mid_sentence_capitals(article: str) -> frozenset[str]:
        found = set()
        for m in regex.finditer(r"(?<=[\p{Ll},;] )[\p{Lu}][\p{L}\p{M}]+", article):
            found.add(m.group())
        return frozenset(found)

    def _starts(self, words: list[str], i: int) -> bool:
        word = words[i]
        if not _capital(word) or word.casefold() in _CALENDAR:
            return False
        if i > 0 or _acronym(word) or any(c.isdigit() for c in word):
            return True
        stop = self.cues.stop if self.cues else frozenset()
        if word.casefold() in stop:
            return False
        if word in self.capitalised or (len(words) > 1 and _capital(words[1])):
            return True
        if regex.fullmatch(r"\p{Lu}\w+(?:-\p{Lu}\w*)+", word):
            return True  # "Notre-Dame", "Jakarta-Bandung"
        if len(words) > 2 and words[1].casefold() in _JOIN and _capital(words[2]):
            return True  # "Notre Dame de Paris", "Corridor du Milieu"
        # "Novatek plans …", "Rosatom said …": a subject the article names once
        return bool(self._verb and self._verb.match(fold(" ".join(words[1:3]))))

    def find(self, text: str, skip: Iterable[tuple[int, int]] = ()) -> list[Name]:
        """The names of one sentence, in order; `skip` spans (dates, figures) hold none."""
        toks = tokens(text)
        blocked = list(skip)
        names: list[Name] = []
        i = 0
        while i < len(toks.words):
            first = i == 0 or "\n" in text[toks.spans[i - 1][1] : toks.spans[i][0]]
            starts = self._starts(toks.words[i:], 0) if first else self._starts(toks.words, i)
            if not starts or _inside(toks.spans[i], blocked):
                i += 1
                continue
            j = self._run_end(text, toks, i, blocked)
            while i < j and self._title and self._title.fullmatch(fold(toks.words[i])):
                i += 1  # "CEO Leonid Mikhelson", "President Putin": the title is not the name
            a, b = toks.spans[i][0], toks.spans[j][1]
            if b - a > 1:  # "A/S", "U": letters, not names
                names.append(self._name(text, a, b, toks, i))
            i = j + 1
        names.extend(self._bracketed(text, names))
        names.extend(self._numbered(text, names, blocked))
        names.sort(key=lambda n: n.start)
        for k in range(1, len(names)):  # "à Aktau et Alat": both places
            if names[k - 1].place and coordinated(text, names[k - 1], names[k]):
                names[k] = replace(names[k], place=True)
        return names

    def _run_end(self, text: str, toks: Tokens, i: int, blocked: list[tuple[int, int]]) -> int:
        """The index of the last token of the name starting at token i."""
        j = i
        while j + 1 < len(toks.words) and j - i < _MAX_RUN:
            nxt = j + 1
            if not _glue(text, toks.spans[j][1], toks.spans[nxt][0]):
                break
            word = toks.words[nxt]
            if _inside(toks.spans[nxt], blocked):
                break
            if _capital(word) or (word.isdigit() and len(word) <= 3):
                j = nxt
                continue
            if word.casefold() in _JOIN and self._joins(text, toks, nxt, blocked):
                j = nxt + 1
                continue
            break
        while j > i and toks.words[j].casefold() in _JOIN:
            j -= 1
        return j

    @staticmethod
    def _joins(text: str, toks: Tokens, k: int, blocked: list[tuple[int, int]]) -> bool:
        """A small word joins a name when a capitalised word follows it directly."""
        if k + 1 >= len(toks.words) or _inside(toks.spans[k + 1], blocked):
            return False
        return _glue(text, toks.spans[k][1], toks.spans[k + 1][0]) and _capital(toks.words[k + 1])

    def _name(self, text: str, a: int, b: int, toks: Tokens, i: int) -> Name:
        before = fold(" ".join(toks.words[max(0, i - 3) : i]))
        cues = self.cues
        place = bool(cues and i > 0 and _ends_with(fold(toks.words[i - 1]), cues.place))
        titled = bool(cues and regex.search(rf"(?:^|\s)(?:{cues.person})(?:\s\S+)?$", before))
        person = titled or text[a:b] in self.persons or _surname(text[a:b]) in self.persons
        if titled:
            self.persons.add(text[a:b])
            self.persons.add(_surname(text[a:b]))
        return Name(text[a:b], a, b, place=place and not person, person=person)

    def _numbered(self, text: str, names: list[Name], blocked: list[tuple[int, int]]) -> list[Name]:
        """A project noun with its number: "ligne 18", "unit 4", "энергоблок №1"."""
        if self._numbered_rx is None:
            return []
        out = []
        for m in self._numbered_rx.finditer(fold(text)):
            span = m.span()
            if _inside(span, blocked) or any(n.start < span[1] and span[0] < n.end for n in names):
                continue
            out.append(Name(text[span[0] : span[1]], *span))
        return out

    @staticmethod
    def _bracketed(text: str, names: list[Name]) -> list[Name]:
        """Names in brackets or quotes ("(Corridor du Milieu)", «Сила Сибири»), and the long
        name a bracket explains ("la Route internationale de transport transcaspienne (…)")."""
        out = []
        for m in _BRACKETS.finditer(text):
            inner = m.group(1) or m.group(2)
            a = m.start(1) if m.group(1) else m.start(2)
            words = inner.split()
            limit = _MAX_RUN if m.group(1) else _MAX_QUOTED
            if not inner[:1].isupper() or len(words) > limit:
                continue
            spans = [(a, a + len(inner))]
            outer = _outer(text, m.start()) if m.group(1) else None
            if outer:
                spans.append(outer)
                out.append(Name(text[outer[0] : outer[1]], *outer))
            names[:] = [n for n in names if not any(x <= n.start and n.end <= y for x, y in spans)]
            out.append(Name(inner, a, a + len(inner), inner=True))
        return out


def _outer(text: str, bracket: int) -> tuple[int, int] | None:
    """The capitalised phrase a bracket follows, back to its determiner or punctuation
    ("la Route internationale de transport transcaspienne (…)")."""
    before = text[max(0, bracket - 90) : bracket]
    toks = tokens(before)
    first = None
    for k in range(len(toks.words) - 1, -1, -1):
        gap = before[toks.spans[k][1] : toks.spans[k + 1][0]] if k + 1 < len(toks.words) else ""
        if regex.search(r"[,;:()«»\"]", gap) or toks.words[k].casefold() in _DETERMINERS:
            break
        first = k
    if first is None or not _capital(toks.words[first]):
        return None
    words = len(toks.words) - first
    if words < 2 or words > _MAX_RUN:
        return None
    start = bracket - len(before) + toks.spans[first][0]
    return start, bracket - len(before) + toks.spans[-1][1]


def _inside(span: tuple[int, int], blocked: list[tuple[int, int]]) -> bool:
    return any(a <= span[0] < b for a, b in blocked)


def _ends_with(word: str, alternation: str) -> bool:
    return bool(regex.fullmatch(rf"(?:{alternation})", word))


def _surname(name: str) -> str:
    return name.split()[-1] if name.split() else name


def coordinated(text: str, first: Name, second: Name) -> bool:
    """Whether two names are joined by a coordinator ("l'OCI et de la CICA", "A and B")."""
    gap = fold(text[first.end : second.start]).replace("\u2019", "'")
    words = [w for w in regex.split(r"[\s']+", gap.strip(" ,")) if w]
    if not words or len(words) > 4:
        return False
    return words[0] in _COORD and all(w in _JOIN for w in words[1:])
