"""German signal lexicon (data only; see monitor.understand.lexicon for the kinds).

Folded text: umlauts lose their dots (verzögert -> verzogert), ß stays. German puts the verb
last and splits particles off ("sagt … ab"), so verb families are matched as participles,
nouns and split pairs. A date "abgesagt" (an opening called off) is a postponement; a project
"gestoppt" or "aufgegeben" is dropped.
"""

_W = r"(?:[\w'-]+ ){0,%d}?"
_W2, _W3, _W4, _W6 = (_W % n for n in (2, 3, 4, 6))
_UNITS = r"(?:jahren?|monaten?|wochen?|tagen?|jahrzehnten?)"
_START = (
    r"(?:in betrieb (?:gehen|genommen werden|nehmen)|eroffnen|eroffnet werden|fertig|"
    r"fertiggestellt werden|starten|beginnen|rollen|fliegen|abheben|ans netz gehen|"
    r"an den start gehen|in kraft treten|gelten)"
)

TERMS = {
    "cancel": (
        r"gestoppt",
        r"stopp(?:t|en|te|ten)\b",
        r"aufgegeben",
        r"gib?t (?:\w+ ){0,4}auf\b",
        r"eingestellt",
        r"stell(?:t|en|te|ten) (?:\w+ ){0,4}ein\b",
        r"beerdigt",
        r"gekippt",
        r"kipp(?:t|en|te)\b",
        r"storniert",
        r"gestrichen",
        r"verworfen",
        r"annulliert",
        r"das aus (?:fur|des|der)\b",
        r"zuruckgezogen",
        r"verzicht\w*",
        r"abgeblasen",
        r"(?:ziel|ziele|vorgabe) " + _W3 + r"(?:gesenkt|abgesenkt|herabgesetzt)",
        r"senk\w* " + _W2 + r"(?:ziel|vorgabe)\w*",
    ),
    "delay": (
        r"verschieb\w*",
        r"verschob\w*",
        r"verschoben",
        r"verzoger\w*",
        r"verspat\w*",
        r"aufgeschoben",
        r"vertagt",
        r"abgesagt",
        r"sag(?:t|en|te|ten) (?:\w+ ){0,4}ab\b",
        r"hinausgezogert",
        r"zieht sich (?:\w+ ){0,3}hin",
        r"(?:termin|zeitplan|frist|datum|ziel)\w* " + _W3 + r"(?:nicht (?:mehr )?(?:zu halten|"
        r"haltbar|einzuhalten|eingehalten)|geplatzt|gerissen|verfehlt|unhaltbar)",
        r"verfehl\w*",
        r"verschlepp\w*",
        r"ruckschlag\w*",
        r"neu\w* (?:\w+)?(?:termin|datum|zeitplan)\b",
        r"nach hinten",
        r"(?:spater|spat) (?:fertig|in betrieb|eroffnet)",
    ),
    "late": (
        r"mit (?:\w+ ){0,3}" + _UNITS + r" verspatung",
        r"verspatet\w*",
        r"(?:\w+ )?(?:jahre|jahr|monate|monat|wochen) (?:\w+ ){0,2}spater als (?:\w+ ){0,2}"
        r"(?:geplant|vorgesehen|angekundigt|erwartet|ursprunglich)",
        r"spater als (?:\w+ ){0,2}(?:geplant|vorgesehen|angekundigt|erwartet|ursprunglich)",
        r"nach " + _W4 + r"(?:verzogerung|verschiebung|verspatung|pannen)\w*",
        r"(?:lange|vielfach|mehrfach|immer wieder|mehrmals) (?:\w+ )?(?:verschoben|verzogert)",
        r"hinter dem zeitplan",
        r"hink(?:t|en|te|ten) (?:\w+ ){0,4}hinterher",
        r"(?:im|in) verzug",
        r"sollte(?:n)? (?:eigentlich |ursprunglich |bereits |schon )?" + _W6 + _START,
        r"(?:war|waren) (?:\w+ ){0,4}(?:geplant|vorgesehen|angepeilt)\b",
    ),
    "dated": (
        r"erst\b",
        r"fruhestens",
        r"nicht vor\b",
        r"nicht " + _W6 + r"vor\b",
        r"nun\b(?! (?:\w+ )?erwartet)",
        r"jetzt\b(?! (?:\w+ )?erwartet)",
        r"endlich",
        r"(?:verschoben|verlegt|verschiebt|verschieben) (?:\w+ ){0,3}(?:auf|in|bis)\b",
    ),
    "after_date": (r"fruhestens", r"oder spater\b", r"bestenfalls"),
    "done": (
        r"(?:wieder)?eroffnet\b",
        r"(?:fur den verkehr|dem verkehr) (?:\w+ )?freigegeben",
        r"verkehrsfreigabe",
        r"hob (?:\w+ ){0,4}ab\b",
        r"eingeweiht",
        r"in betrieb (?:genommen|gegangen)",
        r"(?:nahm|nimmt|nehmen|nahmen) (?:\w+ ){0,4}(?:den )?betrieb auf",
        r"startete(?:n)?\b",
        r"(?:hat|haben) (?:\w+ ){0,4}(?:den )?betrieb aufgenommen",
        r"fertiggestellt",
        r"fertig gestellt",
        r"vollendet",
        r"(?<!(?:vertrag|vereinbarung|abkommen|deal|kauf) (?:\w+ ){0,3})abgeschlossen",
        r"gestartet",
        r"abgehoben",
        r"gegluckt",
        r"(?:ging|gingen) (?:\w+ ){0,5}(?:in betrieb|ans netz|an den start|online)\b",
        r"ans netz gegangen",
        r"in kraft getreten",
    ),
    "risk": (
        r"gefahrd\w*",
        r"ausgesetzt",
        r"unterbrochen",
        r"eingefroren",
        r"auf eis",
        r"stillstand",
        r"baustopp",
        r"zweifel\w*",
        r"unsicher\w*",
        r"ungewiss\w*",
        r"streit\w*",
        r"klage\w*",
        r"protest\w*",
        r"sanktion\w*",
        r"probleme?n?\b",
        r"schwierigkeit\w*",
        r"risik\w*",
        r"bedroh\w*",
        r"in frage",
        r"infrage",
        r"wackel\w*",
        r"kostenexplosion",
        r"mehrkosten",
        r"abgeschwacht",
        r"aufgeweicht",
        r"lockerung\w*",
        r"fraglich",
        r"auf der kippe",
        r"in gefahr",
    ),
    "work": (
        r"\d+(?:[.,]\d+)? ?(?:%|prozent)",
        r"fortschritt\w*",
        r"(?:bau|bauarbeiten|arbeiten) (?:\w+ )?(?:begonnen|gestartet|laufen|lauft|schreiten)",
        r"durchgeschlagen",
        r"durchschlag\w*",
        r"genehmig\w*",
        r"unterzeichnet",
        r"getestet",
        r"test\w*",
        r"probebetrieb",
        r"fertig\b",
        r"meilenstein",
        r"richtfest",
        r"grundsteinlegung",
        r"spatenstich",
    ),
    "plan": (
        r"(?:wie )?(?:geplant|vorgesehen|angekundigt)\b",
        r"im zeitplan",
        r"im plan\b",
        r"zeitplan (?:\w+ )?(?:wird |ist )?(?:eingehalten|gehalten)",
        r"nach plan",
        r"planmaßig",
        r"termingerecht",
        r"rechtzeitig",
        r"soll(?:en|te|ten)? " + _W6 + _START,
        r"(?:wird|werden) " + _W6 + _START,
        r"(?:geplant|vorgesehen|angepeilt|anvisiert|terminiert|avisiert)\w*\b",
        r"halt\w* " + _W4 + r"fest",
        r"in betrieb (?:zu )?nehmen",
        r"(?:geht|gehen) (?:\w+ ){0,5}(?:in betrieb|ans netz|an den start|online)\b",
        r"rechnet (?:\w+ )?damit",
    ),
    "event": (r"stattfinden", r"findet (?:\w+ ){0,4}statt"),
}

NEGATION = r"nicht|kein\w*|nie|niemals|ohne|dementier\w*|weder"
STRICT = r"nicht|nie|niemals|kein\w*"
YET = r"noch"
MODAL = (
    r"konnte\w*|moglich\w*|moglicherweise|droh\w*|falls|wenn|eventuell|befurcht\w*|ware|"
    r"waren|riskier\w*|gefahr"
)
FUTURE = (
    r"wird|werden|soll|sollen|sollte|sollten|geplant|will|wollen|voraussichtlich|plant|planen|"
    r"zu|um|erwartet|angepeilt|vorgesehen"
)
NEGATION_AFTER = r"\W+(?:wurde |wird )?(?:dementiert|ausgeschlossen)"
FUTURE_AFTER = r"\W+(?:[\w'-]+\W+){0,3}(?:geplant|vorgesehen|erwartet|angepeilt)\b"
OLD = (
    r"ursprunglich|zuvor|bislang|bisher|statt|anstatt|anstelle|eigentlich|vorher|zunachst|"
    r"sollte|sollten|war geplant|war vorgesehen"
)
SHIFT_FROM = r"von"
PAST_CONTEXT = r"seit|im|in|am|ab"
