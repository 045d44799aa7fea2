"""Turkish (and Azerbaijani) signal lexicon (data only; see monitor.understand.lexicon).

Folded text: ı, ş, ğ, ç, ö, ü become i, s, g, c, o, u (ə becomes e). Turkish marks tense,
mood and negation with suffixes, so the patterns are stems with their suffix classes: past
"açıldı", future "açılacak" / "açılacağını" (a plan), negative "açılmadı" (a missed target),
possibility "ertelenebilir" (a risk). Negation words follow the verb ("söz konusu değil").
"""

_FUTURE = r"(?:acak|ecek|acag|eceg|yacak|yecek|yacag|yeceg)\w*"

TERMS = {
    "cancel": (
        r"iptal\w*",
        r"legv\w*",
        r"vazgec\w*",
        r"rafa kaldir\w*",
        r"sonlandir\w*",
    ),
    "delay": (
        r"ertelen(?!ebil|abil)\w*",
        r"ertele(?!nebil)\w*",
        r"gecik(?!ebil)\w*",
        r"texire sal\w*",
        r"(?:tarih\w*|takvim\w*) (?:\w+ ){0,2}(?:degis|kay)\w*",
        r"kaydiril\w*",
        r"sark(?:ti|acak|iyor|mis|masi)\w*",
        r"sure\w* uzatil\w*",
        r"yetis(?:e)?me(?:yecek|di|z|mis)\w*",
        r"(?:acil|tamamlan|hizmete gir|basla|bitiril|yetistiril)(?:ma|me)(?:di|yacak|yecek|z|mis)"
        r"\w*",
        r"aksa\w*",
        r"yeni (?:\w+ )?tarih\w*",
    ),
    "late": (
        r"gecikmeli",
        r"gecikmeyle",
        r"(?:\w+ )?(?:yil|ay|hafta|gun)(?:lik)? gecikme(?:yle|li|nin ardindan)",
        r"(?:ertelemelerin|gecikmelerin) ardindan",
        r"planlanandan (?:\w+ )?(?:gec|sonra)",
    ),
    "dated": (r"en erken", r"ancak (?=\d)"),
    "after_date": (r"en erken\b",),
    "done": (
        r"acildi\b",
        r"acilmis\w*",
        r"acilisi(?:ni)? (?:\w+ ){0,2}(?:yapildi|yapilan|yapti|gerceklestirildi)",
        r"acilis toreni (?:\w+ ){0,2}(?:yapildi|gerceklestirildi|duzenlendi)",
        r"(?<!(?:yuzde|%) ?\d+(?:'\w+)? )tamamlandi\b",
        r"istifadeye verildi",
        r"hizmete (?:girdi|acildi|sunuldu|alindi|basladi)",
        r"faaliyete (?:gecti|basladi|girdi)",
        r"(?:devreye|isletmeye|ticari isletmeye) (?:girdi|alindi|gecti)",
        r"yeniden acildi",
        r"uretim\w* basladi",
        r"ilk gaz\w* (?:\w+ )?(?:verildi|ulasti|akti|teslim edildi)",
        r"gaz akisi basladi",
        r"uzaya gonderildi",
        r"hayata gecti",
        r"firlatildi",
        r"(?:ilk )?ucus\w* gerceklesti\w*",
        r"seferler\w* basladi",
    ),
    "risk": (
        r"durduruldu",
        r"durdu\b",
        r"durdur\w*",
        r"askiya al\w*",
        r"tehlike\w*",
        r"tehdit\w*",
        r"risk\w*",
        r"belirsiz\w*",
        r"soru isareti",
        r"sorun\w*",
        r"engel\w*",
        r"yaptirim\w*",
        r"itiraz\w*",
        r"ertelen(?:e|a)bilir\w*",
        r"gecikebilir\w*",
    ),
    "work": (
        r"%\s?\d+",
        r"\d+ ?%",
        r"yuzde \d+",
        r"ilerle\w*",
        r"devam ed\w*",
        r"sur(?:uyor|duruluyor|dururuyor)\b",
        r"temeli atildi",
        r"imzalandi",
        r"test\w*",
        r"deneme\w*",
    ),
    "plan": (
        r"planlandigi gibi",
        r"plana uygun",
        r"zamaninda",
        r"takvim\w* uygun",
        r"hedefle\w*",
        r"planlan\w*",
        r"bekleniyor",
        r"ongoruluyor",
        r"(?:acil|hizmete gir|tamamlan|basla|faaliyete gec|devreye gir|hayata gecir|tasin|"
        r"ac|bitiril)\w*?" + _FUTURE,
    ),
    "event": (r"gerceklestirilecek", r"duzenlenecek", r"yapilacak"),
}

NEGATION = r"degil|yok|olmadi|olmayacak\w*|hayir"
STRICT = r"degil|olmadi|olmayacak\w*"
MODAL = r"olabilir|riski|ihtimal\w*|muhtemel\w*|belki|eger|sayet"
FUTURE = r"olacak|planlan\w*|hedefl\w*"
NEGATION_AFTER = (
    r"\W+(?:[\w'-]+\W+){0,2}(?:degil|yok|soz konusu (?:degil|olmad|olmay)\w*|olmadig\w*|"
    r"olmayacag\w*)"
)
FUTURE_AFTER = r"\W+(?:[\w'-]+\W+){0,3}(?:planlan|hedefle|bekleni|ongorul)\w*"
OLD = r"baslangicta|onceden|daha once|ilk olarak|aslinda"
