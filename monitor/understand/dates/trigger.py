"""Where a text is worth scanning: one Aho-Corasick pass for a literal fragment of every date word
(month, season, part, ordinal, unit, horizon...) plus the runs of digits. Every phrase a rule can
match holds one of these, so the rules only run around the hits (see engine._stretches)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Mapping

import ahocorasick

_DIGITS = re.compile(r"\d+")
_QUANTIFIER = "?*+{"
_MAX_VARIANTS = 16  # spellings of one fragment ("[ée]t[ée]": 4)
Run = tuple[list[str], bool, bool]  # spellings, starts a word, ends a word
Fragment = tuple[str, bool, bool]
Hit = tuple[int, int, frozenset[str]]  # span and the features whose words it may be part of
DIGITS = frozenset({"digit"})
YEAR = frozenset({"digit", "year4"})  # a run of four digits: all a year slot can be
GLUED = frozenset({"digit", "glued"})  # digits touching a letter: all a code ("Q3") can be
# Turkish dotless and dotted i: "ARALIK" lower-cases to "aralik", "İlk" to two characters; the
# fragments and the text both fold them to "i" (a hit only says where to look: the rules tell
# "ı" from "i" where the lexicon asks, see Lexicon.dotless_i)
_DOTLESS = ("ı", "i")
_DOTTED = ("İ", "i")


def _fold(text: str) -> str:
    return text.replace(*_DOTLESS).replace(*_DOTTED)


class Trigger:
    """Finds the spans of trigger fragments and digit runs in a text, with their features."""

    def __init__(self, patterns: Mapping[str, Iterable[str]]) -> None:
        edges: dict[str, tuple[bool, bool]] = {}
        names: dict[str, set[str]] = {}
        for name, keys in patterns.items():
            for key in keys:
                for text, starts, ends in fragments(key):
                    text = _fold(text.lower())
                    # a word edge is checked only when every key using the fragment has it there
                    old = edges.get(text, (True, True))
                    edges[text] = (old[0] and starts, old[1] and ends)
                    names.setdefault(text, set()).add(name)
        # only a language whose words hold a dotless i pays for folding the text
        self._fold = any("ı" in key for keys in patterns.values() for key in keys)
        self._automaton = ahocorasick.Automaton()
        for text, (starts, ends) in edges.items():
            self._automaton.add_word(text, (len(text), starts, ends, frozenset(names[text])))
        self._empty = not edges
        if not self._empty:
            self._automaton.make_automaton()

    def hits(self, text: str) -> list[Hit]:
        """Every fragment and digit run, in text order."""
        found: list[Hit] = []
        for m in _DIGITS.finditer(text):
            start, end = m.span()
            if end - start == 4:
                names = YEAR
            elif text[start - 1 : start].isalpha() or text[end : end + 1].isalpha():
                names = GLUED  # "Q3", "26q3"
            else:
                names = DIGITS
            found.append((start, end, names))
        if self._empty:
            found.sort(key=lambda h: h[0])
            return found
        low = text.lower()
        if len(low) != len(text):  # a few letters lower-case to two characters: keep offsets
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        if self._fold and not low.isascii():
            low = _fold(low)
        for last, (size, starts, ends, names) in self._automaton.iter(low):
            start = last - size + 1
            if starts and start > 0 and low[start - 1].isalnum():
                continue
            if ends and last + 1 < len(low) and low[last + 1].isalnum():
                continue
            found.append((start, last + 1, names))
        found.sort(key=lambda h: h[0])
        return found


def fragments(pattern: str) -> set[Fragment]:
    """For each top-level alternative of a key pattern, its longest literal run (all spellings of
    small character classes), with whether it starts and ends a word."""
    found: set[Fragment] = set()
    for branch in _split(_unwrap(pattern)):
        runs = _runs(branch)
        if not runs:
            found |= _inside_groups(branch)
            continue
        spellings, starts, ends = runs[_best(runs)]
        found.update((text, starts, ends) for text in spellings)
    return found


def _best(runs: list[Run]) -> int:
    """The longest run that starts a word; on a tie the later one ("the end": "end")."""
    ranked = sorted(range(len(runs)), key=lambda i: (runs[i][1], min(map(len, runs[i][0])), i))
    return ranked[-1]


def leads_with_fragment(key: str) -> bool:
    """Whether every alternative of the key begins with the fragment the trigger finds, so a
    hit marks where the word starts."""
    for branch in _split(_unwrap(key)):
        runs = _runs(branch)
        if not runs or branch[:1] in ("(", "\\") or _best(runs) != 0:
            return False
    return True


def _inside_groups(branch: str) -> set[Fragment]:
    """A branch with no literal of its own ("(?<!\\w)(?P<x>EOY|BOY)"): the fragments of the
    first group, not a look-around, in which every alternative has some."""
    j = 0
    while (j := branch.find("(", j)) >= 0:
        end = _close(branch, j)
        inner = branch[j + 1 : end]
        j = end + 1
        if inner.startswith(("?<=", "?<!", "?=", "?!")):
            continue
        inner = re.sub(r"^\?(?:P<\w+>|[-a-z]*:)", "", inner)
        found = fragments(inner)
        if found and all(_runs(b) or _inside_groups(b) for b in _split(inner)):
            return found
    return set()


def _unwrap(pattern: str) -> str:
    """'(?P<x>a|b)' or '(?:a|b)' standing alone -> 'a|b'."""
    m = re.fullmatch(r"\((?:\?P<\w+>|\?:)(.*)\)", pattern)
    if m and _close(pattern, 0) == len(pattern) - 1:
        return m.group(1)
    return pattern


def _walk(pattern: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """(index, character, depth after it) for the characters of `pattern` from `start` that
    are neither escaped nor inside a character class."""
    depth, j = 0, start
    while j < len(pattern):
        c = pattern[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = pattern.index("]", j + 1) + 1
            continue
        depth += (c == "(") - (c == ")")
        yield j, c, depth
        j += 1


def _close(pattern: str, i: int) -> int:
    """Index of the parenthesis closing the one at i."""
    return next((j for j, _, depth in _walk(pattern, i) if depth == 0), len(pattern) - 1)


def _split(pattern: str) -> list[str]:
    """Top-level alternatives of a pattern."""
    parts, last = [], 0
    for j, c, depth in _walk(pattern):
        if c == "|" and depth == 0:
            parts.append(pattern[last:j])
            last = j + 1
    parts.append(pattern[last:])
    return parts


def _quantified(branch: str, j: int) -> bool:
    return j < len(branch) and branch[j] in _QUANTIFIER


def _optional(branch: str, j: int) -> bool:
    return j < len(branch) and branch[j] in "?*"


def _runs(branch: str) -> list[Run]:
    """Literal runs of a branch. Groups, escapes and quantified items end a run; a run starts
    (ends) a word when whitespace, '-', an apostrophe or the branch edge comes before (after)."""
    reader = _RunReader(branch)
    j = 0
    while j < len(branch):
        c = branch[j]
        if c == "\\":
            j = reader.escape(j)
        elif c == "(":
            reader.flush(False, False)
            j = _close(branch, j) + 1
        elif c in "?*+{":
            j = reader.quantifier(j)
        elif c == "[":
            j = reader.char_class(j)
        elif c in " '-":
            reader.flush(True, True)
            j += 1
        elif c in ".^$":
            reader.flush(False, False)
            j += 1
        else:
            reader.pieces.append([c])
            j += 1
    reader.flush(True, False)
    return reader.runs


class _RunReader:
    """The runs of one branch, read left to right: the run being read is a list of pieces, the
    spellings of one position each ("[ée]": "é" or "e")."""

    def __init__(self, branch: str) -> None:
        self.branch = branch
        self.runs: list[Run] = []
        self.pieces: list[list[str]] = []
        self.starts = True  # the run being read starts a word

    def flush(self, ends: bool, then_starts: bool) -> None:
        """End the run being read (`ends`: at a word's end); the next one starts a word if
        `then_starts`."""
        if self.pieces:
            spellings = itertools.islice(itertools.product(*self.pieces), _MAX_VARIANTS)
            self.runs.append((["".join(p) for p in spellings], self.starts, ends))
        self.pieces, self.starts = [], then_starts

    def escape(self, j: int) -> int:
        """The escape at j ends the run; "\\s", "\\b", "\\W" or an escaped sign is a word edge,
        unless optional ("cy\\s?18": no edge after "cy"). Returns where reading goes on."""
        escaped = self.branch[j + 1 : j + 2]
        edge = (escaped in ("s", "b", "W") or not escaped.isalnum()) and not _optional(
            self.branch, j + 2
        )
        self.flush(edge, edge)
        return j + 2

    def quantifier(self, j: int) -> int:
        """A quantifier ends the run before the item it quantifies ("sept?": the "t" is not
        always there)."""
        if self.pieces:
            self.pieces.pop()
            self.flush(False, False)
        return self.branch.index("}", j) + 1 if self.branch[j] == "{" else j + 1

    def char_class(self, j: int) -> int:
        """A class of plain letters is one more position of the run ("[ée]"); one holding a
        space or "-" is a word edge (unless optional), any other one ends the run."""
        end = self.branch.index("]", j + 1)
        chars = self.branch[j + 1 : end]
        j = end + 1
        if " " in chars or "-" in chars or "\\s" in chars:
            self.flush(not _optional(self.branch, j), not _optional(self.branch, j))
        elif "\\" in chars or _quantified(self.branch, j):
            self.flush(False, False)
        else:
            self.pieces.append(sorted(set(chars)))
        return j
