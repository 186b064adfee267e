"""QR codes on handouts: the offer's contact as a vCard, else its website or a map link.

Uses reportlab's own QR encoder (no extra dependency) and draws the modules as filled
rectangles straight onto the canvas: the graphics renderer would name an unembedded
Helvetica in every PDF.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.graphics.barcode import qrencoder
from reportlab.platypus import Flowable

from coesfeld_desktop.domain.contact_card import (
    contact_vcard,
    has_contact,
    is_contact_card,
    map_link,
    qr_matrix,
)
from coesfeld_desktop.domain.offer import OfferDetail

QUIET_ZONE = 2  # modules of white border (the sheet around it is white too)
MASK_PATTERN = 2
__all__ = ["map_link", "qr_drawing", "qr_modules", "qr_target"]


def qr_target(offer: OfferDetail) -> tuple[str, str] | None:
    """``("contact", vcard)``, ``("web", url)`` or ``("map", url)`` for the QR code, or None.

    The contact comes first: scanned, it puts phone, e-mail and address into the family's
    phone book without any network; the web address is printed as text anyway.
    """
    if has_contact(offer):
        return "contact", contact_vcard(offer)
    url = offer.url or offer.provider_website
    if url:
        return "web", url
    for place in offer.places:
        if place.latitude is not None and place.longitude is not None:
            return "map", map_link(place.latitude, place.longitude)
    return None


@lru_cache(maxsize=256)
def qr_modules(data: str, level: str = "M") -> tuple[tuple[bool, ...], ...]:
    """The dark/light module matrix of ``data``.

    Uses one fixed mask pattern: choosing the "best" of eight (what ``QRCode.make`` does)
    costs ~40 ms per code in pure Python and changes nothing for a crisp printed code;
    every mask pattern is valid and decoders read the pattern from the format bits.
    """
    code = qrencoder.QRCode(None, getattr(qrencoder.QRErrorCorrectLevel, level))
    code.addData(data)
    code.version = code.calculate_version()
    code.makeImpl(False, MASK_PATTERN)
    return tuple(tuple(bool(cell) for cell in row) for row in code.modules)


@lru_cache(maxsize=256)
def _card_modules(data: str) -> tuple[tuple[bool, ...], ...]:
    """A contact card's modules: level L for paper, one fixed mask (see ``qr_modules``)."""
    return qr_matrix(data, "l", MASK_PATTERN)


class QrFlowable(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """A square QR code of ``size`` points."""

    def __init__(self, data: str, size: float) -> None:
        super().__init__()
        self.data = data
        self.size = size
        # a vCard holds umlauts and other scripts: segno encodes them (level L for paper)
        self.modules = _card_modules(data) if is_contact_card(data) else qr_modules(data)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.size, self.size

    def draw(self) -> None:
        count = len(self.modules) + 2 * QUIET_ZONE
        cell = self.size / count
        canvas = self.canv
        canvas.setFillColorRGB(0, 0, 0)
        for r, row in enumerate(self.modules):
            y = self.size - (r + QUIET_ZONE + 1) * cell
            c = 0
            while c < len(row):  # one rectangle per horizontal run of dark modules
                if not row[c]:
                    c += 1
                    continue
                start = c
                while c < len(row) and row[c]:
                    c += 1
                canvas.rect((start + QUIET_ZONE) * cell, y, (c - start) * cell, cell,
                            stroke=0, fill=1)


def qr_drawing(data: str, size: float) -> QrFlowable:
    return QrFlowable(data, size)
