"""The family view's look: large type, strong contrast, one place for its colours.

Why declared here as pairs: every text colour is named with the background it stands on, so
a test computes each pair's WCAG contrast ratio (:func:`contrast_ratio`) and the style sheet
is built from the same values.
"""

from __future__ import annotations

from typing import NamedTuple

# Type sizes as multiples of the application font (which already carries the zoom setting).
BODY_SCALE = 1.6
HEADING_SCALE = 1.25  # of the body size
TITLE_SCALE = 2.2  # of the application font
QR_MODULE_PIXELS = 8  # at 100 %; grows with the zoom


class ColourPair(NamedTuple):
    text: str
    background: str


PAGE = ColourPair("#161616", "#ffffff")  # the offer's texts
HEADING = ColourPair("#0a3a66", "#ffffff")  # "Wo?", "Wann?"
MARK = ColourPair("#5a3a00", "#fff1c2")  # "nur auf Deutsch"
BUTTON = ColourPair("#ffffff", "#0a4a8a")  # read aloud, previous, next
CHOSEN = ColourPair("#ffffff", "#161616")  # the chosen language
LANGUAGE = ColourPair("#0a3a66", "#e8eef5")  # the other languages
STATUS = ColourPair("#4a2a00", "#fff1c2")  # "no voice installed"
FOCUS = "#b34700"  # the keyboard focus frame, 3 px

PAIRS: dict[str, ColourPair] = {"page": PAGE, "heading": HEADING, "mark": MARK,
                                "button": BUTTON, "chosen": CHOSEN, "language": LANGUAGE,
                                "status": STATUS}
MIN_CONTRAST = 7.0  # WCAG 2 level AAA for normal text


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of ``#rrggbb``."""
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _linear(red) + 0.7152 * _linear(green) + 0.0722 * _linear(blue)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours, 1.0 … 21.0."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)),
                             reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


FAMILY_STYLE = f"""
QWidget#familyView, QWidget#familyContent, QScrollArea#familyScroll {{
    background: {PAGE.background}; color: {PAGE.text};
}}
QLabel {{ color: {PAGE.text}; background: transparent; }}
QLabel#familyHeading {{ color: {HEADING.text}; font-weight: 700; }}
QLabel#familyTitle {{ font-weight: 700; }}
QLabel#germanMark {{
    color: {MARK.text}; background: {MARK.background}; border-radius: 6px; padding: 2px 10px;
}}
QLabel#speechStatus {{
    color: {STATUS.text}; background: {STATUS.background}; border-radius: 6px; padding: 4px 10px;
}}
QPushButton {{
    color: {BUTTON.text}; background: {BUTTON.background};
    border: 3px solid transparent; /* the focus frame takes no room from the text */
    border-radius: 8px; padding: 6px 16px;
}}
QPushButton:disabled {{ color: #d9d9d9; background: #6b7d90; }}
QPushButton#languageButton {{
    color: {LANGUAGE.text}; background: {LANGUAGE.background}; padding: 4px 12px;
}}
QPushButton#languageButton:checked {{ color: {CHOSEN.text}; background: {CHOSEN.background}; }}
QPushButton:focus, QSlider:focus {{ outline: none; border: 3px solid {FOCUS}; }}
"""
