"""English signal lexicon (data only; see monitor.understand.lexicon for the kinds)."""

# A few words of filler between a verb and its particle or object ("pushed the ban back").
_W = r"(?:[\w'-]+ ){0,%d}?"
_W2, _W3, _W5, _W8, _W12 = (_W % n for n in (2, 3, 5, 8, 12))
# Where a project's operation starts ("entered commercial operation", "began producing").
_OPERATION = (
    r"(?:commercial |regular |full |normal |revenue |passenger |scheduled |routine |full-scale "
    r"|serial |mass |series |volume )?(?:operations?|service|production|output|deliveries|"
    r"shipments|supplies|supply|exports|operating|producing|generating|pumping|piping|"
    r"delivering|supplying|shipping|carrying|flowing|running)\b"
)
_NOT_TRIAL = r"(?:(?!(?:trial|test|pilot|partial|limited|experimental)\b)[\w'-]+ ){0,3}?"
_PLAN_WORDS = (
    r"(?:supposed|expected|scheduled|planned|due|set|slated|meant|intended|envisaged|"
    r"projected|targeted|estimated|promised|billed)"
)
_EVENT_VERBS = (
    r"(?:open|start|begin|enter|launch|fly|complete|finish|come|go|run|operate|produce|"
    r"generat\w*|deliver|reach|happen|take place|be (?:completed|finished|ready|operational|"
    r"open|opened|launched|commissioned|built|in service|introduced|implemented|phased)|"
    r"take effect|come into force)"
)

# A date word right after a preposition ("pushed to early 2027", not "pushes to finish").
_DATE_AHEAD = (
    r"(?= (?:the |an? )?(?:early|late|mid|end|start|beginning|first|second|third|fourth|last|"
    r"next|this|q[1-4]|h[12]|\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spring|summer|"
    r"autumn|fall|winter|later|after))"
)

