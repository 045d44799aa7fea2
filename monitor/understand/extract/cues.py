"""Promise cues for `monitor.understand.extract`, one `Cues` per fully read language (data only).

Every pattern is a regular-expression alternation over *folded* text (`matching.fold`: casefolded,
Latin accents stripped, ё → е, same length as the original), matched at word boundaries:

    plan      a promise, plan, schedule or target in force      "sera achevée", "is scheduled
              (a date or figure in its clause is the deadline)  to", "планируется", "objectif"
    weak      the future or an intention; it does not survive   "will", "would", "could",
              a past fact in the same stretch of the clause     "pour", "чтобы"
    old       before a date: the plan that was replaced         "initially", "devait",
                                                                "изначально", "instead of"
    past      a fact already done (blocks `weak`, and dates     "last year", "ont dépassé",
              next to it are not deadlines)                     "adoptée lors", "было"
    target    raising or aiming a figure: the figure after it   "porter à", "increase to",
              is a target                                       "довести до", "capacité"
    create    building something (a plan with no date or figure  "construction de", "build",
              still counts when the sentence plans it)          "создание"
    new       "new" before a project noun: also something to    "nouveau système", "new
              build                                             terminal", "новый терминал"
    speech    reporting verbs: their subject is an actor        "a annoncé", "said", "заявил"
    lead      ends a reported-speech lead-in ("… said that")    "que", "that", "что"
    anaphor   a clause opening that points back to the last      "il", "son", "it", "the
              thing named                                       project", "он", "проект"
    coord     where a sentence splits into coordinated clauses   ", et que", "; ", ", а также"
    place     a preposition before a place name                 "à", "in", "в"
    person    a person's title before a name                    "président", "minister", "глава"
    heads     nouns that name a project next to a proper name   "corridor", "line", "газопровод"

`stop` lists function words that are never context words. FR future and conditional verbs and RU
past-tense verbs are found by their endings (`FR_FUTURE`, `RU_PAST`), with the few words that
end the same way listed as exceptions.
"""

from __future__ import annotations

from dataclasses import dataclass


def _words(text: str) -> frozenset[str]:
    """A set of words written as one space-separated string."""
    return frozenset(text.split())


@dataclass(frozen=True)
class Cues:
    """One language's promise cues (regex alternations over folded text) and function words."""

    plan: str
    weak: str
    old: str
    past: str
    target: str
    create: str
    new: str  # "new", "nouveau": with a project noun after it, something to build
    speech: str
    negation: str  # "not", "ne … pas", "не": a date negated is no deadline ("not in 2014")
    before: str  # "before", "avant", "до": negated, "not before X" starts at X
    until: str  # "until", "jusqu'à", "не ранее": negated, the date stands ("not until April")
    now: str  # "now", "désormais", "теперь": the plan that replaces the ones before it
    agent: str  # verbs of planning whose subject is an actor ("Novatek plans", "Tesla vise")
    lead: str
    anaphor: str
    coord: str
    place: str
    person: str
    heads: str
    det: str  # determiners: a clause opening on one names its subject there
    coord_words: str  # the words `coord` starts with
    stop: frozenset[str]
    # Every past verb shows it (Russian "-л"): a clause with none, holding a date that has not
    # ended, is a plan even without a cue ("мост достроят в этом году").
    past_by_form: bool = False


_EN_PLAN_WORDS = (
    r"scheduled|slated|planned|expected|projected|targeted|targeting|intended|envisaged|poised|"
    r"set|due|estimated|forecast|anticipated|pencil(?:l)?ed in"
)

