"""Time ranges in an Arabic window read from left to right like their numbers ("9:00 ص–12:30 م",
not "12:30 م–9:00 ص"): checked on the positions Qt's own text layout gives the characters."""

from __future__ import annotations

import datetime as dt

import pytest
from babel.dates import format_time
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextLayout, QTextOption

from coesfeld_desktop.domain.formatting import opening_hours_lines
from coesfeld_desktop.domain.offer import OpeningHours
from coesfeld_desktop.domain.opening import time_span_text
from coesfeld_desktop.i18n import babel_locale


def _x_of(text: str, index: int) -> float:
    """Where Qt draws the character at ``index`` of ``text`` on a right-to-left line."""
    layout = QTextLayout(text, QFont())
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(2000)
    layout.endLayout()
    x = line.cursorToX(index)
    return float(x[0] if isinstance(x, tuple) else x)


def _order(text: str, opens: str, closes: str) -> bool:
    """True when ``opens`` is drawn left of ``closes`` (by their first digits)."""
    first = text.index(opens) + next(i for i, c in enumerate(opens) if c.isdigit())
    last = text.rindex(closes) + next(i for i, c in enumerate(closes) if c.isdigit())
    return _x_of(text, first) < _x_of(text, last)


@pytest.mark.parametrize("clock", [None, lambda value: value.strftime("%H:%M")])
def test_an_arabic_range_reads_left_to_right(qtbot, clock) -> None:
    opens, closes = dt.time(9), dt.time(12, 30)
    write = clock or (lambda value: str(format_time(value, "short",
                                                    locale=babel_locale("ar"))))
    start, end = write(opens), write(closes)
    day = "الثلاثاء "
    assert not _order(f"{day}{start}–{end}", start, end)  # what bidi alone does
    assert _order(day + time_span_text(opens, closes, "ar", clock), start, end)
    line = opening_hours_lines([OpeningHours(("TU",), opens, closes)], "ar", clock)[0]
    assert _order(line, start, end)
    assert time_span_text(opens, closes, "de") == "09:00–12:30"  # no marks where none help