TERMS = {
    "cancel": (
        r"cancel(?:s|led|ed|ing|lation)?\b",
        r"scrap(?:s|ped|ping)\b",
        r"scrap (?:the|its|their|plans?|a)\b",
        r"abandon\w*",
        r"call(?:s|ed|ing)? off",
        r"shelv(?:ed|es|ing)\b",
        r"axed\b",
        r"mothball(?:ed|s|ing)\b",
        r"terminat(?:ed|es|ing) (?:the |its |their )?(?:contract|project|agreement|programme|"
        r"program)",
        r"revok(?:e|es|ed|ing)\b",
        r"rescind\w*",
        r"repeal\w*",
        r"(?:dropp?(?:ed|s|ing)?|ditch(?:ed|es|ing)?) (?:its |the |their |his |her )?"
        + _W2
        + r"(?:plans?|project|proposal|ban|scheme|idea)\b",
        r"kill(?:s|ed|ing)? (?:off )?(?:its|the|their|his|her) "
        + _W3
        + r"(?:ban|plans?|project|target|scheme|programme|program)\b",
        r"pull(?:s|ed|ing)? the plug",
        r"decid(?:ed|es) against (?:building|\w+ing)\b",
        r"end(?:ed|s|ing)? (?:the |its |their |work on the )(?:\w+ )?(?:project|plans?|programme|"
        r"program|scheme)\b",
        r"(?:is|was) (?:officially )?dead\b",
        r"(?:will|would) never be built",
        r"lower(?:ed|s|ing)? (?:the |its |their )?" + _W2 + r"(?:target|goal|ambition)",
        r"(?:target|goal|ambition) (?:was |has been |had been |is )?(?:lowered|cut|scaled back)",
    ),
    "delay": (
        r"postpon\w*",
        r"delay(?:s|ed|ing)?\b",
        r"(?:push|pushe[sd]|pushing|put|puts|putting|set|sets|setting) " + _W3 + r"back\b"
        r"(?! (?:against|on|at|in|into|onto|from)\b)",
        r"slip(?:ped|s|ping)? (?:to|into|back|by|until|further|again|another|a year|beyond)\b",
        r"slippage",
        r"(?:date|schedule|timeline|timetable|deadline|opening|launch|completion|target)s? "
        r"(?:\w+ ){0,2}(?:has |have |had )?slipped\b",
        r"defer(?:s|red|ring|ral)?\b",
        r"reschedul\w*",
        r"pushed (?:to|into|until|till|beyond)\b",
        r"extend(?:ed|s|ing)? (?:the |its |their )?" + _W2 + r"(?:deadline|timeline|schedule|"
        r"timeframe|time frame|completion date)",
        r"(?:deadline|timeline|schedule|timeframe|completion date) " + _W5 + r"(?:was |has been "
        r"|have been |had been |is |gets |got |being )?(?:extended|prolonged)",
        r"wait (?:for|until) .{0,80}?(?:extended|prolonged|gets longer|drags on)",
        r"miss(?:ed|es|ing)? (?:the |its |their |a |an )?" + _W3 + r"(?:deadline|target|date|"
        r"window|goal)",
        r"can no longer meet",
        r"(?:cannot|can't|will not|won't|unable to|not able to|failed to|fail to|fails to) "
        r"(?:\w+ ){0,2}?(?:meet|make|hit|keep) (?:the |its |their )?" + _W3 + r"(?:deadline|"
        r"target|date|schedule|timeline)",
        r"(?:dropp?(?:ed|s|ing)?|abandon(?:ed|s|ing)?|scrap(?:ped|s)?|gave up|give up) "
        r"(?:the |its |their )?(?:\d{4} )?(?:\w+ )?(?:target date|target|deadline|date|timeline)",
        r"no (?:chance|way|hope|prospect) (?:that |of )?" + _W8 + r"(?:ready|complet\w*|"
        r"finish\w*|open\w*|meet\w*|on time|in time)",
        r"new,? (?:\w+ )?(?:launch |opening |start |completion |target |delivery |in-service "
        r"|commissioning |operational )?(?:date|deadline|timeline|timeframe|time frame)s?\b",
        r"(?:\w+-)?(?:day|week|month|year)s?[- ](?:shift|slip|slippage|delay|postponement)",
        r"(?:scrub(?:s|bed|bing)?|abort(?:s|ed|ing)?)\b",
        r"(?:stand-?down|stood down) (?:from|of) (?:the |its )?(?:launch|attempt)",
        r"(?:opening|launch|start|completion|in-service|commissioning|delivery) dates? "
        r"(?:\w+ )?(?:changed|moved|shifted|slipped|revised later)",
    ),
    "late": (
        r"behind (?:the |its )?(?:original |initial |planned )?schedule",
        r"(?:years?|months?|weeks?|decades?|days?) (?:too |so )?late\b",
        r"(?:runs?|running|ran) late\b",
        r"overdue",
        r"lag(?:s|ged|ging) (?:\w+ )?behind",
        r"(?:schedule|time) overruns?",
        r"(?:long|much|badly|often|oft|repeatedly|twice|thrice|heavily|severely|chronically|"
        r"perennially|long-)[- ]?(?:delayed|postponed|overdue|awaited and delayed)",
        r"(?:a|an|the|its|their|this|that) (?:\w+ )?delayed\b(?! (?:by|until|to|from|because|"
        r"due|for|again|further|indefinitely|until|till|into|beyond)\b)",
        r"after " + _W5 + r"(?:delays?|setbacks?|postponements?|being (?:delayed|postponed|"
        r"pushed back))\b",
        r"(?:years|months|decades|series|string) of (?:\w+ )?(?:delays?|setbacks|postponements)",
        r"(?:despite|amid|following|due to|because of|caused by) " + _W3 + r"(?:delays|setbacks)",
        r"(?:suffered|hit by|beset by|plagued by|marred by|dogged by|mired in) "
        + _W5
        + r"(?:delays?|setbacks)",
        r"setbacks?\b",
        r"later than (?:\w+ ){0,2}?(?:planned|expected|scheduled|promised|anticipated|targeted|"
        r"hoped|forecast|originally|initially|previously|first)",
        r"(?:taking|take|takes|took|taken) longer than (?:\w+ ){0,2}?(?:expected|planned|"
        r"anticipated|scheduled|hoped)",
        r"slower than",
        r"(?:was|were|had been) (?:originally |initially |first |previously |once )?"
        + _PLAN_WORDS
        + r" (?:to )?"
        + _W3
        + _EVENT_VERBS,
        r"(?:was|were|had been) (?:originally |initially |first |previously |once )?"
        r"(?:scheduled|planned|slated|due) (?:for|in|by)\b",
        r"much[- ]anticipated and delayed",
        # a past expectation: "it was estimated that production would start in March"
        r"(?:was|were|had been) (?:\w+ )?(?:estimated|expected|thought|believed|assumed|"
        r"forecast|projected|anticipated|hoped) that " + _W8 + r"would\b",
        r"previously,? (?:\w+ ){0,4}(?:said|expected|planned|estimated|targeted|promised) "
        + _W8
        + r"(?:would|to)\b",
    ),
    "dated": (
        r"(?:not|n't|never) " + _W12 + r"(?:until|till|before)\b",
        # "now expected in 2031" is a forecast (a plan); "now scheduled for" moves the date
        r"now (?:also |officially |tentatively )?(?:scheduled|planned|set|slated|due|targeted|"
        r"targeting|estimated|projected|envisaged|pencil+ed|aims?|plans?|targets?|"
        r"estimates?|projects?)\b",
        r"(?:will|would|should|is to|are to) now\b",
        r"no earlier than",
        r"no sooner than",
        r"only (?:in|by|from|at the end of|towards|toward|around)\b",
        r"(?:push|pushe[sd]|pushing|mov(?:e|es|ed|ing)|shift(?:s|ed|ing)?|bump(?:s|ed|ing)?|"
        r"delay(?:s|ed|ing)?|postpon(?:e|es|ed|ing)) "
        + _W5
        + r"(?:back )?(?:to|into|until|till|beyond)"
        + _DATE_AHEAD,
        r"(?:finally|eventually|ultimately) (?:be |to )?(?:\w+ )?(?:open|start|begin|launch|"
        r"enter|arrive|come|go|fly|run|operat|be |take)\w*",
        r"(?:estimated|projected|new|revised|latest|updated) (?:\w+ )?(?:launch|opening|start|"
        r"completion|in-service|delivery|operation) date",
    ),
    "after_date": (r"at the earliest", r"or later\b", r"at best\b"),
    "done": (
        r"(?:re-?)?open(?:ed|s)\b(?! (?:fire|talks|negotiations|up|the door|doors? to|(?:in )?"
        r"(?:a )?new (?:tab|window)|(?:an? |the )?(?:\w+ )?(?:investigation|probe|inquiry|tender|"
        r"consultation|case|account|office|bidding|door|window|path|way|market)))",
        r"inaugurat(?:ed|es)\b",
        r"(?<!(?:%|percent|per cent) )completed\b(?! (?:the |its )?(?:first|second|initial|early) "
        r"(?:stage|phase))",
        r"(?<!(?:%|percent|per cent) )(?:is|are|was|were|now|fully|been) complete\b",
        r"completes\b(?! (?:the |its )?(?:first|second|initial|early) (?:stage|phase))",
        r"commissioned\b",
        r"finished\b",
        r"(?:began|begun|begins|begin|start(?:ed|s|ing)?|commenc(?:ed|es|ing|e)|enter(?:ed|s|"
        r"ing)?|went|goes|go|gone|moved|put|brought|placed) " + _NOT_TRIAL + r"(?:into |in |to )?"
        r"(?:the )?" + _OPERATION,
        r"(?:came|come|comes|coming|went|goes|brought|been|is|are|was|were) (?:fully )?"
        r"(?:on ?line|on ?stream|live)\b",
        r"(?:is|are|was|were) now (?:fully )?(?:open|operational|in (?:commercial )?"
        r"(?:operation|service))\b",
        r"(?:is|are|was|were|became|become|becomes) (?:now )?(?:fully )?operational\b",
        r"declar(?:ed|es|e)\b(?:\W+[\w'-]+){0,8}?\W+(?:open|operational|ready|commercial "
        r"operation|official operation|in service|operating)\b",
        r"lift(?:ed|s)? off\b",
        r"liftoff (?:came|took place|occurred)",
        r"blast(?:ed|s) off\b",
        r"(?:successfully|officially|formally) (?:launched|completed|opened|delivered|flew|"
        r"flown|started|began|commissioned)",
        r"deliver(?:s|ed) (?:the |its |their )?(?:very )?first\b",
        r"(?:production|output|operations?|deliveries|service|shipments) (?:is |are |has |have |"
        r"had )?(?:now )?(?:starting|started|begun|began|commenced|under way|underway)\b",
        r"reached (?:its )?(?:full|nameplate|design|maximum|peak|rated) (?:capacity|power|"
        r"output|production)",
        r"(?<!(?:project|programme|program|initiative|scheme|campaign|tender),? (?:was |were "
        r"|had been |been )?)launch(?:ed|es)\b(?! " + _W2 + r"(?:construction|works?|tenders?|"
        r"bid\w*|procurement|consultations?|stud(?:y|ies)|phase|stage|talks|campaign|review|"
        r"probe|investigation|process|design|preparations?|an? (?:appeal|offensive|attack|bid)|"
        r"in \d{4}|back in)\b)",
        r"kick(?:ed|s) off\b(?! " + _W2 + r"(?:construction|works?|talks|negotiations|"
        r"consultations?|campaign|tender|process|review|debate|studies|study)\b)",
        r"(?:was|were) held\b",
        r"took place",
        r"hosted\b",
        r"convened\b",
        r"(?<!(?:cost|costs|budget|bill|price|spending|overruns?|losses|debt) )"
        r"(?:surpass|exceed)(?:ed|es)\b",
        r"first (?:freight |cargo |passenger |commercial )?trains? (?:\w+ )?(?:ran|runs|run|"
        r"departed|left|rolled|crossed|passed|travel+ed|pulled)\b",
        r"(?:was|were|is|are) ready to (?:be )?(?:operate|operated|open|opened)\b",
        r"(?:came|comes) into (?:force|effect|operation|service)",
        r"took effect",
        r"(?:is|are|was|were) (?:now |officially |finally )?(?:re)?open(?:ed)? to (?:traffic|the "
        r"public|passengers|visitors|worshippers|vehicles|trains)",
        r"(?:took|takes) off\b",
        r"first (?:gas|oil|power|electricity|cargo|shipment|delivery|deliveries|lng) (?:\w+ )?"
        r"(?:was |were |has been |have been )?(?:delivered|flowed|flows|arrived|shipped|supplied|"
        r"produced|loaded|exported|sent)",
        r"(?:gas|oil|lng|power|electricity) (?:began|started|begins|starts) (?:to )?(?:flow|"
        r"flowing|arriv)\w*",
        r"(?:achieved|reached|attained) commercial operation",
        r"(?:went|goes|gone|come|came|comes) into (?:commercial |full |regular )?(?:operation|"
        r"service)",
        r"(?:has been |was |were )?handed over to (?:the )?(?:operator|client|owner|customer)",
    ),
    "risk": (
        r"halt\w*",
        r"suspen\w*",
        r"stall\w*",
        r"paus(?:ed|es|ing)\b",
        r"on hold\b",
        r"stopp(?:ed|age)\b",
        r"funding (?:gap|shortfall)",
        r"shortfall",
        r"disput\w*",
        r"protest\w*",
        r"sanction\w*",
        r"uncertain\w*",
        r"unclear\b",
        r"obstacle\w*",
        r"disagree\w*",
        r"stalemate",
        r"froze\w*",
        r"freez\w*",
        r"block(?:ed|ing|ade|ades)\b",
        r"jeopard\w*",
        r"at risk",
        r"threat\w*",
        r"cost overruns?",
        r"(?:lack|shortage) of (?:funding|financing|funds)",
        r"shortages?\b",
        r"tension\w*",
        r"(?:faces?|facing|faced) " + _W2 + r"(?:problems|difficulties|hurdles|challenges)",
        r"(?:technical|financial|safety|supply|engineering|legal) (?:problems?|issues|"
        r"difficulties|glitch\w*|concerns|troubles?)",
        r"problems\b",
        r"troubled\b",
        r"glitch\w*",
        r"hurdle\w*",
        r"risks?\b",
        r"in question",
        r"in doubt",
        r"doubt\w*",
        r"question marks?",
        r"speculation",
        r"bottleneck\w*",
        r"soften\w*",
        r"weaken\w*",
        r"water(?:ed|s|ing)? down",
        r"dilut\w*",
        r"rethink\w*",
        r"re-?examin\w*",
        r"reconsider\w*",
        r"u-turn",
        r"(?:roll|rolls|rolled|rolling) back\b",
        r"moratorium",
        r"injunction",
        r"lawsuits?",
        r"legal challenges?",
        r"under pressure",
        r"in limbo",
        r"on ice\b",
        r"question marks? (?:over|hang\w*)",
        r"concerns? (?:over|about) (?:the )?(?:schedule|timeline|timetable|deadline|date)",
    ),
    "work": (
        r"\d+(?:[.,]\d+)? ?(?:%|percent|per cent)",
        r"progress\w*",
        r"under ?way",
        r"(?:phase|stage) (?:was )?(?:launched|began|started)",
        r"(?:construction|work|works|assembly|installation|drilling|tunnel+ing) (?:has |have )?"
        r"(?:began|begun|started|continues|continued|is advancing|resumed)",
        r"(?:launch(?:ed|es)|kick(?:ed|s) off) " + _W2 + r"(?:construction|works?|phase|stage)",
        r"laid\b",
        r"reached\b",
        r"rose\b",
        r"grew\b",
        r"increased\b",
        r"advanc\w*",
        r"signed\b",
        r"tested\b",
        r"tests?\b",
        r"test (?:run|flight|firing)",
        r"trial (?:run|operation)s?",
        r"rolled out\b",
        r"roll-?out",
        r"approv(?:ed|es|al)\b",
        r"licen[cs](?:e|ed|es|ing)\b",
        r"permit\w*",
        r"green light",
        r"connected to (?:the )?(?:\w+ ){0,3}?grid",
        r"(?:achieved|reached|attained) (?:initial )?criticality",
        r"fuel load\w*",
        r"milestone",
        r"breakthrough",
    ),
    "plan": (
        r"on (?:schedule|track|time|target|course)\b",
        r"according to (?:the )?(?:schedule|plan|timetable)",
        r"(?:within|in line with) (?:the )?(?:deadline|schedule|timetable|timeline)",
        r"in time\b",
        r"as (?:planned|scheduled|expected|promised|foreseen|originally planned|announced)\b",
        r"ahead of (?:schedule|time)",
        r"(?:planned|scheduled|set|slated|due|targeted|expected|envisaged|projected|estimated|"
        r"poised|tipped|pencil+ed|earmarked|plans?) (?:for|in|by|to|on|"
        r"at)\b",
        r"(?:dates?|target|deadline|schedule|timeline|timetable) (?:\w+ ){0,3}?remains?\b",
        r"remains? (?:on track|on schedule|planned|scheduled|unchanged|in place|set|the same)",
        r"will " + _W2 + r"(?:open|start|begin|enter|reach|launch|operate|run|be (?:fully )?"
        r"(?:completed|finished|ready|operational|built|open|launched|commissioned|in service))",
        r"to (?:open|start|begin|launch|enter|fly|be completed|be ready|be operational) (?:in|by|"
        r"on|at|from)\b",
        r"to be (?:completed|finished|built|ready|operational|launched|opened|commissioned)",
        r"ready\b",
        r"expect(?:s|ing)\b",
        r"happen(?:s|ed|ing)?\b",
        r"introduc(?:e|ing)\b",
    ),
    "event": (
        r"(?:take|takes|taking) place",
        r"be held\b",
    ),
}

