"""The date engine: run a language's rules over a text, resolve each match against `ref`, keep the
longest non-overlapping matches, join ranges, and mark deadline forms. Pure: no I/O, no clock."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from monitor.core.enums import Grain
from monitor.understand.dates import calendar as cal
from monitor.understand.dates.grammar import Grammar, Rule, grammar_for
from monitor.understand.dates.reading import Reading, resolve
from monitor.understand.dates.trigger import Hit

Window = cal.Window

COARSENESS = [
    Grain.DAY,
    Grain.WEEK,
    Grain.MONTH,
    Grain.SEASON,
    Grain.QUARTER,
    Grain.THIRD,
    Grain.HALF,
    Grain.YEAR,
    Grain.DECADE,
    Grain.CENTURY,
    Grain.VAGUE,
]
# same-length spellings the tables do not list (curly apostrophes, no-break spaces)
_SAME_LENGTH = (("’", "'"), ("ʼ", "'"), ("\u00a0", " "), ("\u202f", " "))
# A sentence ends at a newline or at .!? followed by a capital; "Dec. 2026", "15.07" stay whole,
# and so does a number of one or two digits with its dot (German "20. Dezember", "3. Quartal").
_SENTENCE_END = re.compile(r"\n\s*|(?<=[.!?])(?<!\b\d\.)(?<!\b\d\d\.)\s+(?=[A-ZА-ЯЁÀ-Ý«\"“])")
_MONEY_BEFORE = re.compile(r"[$€£¥₽]\s*$")
_CODE_BEFORE = re.compile(r"[^\W\d_]-$")  # COVID-2019, A-2026: part of a name
_ENDS = re.compile(r"\s*(?:[^\w\s]|$)")  # end of a clause: punctuation or end of sentence
_NAME_AFTER = re.compile(r"'s|\s+[A-ZА-ЯЁ]")  # "Jan Smith", "Jan's": a name, not January
_EDGE = " \t\"'«»“”()[].,!?;:-"
Groups = Mapping[str, str | None]  # a match's named groups
Stretch = tuple[int, int, tuple[int, int]]  # start, end, and the sentence holding them
MARGIN = 48  # characters scanned either side of a trigger hit: more than a phrase reaches


@dataclass
class Cand:
    """A resolved match: character span, window and how it was read."""

    s: int
    e: int
    start: date
    end: date
    grain: Grain
    rank: int = 0
    vague: bool = False
    deadline: bool = False
    relative: bool = False
    year: int | None = None  # the year number written in the phrase, if any
    rebase: Callable[[int], Window] | None = None  # the same phrase put in another year
    open_end: bool = False  # "not before X", "X at the earliest": X is the earliest window


def find(text: str, ref: date, lang: str, full: bool = False, pairs: bool = False) -> list[Cand]:
    """All date expressions in `text` as candidates, in text order. Rules scan only near the
    trigger hits; `full` scans whole sentences instead (slower, same result: for tests).
    `pairs` joins "2016 and 2017" into one window (a deadline phrase names one window; in
    running text the two stay two dates, as every other reader has them)."""
    g = grammar_for(lang)
    work = text
    for odd, plain in _SAME_LENGTH:
        work = work.replace(odd, plain)  # a C scan each; str.translate is ten times slower
    hits = g.trigger.hits(work)
    if not hits:
        return []
    sentences = _sentences(work)
    stretches: dict[tuple[frozenset[str], int], list[Stretch]] = {}
    found: list[Cand] = []
    for rank, rule in g.plan(frozenset().union(*(names for _, _, names in hits))):
        for lo, hi, sentence in _windows(rule, hits, sentences, stretches, full):
            for m in rule.regex.finditer(work, lo, hi):
                if not _licensed(g, rule, m, work, sentence):
                    continue
                reading = resolve(g, rule.kind, m, ref)
                if reading is not None:
                    found.append(_cand(m, rank, reading))
    chosen = _longest_first(found)
    merged = _join_ranges(g, chosen, work, pairs)
    for i, cand in enumerate(merged):
        _mark_deadline(g, cand, work, ref, merged[i + 1].s if i + 1 < len(merged) else len(work))
    return merged


def _sentences(work: str) -> list[tuple[int, int]]:
    """Sentence spans: no match runs across a sentence end."""
    spans, lo = [], 0
    for m in _SENTENCE_END.finditer(work):
        spans.append((lo, m.start()))
        lo = m.end()
    spans.append((lo, len(work)))
    return spans


def _windows(
    rule: Rule,
    hits: list[Hit],
    sentences: list[tuple[int, int]],
    cache: dict[tuple[frozenset[str], int], list[Stretch]],
    full: bool,
) -> list[Stretch]:
    """Where to scan for `rule`: whole sentences when `full`, else around the hits of the
    rarest feature the rule needs (any match holds one)."""
    if full:
        return [(lo, hi, (lo, hi)) for lo, hi in sentences]
    return min(
        (
            _stretches(hits, sentences, need, MARGIN if lead is None else lead, cache)
            for need, lead in zip(rule.needs, rule.leads, strict=True)
        ),
        key=len,
    )


def _stretches(
    hits: list[Hit],
    sentences: list[tuple[int, int]],
    need: frozenset[str],
    lead: int,
    cache: dict[tuple[frozenset[str], int], list[Stretch]],
) -> list[Stretch]:
    """The stretches worth scanning for a rule that needs one of `need`: from `lead`
    characters before to MARGIN after each hit of those features, cut at sentence ends and
    merged, each with its sentence. A phrase reaches less than MARGIN either side of each of
    its words (`lead` before its first one), so these hold every match a full scan finds."""
    key = (need, lead)
    if key in cache:
        return cache[key]
    out: list[Stretch] = []
    i = 0
    for s, e, names in hits:
        if not names & need:
            continue
        while sentences[i][1] < s:
            i += 1
        sentence = sentences[i]
        lo, hi = max(sentence[0], s - lead), min(sentence[1], e + MARGIN)
        if out and out[-1][2] == sentence and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(hi, out[-1][1]), sentence)
        else:
            out.append((lo, hi, sentence))
    cache[key] = out
    return out


def _cand(m: re.Match[str], rank: int, r: Reading) -> Cand:
    return Cand(
        m.start(),
        m.end(),
        r.window[0],
        r.window[1],
        r.grain,
        rank,
        r.vague,
        r.deadline,
        r.relative,
        r.year,
        r.rebase,
    )


def _licensed(
    g: Grammar, rule: Rule, m: re.Match[str], work: str, sentence: tuple[int, int]
) -> bool:
    """Reject matches that are words or numbers of another kind (modal "may", "10 000 tonnes")."""
    before = work[max(0, m.start() - 24) : m.start()]
    after = work[m.end() : min(sentence[1], m.end() + 30)]
    d = m.groupdict()
    if rule.kind == "iso_month":  # "2011-12" alone: ISO's December 2011 (in a text: 2011-2012)
        return _alone(work, m, sentence)
    strict = bool(g.strict_lead and g.strict_lead.search(before))
    month = d.get("month")
    if month and _lower_case_common_word(g, month):
        # lower-case "may"/"march": a month only as "in may." with nothing after it
        return strict and _ENDS.match(after) is not None
    if rule.bare:
        verdict = _bare_word(g, m, d, work, sentence, before, after, strict)
        if verdict is not None:
            return verdict
    return _short_year_ends_clause(g, d, after, strict) and not _number_of_another_kind(
        g, rule, m, d, before, after
    )


def _lower_case_common_word(g: Grammar, month: str) -> bool:
    """A month name that is also a common word ("may", "march"), written in lower case."""
    return bool(g.capital and g.capital.fullmatch(month) and month[0].islower())


def _bare_word(
    g: Grammar,
    m: re.Match[str],
    d: Groups,
    work: str,
    sentence: tuple[int, int],
    before: str,
    after: str,
    strict: bool,
) -> bool | None:
    """The verdict on a bare rule's month, season or spelled-out year, with no day or number
    to vouch for it; None when the match holds no such word, or one that needs nothing more."""
    word = d.get("month") or d.get("season")
    if not (word or d.get("ysp")):
        return None
    if _alone(work, m, sentence):
        return True
    if d.get("ysp"):
        return strict
    return _common_word(g, word or "", before, after, strict)


def _common_word(g: Grammar, word: str, before: str, after: str, strict: bool) -> bool | None:
    """A month abbreviation ("dec") wants a strict lead word and no name after it ("Jan Smith");
    a month or season that is also a common word ("fall") wants a lead word. None for others."""
    if g.abbr and g.abbr.fullmatch(word):
        return strict and not _NAME_AFTER.match(after)
    if g.risky and g.risky.fullmatch(word):
        return bool(g.lead and g.lead.search(before))
    return None


def _short_year_ends_clause(g: Grammar, d: Groups, after: str, strict: bool) -> bool:
    """A two-digit year ("juillet 98") or a far one without suffix ("in 2150") only as the end
    of a clause ("in 2150, right?"), the far one after a strict lead word. Others pass."""
    if not (d.get("y2") or ("ysuf" in d and not d["ysuf"])):
        return True
    if not (_ENDS.match(after) or (g.conj and g.conj.match(after))):
        return False
    return "ysuf" not in d or strict


def _number_of_another_kind(
    g: Grammar, rule: Rule, m: re.Match[str], d: Groups, before: str, after: str
) -> bool:
    """The number read as a year is a quantity ("2030 tonnes"), money ("$2030"), part of a
    code ("A-2026") or an identifier ("flight 2026")."""
    y = d.get("y")
    if rule.kind == "year" and y and m.group().startswith(y):
        return bool(
            g.quantity.match(after)
            or _MONEY_BEFORE.search(before)
            or _CODE_BEFORE.search(before)
            or (g.identifier and g.identifier.search(before))
        )
    if d.get("y2"):
        return g.quantity.match(after) is not None
    return False


def _alone(work: str, m: re.Match[str], sentence: tuple[int, int]) -> bool:
    """The match is all its sentence holds ("May", "mars."): a date whatever the word."""
    return not (
        work[sentence[0] : m.start()].strip(_EDGE) or work[m.end() : sentence[1]].strip(_EDGE)
    )


def _longest_first(found: list[Cand]) -> list[Cand]:
    taken: list[Cand] = []
    for cand in sorted(found, key=lambda c: (c.s - c.e, c.rank, c.s)):
        if all(cand.e <= t.s or cand.s >= t.e for t in taken):
            taken.append(cand)
    return sorted(taken, key=lambda c: c.s)


def _join_ranges(g: Grammar, cands: list[Cand], work: str, pairs: bool) -> list[Cand]:
    """'2027–2028', 'between 2029 and 2030', 'du 5 au 7 mai': one window covering both ends;
    with `pairs`, '2016 and 2017', 'June and July' too, when the second starts where the
    first ends."""
    out: list[Cand] = []
    for cand in cands:
        prev = out[-1] if out else None
        if prev is not None and not prev.vague and not cand.vague:
            lead_s = _range_start(g, prev, cand, work)
            if lead_s is None and pairs and _adjacent_pair(g, prev, cand, work):
                lead_s = prev.s
            if lead_s is not None:
                out[-1] = _merge(prev, cand, lead_s)
                continue
        out.append(cand)
    return out


def _range_start(g: Grammar, a: Cand, b: Cand, work: str) -> int | None:
    """Where the range a..b starts (its lead word, if any), or None when a and b are no range."""
    between = work[a.e : b.s]
    before_s = max(0, a.s - 16)
    start, paired = a.s, False
    for lead_re, conn_re in g.ranges:
        lead = lead_re.search(work[before_s : a.s])
        if lead:
            start = before_s + lead.start()
            paired = bool(conn_re.fullmatch(between))
            break
    if not paired and not (g.range_free and g.range_free.fullmatch(between)):
        return None
    worded = any(ch.isalpha() for ch in between)
    if worded and g.revision and g.revision.search(work[max(0, start - 40) : start]):
        return None  # "postponed from 2028 to 2030": two dates, the old and the new
    return start


def _adjacent_pair(g: Grammar, a: Cand, b: Cand, work: str) -> bool:
    """Whether a and b are two units of one grain joined by "and", the second starting where
    the first ends ("2016 and 2017", "juin et juillet 2026"): a set of two that is one window."""
    if g.range_and is None or a.grain != b.grain or not g.range_and.fullmatch(work[a.e : b.s]):
        return False
    return _left_window(a, b)[1] == b.start


def _left_window(a: Cand, b: Cand) -> tuple[date, date, bool]:
    """The window of a range's left end and whether it is relative: "from May to October 2020",
    "between August and October": a takes b's year, or the one before."""
    (start, end), relative = (a.start, a.end), a.relative
    anchor = b.year if b.year is not None else b.start.year
    if a.rebase is not None and a.year is None and (b.year is not None or start > b.start):
        start, end = a.rebase(anchor)
        if start > b.start:
            start, end = a.rebase(anchor - 1)
        relative = b.year is None
    return start, end, relative


