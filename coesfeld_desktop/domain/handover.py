"""A warm handover ("Vermittlung"): what the counsellor sets per offer on screen.

Why a type of its own: the appointment a family has been given is the one piece of client
data on any sheet. It lives in :class:`HandoverEntry` objects in memory only, is printed on
the sheet and is never written to the database, the settings or the handout history.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from coesfeld_desktop.domain.offer import OfferDetail

# German words in an offer's application process or a phone note that say "call first"
_CALL_FIRST = re.compile(r"termin|telefonisch|anruf|anmeld|vereinbar", re.IGNORECASE)


@dataclass(frozen=True)
class HandoverEntry:
    """One offer on the sheet: whether to call first and the appointment, if one was made."""

    offer_id: str
    call_first: bool = False
    appointment_date: dt.date | None = None
    appointment_time: dt.time | None = None  # only with a date

    @property
    def has_appointment(self) -> bool:
        return self.appointment_date is not None


def suggest_call_first(german: OfferDetail) -> bool:
    """Whether the offer's German texts ask for a call before coming (application process,
    what a phone number is for), or it has no opening hours to simply come by."""
    texts = [german.application_process.text if german.application_process else ""]
    texts += [note.text for _number, note in german.phone_notes]
    texts += [note.text for contact in german.contacts for _number, note in contact.phone_notes]
    if any(_CALL_FIRST.search(text) for text in texts):
        return True
    return not german.opening_hours
