"""A helpline of the "Hilfe in Notlagen" list: a plain fact the search finds, the window
shows and a handout prints (``resources/crisis.txt`` holds them; ``search.crisis`` reads it).

Why in the domain: the handout prints helplines but may not import the search layer.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Helpline:
    name: str  # German, as the list writes it; the handout catalogs translate it
    number: str
    note: str = ""  # when and how: "rund um die Uhr, kostenlos, anonym"
    district: bool = False  # the district's own contact (from [Kreis]), not national
