""""Hilfe in Notlagen" on the handout: the helplines at the top, translated, right to left
where the language is; read back from the PDF (text and positions)."""

from __future__ import annotations

import pytest
from fixture_directory import GERMAN_TITLE
from pdfread import read_pdf, squash
from test_pdf import build

from coesfeld_desktop.handout import labels as L  # noqa: N812 - L.KEY reads like the label table
from coesfeld_desktop.handout.labels import Labels
from coesfeld_desktop.handout.pdf import Layout
from coesfeld_desktop.search.crisis import default_crisis_list

HELPLINES = default_crisis_list().helplines


def _rows(read):
    return [row for page in read.line_chars for row in page]


def test_the_helplines_come_first_with_every_number_intact(database):
    read = read_pdf(build(database, "de", crisis=HELPLINES))
    lines = read.lines[0]
    assert HELPLINES and "Hilfe in Notlagen" in lines
    for line in HELPLINES:  # each number on the line of its name, in one piece
        assert any(squash(line.number) in squash(text) and squash(line.name) in squash(text)
                   for text in lines), line
    box = lines.index("Hilfe in Notlagen")
    title = squash(GERMAN_TITLE)[:12]
    first_offer = next(i for i, text in enumerate(lines) if title in squash(text))
    assert box < first_offer  # above the offers, as in the window


def test_no_box_unless_asked(database):
    assert "Hilfe in Notlagen" not in read_pdf(build(database, "de")).text


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_right_to_left_helplines_are_translated_numbers_at_the_start_side(database, language):
    labels = Labels(language)
    read = read_pdf(build(database, language, Layout.BENEATH, crisis=HELPLINES))
    logical = "\n".join(read.logical_lines())
    women = next(line for line in HELPLINES if line.number == "116 016")
    assert labels(women.name) != women.name  # the name has a translation ...
    assert squash(labels(women.name)) in squash(logical)  # ... and that is what is printed
    assert squash(labels(L.CRISIS)) in squash(logical)
    # the page is mirrored: on the line of "116 016" the number stands at the right end
    # (the start side), in order, and the Arabic-script name to its left
    row = next(row for row in _rows(read)
               if "116016" in squash("".join(c["text"] for c in row)))
    glyphs = [c for c in sorted(row, key=lambda c: c["x0"]) if c["text"].strip()]
    assert "".join(c["text"] for c in glyphs[-6:]) == "116016"
    script = [c for c in glyphs if any(0x0600 <= ord(t) <= 0x06FF or 0xFB50 <= ord(t) <= 0xFEFF
                                       for t in c["text"])]
    assert script and max(c["x1"] for c in script) < glyphs[-6]["x0"]
    # bilingual: the German name too, for the counsellor and the phone book
    assert squash(women.name) in squash(read.text)


def test_every_handout_language_translates_every_bundled_helpline():
    for language in ("en", "tr", "ar", "fa", "uk", "ru", "pl", "ro", "ku", "ti", "de-x-easy"):
        labels = Labels(language)
        untranslated = [text for line in HELPLINES for text in (line.name, line.note)
                        if text and labels(text) == text]
        assert untranslated == [], language
