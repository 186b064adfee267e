"""Reading handout PDFs back for tests: lines in visual order, fonts, glyph coverage."""

from __future__ import annotations

import io
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

import pdfplumber
import pypdf
from reportlab.pdfbase import pdfmetrics

from coesfeld_desktop.handout import fonts, rtl


@dataclass
class ReadBack:
    pages: int
    lines: list[list[str]]  # per page, each line's characters left to right (visual order)
    chars: list[dict]  # every character with font name and position
    line_chars: list[list[list[dict]]]  # per page, per line, the characters left to right
    actual: list[list[str]]  # per page, the ActualText of each span (right-to-left lines)

    @property
    def text(self) -> str:
        """What a reader copies: glyph text of each line, and the logical text of spans."""
        return "\n".join([*(line for page in self.lines for line in page),
                          *(line for page in self.actual for line in page)])

    def logical_lines(self) -> list[str]:
        """Every line as a reader gets it: spans' ActualText, and glyph lines with no Arabic."""
        glyph_lines = [line for page in self.lines for line in page
                       if not any(_arabic(c) for c in line)]
        return [*(line for page in self.actual for line in page), *glyph_lines]

    def page_text(self, index: int) -> str:
        return "\n".join([*self.lines[index], *self.actual[index]])

    def squashed(self) -> str:
        return squash(self.text)


def read_pdf(data: bytes) -> ReadBack:
    pages: list[list[str]] = []
    chars: list[dict] = []
    line_chars: list[list[list[dict]]] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            by_baseline: dict[float, list[dict]] = defaultdict(list)
            for char in page.chars:
                by_baseline[round(char["matrix"][5], 0)].append(char)
                chars.append(char)
            lines, rows = [], []
            for baseline in sorted(by_baseline, reverse=True):
                row = sorted(by_baseline[baseline], key=lambda c: c["x0"])
                lines.append("".join(c["text"] for c in row))
                rows.append(row)
            pages.append(lines)
            line_chars.append(rows)
        count = len(pdf.pages)
    return ReadBack(count, pages, chars, line_chars, actual_texts(data))


def actual_texts(data: bytes) -> list[list[str]]:
    """Per page, the ``ActualText`` of every marked-content span, in content order."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    result = []
    for page in reader.pages:
        spans = []
        content = pypdf.generic.ContentStream(page.get_contents(), reader)
        for operands, operator in content.operations:
            if operator == b"BDC" and len(operands) == 2:
                properties = operands[1]
                if isinstance(properties, dict) and "/ActualText" in properties:
                    spans.append(str(properties["/ActualText"]))
        result.append(spans)
    return result


def _arabic(char: str) -> bool:
    code = ord(char)
    return 0x0600 <= code <= 0x08FF or 0xFB50 <= code <= 0xFEFF or 0xE000 <= code <= 0xF8FF


def unshaped(row: list[dict]) -> str:
    """A right-to-left row of glyphs read back as text: right to left, letter forms undone."""
    return "".join(unicodedata.normalize("NFKC", char["text"]) for char in reversed(row))


def squash(text: str) -> str:
    """``text`` without any white space (line breaks, no-break and narrow spaces too)."""
    return "".join(text.split())


def visual(text: str) -> str:
    """How ``text`` reads back from an RTL line (its ActualText), without spaces."""
    return squash(rtl.logical_text(text))


def as_printed(text: str, language: str) -> str:
    """``text`` as it reads back from a handout in ``language``, spaces removed."""
    return visual(text)


def embedded_fonts(data: bytes) -> dict[str, bool]:
    """Base font name → whether its descriptor carries an embedded TrueType (/FontFile2)."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    found: dict[str, bool] = {}
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            found[str(font["/BaseFont"])] = "/FontFile2" in descriptor
    return found


def font_cmaps() -> dict[str, frozenset[int]]:
    """PostScript name (as in the PDF, without the subset tag) → code points it covers."""
    fonts.register_fonts()
    result = {}
    for family in fonts.FAMILIES:
        for name in (family, fonts.bold(family)):
            face = pdfmetrics.getFont(name).face
            result[bytes(face.name).decode()] = fonts.cmap(name)
    return result


def missing_glyphs(read: ReadBack) -> list[tuple[str, str]]:
    """(character, font) pairs printed in a font that has no glyph for them."""
    cmaps = font_cmaps()
    missing = []
    for char in read.chars:
        name = char["fontname"].split("+", 1)[-1]
        for code in map(ord, char["text"]):
            if code not in cmaps[name]:
                missing.append((char["text"], name))
    return missing
