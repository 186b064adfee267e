"""A small directory document written for the search tests (not the demo data).

Each offer exists to make one search case true; the ids say which.
"""

from __future__ import annotations

import copy
from typing import Any


def _offer(offer_id: str, title: str, location: str, **fields: Any) -> dict[str, Any]:
    offer: dict[str, Any] = {
        "id": offer_id, "organization_id": fields.pop("org", "org-1"), "title": title,
        "summary": None, "description": None, "status": "active",
        "min_age": None, "max_age": None, "pregnancy": False, "free": False,
        "languages": ["de"], "topics": [], "target_groups": [], "life_phases": [],
        "location_ids": [location], "schedules": [], "translations": {},
    }
    offer.update(fields)
    return offer


def _schedule(schedule_id: str, byday: str) -> dict[str, Any]:
    return {"id": schedule_id, "byday": byday, "opens_at": "09:00", "closes_at": "12:00"}


_DOCUMENT: dict[str, Any] = {
    "format": "angebotslotse-directory",
    "format_version": 1,
    "directory_id": "search-tests",
    "title": "Suchtest",
    "published_at": "2026-11-20T08:00:00Z",
    "sequence": 1,
    "topics": [
        {"id": "language", "name": "Sprache und Integration",
         "translations": {"en": {"name": "Language and integration"}}},
        {"id": "early_help", "name": "Frühe Hilfen",
         "translations": {"en": {"name": "Early help"}}},
        {"id": "money", "name": "Geld und Schulden"},
        {"id": "leisure", "name": "Freizeit"},
    ],
    "organizations": [
        {"id": "org-1", "name": "Familienwerk Baumberge e. V.",
         "translations": {"en": {"name": "Baumberge Family Association"}}},
        {"id": "org-2", "name": "Caritasverband für den Kreis Coesfeld"},
    ],
    "locations": [
        {"id": "loc-coe", "organization_id": "org-1", "name": "Familienzentrum Lette",
         "town": "Coesfeld", "district": "Lette", "latitude": 51.9, "longitude": 7.17,
         "barrier_free": True},
        {"id": "loc-coe2", "organization_id": "org-2", "name": "Beratungsstelle Coesfeld",
         "town": "Coesfeld", "district": "Coesfeld", "latitude": 51.946, "longitude": 7.168},
        {"id": "loc-due", "organization_id": "org-1", "name": "Treffpunkt Dülmen",
         "town": "Dülmen", "district": "Dülmen", "latitude": 51.83, "longitude": 7.28},
        {"id": "loc-lue", "organization_id": "org-2", "town": "Lüdinghausen",
         "latitude": 51.77, "longitude": 7.44},
        {"id": "loc-not", "organization_id": "org-1", "town": "Nottuln", "district": "Appelhülsen",
         "latitude": 51.93, "longitude": 7.35, "barrier_free": True},
        {"id": "loc-bil", "organization_id": "org-2", "town": "Billerbeck",
         "latitude": 51.98, "longitude": 7.29},
        {"id": "loc-sen", "organization_id": "org-1", "town": "Senden",
         "latitude": 51.86, "longitude": 7.48},
        {"id": "loc-hav", "organization_id": "org-1", "town": "Havixbeck",
         "latitude": 51.98, "longitude": 7.42},
        {"id": "loc-ros", "organization_id": "org-1", "town": "Rosendahl", "district": "Osterwick",
         "latitude": 52.01, "longitude": 7.2},
    ],
    "offers": [
        _offer("off-sprachfoerderung", "Sprachförderung im Familienzentrum", "loc-coe",
               summary="Spielerische Förderung der deutschen Sprache für Kinder.",
               min_age=3, max_age=6, languages=["de", "tr"], topics=["language"],
               target_groups=["children"], life_phases=["kindergarten"],
               schedules=[_schedule("sc-1", "MO,TH")],
               translations={"en": {"title": "Language support at the family centre"},
                             "tr": {"title": "Aile merkezinde dil desteği"}}),
        _offer("off-sprachcafe", "Sprachcafé für Eltern", "loc-due",
               summary="Deutsch sprechen bei Kaffee und Kuchen, Kinder spielen nebenan.",
               free=True, languages=["de", "ar", "fa"], topics=["language"],
               target_groups=["parents", "migrant_families"],
               schedules=[_schedule("sc-2", "WE")],
               translations={"ar": {"title": "مقهى اللغة للآباء", "machine_translated": True},
                             "fa": {"title": "کافه زبان برای والدین"},
                             "uk": {"title": "Мовне кафе для батьків"}}),
        _offer("off-hebamme", "Hebammensprechstunde", "loc-coe",
               summary="Eine Hebamme berät Schwangere und junge Mütter.",
               pregnancy=True, free=True, min_age=0, max_age=1, topics=["early_help"],
               target_groups=["pregnant", "parents"], life_phases=["pregnancy", "age_0_3"],
               schedules=[_schedule("sc-3", "TU")],
               translations={"en": {"title": "Midwife consultation hours"},
                             "tr": {"title": "Ebe danışma saati"}}),
        _offer("off-schulden", "Schuldnerberatung", "loc-lue", org="org-2",
               summary="Hilfe bei Schulden und drohender Privatinsolvenz.",
               min_age=18, free=True, topics=["money"], target_groups=["families"],
               schedules=[_schedule("sc-4", "MO,TU,WE,TH,FR")],
               translations={"en": {"title": "Debt counselling"},
                             "ru": {"title": "Консультация по долгам"}}),
        _offer("off-kita", "Kindertagesstätte Sonnenschein", "loc-not",
               summary="Betreuung für Kinder von einem bis sechs Jahren, U3-Gruppe.",
               min_age=1, max_age=6, life_phases=["age_0_3", "kindergarten"],
               target_groups=["children"], schedules=[_schedule("sc-5", "MO,TU,WE,TH,FR")]),
        _offer("off-erziehung", "Erziehungsberatung", "loc-bil", org="org-2",
               summary="Beratung für Eltern, Kinder und Jugendliche bei Erziehungsfragen.",
               min_age=0, max_age=27, free=True, languages=["de", "en"],
               target_groups=["parents", "young_people"],
               translations={"en": {"title": "Parenting counselling"}}),
        _offer("off-fussball", "Straßenfußball für Jugendliche", "loc-sen",
               summary="Offenes Kicken am Freitagabend.", min_age=12, max_age=18, free=True,
               topics=["leisure"], target_groups=["young_people"],
               life_phases=["secondary_school"], schedules=[_schedule("sc-6", "FR")]),
        _offer("off-deutschkurs", "Deutschkurs für Mütter mit Kinderbetreuung", "loc-hav",
               summary="Integrationskurs mit Betreuung der Kleinen.", languages=["de", "ru", "uk"],
               topics=["language"], target_groups=["migrant_families", "parents"],
               schedules=[_schedule("sc-7", "MO")]),
        _offer("off-sucht", "Suchtberatung für Familien", "loc-coe2", org="org-2",
               summary="Wenn Alkohol oder Drogen das Familienleben belasten.", free=True,
               target_groups=["families"]),
        _offer("off-krabbel", "Krabbelgruppe Osterwick", "loc-ros",
               summary="Eltern mit Babys treffen sich zum Spielen.", min_age=0, max_age=3,
               life_phases=["age_0_3"], target_groups=["parents"],
               schedules=[_schedule("sc-8", "TU,FR")]),
        _offer("off-inaktiv", "Alte Sprachförderung (eingestellt)", "loc-coe",
               status="inactive", summary="Gibt es nicht mehr."),
        _offer("off-dulmen-treff", "Elterntreff Dülmen", "loc-due",
               summary="Austausch für Eltern, mit Sprachförderung für die Kinder.",
               min_age=0, max_age=6, target_groups=["parents"]),
    ],
}


def search_directory() -> dict[str, Any]:
    """A fresh copy (tests may change it)."""
    return copy.deepcopy(_DOCUMENT)
