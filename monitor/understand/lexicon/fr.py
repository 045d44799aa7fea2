"""French signal lexicon (data only; see monitor.understand.lexicon for the kinds)."""

_W = r"(?:[\w'-]+ ){0,%d}?"
_W2, _W3, _W5, _W8 = (_W % n for n in (2, 3, 5, 8))
_PP = r"(?:e|ee|es|ees)\b"  # past participle endings of -er verbs, folded: reporté(e)(s)
_UNITS = r"(?:ans?|annees?|mois|semaines?|jours?|decennies?|heures?)"
_EVENT_INF = (
    r"(?:ouvrir|entrer|etre|fonctionner|demarrer|debuter|relier|arriver|commencer|s'achever|"
    r"decoller|voler|produire|livrer|avoir lieu|se tenir|desservir|accueillir|circuler|"
    r"aboutir|rouler|sortir|partir|servir)"
)

TERMS = {
    "cancel": (
        r"annul(?:e|ee|es|ees|er|era|ent|ait|ation|ations)\b",
        r"abandonn\w*",
        r"abandon\b",
        r"renonc\w*",
        r"enterr(?:e|ee|es|ees|er|ement)\b",
        r"ne verra (?:pas|jamais) le jour",
        r"(?:mis|mise|met|mettre|mettent) (?:un terme|fin) (?:a|au)\b",
        r"arret(?:e|ee|es|ees) (?:definitivement|pour de bon)",
        r"revoqu\w*",
        r"abrog\w*",
        r"(?:objectif|cible|ambition)s? " + _W3 + r"(?:abaiss|revu\w* a la baisse|redui)\w*",
        r"abaiss\w* (?:l'|de l'|son |leur )?(?:objectif|ambition)",
        r"tir\w* un trait sur",
        r"jet\w* l'eponge",
    ),
    "delay": (
        r"report(?:e|ee|es|ees|er|era|eront|ait|aient|erait|ant)?\b",
        r"report (?:de|du|a|d')",
        r"retard(?:e|ee|es|ees|er|era|ent|ant)\b",
        r"retards?\b",
        r"decal(?:e|ee|es|ees|er|age|ages|ent|era|ant)\b",
        r"repouss\w*",
        r"ajourn\w*",
        r"differ(?:e|ee|es|ees|er)\b",
        r"glissements?\b(?! de terrains?)",
        r"remis a plus tard",
        r"delais? " + _W3 + r"prolong\w*",
        r"prolong\w* (?:le|du|les|des) delais?",
        r"nouvel(?:le)? (?:\w+ )?(?:date|echeance|fenetre|calendrier|report)\b",
        r"avort(?:e|ee|es|ees)\b",
        r"(?:manqu|rat)\w* (?:l'|le |la |son |sa )?(?:echeance|objectif|date|rendez-vous)",
        r"ne (?:pourra|peut|pourront|peuvent|sera|seront) (?:plus |pas )?(?:tenir|respecter|"
        r"etre tenue?s?) (?:les? |la |l')?(?:delais?|calendrier|echeance|date|objectif)",
        r"calendrier (?:\w+ ){0,2}(?:glisse|derape|intenable)",
        r"(?:derive|derapage) (?:\w+ )?(?:du )?calendrier",
        r"sine die",
        r"(?:\w+-)?(?:mois|ans?|annees?) de (?:decalage|glissement)",
    ),
    "late": (
        r"avec (?:\w+ ){0,3}" + _UNITS + r" (?:de retard|d'attente)",
        r"en retard\b",
        r"apres " + _W5 + r"(?:retards?|reports?|report(?:e|ee)s?|ajournements?|"
        r"atermoiements|deboires)\b",
        r"(?:des|plusieurs|de nombreuses|de longues) " + _UNITS + r" de retard",
        r"(?:maintes|plusieurs|a plusieurs|a de multiples|a de nombreuses) (?:fois|reprises) "
        r"(?:\w+ ){0,2}(?:report|repouss|retard|decal)\w*",
        r"(?:tres|longtemps|souvent) (?:attendu\w* et )?(?:retard|report)" + _PP,
        r"plus tard que prevu",
        r"plus lentement que prevu",
        r"prend (?:encore )?(?:\w+ ){0,3}de retard",
        r"(?:a|ont|avait|avaient) pris (?:\w+ ){0,3}retard",
        r"devai(?:t|ent) (?:initialement |d'abord |a l'origine )?(?:\w+ ){0,3}" + _EVENT_INF,
        r"(?:etait|etaient|avait ete|avaient ete) (?:initialement |d'abord |alors |a l'origine "
        r")?(?:prevue?s?|programmee?s?|envisagee?s?|annoncee?s?|attendue?s?) "
        r"(?:pour|en|a|au|d'ici)\b",
        r"prevue?s? un temps",
    ),
    "dated": (
        r"pas " + _W8 + r"avant\b",
        r"(?:pas|plus) avant",
        # "désormais attendue en 2031" is a forecast (a plan); "désormais prévue" moves the date
        r"desormais (?:\w+ ){0,2}(?:prevue?s?|programmee?s?|fixee?s?|envisagee?s?|"
        r"annoncee?s?)",
        r"(?:est|sont|sera|seront) (?:desormais|maintenant|finalement)\b(?! (?:attendue?s?|"
        r"esperee?s?|estimee?s?))",
        r"finalement\b",
        r"enfin\b",
        r"devra (?:\w+ ){0,2}attendre",
        r"faudra (?:\w+ ){0,2}attendre",
        r"seulement (?:en|a|au|fin|debut|mi|a partir|d'ici)\b",
        r"(?:repouss|report|decal|glisse)\w* (?:\w+ ){0,3}(?:a|au|en|jusqu'|pour)\b",
        r"(?:nouvelle|prochaine) (?:date|fenetre)",
    ),
    "after_date": (r"au plus tot", r"au mieux", r"dans le meilleur des cas"),
    "done": (
        r"(?:a |ont |est |sont |ete |officiellement |enfin )?ouvert(?:e|es|s)?\b"
        r"(?! (?:a la concurrence|aux? (?:discussions?|negociations?|investisseurs)))",
        r"ouvr(?:e|ent) (?:ses|leurs|enfin|officiellement|au|aux|a la|a l')\b(?! (?:debat|"
        r"discussions?|negociations?|concurrence))",
        r"rouvert(?:e|es|s)?\b",
        r"rouvr(?:e|ent)\b(?! (?:le debat|les discussions|le dossier))",
        r"s'est envole\w*",
        r"en service depuis",
        r"premier gaz",
        r"inaugur" + _PP,
        r"achev" + _PP + r"(?! a \d)",
        r"termine(?:e|es|s)?\b",
        r"(?<!(?:la|sa|leur|une|de|d'|du|pour|avant|apres|des|prochaine|future|cette) )"
        r"mise?s? en (?:service|exploitation|circulation|orbite|production)\b",
        r"(?:est|sont|a ete|ont ete) entr" + _PP + r" en (?:service|fonction|exploitation|"
        r"vigueur|production)",
        r"entre(?:nt)? en (?:service|fonction|exploitation|vigueur|production|phase de "
        r"production)",
        r"premiers? (?:\w+ )?(?:trains?|vols?|metros?|rames?) (?:a |ont |s'est )?(?:circule|"
        r"roule|relie|quitte|franchi|decolle|effectue|transporte)\w*",
        r"s'est tenu\w*",
        r"s'est (?:\w+ )?produit\w*",
        r"(?:a|ont) eu lieu",
        r"(?:a|ont) accueilli",
        r"(?<!(?:cout|couts|budget|facture|depenses) )(?:a |ont )?depass(?:e|ent)\b",
        r"finalis" + _PP,
        r"(?:a|ont|avait|est|sont) (?:\w+ )?(?:demarr|decoll)" + _PP,
        r"decoll(?:e|ent)\b",
        r"succes du (?:\w+ )?(?:vol|lancement|tir) inaugural",
        r"(?:est|sont) (?:desormais |maintenant |enfin )?(?:pleinement )?operationnel\w*",
        r"dessert desormais",
        r"(?:a|ont) (?:ete )?(?:livre|livree|livres|livrees) (?:ses |leurs |les )?premi\w*",
    ),
    "risk": (
        r"suspen\w*",
        r"interromp\w*",
        r"interrup\w*",
        r"(?:a l'|l'|en )arret\b",
        r"arret(?:e|ee|es|ees|er)? (?:des |les |du |le |la )?(?:travaux|chantiers?|construction)",
        r"(?:travaux|chantiers?|construction) (?:\w+ )?(?:a l')?arret(?:e|es|ee|ees)?\b",
        r"gel(?:e|ee|es)\b",
        r"bloqu\w*",
        r"blocage",
        r"differend\w*",
        r"litige\w*",
        r"tension\w*",
        r"(?:manque|deficit|defaut) de financement",
        r"sanction\w*",
        r"incertitude\w*",
        r"incertain\w*",
        r"menac\w*",
        r"obstacle\w*",
        r"difficult\w*",
        r"en panne",
        r"impasse",
        r"dout\w*",
        r"remis\w* en (?:cause|question)",
        r"en suspens",
        r"en question",
        r"compromi\w*",
        r"assoupli\w*",
        r"reexamin\w*",
        r"reexamen",
        r"fragilis\w*",
        r"cul[- ]de[- ]sac",
        r"au bord du gouffre",
        r"recours\b",
        r"problemes?\b",
        r"en sursis",
        r"inquietudes?",
        r"dans le flou",
        r"points? d'interrogation",
    ),
    "work": (
        r"\d+(?:[.,]\d+)? ?(?:%|pour ?cent)",
        r"progress\w*",
        r"avance\w*",
        r"en cours",
        r"se poursui\w*",
        r"atteint",
        r"hausse",
        r"augment\w*",
        r"lanc(?:e|ee|ees|es)\b",
        r"pos(?:e|es|ee|ees) (?:les|des|le|du) (?:\w+ )?rails?",
        r"sign(?:e|es|ee|ees)\b",
        r"demarr\w*",
        r"feu vert",
        r"autoris\w*",
        r"soudure",
        r"essais?\b",
        r"tests?\b",
    ),
    "plan": (
        r"dans les (?:temps|delais)",
        r"a temps\b",
        r"comme prevu",
        r"calendrier (?:\w+ )?(?:est |sera )?(?:tenu|respecte|maintenu)",
        r"respect\w* (?:le |les |l')?(?:calendrier|delais?|echeance)",
        r"tenir (?:les |le )?(?:delais?|calendrier)",
        r"conformement (?:au calendrier|a l'engagement|aux engagements|au planning)",
        r"en avance",
        r"(?:prevue?s?|programmee?s?|envisagee?s?|fixee?s?|planifiee?s?|attendue?s?) (?:pour|"
        r"en|a|au|d'ici|le|dans|entre|des|a partir)\b",
        r"ouvrira\w*",
        r"accueillera",
        r"debutera\w*",
        r"commencera\w*",
        r"atteindra",
        r"arrivera",
        r"entrera en (?:service|vigueur|fonction|exploitation)",
        r"ser(?:a|ont) (?:pleinement )?(?:operationnel\w*|pret\w*|construit\w*|acheve\w*|"
        r"termine\w*|mise? en service|ouverte?s?|realise\w*|livre\w*|disponible\w*)",
        r"(?:doit|doivent|devrait|devraient|devra|devront) (?:\w+ ){0,2}(?:etre|ouvrir|entrer|"
        r"demarrer|debuter|arriver|avoir|voler|decoller|se produire)\b",
        r"prete?s?\b",
        r"maintenue?s?\b",
        r"(?:la |sa |leur |une |de la )mise en (?:service|exploitation)",
        r"se produire",
        r"rest(?:e|ent|erait) (?:fixee?s?|prevue?s?|d'actualite|inchangee?s?)",
    ),
    "event": (
        r"aura lieu",
        r"auront lieu",
        r"se tiendra",
        r"avoir lieu",
    ),
}

