"""Opening hours on right-to-left sheets read "15:00–17:00" from left to right, like the
numbers in them (the bidi algorithm alone prints the end first: "17:00–15:00"); checked on
the glyphs' positions in the PDF, not on the string."""

from __future__ import annotations

import datetime as dt

import pytest
from pdfread import read_pdf
from test_pdf import build

from coesfeld_desktop.handout.labels import Labels


@pytest.mark.parametrize("language", ["ar", "fa", "de"])
@pytest.mark.parametrize(("opens", "closes"), [(dt.time(15), dt.time(17)),
                                               (dt.time(9), dt.time(12))])
def test_the_opening_time_stands_left_of_the_closing_time(database, language, opens, closes):
    labels = Labels(language)
    start, end = labels.time(opens), labels.time(closes)
    read = read_pdf(build(database, language))
    found = 0
    for page in read.line_chars:
        for row in page:
            glyphs = [c for c in sorted(row, key=lambda c: c["x0"]) if c["text"].strip()]
            shown = "".join(c["text"] for c in glyphs)
            if start in shown and end in shown and "–" in shown:
                first, dash, last = shown.index(start), shown.index("–"), shown.index(end)
                # by position: the opening time's glyphs, the dash, then the closing time's
                assert first < dash < last, shown
                assert glyphs[first + len(start) - 1]["x1"] <= glyphs[dash]["x0"] + 0.5
                assert glyphs[dash]["x1"] <= glyphs[last]["x0"] + 0.5
                found += 1
    assert found, f"no line with {start}–{end} in {language}"