EN = Cues(
    plan=(
        r"(?:is|are|be|been|now|still|currently|being|remains?) (?:\w+ )?(?:" + _EN_PLAN_WORDS + ")"
        r"|(?:" + _EN_PLAN_WORDS + r") (?:to|for|in|by|on|at|between|around)"
        r"|will|shall|won't|wo n't|'ll|plans?|planning|aims?|aiming|targets?|goal|objective|"
        r"deadline|timeline|timetable|pledged?|pledges|promised?|promises|commit(?:s|ted)? to|"
        r"committed|commitment|intends?|on (?:track|schedule|course)|"
        r"postpon\w*|delay(?:ed|s)? (?:to|until|till|by)|push(?:ed|es)? (?:\w+ )?back|"
        r"pushed (?:to|into|until)|reschedul\w*|moved (?:\w+ )?(?:back|to)|shift\w* (?:\w+ )?"
        r"(?:to|until)|slip(?:ped|s)? (?:to|into)|defer\w*|not (?:\w+ )?(?:until|before)|"
        r"(?:at|by) the (?:earliest|latest)|no (?:earlier|later) than|is to|are to|"
        r"hopes? to|hopefully|designed to|meant to|aimed at|in order to|set to|"
        r"take place|to be held|to open|to start|to begin|to launch|to complete"
    ),
    weak=r"would|could|may|might|should|can|to|going to|likely|hope|hopes|expects?|wants?|now",
    old=(
        r"originally|initially|previously|formerly|at first|first (?:planned|scheduled|"
        r"set|expected|promised|targeted)|had (?:been )?(?:\w+ )?(?:planned|expected|scheduled|"
        r"targeted|hoped|promised|set|slated|estimated|due|supposed|meant)|"
        r"(?:was|were) (?:\w+ )?(?:supposed|meant|expected|planned|scheduled|due|set|slated|"
        r"targeted|estimated|envisaged|intended|promised|to be)|instead of|rather than|in lieu of|"
        r"than (?:\w+ )?(?:planned|scheduled|expected|promised|targeted)|"
        r"(?:original|previous|earlier|former|old|prior) (?:\w+ )?(?:deadline|target|date|plan|"
        r"schedule|goal|timeline|timetable|estimate|launch\w*|opening)|it was estimated|"
        r"was estimated|had been (?:targeting|planning|expecting|aiming|hoping|eyeing)"
    ),
    past=(
        r"was|were|had|did|ago|last (?:year|month|week|spring|summer|autumn|fall|winter)|"
        r"yesterday|already|has been|have been|since|adopted|signed|held|opened|launched|"
        r"completed|inaugurated|approved|took|began|started|ended|finished|reached|exceeded|"
        r"rose|fell|grew|came|went"
    ),
    target=(
        r"(?:increase|raise|boost|bring|expand|grow|double|triple|lift|take|push)(?:s|d|ed|ing)? "
        r"(?:\w+ ){0,6}?to|reach(?:es|ed|ing)?|hit|targets?|goal|objective|aims? (?:for|at)|"
        r"capacity|ambition"
    ),
    create=r"construction|build(?:ing|s)?|construct(?:ing|ion)?|creat(?:e|ing|ion)",
    new=r"new",
    speech=(
        r"said|says|say|told|tells|announced|announces|stated|confirmed|confirms|added|noted|"
        r"explained|revealed|reported|admitted|insisted|stressed|emphasi[sz]ed|declared|"
        r"according to|pledged|promised|vowed|indicated|highlighted|mentioned|invited|agreed|"
        r"agreeing|adding|saying"
    ),
    negation=r"not|n't|never",
    before=r"before|prior to|ahead of",
    until=r"until|till|as late as|at the (?:earliest|latest)|by|in time for",
    now=r"now|this time",
    agent=(
        r"plans?|planned|planning|expects?|expected|aims?|intends?|targets?|targeted|hopes?|"
        r"wants?|promised|pledged|vowed|committed|planning|targeting|aiming|expecting|hoping|"
        r"eyeing|intending|"
        r"has (?:set|targeted|planned|pushed|postponed|delayed)"
    ),
    lead=r"that|,",
    anaphor=(
        r"it|its|this|that|these|the (?:project|plant|line|railway|pipeline|"
        r"reactor|unit|bridge|tunnel|airport|station|scheme|programme|program|ban|mission|"
        r"facility|company|construction|work|works|opening)"
    ),
    coord=r"; |, (?:and|but|while|whereas|as well as|although)\b| and that\b| but\b",
    place=r"in|at|near|to|from|via|across|through|between",
    person=(
        r"president|prime minister|minister|ceo|chief|chairman|chairwoman|head|director|mayor|"
        r"governor|mr|mrs|ms|dr|spokesman|spokeswoman|spokesperson|secretary|chancellor|"
        r"premier|king|emir|leader"
    ),
    heads=(
        r"corridor|line|railway|railroad|rail link|pipeline|bridge|tunnel|port|terminal|"
        r"airport|plant|power plant|reactor|unit|station|metro|subway|summit|project|route|road|"
        r"highway|motorway|dam|canal|system|ferry|ferries|mine|refinery|cosmodrome|spaceport|"
        r"rocket|launcher|mission|stadium|hospital|factory|train|initiative|programme|program|"
        r"treaty|agreement|ban|facility|complex|field|airport|network|hub|zone|park|tram|"
        r"tramway|light rail|cathedral|museum|building|tower|capsule|spacecraft|vehicle|truck|"
        r"pickup|car|cars|plant|railway line|high-speed rail|expressway|interchange|reservoir|"
        r"flight|test flight|launch"
    ),
    det=r"the|a|an|this|these|new",
    coord_words=r"and|but|while|whereas|as well as|although",
    stop=_words(
        "the a an of to in on at by for from with and or but that this these those its it "
        "their his her he she they we our is are was were be been being will would could may "
        "might should shall can has have had not no as than then also which who whom whose "
        "what when where while into over under about after before between during since until "
        "per more most less such very still now just only even both each other some any all "
        "said says year years month months week day days there here so up out off sometime "
        "soon later early"
    ),
)