NEGATION = (
    r"not|no|never|nor|none|neither|without|unlikely|den(?:y|ied|ies|ying)|dismiss\w*|"
    r"reject\w*|refut\w*"
)
STRICT = r"not|never|cannot|unlikely"
YET = r"yet"
# Possibility makes a warning ("could be delayed"); likelihood is a forecast and stays one
# ("likely to open only in 2023"), "unlikely" a negation ("unlikely to be ready in time").
MODAL = (
    r"could|may|might|risks?|risking|threaten\w*|possibl\w*|fears?|feared|warn\w*|if|unless|"
    r"perhaps|speculation|doubts?"
)
FUTURE = (
    r"will|shall|to|expected|scheduled|set|due|planned|slated|plans?|aims?|intends?|should|"
    r"going|would|targets?|targeting|targeted|hopes?|hoping|ready|supposed|projected|estimated"
)
NEGATION_AFTER = r"\W+(?:was |were |has been |have been )?(?:ruled out|denied)"
FUTURE_AFTER = (
    r"\W+(?:[\w'-]+\W+){0,2}(?:is |are |was |were )?(?:expected|planned|scheduled|due|slated|"
    r"set to|projected|estimated)\b"
)
OLD = (
    r"originally|initially|previously|instead of|rather than|formerly|original|initial|"
    r"supposed to|was to|were to|was due to|had been (?:expected|scheduled|planned|due|set)"
)
SHIFT_FROM = r"from"
PAST_CONTEXT = r"since|in|earlier|first"
