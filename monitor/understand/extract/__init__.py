"""Draft commitments from an article: the promises, plans, targets and schedules it reports.

`extract(text, published, lang, url)` reads the article sentence by sentence. A sentence is cut
into coordinated clauses (`extract.clauses`); a clause *promises* when it holds a plan cue ("sera
achevée", "is scheduled to", "планируется", "a fixé comme objectif"), an intention with no past
fact beside it, or continues a promising clause ("…, ainsi qu'un nouveau système de ferries").
A promising clause becomes a draft when it also holds a deadline (a date window that does not end
before `published`, is not a replaced plan — "initially", "devait", "изначально" — and does not
sit next to a past fact), a target figure ("porter à 1 milliard de dollars", "capacity of 15
million tonnes"), or something new to build ("la construction de nouveaux terminaux").

Nothing is invented: every field is read from the text. The aliases are the names in the
proposition (with their head noun and bracketed forms: "corridor de Zanguezour", "TRIPP", "Trump
Route for International Peace and Prosperity"), else those of the clause before, else — after "il",
"son", "it", "проект" — those of the sentence before, else the subject's own words; a draft with
none is dropped. Coordinated names share a clause's promise but get a draft each ("les sommets de
l'OCI et de la CICA de 2026"). Actors are the speakers and the subjects of the plan. Languages
without a cue list (anything but en, fr, ru) keep the dates and figures of each sentence.
Pure: no clock, store or network; `published` is the reference date. Every convention, with
examples: docs/extract.md.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import regex

from monitor.understand.dates import DateExpr, find_dates
from monitor.understand.extract.aliases import alias_groups
from monitor.understand.extract.clauses import Clause, Rx, Span, clauses, compiled
from monitor.understand.extract.deadlines import deadlines, later_year, pick, target_of
from monitor.understand.extract.names import Name, NameFinder, coordinated
from monitor.understand.extract.sentence import Memory, Sentence
from monitor.understand.extract.words import alias_forms, context_words, slug, title_of
from monitor.understand.language import base_code, guess
from monitor.understand.matching import split_sentences
from monitor.understand.quantity import Quantity, find_quantities

__all__ = ["Draft", "extract"]

_ABBREVIATION = regex.compile(
    r"(?:\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|St|No|Gen|Gov|Sen|"
    r"Rep|Inc|Corp|Co|Ltd|vs|etc|approx|M|Mme|г|гг|им|ул|т)|\b\p{Lu}|(?<![\d.,])\d{1,2})\.$"
)
_MAX_DRAFTS_PER_SENTENCE = 6
_CLOSING = regex.compile(r"[\s»\"”]*(?:[.,;]|$)")
# between a subject and its verb: "Gazprom has now postponed", "Boeing are targeting"
_AUXILIARIES = regex.compile(
    r"(?:'s)?\s*(?:(?:is|are|was|were|has|have|had|now|also|still|currently|will|would|"
    r"a|ont|est|sont|aussi|deja|также|уже)\s+){0,3}"
)


@dataclass(frozen=True)
class Draft:
    """A commitment drafted from an article, in the shape of commitments.yaml."""

    id: str
    title: str
    stated: date
    quote: str
    lang: str
    aliases: tuple[str, ...]
    deadline: DateExpr | None = None
    target: Quantity | None = None
    actors: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    url: str | None = None
    clause: str = ""  # the part of the quote the draft was read from

    def as_json(self) -> dict[str, Any]:
        """The contract's JSON shape of a draft."""
        d = self.deadline
        return {
            "id": self.id,
            "title": self.title,
            "stated": self.stated.isoformat(),
            "deadline": None
            if d is None
            else {
                "text": d.text,
                "start": d.start.isoformat(),
                "end": d.end.isoformat(),
                "grain": str(d.grain),
                "vague": d.vague,
            },
            "target": None
            if self.target is None
            else {"value": _number(self.target.value), "unit": self.target.unit},
            "actors": list(self.actors),
            "aliases": list(self.aliases),
            "context": list(self.context),
            "source": {"url": self.url, "quote": self.quote, "lang": self.lang},
        }


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def extract(
    text: str, published: date, lang: str | None = None, url: str | None = None
) -> list[Draft]:
    """The drafts an article yields, in text order (empty when it promises nothing)."""
    code = base_code(lang) or guess(text)
    rx = compiled(code)
    finder = NameFinder(text, rx.cues if rx else None)
    memory = Memory()
    drafts: list[Draft] = []
    for a, b in sentence_spans(text):
        sentence = text[a:b]
        found = _read(sentence, published, code, rx, finder, memory)
        if rx is None:
            drafts.extend(_plain_drafts(found, published, code, url))
        else:
            drafts.extend(_promise_drafts(found, rx, published, url, memory))
        _remember(found, memory)
        memory.promised = any(c.promise for c in found.clauses)
    drafts = _dedupe(drafts)
    return _with_forms(_unique_ids(drafts), text)


