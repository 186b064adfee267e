"""What can be wrong with an offer: the fixed choices of "Stimmt etwas nicht?".

Why fixed choices: the district's editors sort and count reports by them, and a choice
carries no client data. Declared once: the dialog, the command line, the message and the
district's list read these codes and labels.
"""

from __future__ import annotations

from coesfeld_desktop.i18n import N_

KINDS: dict[str, str] = {
    "contact": N_("Telefon oder E-Mail falsch"),
    "address": N_("Adresse falsch"),
    "ended": N_("Angebot gibt es nicht mehr"),
    "waiting_list": N_("Warteliste / keine Plätze"),
    "contact_person": N_("Ansprechperson gewechselt"),
    "opening_hours": N_("Öffnungszeiten falsch"),
    "other": N_("Sonstiges"),
}
MAX_TEXT = 200  # a short hint for the editors, not a case description

KIND_COLUMN = 20  # characters of the stored code
