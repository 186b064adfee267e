"""A small, hand-written directory document for store tests (not the demo data)."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.loader import replace_directory

_SAMPLE: dict[str, Any] = {
    "format": "angebotslotse-directory",
    "format_version": 1,
    "directory_id": "test-directory",
    "title": "Testverzeichnis",
    "published_at": "2026-11-20T08:00:00Z",
    "sequence": 3,
    "is_demo": False,
    "source_language": "de",
    "topics": [
        {"id": "early_help", "name": "Frühe Hilfen",
         "translations": {"en": {"name": "Early help"}, "ar": {"name": "المساعدة المبكرة"}}},
        {"id": "language_cafe", "name": "Sprachcafé"},
    ],
    "organizations": [
        {"id": "org-1", "name": "Familienwerk Baumberge e. V.", "website": "https://example.org/fw",
         "phones": [{"id": "ph-org-1", "number": "02541 000-100"}],
         "translations": {"en": {"name": "Baumberge Family Association"}}},
    ],
    "locations": [
        {"id": "loc-1", "organization_id": "org-1", "name": "Familienzentrum Lette",
         "street": "Kirchstraße 1", "postcode": "48653", "town": "Coesfeld", "district": "Lette",
         "latitude": 51.95, "longitude": 7.17, "barrier_free": True,
         "accessibility": [{"id": "acc-1", "description": "Stufenloser Zugang",
                            "translations": {"en": {"description": "Step-free access"}}}]},
        {"id": "loc-2", "organization_id": "org-1", "name": "Treffpunkt Dülmen",
         "street": "Marktstraße 5", "postcode": "48249", "town": "Dülmen",
         "latitude": 51.83, "longitude": 7.28, "barrier_free": False},
    ],
    "offers": [
        {
            "id": "off-1", "organization_id": "org-1",
            "title": "Familienhebamme – Hausbesuche nach der Geburt",
            "summary": "Eine Hebamme besucht Familien im ersten Lebensjahr zu Hause.",
            "description": "Beratung zu Stillen, Schlaf und Entwicklung.",
            "url": "https://example.org/hebamme", "email": "hebamme@example.org",
            "min_age": 0, "max_age": 1, "pregnancy": True, "free": True, "cost": "kostenlos",
            "languages": ["de", "ar", "tr"], "topics": ["early_help"],
            "target_groups": ["parents", "pregnant"], "life_phases": ["pregnancy", "age_0_3"],
            "location_ids": ["loc-1"],
            "contacts": [{"id": "ct-1", "name": "Anna Beispiel", "title": "Familienhebamme",
                          "email": "a.beispiel@example.org",
                          "phones": [{"id": "ph-ct-1", "number": "02541 000-101"}]}],
            "phones": [{"id": "ph-off-1", "number": "02541 000-102"}],
            "schedules": [{"id": "sc-1", "byday": "MO,WE", "opens_at": "09:00",
                           "closes_at": "12:00", "description": "offene Sprechstunde",
                           "translations": {"en": {"description": "open consultation"}}}],
            "assured_date": "2026-09-14", "last_modified": "2026-10-01T10:00:00Z",
            "translations": {
                "en": {"title": "Family midwife – home visits after birth",
                       "summary": "A midwife visits families at home in the first year."},
                "ar": {"title": "قابلة الأسرة – زيارات منزلية بعد الولادة",
                       "machine_translated": True},
            },
        },
        {
            "id": "off-2", "organization_id": "org-1", "title": "Sprachcafé im Treffpunkt",
            "summary": "Deutsch sprechen üben bei Kaffee und Tee.",
            "min_age": 16, "max_age": None, "free": False, "cost": "2 € pro Treffen",
            "cost_options": [{"id": "co-1", "option": "pro Treffen", "amount": 2.0,
                              "currency": "EUR"}],
            "languages": ["de"], "topics": ["language_cafe"],
            "target_groups": ["migrant_families"], "location_ids": ["loc-2"],
            "schedules": [{"id": "sc-2", "byday": "TH", "opens_at": "15:00",
                           "closes_at": "17:00"}],
        },
    ],
}


def sample_directory() -> dict[str, Any]:
    """A fresh deep copy, so tests can break it freely."""
    return copy.deepcopy(_SAMPLE)


@contextmanager
def sample_database(folder: Path) -> Iterator[Database]:
    """A store in ``folder`` with :func:`sample_directory` loaded (closed afterwards)."""
    database = Database(folder / "db.sqlite3")
    with database.engine.begin() as connection:
        replace_directory(connection, sample_directory())
    try:
        yield database
    finally:
        database.close()
