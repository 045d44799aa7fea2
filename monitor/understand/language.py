"""The one language guesser: which language a news text (or a date phrase) is written in.

py3langid's naive Bayes model does the work, limited to the languages the monitor reads or is
likely to confuse them with. A text too short to be sure of (a date phrase, a four-word
headline) falls back, in order, to what its source declared, to the best of the languages we
read in full (en/fr/ru) when the model leans that way, and finally to English.
"""

from __future__ import annotations

from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

SAMPLE = 1000  # a news text does not change language midway: its start decides
CANDIDATES = ("en", "fr", "ru", "de", "tr", "es", "it", "pt", "az", "nl", "pl")
FULL = ("en", "fr", "ru")  # languages with a complete date grammar and signal lexicon
SURE = 0.5  # the model's normalised probability above which its answer is taken as is
DEFAULT = "en"


@cache
def _identifier() -> LanguageIdentifier:
    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(list(CANDIDATES))
    return ident


def base_code(lang: str | None) -> str | None:
    """`fr-FR`, `FR`, ` fr ` → `fr`; None or blank → None."""
    if not lang or not lang.strip():
        return None
    return lang.strip().lower().replace("_", "-").split("-")[0] or None


def guess(text: str, declared: str | None = None) -> str:
    """The language code of `text`. `declared` (an item's or feed's `lang`) is a prior: it
    decides only when the text itself is inconclusive."""
    sample = text[:SAMPLE]
    if not any(ch.isalpha() for ch in sample):
        return base_code(declared) or DEFAULT
    ranked = _identifier().rank(sample)
    best, probability = ranked[0]
    if probability >= SURE:
        return str(best)
    prior = base_code(declared)
    if prior:
        return prior
    uniform = 1.0 / len(CANDIDATES)
    for code, p in ranked:
        if code in FULL:
            return str(code) if p >= 1.5 * uniform else DEFAULT
    return DEFAULT
