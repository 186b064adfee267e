"""QR codes on handouts: the offer's website, or a map link for its address.

Uses reportlab's own QR widget, so no extra dependency and the code stays vector.
"""

from __future__ import annotations

from urllib.parse import urlencode

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing

from coesfeld_desktop.domain.offer import OfferDetail


def map_link(latitude: float, longitude: float) -> str:
    """An OpenStreetMap link with a marker at the place."""
    query = urlencode({"mlat": f"{latitude:.5f}", "mlon": f"{longitude:.5f}"})
    return f"https://www.openstreetmap.org/?{query}#map=17/{latitude:.5f}/{longitude:.5f}"


def qr_target(offer: OfferDetail) -> tuple[str, str] | None:
    """``("web", url)`` or ``("map", url)`` for the offer's QR code, or None."""
    url = offer.url or offer.provider_website
    if url:
        return "web", url
    for place in offer.places:
        if place.latitude is not None and place.longitude is not None:
            return "map", map_link(place.latitude, place.longitude)
    return None


def qr_drawing(data: str, size: float) -> Drawing:
    """A square QR code drawing of ``size`` points."""
    widget = QrCodeWidget(data, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    width, height = x1 - x0, y1 - y0
    drawing = Drawing(size, size, transform=[size / width, 0, 0, size / height, 0, 0])
    drawing.add(widget)
    return drawing
