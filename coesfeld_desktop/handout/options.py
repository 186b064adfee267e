"""What a counsellor chooses for a sheet: language, layout, large print, note, helplines.

Why apart from :mod:`coesfeld_desktop.handout.pdf`: the handout history stores and reads
these choices when the store opens, before the first result list; importing the PDF
builder (reportlab) for them cost ≈ 0.3 s of CPU on the way to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from coesfeld_desktop.domain.helpline import Helpline

SOURCE_LANGUAGE = "de"


class Layout(StrEnum):
    """Family language only, or bilingual with German beneath each offer or beside it."""

    SINGLE = "single"
    BENEATH = "beneath"
    SIDE_BY_SIDE = "side_by_side"


@dataclass(frozen=True)
class HandoutOptions:
    language: str = SOURCE_LANGUAGE
    layout: Layout = Layout.SINGLE
    large_print: bool = False
    note: str = ""  # the counsellor's note; printed, never stored with client data
    # "Hilfe in Notlagen": the helplines printed first when the conversation touched a
    # crisis (the counsellor decides; empty: no box)
    crisis: tuple[Helpline, ...] = ()

    @property
    def bilingual(self) -> bool:
        return self.layout is not Layout.SINGLE and self.language != SOURCE_LANGUAGE
