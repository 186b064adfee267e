"""A small directory document for handout tests: one offer translated into every handout
language, one only partly translated (machine-made), one with an outdated Farsi text and no
website (so its QR code is a map link)."""

from __future__ import annotations

from typing import Any

FULL_TITLE = {
    "en": "Family midwives in Kreis Coesfeld",
    "tr": "Coesfeld ilçesinde aile ebeleri",
    "ar": "قابلات الأسرة في منطقة كوسفيلد",
    "fa": "ماماهای خانواده در منطقه کوسفلد",
    "uk": "Сімейні акушерки в районі Косфельд",
    "ru": "Семейные акушерки в районе Косфельд",
    "pl": "Położne rodzinne w powiecie Coesfeld",
    "ro": "Moașe de familie în districtul Coesfeld",
    "ku": "Pîrikên malbatê li navçeya Coesfeld",
    "ti": "ናይ ስድራ ሓራሳት ኣብ ከባቢ ኮስፈልድ",
    "de-x-easy": "Heb-ammen für Familien",
}
FULL_SUMMARY = {
    "en": "Home visits for pregnant women and families with babies up to their first birthday.",
    "tr": "Hamile kadınlara ve bebekli ailelere ilk doğum gününe kadar ev ziyaretleri.",
    "ar": "زيارات منزلية للحوامل وللعائلات التي لديها أطفال رضع حتى عيد ميلادهم الأول.",
    "fa": "ملاقات در منزل برای زنان باردار و خانواده‌هایی که نوزاد دارند تا اولین سالگرد تولد.",
    "uk": "Візити додому для вагітних і сімей з немовлятами до першого дня народження.",
    "ru": "Визиты на дом к беременным и семьям с младенцами до первого дня рождения.",
    "pl": "Wizyty domowe dla kobiet w ciąży i rodzin z niemowlętami do pierwszych urodzin.",
    "ro": "Vizite la domiciliu pentru femei însărcinate și familii cu bebeluși până la "
          "prima aniversare.",
    "ku": "Serdanên malê ji bo jinên ducanî û malbatên bi pitikan heta rojbûna yekem.",
    "ti": "ንነፍሰ-ጾራት ኣንስቲ ከምኡውን ህጻናት ዘለዎም ስድራቤታት ክሳብ ቀዳማይ ዕለተ-ልደቶም ናይ ገዛ ምብጻሕ።",
    "de-x-easy": "Eine Heb-amme kommt zu Ihnen nach Hause. Wenn Sie ein Baby bekommen.",
}
GERMAN_TITLE = "Familienhebammen im Kreis Coesfeld"
GERMAN_SUMMARY = ("Hausbesuche für Schwangere und Familien mit Babys bis zum ersten "
                  "Geburtstag.")


def directory_document() -> dict[str, Any]:
    return {
        "format": "angebotslotse-directory",
        "format_version": 1,
        "directory_id": "test",
        "title": "Testverzeichnis",
        "published_at": "2026-11-20T08:00:00Z",
        "sequence": 3,
        "is_demo": True,
        "topics": [{"id": "early_help", "name": "Frühe Hilfen"}],
        "organizations": [
            {"id": "org-1", "name": "Kreis Coesfeld, Jugendamt",
             "website": "https://www.kreis-coesfeld.de"},
            {"id": "org-2", "name": "Familienzentrum St. Lamberti"},
        ],
        "locations": [
            {"id": "loc-1", "organization_id": "org-1", "name": "Kreishaus",
             "street": "Friedrich-Ebert-Straße 7", "postcode": "48653", "town": "Coesfeld",
             "latitude": 51.9445, "longitude": 7.1675, "barrier_free": True,
             "accessibility": [{"id": "acc-1", "description": "Stufenloser Zugang, Aufzug",
                                "translations": {"ar": {"description": "مدخل بدون درج، مصعد"},
                                                 "en": {"description":
                                                        "Step-free entrance, lift"}}}]},
            {"id": "loc-2", "organization_id": "org-2", "street": "Marktplatz 3",
             "postcode": "48727", "town": "Billerbeck", "latitude": 51.9781,
             "longitude": 7.2946},
        ],
        "offers": [
            {"id": "off-hebamme", "organization_id": "org-1", "title": GERMAN_TITLE,
             "summary": GERMAN_SUMMARY, "url": "https://www.kreis-coesfeld.de/hebammen",
             "email": "fruehehilfen@kreis-coesfeld.de", "min_age": 0, "max_age": 1,
             "pregnancy": True, "free": True, "cost": "kostenlos",
             "languages": ["de", "en", "ar"], "topics": ["early_help"],
             "location_ids": ["loc-1"],
             "contacts": [{"id": "ct-1", "name": "Frau Beispiel", "title": "Familienhebamme",
                           "email": "beispiel@kreis-coesfeld.de",
                           "phones": [{"id": "ph-c1", "number": "02541 18-5310"}]}],
             "phones": [{"id": "ph-1", "number": "02541 18-5300"}],
             "schedules": [{"id": "sc-1", "byday": "MO,WE", "opens_at": "09:00",
                            "closes_at": "12:00"}],
             "translations": {
                 lang: {"title": FULL_TITLE[lang], "summary": FULL_SUMMARY[lang]}
                 for lang in FULL_TITLE
             }},
            {"id": "off-sprachcafe", "organization_id": "org-2", "title": "Sprachcafé für Eltern",
             "summary": "Deutsch üben beim Kaffee, Kinder spielen nebenan.",
             "email": "cafe@lamberti.example", "min_age": 0, "max_age": 6, "free": True,
             "languages": ["de", "ar", "tr"], "location_ids": ["loc-2"],
             "phones": [{"id": "ph-2", "number": "02543 4711"}],
             "schedules": [{"id": "sc-2", "byday": "TH", "opens_at": "15:00",
                            "closes_at": "17:00"}],
             "translations": {
                 "ar": {"title": "مقهى اللغة للوالدين",
                        "summary": "تمرين اللغة الألمانية مع القهوة، والأطفال يلعبون بجانبكم.",
                        "machine_translated": True},
                 "en": {"title": "Language café for parents"},
             }},
            {"id": "off-beratung", "organization_id": "org-2",
             "title": "Erziehungsberatung", "summary": "Beratung bei Fragen zur Erziehung.",
             "min_age": 0, "max_age": 18, "free": False, "cost": "5 € pro Termin",
             "location_ids": ["loc-2"],
             "translations": {
                 "fa": {"title": "مشاوره تربیتی", "summary": "مشاوره در مورد سؤالات تربیتی.",
                        "outdated": True},
             }},
        ],
    }
