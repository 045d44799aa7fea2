"""Words of a draft taken from its text, for `monitor.understand.extract`: its title, id,
context words, the subject's words when nothing is named, and the other forms of its aliases."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import regex

from monitor.understand.extract.clauses import Clause, Rx, Span
from monitor.understand.extract.cues import FR_FUTURE, FR_FUTURE_NOT
from monitor.understand.matching import fold, key_tokens

if TYPE_CHECKING:
    from monitor.understand.dates import DateExpr
    from monitor.understand.extract.sentence import Sentence

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:-[\p{L}\p{M}\p{N}]+)*")
_OPENING = regex.compile(
    r"^(?:[\s,;:\u2014\u2013-]|et que\b|et qu'|et\b|and that\b|and\b|but\b|mais\b|"
    r"ainsi qu(?:e\b|')|as well as\b|а также\b|а\b|и что\b|и\b|но\b|que\b|qu'|that\b|что\b)+",
    regex.IGNORECASE,
)
_PUNCT = regex.compile(r"[,;:()\[\]«»\"“”\u2013\u2014.!?]")
_OF = frozenset(("de", "du", "des", "d", "of"))
_TITLE_MAX = 140
_CONTEXT_MAX = 6
_SUBJECT_MAX = 4
_ALIASES_MAX = 8
_SLUG_WORDS = 6
_SLUG_CHARS = 48
_LATIN = "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya"
_CYRILLIC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", _LATIN.split(), strict=True))


def title_of(sentence: str, clause: Clause, alias: str) -> str:
    """The clause's proposition as a title, with the alias in front when it does not say it."""
    text = _OPENING.sub("", sentence[clause.start : clause.b].replace("\u2019", "'"))
    text = sentence[clause.b - len(text) : clause.b] if text else sentence[clause.start : clause.b]
    text = text.strip(" .,;:")
    if len(text) > _TITLE_MAX:
        text = text[: _TITLE_MAX - 1].rsplit(" ", 1)[0] + "…"
    text = text[:1].upper() + text[1:]
    if fold(alias) not in fold(text):
        text = f"{alias} — {text}"
    return text


def slug(name: str, extra: Sequence[str]) -> str:
    """A lower-case ASCII id from a name and a word ("corridor-de-zanguezour-construction")."""
    parts = _ascii_words(name)
    for word in extra:
        parts += [w for w in _ascii_words(word) if w not in parts]
    out = "-".join(parts[:_SLUG_WORDS])[:_SLUG_CHARS].strip("-")
    return out or "commitment"


def _ascii_words(text: str) -> list[str]:
    plain = "".join(_CYRILLIC.get(c, c) for c in text.casefold().replace("-", " "))
    plain = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode()
    return [w for w in regex.split(r"[^a-z0-9]+", plain) if w]


def subject_words(
    sentence: str, folded: str, clause: Clause, dates: Sequence[DateExpr], rx: Rx
) -> str | None:
    """The noun phrase the proposition opens with, up to its first function word or plan cue
    ("Regular electricity production", "système de ferries transcaspien")."""
    span = _phrase(folded, clause.start, _first_cue(clause), rx)
    if span is None or _on_date(span, dates):
        return None
    return sentence[span[0] : span[1]]


def subject_is_date(folded: str, clause: Clause, dates: Sequence[DateExpr], rx: Rx) -> bool:
    """Whether the words before the first plan cue are a date with no preposition before it
    ("la prochaine décennie sera …"; not "в начале 2023 года она замкнется")."""
    span = _phrase(folded, clause.start, _first_cue(clause), rx)
    if span is None or not _on_date(span, dates):
        return False
    first = next(d for d in dates if d.span[0] < span[1] and span[0] < d.span[1])
    before = _WORD.findall(folded, clause.start, first.span[0])
    preposition = rf"(?:{rx.cues.place}|{rx.cues.before}|{rx.cues.until})"
    return not (before and regex.fullmatch(preposition, before[-1]))


def object_words(
    sentence: str, folded: str, clause: Clause, dates: Sequence[DateExpr], rx: Rx
) -> str | None:
    """The noun phrase right after the first plan cue ("push back [the ban]")."""
    cues = [b for a, b in clause.plan if a >= clause.start]
    if not cues:
        return None
    span = _phrase(folded, cues[0], clause.b, rx)
    if span is None or _on_date(span, dates):
        return None
    return sentence[span[0] : span[1]]


