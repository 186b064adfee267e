"""The sync's message says what went to the district with it, or that it waits."""

from __future__ import annotations

from coesfeld_desktop.i18n import translations
from coesfeld_desktop.sync.apply import Delivered, SyncOutcome
from coesfeld_desktop.ui.sync_messages import delivery_message, outcome_message


def test_the_sync_message_names_what_went_to_the_district() -> None:
    de = translations("de")
    _ = de.gettext
    assert delivery_message(None, _, de.ngettext) == ""
    assert delivery_message(Delivered(0, 0), _, de.ngettext) == ""
    assert delivery_message(Delivered(2, 0), _, de.ngettext) == \
        "An den Kreis gesendet: 2 Meldungen."
    assert delivery_message(Delivered(0, 1, "ConnectError"), _, de.ngettext) == \
        "An den Kreis: nicht erreichbar, 1 Meldung wartet auf den nächsten Abgleich."
    outcome = SyncOutcome("unchanged", "d", "T", 3, "2026-11-20T08:00:00",
                          delivered=Delivered(1, 0))
    text = outcome_message(outcome, False, 10, "de", _, de.ngettext)
    assert text.startswith("Keine neuen Daten") and text.endswith("gesendet: 1 Meldung.")
    en = translations("en")
    assert delivery_message(Delivered(1, 0), en.gettext, en.ngettext) == \
        "Sent to the district: 1 message."
