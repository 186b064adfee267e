"""Fixed vocabularies the counsellors filter by: target groups, life phases, weekdays.

Topics are not here: they come with the directory (HSDS taxonomy terms). How counsellors
filter by these (labels, widgets, flags) is declared in :mod:`.dimensions`.
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

# (ext) Vernetzte Angebote: how an offer names other offers. Kind (as stored) -> the
# directory document's list field and the label the detail pane shows above the links.
OFFER_RELATION_FIELDS: dict[str, str] = {"follow_up": "follow_ups", "partner": "partners"}
OFFER_RELATION_LABELS: dict[str, str] = {
    "follow_up": N_("Danach"),  # what usually comes after this offer
    "partner": N_("Gemeinsam mit"),  # offers run together with this one
}