def head_words(
    sentence: str, folded: str, clause: Clause, dates: Sequence[DateExpr], rx: Rx
) -> str | None:
    """The proposition's first project noun with its modifiers: "new airport", "second
    semestre" no — "ligne de métro", "второго энергоблока", "pipeline"."""
    for m in rx.heads.finditer(folded, clause.start, clause.b):
        if _on_date(m.span(), dates):
            continue
        a = m.start()
        if rx.lang != "fr":  # modifiers come first: "new airport", "второго энергоблока"
            before = list(_WORD.finditer(folded, max(clause.start, a - 40), a))[-2:]
            for w in reversed(before):
                gap = folded[w.end() : a]
                if w.group() in rx.cues.stop or rx.plan.fullmatch(w.group()) or _PUNCT.search(gap):
                    break
                a = w.start()
        span = _phrase(folded, m.start(), clause.b, rx, dates)
        b = span[1] if span and rx.lang != "en" else m.end()  # "ligne de métro"; "motorway"
        return sentence[a:b]
    return None


def _cue_at(rx: Rx, folded: str, pos: int) -> bool:
    """Whether a plan, intention or reporting cue starts at `pos` ("doit intervenir",
    "rouvrira")."""
    if any(p.match(folded, pos) for p in (rx.plan, rx.weak, rx.speech)):
        return True
    word = _WORD.match(folded, pos)
    return bool(
        rx.lang == "fr"
        and word
        and regex.fullmatch(FR_FUTURE, word.group())
        and word.group() not in FR_FUTURE_NOT
    )


def _first_cue(clause: Clause) -> int:
    return next((a for a, _ in clause.plan if a >= clause.start), clause.b)


def _on_date(span: Span, dates: Sequence[DateExpr]) -> bool:
    return any(d.span[0] < span[1] and span[0] < d.span[1] for d in dates)


def _phrase(folded: str, a: int, b: int, rx: Rx, dates: Sequence[DateExpr] = ()) -> Span | None:
    """The first run of content words between a and b, joined by "de"/"of", at most four; it
    ends at punctuation or a date."""
    taken: list[Span] = []
    words = list(_WORD.finditer(folded, a, b))
    for k, m in enumerate(words):
        word = m.group()
        if taken and (_PUNCT.search(folded[taken[-1][1] : m.start()]) or _on_date(m.span(), dates)):
            break
        if not taken and (
            word in rx.cues.stop or rx.create.fullmatch(word) or rx.new.fullmatch(word)
        ):
            continue
        following = words[k + 1].group() if k + 1 < len(words) else ""
        if word in _OF and taken and following and following not in rx.cues.stop:
            continue
        if word in rx.cues.stop or word.isdigit() or _cue_at(rx, folded, m.start()):
            break
        taken.append(m.span())
        if len(taken) == _SUBJECT_MAX:
            break
    return (taken[0][0], taken[-1][1]) if taken else None


def context_words(
    found: Sentence, rx: Rx, clause: Clause, aliases: Iterable[str], skip: Sequence[Span]
) -> tuple[str, ...]:
    """Words near the promise that tell its subject apart: the proposition's content words
    ("construction", "territoire") and the places it names ("Bakou")."""
    taken = {w for a in aliases for w in fold(a).split()}
    cue_spans = _cue_spans(rx, found.folded, clause)
    out: list[str] = []
    for m in _WORD.finditer(found.folded, clause.start, clause.b):
        word, span = m.group(), m.span()
        if len(word) < 4 or word in rx.cues.stop or word in taken or not word.isalpha():
            continue
        if any(a <= span[0] < b for a, b in [*skip, *cue_spans]):
            continue
        original = found.text[span[0] : span[1]]
        if original[:1].isupper() and not _is_place(found, span):
            continue
        taken.add(word)
        out.append(original)
        if len(out) == _CONTEXT_MAX:
            break
    return tuple(out)


def _is_place(found: Sentence, span: Span) -> bool:
    return any(n.place and n.start <= span[0] < n.end for n in found.names)


def _cue_spans(rx: Rx, folded: str, clause: Clause) -> list[Span]:
    spans: list[Span] = []
    for pattern in (rx.plan, rx.weak, rx.old, rx.past, rx.target, rx.speech):
        spans.extend(m.span() for m in pattern.finditer(folded, clause.a, clause.b))
    return spans + clause.plan


def alias_forms(aliases: Sequence[str], article: str) -> tuple[str, ...]:
    """The aliases, each followed by the other forms the article writes it in."""
    tokens = key_tokens(article)
    keys = [k for _, _, k in tokens]
    out = list(aliases)
    for alias in aliases:
        wanted = [k for _, _, k in key_tokens(alias)]
        if not wanted:
            continue
        for i in range(len(keys) - len(wanted) + 1):
            if keys[i : i + len(wanted)] == wanted:
                form = article[tokens[i][0] : tokens[i + len(wanted) - 1][1]]
                if form not in out:
                    out.append(form)
    return tuple(out[:_ALIASES_MAX])
