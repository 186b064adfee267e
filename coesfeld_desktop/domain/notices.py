"""Messages that the window and the command line both show, declared once.

Why in the domain: the window may not import the command line nor the other way round,
and both speak through the UI catalogs (``angebotslotse``), which read this package.
"""

from __future__ import annotations

from coesfeld_desktop.i18n import N_, Translate

# A note for the family holds characters no bundled font has (an emoji, "☎"): the handout
# would print a gap; the counsellor sees which ones before printing.
UNPRINTABLE = N_("Diese Zeichen der Notiz kann der Handzettel nicht drucken, sie fehlen "
                 "im PDF: {chars}")


def unprintable_text(chars: list[str], _: Translate) -> str:
    """The warning about ``chars`` (one of each) in the UI language; empty without any."""
    return _(UNPRINTABLE).format(chars=" ".join(chars)) if chars else ""
