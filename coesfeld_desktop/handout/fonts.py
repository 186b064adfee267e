"""The bundled fonts and which one prints which character.

Why per-run fonts: reportlab has no font fallback — a character missing from the font
simply vanishes. Three open (OFL) Noto families cover what handouts print: Noto Sans
(Latin, Cyrillic, Greek), Noto Sans Arabic (Arabic, Farsi) and Noto Sans Ethiopic
(Tigrinya); DejaVu Sans (Bitstream Vera licence, ``DejaVu-LICENSE.txt``) is the fallback
for the arrows, maths signs, check marks and pictographs (→ ≥ ✓ ☎) a counsellor may type
into a note. Text is cut into runs and each run gets the first family whose font has
every glyph of it; :func:`unprintable` names what no bundled font can print.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from coesfeld_desktop.paths import resource_dir

LATIN = "HandoutSans"
ARABIC = "HandoutArabic"
ETHIOPIC = "HandoutEthiopic"
SYMBOLS = "HandoutSymbols"

_FILES = {
    LATIN: ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    ARABIC: ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
    ETHIOPIC: ("NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf"),
    SYMBOLS: ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
}
FAMILIES = (LATIN, ARABIC, ETHIOPIC, SYMBOLS)  # order of preference for neutral characters
# Steering characters that no font draws: bidi controls, joiners, variation selectors.
_INVISIBLE = frozenset(map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\u061c\ufeff"
                                "\u202a\u202b\u202c\u202d\u202e\ufe0e\ufe0f\n\r\t"))
_lock = threading.Lock()


def fonts_dir() -> Path:
    return resource_dir() / "fonts"


def bold(family: str) -> str:
    return f"{family}-Bold"


@lru_cache(maxsize=1)
def register_fonts() -> tuple[str, ...]:
    """Register the bundled families with reportlab (once per process); returns their names."""
    with _lock:
        for family, (regular, bold_file) in _FILES.items():
            pdfmetrics.registerFont(TTFont(family, str(fonts_dir() / regular)))
            pdfmetrics.registerFont(TTFont(bold(family), str(fonts_dir() / bold_file)))
            addMapping(family, 0, 0, family)
            addMapping(family, 1, 0, bold(family))
            addMapping(family, 0, 1, family)
            addMapping(family, 1, 1, bold(family))
    return FAMILIES


@lru_cache(maxsize=8)
def cmap(font_name: str) -> frozenset[int]:
    """Code points the registered font ``font_name`` has a glyph for."""
    register_fonts()
    font = pdfmetrics.getFont(font_name)
    return frozenset(font.face.charToGlyph)


def _script_family(char: str) -> str | None:
    """The family a character needs by its script, or None for neutral characters."""
    code = ord(char)
    if (0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0x08A0 <= code <= 0x08FF
            or 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF):
        return ARABIC
    if 0x1200 <= code <= 0x139F or 0x2D80 <= code <= 0x2DDF or 0xAB00 <= code <= 0xAB2F:
        return ETHIOPIC
    if char.isalpha():
        return LATIN
    return None


@dataclass(frozen=True)
class Run:
    text: str
    family: str


@lru_cache(maxsize=8192)
def font_runs(text: str, preferred: str = LATIN) -> tuple[Run, ...]:
    """Cut ``text`` into runs of one family each.

    Letters pick their script's family; neutral characters (spaces, digits, punctuation)
    stay with the run they are in when its font has them, so runs stay long.
    """
    runs: list[Run] = []
    current: str | None = None
    chunk: list[str] = []
    for char in text:
        family = _script_family(char)
        if family is not None and ord(char) not in cmap(family):
            family = next((f for f in FAMILIES if ord(char) in cmap(f)), family)
        if family is None:
            if current is not None and ord(char) in cmap(current):
                family = current
            elif ord(char) in cmap(preferred):
                family = preferred
            else:
                family = next((f for f in FAMILIES if ord(char) in cmap(f)), preferred)
        if family != current and chunk:
            runs.append(Run("".join(chunk), current or preferred))
            chunk = []
        current = family
        chunk.append(char)
    if chunk:
        runs.append(Run("".join(chunk), current or preferred))
    return tuple(runs)


def missing_glyphs(text: str, font_name: str) -> set[str]:
    """Characters of ``text`` the font cannot print (whitespace controls ignored)."""
    glyphs = cmap(font_name)
    return {c for c in text if ord(c) not in glyphs and c not in "\n\r\t"}


def unprintable(text: str) -> list[str]:
    """Characters of ``text`` that no bundled font has (an emoji, say), each once."""
    register_fonts()
    found = dict.fromkeys(
        char for char in text
        if ord(char) not in _INVISIBLE and not any(ord(char) in cmap(f) for f in FAMILIES))
    return list(found)


def family_for_language(language: str) -> str:
    base = language.split("-")[0]
    if base in {"ar", "fa"}:
        return ARABIC
    if base in {"ti", "am"}:
        return ETHIOPIC
    return LATIN
