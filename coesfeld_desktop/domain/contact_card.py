"""An offer's contact for a family's phone: a vCard in a QR code, and a map link (no Qt).

Why a vCard: scanned with the phone's camera it becomes a phone-book entry with the
number, e-mail and address, without any network. ``segno`` (maintained, pure Python)
writes the vCard text and the QR code; the screen and the handout draw the same matrix.
"""

from __future__ import annotations

import io
from functools import lru_cache
from urllib.parse import urlencode

import segno
from segno import helpers

from coesfeld_desktop.domain.offer import OfferDetail

MAX_PHONES = 2  # the offer's number and one contact's: enough, and the code stays small


def map_link(latitude: float, longitude: float) -> str:
    """An OpenStreetMap link with a marker at the place."""
    query = urlencode({"mlat": f"{latitude:.5f}", "mlon": f"{longitude:.5f}"})
    return f"https://www.openstreetmap.org/?{query}#map=17/{latitude:.5f}/{longitude:.5f}"


def has_contact(offer: OfferDetail) -> bool:
    """Whether a contact card would hold a way to reach the offer."""
    return bool(_phones(offer) or _email(offer))


def _phones(offer: OfferDetail) -> list[str]:
    numbers = list(offer.phones) + [p for contact in offer.contacts for p in contact.phones]
    return list(dict.fromkeys(numbers))[:MAX_PHONES]


def _email(offer: OfferDetail) -> str | None:
    return offer.email or next((c.email for c in offer.contacts if c.email), None)


def contact_vcard(offer: OfferDetail) -> str:
    """A vCard 3.0 for the offer: its title as the name, provider, phones, e-mail, address.

    The shown name is the offer's title (what the family will look for), not a person's;
    the structured name stays empty, as for an organisation. Kept short (no web address,
    which is printed anyway) so the code stays coarse enough to scan from paper.
    """
    place = offer.places[0] if offer.places else None
    return str(helpers.make_vcard_data(
        name="", displayname=offer.title.text, org=offer.provider,
        phone=_phones(offer) or None, email=_email(offer),
        street=place.street if place else None,
        city=place.town_and_district() if place else None,
        zipcode=place.postcode if place else None,
    ))


def is_contact_card(data: str) -> bool:
    return data.startswith("BEGIN:VCARD")


@lru_cache(maxsize=256)
def qr_matrix(data: str, error: str = "m", mask: int | None = None
              ) -> tuple[tuple[bool, ...], ...]:
    """The dark/light modules of ``data``'s QR code (no quiet zone).

    ``error`` "l" for paper (a smaller code with larger modules), "m" for the screen.
    ``mask`` fixes the mask pattern: choosing the best of eight is most of segno's time,
    and any pattern is valid (a handout with ten codes saves about half a second).
    """
    code = segno.make_qr(data, error=error, boost_error=False, mask=mask)
    return tuple(tuple(bool(cell) for cell in row) for row in code.matrix)


def qr_png(data: str, scale: int = 8) -> bytes:
    """``data``'s QR code as a PNG with a four-module quiet zone (for the screen)."""
    buffer = io.BytesIO()
    segno.make_qr(data, error="m", boost_error=False).save(buffer, kind="png", scale=scale,
                                                            border=4)
    return buffer.getvalue()