def sentence_spans(text: str) -> list[Span]:
    """The sentences of `text`, with splits after an abbreviation ("Feb. 1", "Mr. Sunak")
    undone."""
    out: list[Span] = []
    for a, b in split_sentences(text):
        gap = text[out[-1][1] : a] if out else "\n"
        if "\n" not in gap and _ABBREVIATION.search(text[out[-1][0] : out[-1][1]]):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _read(
    sentence: str,
    published: date,
    lang: str,
    rx: Rx | None,
    finder: NameFinder,
    memory: Memory,
) -> Sentence:
    dates = find_dates(sentence, published, lang)
    figures = find_quantities(sentence)
    skip = [d.span for d in dates] + [q.span for q in figures]
    names = finder.find(sentence, skip)
    if rx is None:
        return Sentence(sentence, sentence, [], dates, figures, names, [])
    folded, parts = clauses(rx, sentence, skip)
    speakers = _speakers(rx, sentence, folded, names, memory)
    for s in speakers:
        finder.persons.add(s)
        finder.persons.add(s.split()[-1])
    names = [replace(n, person=True) if n.text in finder.persons else n for n in names]
    return Sentence(sentence, folded, parts, dates, figures, names, speakers)


def _speakers(rx: Rx, sentence: str, folded: str, names: list[Name], memory: Memory) -> list[str]:
    """Who speaks or plans: a name right before a reporting or plan verb, or right after a
    reporting one ("said Minister X", "selon X"); "il a annoncé" is the last speaker."""
    found: list[str] = []
    verbs = [m.span() for m in rx.speech.finditer(folded)] + [
        m.span() for m in rx.agent.finditer(folded)
    ]
    for n in names:
        if n.place or n.inner:
            continue
        before = any(_AUXILIARIES.fullmatch(folded[n.end : a]) for a, _ in verbs if a >= n.end)
        closing = n.person or bool(_CLOSING.match(folded, n.end))  # "…, a promis E. Macron."
        after = closing and any(0 <= n.start - e <= 25 for _, e in verbs)
        if before or after:
            found.append(_full_name(n.text, memory))
    for first, second in itertools.pairwise(names):  # "NASA and Boeing are …"
        if _full_name(second.text, memory) in found and coordinated(sentence, first, second):
            found.append(_full_name(first.text, memory))
    pronoun = regex.search(
        r"(?:^|[\s,])(?:il|elle|he|she|он|она)\s+(?:\S+\s+)?(?:" + rx.cues.speech + ")", folded
    )
    if not found and pronoun and memory.speaker:
        found.append(memory.speaker)
    return list(dict.fromkeys(found))


def _full_name(name: str, memory: Memory) -> str:
    """The longest form of a person's name seen so far ("Aliyev" → "Ilham Aliyev")."""
    for known in memory.persons:
        if known != name and known.endswith(" " + name):
            return known
    return name


def _remember(found: Sentence, memory: Memory) -> None:
    for s in found.speakers:
        memory.speaker = s
    for n in found.names:
        if n.person and " " in n.text:
            memory.persons.append(n.text)
    own = [n.text for n in found.names if not (n.person or n.place)]
    if own:
        memory.names = tuple(own)


# ---------------------------------------------------------------- languages with cues


def _promise_drafts(
    found: Sentence, rx: Rx, published: date, url: str | None, memory: Memory
) -> list[Draft]:
    drafts: list[Draft] = []
    last: list[tuple[str, ...]] = []  # the names the sentence's last draft was given
    strong = False  # a plan cue or a target so far in the sentence's promising clauses
    for i, clause in enumerate(found.clauses):
        target = target_of(found, rx, clause)
        strong = bool(clause.plan or target) or (strong and clause.promise and not clause.past)
        dates = deadlines(found, rx, clause, published)
        if not (
            clause.promise
            or any(d.deadline or d.open_end or later_year(d, published) for d in dates)
            or (rx.cues.past_by_form and bool(dates) and not clause.past)
            or _follows(clause, memory, dates)
        ):
            continue  # "by 2030", "not before 2027", "opens on 29 October" promise by themselves
        deadline = pick(clause, dates)
        new = strong and bool(rx.build.search(found.folded, clause.start, clause.b))
        if deadline is None and target is None and not new:
            continue  # a plan to build something counts with no date or figure
        groups = alias_groups(found, rx, i, memory, last)
        last = groups or last
        if deadline and groups and rx.now.search(found.folded, clause.a, deadline.span[0]):
            drafts = _superseded(drafts, groups)
        for group in groups:
            drafts.append(_draft(found, rx, clause, group, deadline, target, published, url))
    return drafts[:_MAX_DRAFTS_PER_SENTENCE]