NEGATION = (
    r"ne|n|pas|jamais|aucun\w*|sans|dement\w*|rejet\w*|ni|ni(?:e|er|ent|ant)|exclu\w*|ecart\w*"
)
STRICT = r"ne|n|pas|jamais"
YET = r"encore"
MODAL = (
    r"serait|seraient|pourrai\w*|pourra\w*|pourr\w*|risqu\w*|susceptible\w*|possibl\w*|eventuel\w*|crain\w*|"
    r"menac\w*|si|peut|peuvent|peut-etre"
)
FUTURE = (
    r"sera|seront|sera\w*|devrai\w*|doi\w*|prevu\w*|va|vont|compte|prevoit|attendu\w*|pour|"
    r"doit|devra\w*|aller|vise|visent|espere|esperent|pret\w*"
)
NEGATION_AFTER = r"\W+(?:a ete |ont ete |est |sont )?(?:exclu|dementi)"
FUTURE_AFTER = (
    r"\W+(?:[\w'-]+\W+){0,2}(?:est |sont |sera |seront )?(?:prevue?s?|attendue?s?|"
    r"programmee?s?|envisagee?s?)\b"
)
OLD = (
    r"initialement|auparavant|au lieu de|plutot que|precedemment|a l'origine|originellement|"
    r"un temps|devait|devaient|etait prevue?s?|etait programmee?s?|avait ete prevue?s?"
)
SHIFT_FROM = r"(?:avance|recule|report|repousse|decale|glisse|passe)\w* de"
PAST_CONTEXT = r"depuis|d'abord|en|au"
