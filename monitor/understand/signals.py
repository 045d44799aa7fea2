"""Signals: what one sentence says happened to a commitment, with its revised date and figure.

The lexicon is data: per language, per signal, regular expressions over folded text (casefolded,
Latin accents stripped, see monitor.understand.matching.fold). Cue words nearby change a term's
meaning: negation ("not delayed" -> on track), modality ("could be delayed" -> risk) and the future
("will be completed in 2026" -> a plan, read as progress with a forecast).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import regex

from monitor.core.enums import Signal
from monitor.understand.dates import DateExpr, find_dates
from monitor.understand.language import base_code, guess
from monitor.understand.matching import fold
from monitor.understand.quantity import Quantity, find_quantities

# Signal terms. Patterns match at a word start; \w* lets inflections through.
LEXICON: dict[str, dict[Signal, tuple[str, ...]]] = {
    "en": {
        Signal.CANCELLATION: (
            r"cancel\w*",
            r"scrap(?:ped|s)?\b",
            r"abandon\w*",
            r"called off",
            r"shelved",
            r"axed",
            r"terminated",
        ),
        Signal.DELAY: (
            r"postpon\w*",
            r"delay\w*",
            r"(?:pushed|pushes|push|put|moved|set) back",
            r"behind schedule",
            r"slipp?(?:ed|ing|s)? (?:to|into|back)",
            r"defer\w*",
            r"reschedul\w*",
            r"pushed (?:to|into)",
            r"(?:moved|shifted) to\b",
            r"later than (?:planned|expected|scheduled|promised)",
            r"(?:not|n't) (?:be )?(?:ready|completed?|finished|open\w*) "
            r"(?:until|before)",
            r"deadline (?:was |has been )?extended",
            r"extended the deadline",
            r"missed (?:the|its) (?:deadline|target)",
            r"setback",
        ),
        Signal.COMPLETION: (
            r"opened",
            r"inaugurat\w*",
            r"(?<!(?:%|percent|per cent) )completed?\b",
            r"completion",
            r"commissioned",
            r"first (?:freight |cargo )?trains?",
            r"(?:began|begun|started) (?:operations?|operating|service)",
            r"entered (?:into )?(?:service|operation)",
            r"(?:is|are) now (?:open|operational)",
            r"became operational",
            r"put into (?:operation|service)",
            r"finished",
            r"was held",
            r"took place",
            r"hosted",
            r"convened",
            r"surpass\w*",
            r"exceed\w*",
        ),
        # plans with a date: "planned for 2028", "will open in 2028" (read as progress)
        Signal.RISK: (
            r"halt\w*",
            r"suspen\w*",
            r"stall\w*",
            r"funding (?:gap|shortfall)",
            r"shortfall",
            r"disput\w*",
            r"protest\w*",
            r"sanction\w*",
            r"uncertain\w*",
            r"obstacle\w*",
            r"disagree\w*",
            r"stalemate",
            r"froze\w*",
            r"freez\w*",
            r"block\w*",
            r"jeopard\w*",
            r"at risk",
            r"threat\w*",
            r"cost overruns?",
            r"(?:lack|shortage) of (?:funding|financing|funds)",
            r"tension\w*",
            r"(?:faces?|facing) (?:problems|difficulties|hurdles)",
            r"hurdle\w*",
            r"risks?\b",
            r"in question",
            r"bottleneck\w*",
        ),
        Signal.PROGRESS: (
            r"on (?:schedule|track)",
            r"as (?:planned|scheduled)",
            r"ahead of schedule",
            r"\d+(?:[.,]\d+)? ?(?:%|percent|per cent)",
            r"progress\w*",
            r"under ?way",
            r"(?:phase|stage) (?:launched|began|started)",
            r"(?:construction|work|works) (?:began|started|continues|is advancing)",
            r"laid",
            r"reached",
            r"rose",
            r"grew",
            r"increased",
            r"advanc\w*",
            r"launched",
            r"signed",
            r"tested",
            r"test run",
            r"(?:planned|scheduled|set|slated) (?:for|in)",
            r"(?:now )?expected (?:in|by|to)",
            r"due (?:in|by|to)",
            r"will (?:open|host|start|begin|take place|enter|reach|be (?:fully )?"
            r"(?:completed|finished|ready|operational|built))",
            r"to (?:open|start|begin) (?:in|by)",
            r"remains? (?:on track|planned)",
            r"to be (?:completed|finished|built|ready)",
        ),
    },
    "fr": {
        Signal.CANCELLATION: (r"annul\w*", r"abandonn\w*", r"renonc\w*", r"enterr[eé]\w*"),
        Signal.DELAY: (
            r"report(?:e|ee|es|ees|er|era|eront|ait|erait)?\b",
            r"report (?:de|du|a)\b",
            r"retard\w*",
            r"decal\w*",
            r"repouss\w*",
            r"ajourn\w*",
            r"differ(?:e|ee|es|ees|er)\b",
            r"glissement du calendrier",
            r"remis a plus tard",
            r"(?:pas|plus) avant",
            r"delai (?:a ete |est )?prolong\w*",
            r"prolong\w* (?:le|du) delai",
        ),
        Signal.COMPLETION: (
            r"achev(?:e|ee|es|ees)\b(?! a \d)",
            r"inaugur(?:e|ee|es|ees|ation)\b",
            r"ouvert(?:e|es|s)?\b",
            r"termine(?:e|es|s)?\b",
            r"mise? en service",
            r"premiers? trains?",
            r"s'est tenu\w*",
            r"a eu lieu",
            r"a accueilli",
            r"depass\w*",
            r"finalis\w*",
        ),
        Signal.RISK: (
            r"suspen\w*",
            r"interromp\w*",
            r"interrup\w*",
            r"arret\w*",
            r"gel(?:e|ee|es)\b",
            r"bloqu\w*",
            r"blocage",
            r"differend\w*",
            r"litige\w*",
            r"tension\w*",
            r"(?:manque|deficit|defaut) de financement",
            r"sanction\w*",
            r"incertitude\w*",
            r"menac\w*",
            r"obstacle\w*",
            r"difficult\w*",
            r"en panne",
            r"impasse",
        ),
        Signal.PROGRESS: (
            r"dans les (?:temps|delais)",
            r"comme prevu",
            r"conformement au calendrier",
            r"en avance",
            r"\d+(?:[.,]\d+)? ?(?:%|pour ?cent)",
            r"progress\w*",
            r"avance\w*",
            r"en cours",
            r"se poursui\w*",
            r"atteint",
            r"hausse",
            r"augment\w*",
            r"lanc(?:e|ee|ees|es)\b",
            r"pos(?:e|es|ee|ees) (?:les|des) rails",
            r"sign(?:e|es|ee|ees)\b",
            r"demarr\w*",
            r"prevue?s? (?:pour|en|a|d'ici)",
            r"attendue?s? (?:en|pour|a|d'ici)",
            r"ouvrira",
            r"accueillera",
            r"se tiendra",
            r"aura lieu",
            r"debuter\w*",
            r"commencer\w*",
            r"atteindra",
            r"ser(?:a|ont) (?:pleinement )?(?:operationnel\w*|pret\w*|construit\w*)",
        ),
    },
    "ru": {
        Signal.CANCELLATION: (
            r"отмен\w*",
            r"отказ\w* от",
            r"свернут\w*",
            r"свернул\w*",
            r"аннулир\w*",
        ),
        Signal.DELAY: (
            r"перенес\w*",
            r"перенос\w*",
            r"отлож\w*",
            r"отклад\w*",
            r"задерж\w*",
            r"затян\w*",
            r"сдвин\w*",
            r"сдвиг\w*",
            r"отстава\w*",
            r"отстает\w*",
            r"срыв\w* срок\w*",
            r"не раньше",
            r"не ранее",
            r"продл\w* срок\w*",
            r"с опозданием",
        ),
        Signal.COMPLETION: (
            r"открыт(?:а|о|ы)?\b",
            r"открыл\w*",
            r"завершен(?:а|о|ы)?\b",
            r"завершил\w*",
            r"(?:введен|сдан)\w* в эксплуатацию",
            r"запущен(?:а|о|ы)?\b",
            r"первы\w* поезд\w*",
            r"состоял\w*",
            r"прош(?:ел|ла|ло)\b",
            r"инаугур\w*",
            r"достро\w*",
            r"построен(?:а|о|ы)?\b",
            r"превысил\w*",
        ),
        Signal.RISK: (
            r"приостанов\w*",
            r"останов\w*",
            r"заморож\w*",
            r"спор\w*",
            r"разноглас\w*",
            r"(?:нехватк|дефицит)\w* (?:финансир|средств)\w*",
            r"санкци\w*",
            r"угроз\w*",
            r"под угрозой",
            r"проблем\w*",
            r"трудност\w*",
            r"блокир\w*",
            r"напряженност\w*",
            r"препятств\w*",
        ),
        Signal.PROGRESS: (
            r"по графику",
            r"в срок",
            r"в соответствии с графиком",
            r"опережени\w*",
            r"\d+(?:[.,]\d+)? ?(?:%|процент\w*)",
            r"продолжа\w*",
            r"начал\w* строительств\w*",
            r"этап\w*",
            r"вырос\w*",
            r"увеличил\w*",
            r"достиг\w*",
            r"ход\w* работ",
            r"запуст\w*",
            r"подписа\w*",
            r"уложен\w*",
            r"запланирован\w*",
            r"ожида\w*",
            r"откроется",
            r"пройдет",
            r"состоится",
            r"начнется",
            r"достигнет",
            r"заработает",
            r"намечен\w*",
            r"завершится",
            r"будут? (?:полностью )?(?:завершен|построен|введен|открыт|готов)\w*",
        ),
    },
    "tr": {
        Signal.CANCELLATION: (r"iptal\w*", r"legv\w*"),
        Signal.DELAY: (r"ertelen\w*", r"ertele\w*", r"gecik\w*", r"texire sal\w*"),
        Signal.COMPLETION: (
            r"acildi",
            r"acilis toreni",
            r"tamamlandi",
            r"istifadeye verildi",
            r"hizmete girdi",
        ),
        Signal.RISK: (r"durduruldu", r"askiya alindi"),
        Signal.PROGRESS: (r"planlandigi gibi", r"%\d+"),
    },
}
LEXICON["az"] = LEXICON["tr"]

# Cue words that change a term found after them (within _SCOPE words, same clause).
NEGATION = {
    "en": r"not|no|never|n't|without|den(?:y|ied|ies)|dismiss\w*|reject\w*|refut\w*|ruled out",
    "fr": r"pas|ne|n|aucun\w*|jamais|sans|dement\w*|rejet\w*|ni[ea]?\w*|exclu\w*",
    "ru": r"не|нет|ни|никак\w*|без|опроверг\w*|отрица\w*",
    "tr": r"degil|yok",
}
MODAL = {
    "en": r"could|may|might|risks?|risking|threaten\w*|likely|possibl\w*|fears?|warn\w*|if|unless",
    "fr": r"pourrai\w*|pourra\w*|risqu\w*|susceptible\w*|possibl\w*|crain\w*|menac\w*|si",
    "ru": r"мож\w*|могут|могл\w*|возможн\w*|риск\w*|грозит|если|вероятн\w*|опаса\w*",
    "tr": r"olabilir|riski",
}
FUTURE = {
    "en": r"will|shall|to be|to|expected|scheduled|set|due|planned|slated|plans?|aims?|intends?|"
    r"should|going|would",
    "fr": r"sera|seront|sera\w*|devrai\w*|doi\w*|prevu\w*|va|vont|compte|prevoit|attendu\w*|"
    r"pour|doit",
    "ru": r"будет|будут|планиру\w*|ожида\w*|долж\w*|намечен\w*|запланирован\w*|предполага\w*|"
    r"планах|чтобы",
    "tr": r"olacak|planlan\w*",
}
# Words that mark a date as the past of the story rather than its forecast.
HISTORY = regex.compile(
    r"(?:originally|initially|previously|earlier|first|instead of|rather than|from|since|"
    r"initialement|auparavant|au lieu de|depuis|d'abord|изначально|первоначально|ранее|вместо|"
    r"с|со|начиная|in|en|в)\W+(?:\w+\W+){0,2}$",
    regex.IGNORECASE,
)
_HISTORY_STRONG = regex.compile(
    r"(?:originally|initially|previously|instead of|rather than|from|initialement|au lieu de|"
    r"изначально|первоначально|ранее|вместо)\W+(?:\w+\W+){0,3}$",
    regex.IGNORECASE,
)
_CLAUSE_BREAK = regex.compile(r"[,;:()]|\b(?:but|mais|но|однако|while|whereas|tandis)\b")
_FUTURE_AFTER = regex.compile(
    r"\W+(?:\w+\W+){0,2}(?:is |are |est |sont )?(?:expected|planned|scheduled|due|attendu\w*|"
    r"prevu\w*|ожида\w*|запланирован\w*|планиру\w*)"
)
_SCOPE = 5
_WORD = regex.compile(r"[\p{L}\p{N}']+")


def _alternation(patterns: tuple[str, ...]) -> regex.Pattern[str]:
    return regex.compile(r"(?<![\p{L}\p{N}])(?:" + "|".join(patterns) + ")", regex.IGNORECASE)


_TERMS = {
    lang: {sig: _alternation(p) for sig, p in table.items()} for lang, table in LEXICON.items()
}
_CUES = {
    name: {lang: regex.compile(r"^(?:" + p + r")$", regex.IGNORECASE) for lang, p in table.items()}
    for name, table in (("neg", NEGATION), ("modal", MODAL), ("future", FUTURE))
}


def lexicon_lang(text: str, lang: str | None) -> str:
    """The lexicon to read `text` with: the declared code when we have a lexicon for it, else
    the guessed language's, else English's."""
    declared = base_code(lang)
    if declared in LEXICON:
        return declared
    code = guess(text, declared)
    return code if code in LEXICON else "en"


@dataclass(frozen=True)
class Reading:
    """The signal of one sentence and what backs it."""

    signal: Signal
    forecast: DateExpr | None
    quantity: Quantity | None
    confidence: float
    terms: tuple[str, ...]
    negated: bool


@dataclass(frozen=True)
class _Term:
    signal: Signal
    text: str
    start: int
    negated: bool
    modal: bool
    future: bool


def _cues_before(folded: str, start: int, lang: str) -> tuple[bool, bool, bool]:
    """(negated, modal, future) from the words before `start` within the same clause."""
    before = folded[:start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    words = _WORD.findall(before)[-_SCOPE:]
    words = [w for part in words for w in part.split("'") if w]  # n'est -> n, est
    flags = []
    for name in ("neg", "modal", "future"):
        cue = _CUES[name].get(lang)
        flags.append(bool(cue) and any(cue.match(w) for w in words))  # type: ignore[union-attr]
    return flags[0], flags[1], flags[2]


def _terms(folded: str, lang: str) -> list[_Term]:
    found = []
    for signal, pattern in _TERMS[lang].items():
        for m in pattern.finditer(folded):
            negated, modal, future = _cues_before(folded, m.start(), lang)
            after = folded[m.end() : m.end() + 25]
            if regex.match(r"\W+(?:was |were )?(?:ruled out|denied|exclu|опроверг)", after):
                negated = True
            if _FUTURE_AFTER.match(after):
                future = True
            found.append(_Term(signal, m.group(), m.start(), negated, modal, future))
    return found


_PRIORITY = {
    Signal.CANCELLATION: 0,
    Signal.DELAY: 1,
    Signal.COMPLETION: 2,
    Signal.RISK: 3,
    Signal.PROGRESS: 4,
    Signal.MENTION: 5,
}


def _effective(term: _Term) -> tuple[Signal, bool]:
    """What a term means once its cues are applied: (signal, negated)."""
    s = term.signal
    if term.negated:
        if s is Signal.DELAY:
            return Signal.PROGRESS, True  # "not delayed", "no delay": on track
        return Signal.MENTION, True
    if term.modal and s in (Signal.DELAY, Signal.CANCELLATION, Signal.COMPLETION):
        return (Signal.RISK if s is not Signal.COMPLETION else Signal.PROGRESS), False
    if term.future and s is Signal.COMPLETION:
        return Signal.PROGRESS, False  # "will be completed in 2026": a plan, not an event
    return s, False


def _pick_forecast(
    dates: list[DateExpr], folded: str, signal: Signal, published: date, anchor: int
) -> DateExpr | None:
    """The revised window a sentence gives: the latest date that is not the story's past."""
    kept = []
    for d in dates:
        before = folded[max(0, d.span[0] - 40) : d.span[0]]
        if _HISTORY_STRONG.search(before):
            continue
        if signal is not Signal.COMPLETION and d.end <= published:
            continue  # a window already over is history unless it dates a completion
        if signal is not Signal.COMPLETION and HISTORY.search(before) and d.start <= published:
            continue
        kept.append(d)
    if not kept:
        return None
    if signal is Signal.DELAY:
        after = [d for d in kept if d.span[0] >= anchor]
        if after:
            return min(after, key=lambda d: d.span[0])  # "pushed back to X": the nearest X
    return max(kept, key=lambda d: (d.start, d.end))


