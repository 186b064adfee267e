"""Turn plain text into flowables: shaped, reordered, one font per script run.

Why: reportlab prints a paragraph in one font unless told otherwise and has no fallback,
and right-to-left text must be shaped and reordered. The paragraph direction comes from
the language the text is in (the caller knows it), not from its first letter: an Arabic
sentence that starts with "Caritas" still runs right-to-left. Text without right-to-left
letters (a German fallback on an Arabic sheet) goes to reportlab's own ``Paragraph``
(with a ``<font>`` tag per script run); text with them goes to :class:`BidiParagraph`,
which breaks lines in logical order and draws each line shaped by HarfBuzz, run by run.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from coesfeld_desktop.handout import rtl
from coesfeld_desktop.handout.fonts import LATIN, bold, font_runs, register_fonts
from coesfeld_desktop.handout.shaping import ShapedRun

# Explicit left-to-right embedding for phone numbers, e-mails and URLs inside RTL text:
# bidi would otherwise reorder "02541 123" into "123 02541".
LRE, PDF = "\u202a", "\u202c"
# babel puts narrow no-break spaces into dates and times ("27 ноября 2026 г."); reportlab
# breaks lines at them, so they become ordinary no-break spaces, which it respects.
NBSP, NARROW_NBSP = "\xa0", "\u202f"
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
        width: float = stringWidth(part.translate(_CONTROLS), font, size)
        return width

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
    clean = text.translate(_CONTROLS).replace("\r\n", "\n").replace(NARROW_NBSP, NBSP)
    for run in font_runs(clean, preferred):
        name = bold(run.family) if is_bold else run.family
        body = escape(run.text).replace("\n", "<br/>")
        parts.append(f'<font name="{name}">{body}</font>')
    return "".join(parts)


class BidiParagraph(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """A paragraph with right-to-left text: wrapped in logical order, drawn run by run.

    Lines are broken in logical order; each line is cut into bidi runs and shaped by
    HarfBuzz when drawn (:func:`rtl.line_runs`). Every line is wrapped in a marked-content
    span whose ``ActualText`` is the line in logical order, so that copying the text or
    reading it aloud gives the words as written, not the glyphs as drawn.
    """

    def __init__(self, text: str, style: ParagraphStyle, base_direction: str = "RTL",
                 preferred: str = LATIN, is_bold: bool = False, alignment: int | None = None,
                 _lines: list[tuple[str, bool]] | None = None) -> None:
        super().__init__()
        register_fonts()
        text = text.replace("\r\n", "\n").replace(NARROW_NBSP, NBSP)
        self.text = protect_ltr(text) if base_direction == "RTL" else text
        self.style = style
        self.base_direction = base_direction
        self.preferred = preferred
        self.is_bold = is_bold
        if alignment is None:
            alignment = TA_RIGHT if base_direction == "RTL" else TA_LEFT
        self.alignment = alignment
        # logical lines, each with whether a hard line break (or the end) follows it
        self._lines = _lines
        self._wrapped_for: float | None = None

    # --- measuring -----------------------------------------------------------------------

    def _runs(self, line: str) -> tuple[ShapedRun, ...]:
        return rtl.line_runs(line, self.base_direction, self.preferred, self.is_bold)

    def _width(self, text: str) -> float:
        return text_width(text, self.preferred, self.is_bold, self.style.fontSize)

    def _break(self, width: float) -> list[tuple[str, bool]]:
        """Logical lines no wider than ``width`` (a too-long word is cut at sensible points).

        Each source line break stays a line break; empty lines are kept.
        """
        space = self._width(" ")
        lines: list[tuple[str, bool]] = []
        for block in self.text.split("\n"):
            current: list[str] = []
            used = 0.0
            for word in _SPACES.split(block.strip(" ")):
                if not word:
                    continue
                word_width = self._width(word)
                if word_width > width:  # a long URL: wrap it, it would overflow otherwise
                    if current:
                        lines.append((" ".join(current), False))
                    current, used = [], 0.0
                    pieces = split_long_word(word, width, self._width)
                    if LRE in word:  # each line of a URL keeps its left-to-right order
                        pieces = [ltr_embed(piece.translate(_CONTROLS)) for piece in pieces]
                    *full, word = pieces
                    lines += [(piece, False) for piece in full]
                    word_width = self._width(word)
                if current and used + space + word_width > width:
                    lines.append((" ".join(current), False))
                    current, used = [], 0.0
                used += (space if current else 0.0) + word_width
                current.append(word)
            lines.append((" ".join(current), True))
        return lines

    # --- Flowable ------------------------------------------------------------------------

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if self._lines is None or self._wrapped_for != availWidth:
            if self._wrapped_for is None and self._lines is not None:
                self._wrapped_for = availWidth  # lines handed over by split()
            else:
                self._lines = self._break(availWidth)
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

    def _with_lines(self, lines: list[tuple[str, bool]]) -> BidiParagraph:
        """A part of this paragraph that holds only ``lines``.

        Its text is those lines alone (joined as they were broken), so that wrapping the
        part again at another width reflows what is left, never the whole paragraph.
        """
        part = BidiParagraph("", self.style, self.base_direction, self.preferred, self.is_bold,
                             self.alignment, _lines=lines)
        part.text = "".join(text + ("\n" if hard else " ") for text, hard in lines)[:-1]
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
        for index, (line, _) in enumerate(self._lines):
            if not line:
                continue
            runs = self._runs(line)
            line_width = sum(run.width(size) for run in runs)
            if self.alignment == TA_RIGHT:
                x = self.width - line_width
            elif self.alignment == TA_CENTER:
                x = (self.width - line_width) / 2
            else:
                x = 0.0
            baseline = self.height - index * self.style.leading - size * 1.05
            canvas._code.append(f"/Span <</ActualText {_pdf_text(rtl.logical_text(line))}>> BDC")
            for run in runs:
                canvas.setFont(run.font, size)
                canvas.drawString(x, baseline, run.drawable())
                x += run.width(size)
            canvas._code.append("EMC")

    @property
    def lines(self) -> list[str]:
        """The lines in logical order (for tests)."""
        return [text for text, _ in self._lines or ()]


def _pdf_text(text: str) -> str:
    """``text`` as a PDF text string (UTF-16 with byte-order mark, hex)."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


@lru_cache(maxsize=16384)
def text_width(text: str, preferred: str, is_bold: bool, size: float) -> float:
    """Width of a word as shaped (its controls decide nothing here but direction)."""
    return sum(run.width(size) for run in rtl.line_runs(text, "LTR", preferred, is_bold))


def paragraph(text: str, style: ParagraphStyle, direction: str | None = None,
              preferred: str = LATIN, is_bold: bool = False, alignment: int | None = None
              ) -> Any:
    """A flowable for ``text``.

    ``direction`` is the direction of the language ``text`` is written in; only without
    it does the text's first strong character decide. ``alignment`` overrides the natural
    alignment: the start side of the layout, so that German text on a mirrored page lines
    up on the right like the rest.
    """
    own = direction or first_strong_direction(text) or "LTR"
    if alignment is None:
        alignment = TA_RIGHT if (direction or own) == "RTL" else TA_LEFT
    if has_rtl(text):
        return BidiParagraph(text, style, own, preferred, is_bold, alignment)
    if alignment != style.alignment:
        style = ParagraphStyle(f"{style.name}-{alignment}", parent=style, alignment=alignment)
    return Paragraph(markup(text, preferred, is_bold), style)