FR = Cues(
    plan=(
        r"prevu\w*|prevoi\w*|prevoy\w*|planifi\w*|programme\w*|objectif|cible\w*|"
        r"vis(?:e|ent|ant) a|ambition\w*|compte\w* (?:\w+ )?(?:atteindre|ouvrir|livrer|mettre)|"
        r"doi(?:t|vent) (?:\w+ )?(?:etre|[a-z']+(?:er|ir|re))|cense\w*|gliss\w* (?:a|au|en|de)|"
        r"devr(?:a|ont|ait|aient)|entend\w*|s'engag\w*|engagement|promis|promet\w*|"
        r"calendrier|echeance|d'ici|au plus tard|au plus tot|pas avant|ne \w+ pas (?:\w+ )?avant|"
        r"report\w* (?:a|au|en|de)|repouss\w*|decal\w*|differ\w*|retard\w* (?:a|au|jusqu)|"
        r"fix\w* (?:comme )?(?:objectif|a|pour|au)|attendu\w*|envisag\w*|annonc\w* pour|"
        r"horizon|maintenu\w*|en bonne voie|dans les (?:temps|delais)|aura lieu|auront lieu|"
        r"se tiendr\w*|destine\w* a|en vue de|afin de|a terme"
    ),
    weak=(
        r"pour (?:le |la |les |l'|y |en |s'|se )?[a-z]+(?:er|ir|re)|afin d[e']|vouloir|"
        r"volonte de|souhait\w*|espere\w*|pourr\w*|devrait|desormais|maintenant"
    ),
    old=(
        r"initialement|au depart|a l'origine|originellement|precedemment|"
        r"jusqu'ici|jusqu'alors|devai(?:t|ent)|etai(?:t|ent) (?:\w+ )?(?:prevu\w*|envisage\w*|"
        r"programme\w*|attendu\w*|annonce\w*|fixe\w*)|avai(?:t|ent) (?:\w+ )?(?:ete|prevu|fixe|"
        r"annonce)|au lieu de|plutot que|et non (?:pas )?|premier calendrier|precedent\w*|"
        r"(?:date|objectif|echeance|calendrier) (?:initial\w*|d'origine|precedent\w*)|"
        r"aurai(?:t|ent) du"
    ),
    past=(
        r"(?:a|ont|avait|avaient) (?:\w+ )?(?:ete|depasse\w*|atteint|realise\w*|enregistre\w*|"
        r"signe\w*|adopte\w*|inaugure\w*|ouvert\w*|lance\w*|acheve\w*|termine\w*|multiplie\w*|"
        r"augmente\w*|progresse\w*)|fut|furent|l'an dernier|l'annee derniere|l'an passe|"
        r"il y a|deja|depuis|adopte\w* lors|signe\w* lors|lors d\w*|hier|"
        r"^(?:adopte|signe|lance|inaugure|approuve|ratifie|conclu|cree|fonde)e?s?\b"
    ),
    target=(
        r"(?:porter|port\w+|etendre|etend\w*|augmenter|accroitre|doubler|tripler|relever|hisser|"
        r"amener|faire passer) (?:\w+ ){0,8}?(?:a|au|jusqu'a)|atteindre|objectif|cible|capacite|"
        r"ambition"
    ),
    create=r"construction|construire|creer|creation",
    new=r"nouveau|nouvel|nouvelle|nouveaux|nouvelles",
    speech=(
        r"a (?:\w+ )?(?:annonce|indique|declare|affirme|confirme|precise|souligne|assure|"
        r"estime|explique|ajoute|insiste|dit|fait savoir|rappele|promis|invite|mis en avant|"
        r"reaffirme|exprime|salue|remercie|decrit|evoque|revele|annonc)\w*|selon|d'apres|"
        r"annonce|declare|affirme|explique|precise|indique|assure|"
        r"(?:annon[cç]|indiqu|declar|affirm|confirm|precis|soulign|assur|estim|expliqu|ajout|"
        r"insist|rappel|conven|reconnaiss|promett)ant"
    ),
    negation=r"pas|jamais|aucun\w*",  # "ne … qu'en 2019" restricts, it does not negate
    before=r"avant",
    until=r"jusqu'(?:a|au|en)|au plus tot|au plus tard|pour|d'ici",
    now=r"desormais|maintenant|finalement|a present|dorenavant",
    agent=(
        r"prevoit|prevoient|compte|comptent|vise|visent|entend|entendent|ambitionne|"
        r"s'engage|promet|table sur|espere|a (?:prevu|fixe|programme|decide|reporte|repousse)|"
        r"ont (?:prevu|fixe|programme|decide|reporte|repousse)"
    ),
    lead=r"que|qu'|,",
    anaphor=(
        r"il|elle|ils|elles|son|sa|ses|leur|leurs|celui-ci|celle-ci|ce|cela|c'est|"
        r"(?:le|la|les|ce|cette) (?:projet|chantier|ligne|centrale|reacteur|gazoduc|pont|tunnel|"
        r"aeroport|gare|fusee|lanceur|travaux|construction|ouverture|mise en service|"
        r"interdiction|troncon|corridor|ouvrage|vol)"
    ),
    coord=(
        r"; |, et (?:que|sur|de|a|aussi)\b|,? et qu'|, ainsi qu(?:e|')|, mais\b|, tandis qu|"
        r" et que\b| mais\b"
    ),
    place=r"a|au|aux|en|dans|pres de|via|vers|depuis|sur|entre",
    person=(
        r"president|presidente|premier ministre|ministre|pdg|directeur|directrice|patron|maire|"
        r"gouverneur|chef|dirigeant|porte-parole|secretaire|m\.|mme|chancelier|homologue|roi"
    ),
    heads=(
        r"corridor|ligne|voie ferree|chemin de fer|gazoduc|oleoduc|pont|tunnel|port|terminal|"
        r"terminaux|aeroport|centrale|reacteur|gare|metro|sommet|sommets|projet|route|autoroute|"
        r"barrage|canal|systeme|ferry|ferries|usine|raffinerie|cosmodrome|fusee|lanceur|mission|"
        r"stade|hopital|initiative|programme|traite|accord|interdiction|branche|troncon|reseau|"
        r"zone|parc|epr|prolongement|tramway|tram|cathedrale|musee|batiment|tour|capsule|"
        r"vaisseau|vehicule|camion|voiture|pick-up|echangeur|rer|telepherique"
    ),
    det=r"le|la|les|l|un|une|des|du|ce|cet|cette|ces",
    coord_words=r"et que|et qu|et sur|et|ainsi qu|ainsi que|mais|tandis qu",
    stop=_words(
        "le la les l un une des de du d et ou mais que qu qui quoi dont ou a au aux en dans par "
        "pour sur sous avec sans entre vers chez ce cet cette ces son sa ses leur leurs notre "
        "nos votre vos il elle ils elles on nous vous se s ne n pas plus moins tres aussi "
        "ainsi est sont etait etaient sera seront a ont avait avaient ete etre avoir fait "
        "faire comme tout tous toute toutes meme deja encore lors selon apres avant depuis "
        "pendant puis alors donc car si y cela celui celle ceux celles quel quelle dont annee "
        "ans an mois jour jours notamment egalement desormais"
    ),
)

