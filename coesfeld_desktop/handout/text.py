"""Turn plain text into flowables: shaped, reordered, one font per script run.

Why: reportlab prints a paragraph in one font unless told otherwise and has no fallback,
and right-to-left text must be shaped and reordered. :func:`paragraph` picks the
paragraph's direction from its own text, so a German fallback text on an Arabic handout
still runs left-to-right. Text without right-to-left letters goes to reportlab's own
``Paragraph`` (with a ``<font>`` tag per script run); text with them goes to
:class:`BidiParagraph`, which breaks lines in logical order and draws each line in visual
order, run by run.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from coesfeld_desktop.handout import rtl
from coesfeld_desktop.handout.fonts import LATIN, bold, font_runs, register_fonts

# Explicit left-to-right embedding for phone numbers, e-mails and URLs inside RTL text:
# bidi would otherwise reorder "02541 123" into "123 02541".
LRE, PDF = "\u202a", "\u202c"
_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u200e\u200f\u061c"), None)
_SPACES = re.compile(r" +")
# Phone numbers, e-mail addresses and URLs keep their left-to-right order in RTL text.
_KEEP_LTR = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
                       r"|\+?\d[\d ()/-]{3,}\d")


# Where a long URL (or e-mail address) may wrap: after a slash first, else after - . ? & = _
_AFTER_SLASH = re.compile(r"(?<=/)")
_AFTER_PUNCT = re.compile(r"(?<=[-.?&=_])")


def split_long_word(word: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """``word`` cut into lines no wider than ``width``, at sensible points.

    A URL breaks after ``/`` where it can, so that no path segment is torn apart; a segment
    longer than a line breaks after ``-``, ``.``, ``?``, ``&``, ``=`` or ``_``, and only a
    piece without any of these is cut between characters. Joined, the lines give ``word``.
    """
    if measure(word) <= width:
        return [word]
    lines: list[str] = []
    current = _pack(word, 0, width, measure, lines, "")
    if current:
        lines.append(current)
    return lines


# Break points from the most to the least sensible; ``None``: between any two characters.
_BREAK_LEVELS: tuple[re.Pattern[str] | None, ...] = (_AFTER_SLASH, _AFTER_PUNCT, None)


def _pack(text: str, level: int, width: float, measure: Callable[[str], float],
          lines: list[str], current: str) -> str:
    """Greedily fill lines with the pieces of ``text`` split at ``level``'s break points.

    A piece too wide for a line of its own is packed again at the next level. Full lines
    go to ``lines``; the unfinished last line is returned.
    """
    splitter = _BREAK_LEVELS[level]
    pieces = splitter.split(text) if splitter is not None else list(text)
    for piece in (p for p in pieces if p):
        if measure(current + piece) <= width:
            current += piece
            continue
        if current:
            lines.append(current)
        if splitter is None or measure(piece) <= width:
            current = piece
        else:
            current = _pack(piece, level + 1, width, measure, lines, "")
    return current


def wrap_long_words(text: str, width: float, font: str, size: float) -> str:
    """``text`` with a line break inside each word wider than ``width`` (see above).

    For left-to-right values that reportlab's ``Paragraph`` lays out: it would cut a long
    URL between any two characters.
    """
    register_fonts()

    def measure(part: str) -> float:
        return stringWidth(part.translate(_CONTROLS), font, size)

    lines = []
    for line in text.split("\n"):
        words = ["\n".join(split_long_word(word, width, measure)) if word else word
                 for word in line.split(" ")]
        lines.append(" ".join(words))
    return "\n".join(lines)


def first_strong_direction(text: str) -> str | None:
    """``"RTL"``/``"LTR"`` after the first strongly directional character, else None."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "RTL"
        if kind == "L":
            return "LTR"
    return None


def has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def ltr_embed(text: str) -> str:
    """Keep ``text`` (a phone number, e-mail, URL) left-to-right inside RTL text."""
    return f"{LRE}{text}{PDF}"


def protect_ltr(text: str) -> str:
    """Wrap phone numbers, e-mails and URLs in an explicit left-to-right embedding."""
    return _KEEP_LTR.sub(lambda match: ltr_embed(match.group(0)), text)


def markup(text: str, preferred: str = LATIN, is_bold: bool = False) -> str:
    """Escaped paragraph markup of (left-to-right) ``text`` with a ``<font>`` tag per run."""
    register_fonts()
    parts = []
    for run in font_runs(text.translate(_CONTROLS), preferred):
        name = bold(run.family) if is_bold else run.family
        body = escape(run.text).replace("\n", "<br/>")
        parts.append(f'<font name="{name}">{body}</font>')
    return "".join(parts)