def _superseded(drafts: list[Draft], groups: list[tuple[str, ...]]) -> list[Draft]:
    """Drop the dated drafts a "now …" clause replaces ("отложен до 2022 года, а теперь и до
    2023 года"): same sentence, same names."""
    names = {a.casefold() for g in groups for a in g}
    return [
        d for d in drafts if d.deadline is None or not names & {a.casefold() for a in d.aliases}
    ]


def _follows(clause: Clause, memory: Memory, dates: list[DateExpr]) -> bool:
    """A dated clause with no cue of its own continues the promise of the sentence before
    ("Elle se fera en deux temps. Mi-2027 d'abord, …") unless it states a fact or a report."""
    if not dates or clause.past or any(s.report for s in clause.stretches):
        return False
    return memory.promised


def _draft(
    found: Sentence,
    rx: Rx,
    clause: Clause,
    aliases: tuple[str, ...],
    deadline: DateExpr | None,
    target: Quantity | None,
    published: date,
    url: str | None,
) -> Draft:
    quote = found.text.strip()
    title = title_of(found.text, clause, aliases[0])
    skip = [d.span for d in found.dates] + [q.span for q in found.figures]
    context = context_words(found, rx, clause, aliases, skip)
    return Draft(
        id=slug(aliases[0], context[:1]),
        title=title,
        stated=published,
        quote=quote,
        lang=rx.lang,
        aliases=aliases,
        deadline=deadline,
        target=target,
        actors=tuple(found.speakers),
        context=context,
        url=url,
        clause=found.text[clause.start : clause.b].strip(" ,;"),
    )


# ---------------------------------------------------------------- other languages


def _plain_drafts(found: Sentence, published: date, lang: str, url: str | None) -> list[Draft]:
    """Without cue words: one draft per future date or figure, with the sentence as quote."""
    dates = [d for d in found.dates if d.end > published]
    if not dates and not found.figures:
        return []
    names = tuple(dict.fromkeys(n.text for n in found.names))
    if not names:
        return []
    quote = found.text.strip()
    title = quote if len(quote) <= 120 else quote[:117].rsplit(" ", 1)[0] + "…"
    out = []
    choices: list[DateExpr | None] = [*dates] or [None]
    for d in choices:
        out.append(
            Draft(
                id=slug(names[0], ()),
                title=title,
                stated=published,
                quote=quote,
                lang=lang,
                aliases=names[:4],
                deadline=d,
                target=found.figures[0] if found.figures else None,
                url=url,
                clause=quote,
            )
        )
    return out


# ---------------------------------------------------------------- the article's drafts


def _dedupe(drafts: list[Draft]) -> list[Draft]:
    """One draft per promise: a later draft with the same aliases, deadline and target (a
    headline and its lead repeating each other) is dropped."""
    out: list[Draft] = []
    for d in drafts:
        key = _window(d)
        if any(
            _window(o) == key
            and o.target == d.target
            and {a.casefold() for a in o.aliases} & {a.casefold() for a in d.aliases}
            for o in out
        ):
            continue
        out.append(d)
    return out


def _window(d: Draft) -> tuple[date, date] | None:
    return (d.deadline.start, d.deadline.end) if d.deadline else None


def _unique_ids(drafts: list[Draft]) -> list[Draft]:
    seen: dict[str, int] = {}
    out = []
    for d in drafts:
        n = seen.get(d.id, 0) + 1
        seen[d.id] = n
        out.append(d if n == 1 else replace(d, id=f"{d.id}-{n}"))
    return out


def _with_forms(drafts: list[Draft], article: str) -> list[Draft]:
    """Each alias with the other forms the article writes it in ("Силы Сибири")."""
    return [replace(d, aliases=alias_forms(d.aliases, article)) for d in drafts]
