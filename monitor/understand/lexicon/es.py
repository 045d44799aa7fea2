"""Spanish signal lexicon, a small one (data only; see monitor.understand.lexicon)."""

TERMS = {
    "cancel": (
        r"cancel(?:ad[oa]s?|a|an|o|aron|acion)\b",
        r"abandon(?:ad[oa]s?|a|an|o|aron)\b",
        r"desist\w*",
        r"descartad[oa]s?\b",
    ),
    "delay": (
        r"pospo(?:ne|nen|nia|nd\w*)\b",
        r"pospuest[oa]s?\b",
        r"aplaz\w*",
        r"retras(?:a|an|o|aron|ad[oa]s?|ara|aran)\b",
        r"retrasos?\b",
        r"demora\w*",
        r"postergad[oa]s?\b",
        r"posterg(?:a|an|o|aron)\b",
    ),
    "late": (
        r"con (?:\w+ ){0,3}(?:anos?|meses|semanas) de retraso",
        r"tras (?:\w+ ){0,4}(?:retrasos?|aplazamientos?|demoras?)\b",
    ),
    "dated": (r"no (?:\w+ ){0,8}?(?:hasta|antes de)\b", r"como (?:muy )?pronto"),
    "after_date": (r"como (?:muy )?pronto", r"como minimo"),
    "done": (
        r"inaugur(?:ad[oa]s?|o|aron)\b",
        r"abri(?:o|eron)\b",
        r"entr(?:o|aron) en (?:servicio|funcionamiento|operacion)",
        r"(?:puest[oa]s?|pusieron) en (?:servicio|marcha|funcionamiento|operacion)",
        r"comenz(?:o|aron) a (?:operar|funcionar)",
    ),
    "risk": (
        r"suspend\w*",
        r"paraliz\w*",
        r"en riesgo",
        r"amenaz\w*",
        r"problemas?\b",
        r"dudas?\b",
        r"incertidumbre",
    ),
    "work": (
        r"\d+(?:[.,]\d+)? ?(?:%|por ciento)",
        r"avanza\w*",
        r"obras? (?:\w+ )?(?:comenz|empez)\w*",
    ),
    "plan": (
        r"previst[oa]s? (?:para|en|a)\b",
        r"programad[oa]s? (?:para|en)\b",
        r"segun lo previsto",
        r"en plazo",
        r"a tiempo",
        r"abrira\w*",
        r"entrara en (?:servicio|funcionamiento|operacion)",
    ),
}

NEGATION = r"no|nunca|sin|ningun\w*|desment\w*"
STRICT = r"no|nunca"
YET = r"todavia|aun"
MODAL = r"podria\w*|puede|pueden|posible\w*|riesgo|si|probablemente"
FUTURE = r"sera|seran|va|van|previst\w*|debera|debe|deben|para"
OLD = r"inicialmente|originalmente|previamente|en lugar de|en vez de"
PAST_CONTEXT = r"desde|en"