RU = Cues(
    plan=(
        r"планир\w*|в планах|график\w*|прогноз\w*|готов\w* к|запланирова\w*|намечен\w*|"
        r"намеча\w*|ожида\w*|предполага\w*|рассчитыва\w*|"
        r"прогнозир\w*|намерен\w*|собира\w*|должн\w*|будет|будут|станет|станут|назначен\w*|"
        r"перенес\w*|перенос\w*|перенест\w*|отлож\w*|сдвину\w*|сдвиг\w*|срок\w*|цел(?:ь|ью)|"
        r"задач\w*|обеща\w*|пообеща\w*|обязал\w*|обязуется|по плану|в срок|по-прежнему|"
        r"не ранее|не позднее|не раньше|не позже|до конца|к концу|уже в|досрочно|состоится|"
        r"состоятся|пройдет|пройдут|откроет\w*|откроют|заверш(?:ит|ат)\w*|замкн(?:ет|ут)\w*|"
        r"запуст(?:ит|ят)\w*|начн(?:ет|ут)\w*|введ(?:ет|ут)\w*|сдад(?:ут|ет)|сдаст|появ(?:ит|ят)"
        r"\w*|заработа(?:ет|ют)|выйд(?:ет|ут)|стартует|призван\w*|с целью|решено"
    ),
    weak=r"чтобы|для|хотят|хочет|может|могут|стоит|нужно|необходимо|предстоит|теперь",
    old=(
        r"изначально|первоначально|прежде|предварительно|сначала|планировал\w*|"
        r"ожидал(?:ось|ся|ась|и)|предполагал\w*|должн\w* был\w*|собирал\w*|вместо|а не|"
        r"рассчитывал\w*|намечал\w*|назначал\w*|в прошлом|до этого"
    ),
    past=(
        r"было|был|была|были|в прошлом году|прошлого года|ранее|назад|вчера|с \d{4}|"
        r"превысил\w*|составил\w*|достиг\w*|открыл\w*|запустил\w*|подписал\w*|принял\w*|"
        r"завершил\w*|построил\w*|состоял\w*"
    ),
    target=(
        r"(?:довести|доведут|довед\w+|увеличить|увелич\w+|нарастить|нарастят|поднять|расширить|"
        r"расшир\w+|удвоить) (?:\w+ ){0,6}?до|достичь|достигнуть|выйти на|цель\w*|мощност\w*|"
        r"пропускн\w+ способност\w*"
    ),
    create=r"строительств\w*|постро\w*|созда\w*|сооружени\w*|возведени\w*",
    new=r"нов(?:ый|ая|ое|ые|ого|ой|ых|ую|ым|ыми)",
    speech=(
        r"заявил\w*|сообщил\w*|рассказал\w*|отметил\w*|сказал\w*|уточнил\w*|подчеркнул\w*|"
        r"пообещал\w*|объявил\w*|добавил\w*|пояснил\w*|по словам|по данным|как сообщает|"
        r"пишет|передает|сообщает|заявляет|говорит"
    ),
    negation=r"не|ни",
    before=r"раньше",
    until=r"до|к|не ранее|не раньше|не позднее",
    now=r"теперь|сейчас|ныне|в итоге|окончательно",
    agent=(
        r"планирует|планируют|намерен\w*|рассчитывает|рассчитывают|обещает|обещают|"
        r"собирается|собираются|хочет|хотят|ожидает|ожидают|перенес\w*|отложил\w*"
    ),
    lead=r"что|,",
    anaphor=(
        r"он|она|оно|они|его|ее|их|это|этот|эта|проект|объект|станция|линия|газопровод|"
        r"энергоблок|блок|строительство|запуск|открытие"
    ),
    coord=r"; |, (?:а также|а|но|однако|и что|и)\b| а также\b| и что\b",
    place=r"в|во|на|под|около|через|из|между",
    person=(
        r"президент\w*|премьер\w*|министр\w*|глав\w*|гендиректор\w*|директор\w*|мэр\w*|"
        r"губернатор\w*|председател\w*|заместител\w*|замглав\w*|вице-премьер\w*|руководител\w*|"
        r"представител\w*|спикер\w*|пресс-секретар\w*|генеральн\w* директор\w*"
    ),
    heads=(
        r"коридор\w*|лини\w*|железн\w* дорог\w*|газопровод\w*|нефтепровод\w*|мост\w*|тоннел\w*|"
        r"порт\w*|терминал\w*|аэропорт\w*|аэс|станци\w*|энергоблок\w*|метро|саммит\w*|проект\w*|"
        r"маршрут\w*|трасс\w*|магистрал\w*|плотин\w*|канал\w*|систем\w*|паром\w*|завод\w*|"
        r"космодром\w*|ракет\w*|кольц\w*|участ\w*|спг|автомобил\w*|пикап\w*|грузовик\w*|"
        r"трамва\w*|собор\w*|музе\w*|здани\w*|корабл\w*|развязк\w*|очеред\w*|нитк\w*"
    ),
    det=r"этот|эта|это|эти|нов(?:ый|ая|ое|ые|ого|ой|ых|ую)",
    coord_words=r"а также|а|но|однако|и что",
    stop=_words(
        "и в во на с со к ко по о об от до из за для при про под над без через что чтобы как "
        "так же ли не ни но а или это этот эта эти его ее их он она оно они мы вы я быть был "
        "была было были будет будут уже еще также которые который которая которое году года "
        "год лет том этом того тот та те все всех всё весь вся его её свой своей своих"
    ),
    past_by_form=True,
)

CUES = {"en": EN, "fr": FR, "ru": RU}

# French simple future and conditional, 3rd person: "sera", "ouvrira", "seront", "serait".
FR_FUTURE = r"[a-z']{2,}(?:ra|ront|rait|raient)"
FR_FUTURE_NOT = _words(
    "extra contra ultra opera camera sahara mantra tantra front affront portrait retrait "
    "attrait extrait abstrait trait distrait surtout entra montra"
)
# Russian past tense ("открыли", "превысил"): a fact, unless it is a reporting verb.
RU_PAST = r"[а-я]{3,}(?:л|ла|ло|ли|лся|лась|лось|лись)"
RU_PAST_NOT = _words(
    "если или ли были стали мысли числе масло село тело дело крыло пол стол угол весло "
    "сколько только около могли мили"
)