def _merge(a: Cand, b: Cand, s: int) -> Cand:
    start, end, relative = _left_window(a, b)
    grain = a.grain if a.grain == b.grain else max(a.grain, b.grain, key=COARSENESS.index)
    return Cand(
        s,
        b.e,
        min(start, b.start),
        max(end, b.end),
        grain,
        a.rank,
        relative=relative or b.relative,
        year=b.year,
    )


def _mark_deadline(g: Grammar, cand: Cand, work: str, ref: date, limit: int) -> None:
    """'by X' keeps X's window (its end is the deadline); 'before X' ends where X starts;
    'not before X', 'X at the earliest' keep X's window with an open end; 'not in X' opens
    after X."""
    before_s = max(0, cand.s - 40)
    lead = g.before_words.search(work[before_s : cand.s]) if g.before_words else None
    post = _word_after(g, cand, work, limit)
    if not cand.vague and _mark_open(cand, lead, before_s, post):
        return
    named = work[cand.s : cand.e]
    strict = None
    if lead and lead.lastgroup in ("strict", "by"):
        cand.deadline = True
        cand.s = before_s + lead.start()
        strict = lead if lead.lastgroup == "strict" else None
    if post and post.lastgroup in ("strict", "by") and (lead is None or lead.lastgroup == "by"):
        cand.deadline = True  # "2026 at the latest", "2030'dan önce"
        cand.e += post.end()
        strict = post if post.lastgroup == "strict" else strict
    if strict and 3 in (g.parts.search(named), g.parts.search(strict.group())):
        strict = None  # "before the end of 2028" means by the end of 2028
    if strict and named.isdigit() and g.det_end and g.det_end.search(strict.group()):
        strict = None  # "before the 2024 Olympics": an event of 2024, so by (some time in) 2024
    if strict:
        cand.start, cand.end = min(ref, cand.start), cand.start
        cand.relative = True


