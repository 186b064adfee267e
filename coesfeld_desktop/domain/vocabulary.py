"""Fixed vocabularies the counsellors filter by: target groups, life phases, weekdays.

Topics are not here: they come with the directory (HSDS taxonomy terms).
Labels are German source strings marked for translation with ``N_``.
"""

from __future__ import annotations

from coesfeld_desktop.i18n import N_

TARGET_GROUPS: dict[str, str] = {
    "parents": N_("Eltern"),
    "pregnant": N_("Schwangere"),
    "children": N_("Kinder"),
    "young_people": N_("Jugendliche"),
    "young_adults": N_("Junge Erwachsene"),
    "families": N_("Familien"),
    "migrant_families": N_("Familien mit Zuwanderungsgeschichte"),
    "professionals": N_("Fachkräfte"),
}

# Ordered along a child's path; used for the "transition" view and the age filter.
LIFE_PHASES: dict[str, str] = {
    "pregnancy": N_("Schwangerschaft"),
    "age_0_3": N_("0–3 Jahre"),
    "kindergarten": N_("Kindergarten"),
    "primary_school": N_("Grundschule"),
    "secondary_school": N_("Weiterführende Schule"),
    "school_to_job": N_("Übergang Schule–Beruf"),
    "young_adults": N_("Junge Erwachsene"),
}

# iCalendar weekday codes, as used by HSDS schedules (``byday``); Monday first.
WEEKDAYS: tuple[str, ...] = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

# Languages offers are commonly given in; the directory may name others (ISO 639-1/-3).
OFFER_LANGUAGES: tuple[str, ...] = (
    "de", "en", "tr", "ar", "fa", "uk", "ru", "pl", "ro", "ku", "ti", "fr", "es", "it", "sq",
)

# Languages in which the directory carries translated offer texts.
TEXT_LANGUAGES: tuple[str, ...] = ("de", "en", "tr", "ar", "fa", "uk", "ru")

# How a search filter is named (window and command line), e.g. in
# "Ohne Filter „Stadt“: 14 Angebote".
FILTER_LABELS: dict[str, str] = {
    "town": N_("Stadt"),
    "age": N_("Alter"),
    "pregnancy": N_("Schwangerschaft"),
    "target_group": N_("Zielgruppe"),
    "life_phase": N_("Lebensphase"),
    "topic": N_("Thema"),
    "language": N_("Sprache"),
    "free_only": N_("nur kostenlos"),
    "barrier_free_only": N_("nur barrierefrei"),
    "weekday": N_("Wochentag"),
}
