"""OpenType shaping with HarfBuzz: glyphs and mark positions from the font's own tables.

Why HarfBuzz: Arabic and Farsi vowel marks (shadda, fatha, damma, tanween) must sit on
their own letter. Only the font knows where (its GPOS mark-to-base anchors); HarfBuzz
reads them, and picks the joined letter forms and ligatures from GSUB. A run comes back
as glyph ids in *visual* order (right-to-left runs are reversed by HarfBuzz), each with
its advance and offset. reportlab draws such glyphs through its ``ShapedStr`` (the same
path its own uharfbuzz support takes), so the PDF carries the font's positioning.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import uharfbuzz as hb
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr

from coesfeld_desktop.handout.fonts import register_fonts

_lock = threading.Lock()
# Ligatures and kerning as the font defines them; Arabic joining forms are always on.
_FEATURES = {"kern": True, "liga": True}


@dataclass(frozen=True)
class Glyph:
    """One positioned glyph; lengths in 1/1000 of the font size (PDF text space)."""

    gid: int
    cluster: int  # index of the first character of the run this glyph belongs to
    advance: float
    x_offset: float
    y_offset: float


@dataclass(frozen=True)
class ShapedRun:
    """A run of one font and one direction, shaped: glyphs left to right as drawn."""

    text: str
    font: str
    rtl: bool
    glyphs: tuple[Glyph, ...]

    def width(self, size: float) -> float:
        return sum(glyph.advance for glyph in self.glyphs) * size / 1000

    def drawable(self) -> str:
        """The run as reportlab's ``ShapedStr``, for ``canvas.drawString``."""
        return _drawable(self)


@lru_cache(maxsize=16)
def _hb_font(font_name: str) -> Any:
    register_fonts()
    return pdfmetrics.getFont(font_name).hbFont(1000)


@lru_cache(maxsize=16384)
def shape(text: str, font_name: str, rtl: bool) -> ShapedRun:
    """``text`` (logical order, one font, one direction) shaped by HarfBuzz."""
    font = _hb_font(font_name)
    ttf = pdfmetrics.getFont(font_name)
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"
    hb.shape(font, buffer, _FEATURES)
    scale = ttf.pdfScale
    glyphs = tuple(
        Glyph(info.codepoint, info.cluster, scale(pos.x_advance), scale(pos.x_offset),
              scale(pos.y_offset))
        for info, pos in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True))
    return ShapedRun(text, font_name, rtl, glyphs)


def _drawable(run: ShapedRun) -> str:
    """Characters that address each glyph in reportlab's subsets, with HarfBuzz positions.

    A glyph without a code point of its own (a ligature, a mark variant) gets a private-use
    code point, as reportlab's own shaping does.
    """
    ttf = pdfmetrics.getFont(run.font)
    face = ttf.face
    font = _hb_font(run.font)
    chars: list[str] = []
    data: list[ShapeData] = []
    with _lock:  # adding a private code point changes the font's tables
        for glyph in run.glyphs:
            codes = face.glyphToChar.get(glyph.gid)
            if codes:
                code = codes[0]
            else:
                advance = glyph.advance * face.unitsPerEm / 1000
                code = ttf.hbAddPrivate(font.glyph_to_string(glyph.gid), glyph.gid, advance)
            chars.append(chr(code))
            data.append(ShapeData(glyph.cluster, glyph.advance, 0, glyph.x_offset,
                                  glyph.y_offset, face.charWidths[code]))
    shaped: str = ShapedStr("".join(chars), shapeData=data)
    return shaped