def _word_after(g: Grammar, cand: Cand, work: str, limit: int) -> re.Match[str] | None:
    """The deadline, open-end or negation word right after the expression ("2027 at the
    earliest", "2030'a kadar"); not one the next expression (at `limit`) follows at once:
    "in 2026, not before 2027" gives "not before" to 2027."""
    if g.after_words is None:
        return None
    after = work[cand.e : min(cand.e + 40, limit)]
    post = g.after_words.match(after)
    if post and limit < len(work) and not after[post.end() :].strip():
        return None
    return post


def _mark_open(
    cand: Cand, lead: re.Match[str] | None, before_s: int, post: re.Match[str] | None
) -> bool:
    """'not before 2027', '2027 at the earliest', 'frühestens 2027': 2027 with an open end;
    'not in 2014': the window after 2014's, open-ended. False when neither is said."""
    kinds = (lead.lastgroup if lead else None, post.lastgroup if post else None)
    kind = "open" if "open" in kinds else "notin" if "notin" in kinds else None
    if kind is None:
        return False
    if kind == "notin":
        cand.start, cand.end = _following(cand.start, cand.end)
    cand.open_end = True
    if lead and lead.lastgroup == kind:
        cand.s = before_s + lead.start()
    if post and post.lastgroup == kind:
        cand.e += post.end()
    return True


def _following(start: date, end: date) -> Window:
    """The window of the same size right after [start, end): 2014 -> 2015, May -> June."""
    if start.day == 1 and end.day == 1:
        count = (end.year - start.year) * 12 + end.month - start.month
        return end, cal.add_months(end, count)
    return end, end + (end - start)