class BidiParagraph(Flowable):
    """A paragraph with right-to-left text: shaped, wrapped, reordered line by line."""

    def __init__(self, text: str, style: ParagraphStyle, base_direction: str = "RTL",
                 preferred: str = LATIN, is_bold: bool = False, alignment: int | None = None,
                 _lines: list[str] | None = None) -> None:
        super().__init__()
        register_fonts()
        self.text = rtl.shape(protect_ltr(text) if base_direction == "RTL" else text)
        self.style = style
        self.base_direction = base_direction
        self.preferred = preferred
        self.is_bold = is_bold
        if alignment is None:
            alignment = TA_RIGHT if base_direction == "RTL" else TA_LEFT
        self.alignment = alignment
        self._lines = _lines  # visual lines, once wrapped
        self._wrapped_for: float | None = None

    # --- measuring -----------------------------------------------------------------------

    def _font(self, family: str) -> str:
        return bold(family) if self.is_bold else family

    def _runs(self, visual: str) -> list[tuple[str, str, float]]:
        size = self.style.fontSize
        return [(run.text, self._font(run.family),
                 stringWidth(run.text, self._font(run.family), size))
                for run in font_runs(visual, self.preferred)]

    def _width(self, text: str) -> float:
        return sum(width for _, _, width in self._runs(text))

    def _break(self, width: float) -> list[str]:
        """Logical lines no wider than ``width`` (a too-long word is cut by characters)."""
        space = self._width(" ")
        lines: list[str] = []
        for block in self.text.split("\n"):
            current: list[str] = []
            used = 0.0
            for word in _SPACES.split(block.strip()):
                if not word:
                    continue
                word_width = self._width(word.translate(_CONTROLS))
                if word_width > width:  # a long URL: wrap it, it would overflow otherwise
                    if current:
                        lines.append(" ".join(current))
                    current, used = [], 0.0
                    pieces = split_long_word(
                        word, width, lambda part: self._width(part.translate(_CONTROLS)))
                    if LRE in word:  # each line of a URL keeps its left-to-right order
                        pieces = [ltr_embed(piece.translate(_CONTROLS)) for piece in pieces]
                    *full, word = pieces
                    lines += full
                    word_width = self._width(word.translate(_CONTROLS))
                if current and used + space + word_width > width:
                    lines.append(" ".join(current))
                    current, used = [], 0.0
                used += (space if current else 0.0) + word_width
                current.append(word)
            lines.append(" ".join(current))
        return lines

    def _visual_lines(self, width: float) -> list[str]:
        return [rtl.marks_after_base(rtl.log2vis(line, self.base_direction))
                for line in self._break(width)]

    # --- Flowable ------------------------------------------------------------------------

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if self._lines is None or self._wrapped_for != availWidth:
            if self._wrapped_for is None and self._lines is not None:
                self._wrapped_for = availWidth  # lines handed over by split()
            else:
                self._lines = self._visual_lines(availWidth)
                self._wrapped_for = availWidth
        self.width = availWidth
        self.height = len(self._lines) * self.style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self.wrap(availWidth, availHeight)
        assert self._lines is not None
        fit = int(availHeight // self.style.leading)
        if fit <= 0 or fit >= len(self._lines):
            return []
        return [self._with_lines(self._lines[:fit]), self._with_lines(self._lines[fit:])]

    def _with_lines(self, lines: list[str]) -> BidiParagraph:
        part = BidiParagraph("", self.style, self.base_direction, self.preferred, self.is_bold,
                             self.alignment, _lines=lines)
        part.text = self.text
        return part

    def getSpaceBefore(self) -> float:  # noqa: N802 - reportlab API
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:  # noqa: N802 - reportlab API
        return float(self.style.spaceAfter)

    def draw(self) -> None:
        assert self._lines is not None
        canvas = self.canv
        size = self.style.fontSize
        canvas.setFillColor(self.style.textColor)
        for index, line in enumerate(self._lines):
            runs = self._runs(line)
            line_width = sum(width for _, _, width in runs)
            if self.alignment == TA_RIGHT:
                x = self.width - line_width
            elif self.alignment == TA_CENTER:
                x = (self.width - line_width) / 2
            else:
                x = 0.0
            baseline = self.height - index * self.style.leading - size * 1.05
            for text, font, width in runs:
                canvas.setFont(font, size)
                canvas.drawString(x, baseline, text)
                x += width

    @property
    def visual_lines(self) -> list[str]:
        """The lines as drawn (for tests)."""
        return list(self._lines or ())


def paragraph(text: str, style: ParagraphStyle, direction: str | None = None,
              preferred: str = LATIN, is_bold: bool = False, alignment: int | None = None
              ) -> Any:
    """A flowable for ``text``.

    ``direction`` is the layout's direction, used when the text itself has no strong
    character (numbers only); the text's own first strong character wins otherwise.
    ``alignment`` overrides the natural alignment: the start side of the layout, so that
    German text on a mirrored page lines up on the right like the rest.
    """
    own = first_strong_direction(text) or direction or "LTR"
    if alignment is None:
        alignment = TA_RIGHT if (direction or own) == "RTL" else TA_LEFT
    if has_rtl(text):
        return BidiParagraph(text, style, own, preferred, is_bold, alignment)
    if alignment != style.alignment:
        style = ParagraphStyle(f"{style.name}-{alignment}", parent=style, alignment=alignment)
    return Paragraph(markup(text, preferred, is_bold), style)