def read_sentence(sentence: str, lang: str | None, published: date) -> Reading:
    """Signal, revised window, figure and terms of one sentence, read as of `published`."""
    code = lexicon_lang(sentence, lang)
    folded = fold(sentence)
    terms = _terms(folded, code)
    signal, negated, anchor, used = Signal.MENTION, False, 0, []
    if terms:
        readings = [(_effective(t), t) for t in terms]
        (signal, negated), top = min(readings, key=lambda r: (_PRIORITY[r[0][0]], r[1].start))
        anchor = top.start
        used = [t.text for (s, _), t in readings if s is signal]
    quantities = find_quantities(sentence)
    forecast = None
    # A date is a forecast only when the sentence speaks of the project's course.
    if signal is not Signal.MENTION and not (negated and signal is Signal.PROGRESS):
        dates = [
            d
            for d in find_dates(sentence, published, code)
            if not any(q.span[0] <= d.span[0] < q.span[1] for q in quantities)
        ]
        forecast = _pick_forecast(dates, folded, signal, published, anchor)
    confidence = 0.5 if signal is Signal.MENTION else 0.8
    if forecast is not None:
        confidence += 0.1
    if negated:
        confidence -= 0.1
    return Reading(
        signal,
        forecast,
        quantities[0] if quantities else None,
        round(confidence, 2),
        tuple(used),
        negated,
    )
