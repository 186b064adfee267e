"""Shaping, bidi and font runs, without building whole handouts."""

from __future__ import annotations

import io
import unicodedata

import pdfplumber
import pytest
from fixture_directory import directory_document
from pdfread import read_pdf
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from coesfeld_desktop.handout import fonts, rtl, shaping
from coesfeld_desktop.handout import labels as L  # noqa: N812 - L.KEY reads like the label table
from coesfeld_desktop.handout.compose import render_handout
from coesfeld_desktop.handout.labels import Labels
from coesfeld_desktop.handout.pdf import HandoutOptions
from coesfeld_desktop.handout.text import BidiParagraph, paragraph, protect_ltr
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.loader import replace_directory


def test_line_runs_reverse_arabic_and_keep_numbers():
    runs = rtl.line_runs("\u0627\u0628\u062a 123", "RTL")
    assert [run.text for run in runs] == ["123", "\u0627\u0628\u062a "]
    assert [run.rtl for run in runs] == [False, True]
    # HarfBuzz returns the Arabic run's glyphs right to left: the last letter comes first
    arabic = runs[1].glyphs
    assert arabic[0].cluster > arabic[-1].cluster


def test_embedded_phone_number_keeps_its_order():
    runs = rtl.line_runs(protect_ltr("الرقم 02541 18-5310"), "RTL")
    assert "02541 18-5310" in [run.text for run in runs]
    assert runs[0].text == "02541 18-5310"  # leftmost: the sentence's end is on the left


def test_direction_comes_from_the_language_not_the_first_letter():
    style = ParagraphStyle("t", fontSize=10, leading=14)
    para = paragraph("Caritas تقدم المشورة", style, "RTL")
    assert isinstance(para, BidiParagraph) and para.base_direction == "RTL"
    runs = rtl.line_runs(para.text, "RTL")
    assert runs[-1].text == "Caritas"  # the first word stands rightmost
    german = paragraph("Caritas berät", style, "RTL")
    assert isinstance(german, Paragraph)  # a German fallback stays left-to-right


def test_zero_width_joiner_controls_reach_harfbuzz():
    runs = rtl.line_runs("خانواده\u200cها", "RTL")
    # ZWNJ stops the joining: heh takes its final form, the next heh its initial one
    assert len(runs) == 1 and len(runs[0].glyphs) >= 8

def test_font_runs_pick_a_font_per_script():
    runs = fonts.font_runs("Tel. 0123 مرحبا ሰላም Привет")
    assert [run.family for run in runs] == [fonts.LATIN, fonts.ARABIC, fonts.ETHIOPIC,
                                           fonts.LATIN]
    for run in runs:
        assert fonts.missing_glyphs(run.text, run.family) == set()


def test_bundled_fonts_cover_every_handout_script():
    fonts.register_fonts()
    assert ord("Ж") in fonts.cmap(fonts.LATIN) and ord("ş") in fonts.cmap(fonts.LATIN)
    assert 0xFEE3 in fonts.cmap(fonts.ARABIC) and 0xFBFE in fonts.cmap(fonts.ARABIC)
    assert ord("ሰ") in fonts.cmap(fonts.ETHIOPIC)
    licence = fonts.fonts_dir() / "OFL.txt"
    assert "SIL Open Font License" in licence.read_text()
    size = sum(p.stat().st_size for p in fonts.fonts_dir().iterdir())
    assert size < 10_000_000


def test_paragraph_chooses_engine_and_direction():
    style = ParagraphStyle("t", fontSize=10, leading=14)
    assert isinstance(paragraph("Hallo", style), Paragraph)
    arabic = paragraph("مرحبا بكم", style, "RTL")
    assert isinstance(arabic, BidiParagraph) and arabic.base_direction == "RTL"
    mixed = paragraph("Erstellt am 27 نوفمبر", style, "LTR")
    assert isinstance(mixed, BidiParagraph) and mixed.base_direction == "LTR"


def test_bidi_paragraph_wraps_and_splits():
    style = ParagraphStyle("t", fontSize=10, leading=14)
    para = BidiParagraph(" ".join(["كلمة"] * 60), style)
    _width, height = para.wrap(100, 1000)
    lines = para.lines
    assert len(lines) > 3 and height == len(lines) * 14
    first, rest = para.split(100, 14 * 2 + 1)
    assert first.wrap(100, 1000)[1] == 28
    assert len(first.lines) + len(rest.lines) == len(lines)


@pytest.mark.parametrize("text", ids=["ar", "fa", "ti", "de"], argvalues=[
    "نص طويل جدا عن العرض 02541 18-5310. " * 300,
    "متن بسیار طولانی درباره\u200cی این خدمت. " * 300,
    "ሓበሬታ ብዛዕባ እዚ ኣገልግሎት። " * 300 + "مرحبا",
    ("Ein sehr langer Hinweis.\n\n" * 200) + "مرحبا",
])
def test_split_parts_keep_only_their_remaining_lines(text):
    """A part wrapped again at another width reflows what is left, never the whole text."""
    style = ParagraphStyle("t", fontSize=10, leading=14)
    para = BidiParagraph(text, style, "RTL")
    words = text.split()
    printed: list[str] = []
    widths = [300, 250, 320]
    part = para
    for step in range(len(words)):  # an upper bound: each step prints at least one line
        width = widths[step % 3]
        part.wrap(width, 10_000)
        pieces = part.split(width, 14 * 10 + 1)
        if not pieces:
            printed += [word for line in part.lines for word in line.split()]
            break
        first, part = pieces
        printed += [word for line in first.lines for word in line.split()]
    else:
        pytest.fail("the paragraph never ended")
    assert [rtl.logical_text(word) for word in printed] == words


def test_empty_lines_are_kept():
    style = ParagraphStyle("t", fontSize=10, leading=14)
    para = BidiParagraph("مرحبا\n\nشكرا", style)
    para.wrap(200, 1000)
    assert para.lines == ["مرحبا", "", "شكرا"]


def _mark_centre(char: dict) -> float:
    """Where a zero-width mark's ink is centred (its origin plus its glyph's extents)."""
    font = pdfmetrics.getFont(fonts.ARABIC)
    glyph = font.face.charToGlyph[ord(char["text"])]
    extents = shaping._hb_font(fonts.ARABIC).get_glyph_extents(glyph)
    return char["x0"] + (extents.x_bearing + extents.width / 2) * char["size"] / 1000


MARKS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"


@pytest.mark.parametrize("word", ids=["tuadal", "tadarrab", "aliyan", "lotfan", "kitabun"],
                         argvalues=["تُعادَل", "تدرّب", "آليًا", "لطفاً", "كِتابٌ"])
def test_vowel_marks_sit_on_their_own_letter(word):
    """Each mark's ink is centred within the box of the letter it follows in the text."""
    style = ParagraphStyle("t", fontSize=40, leading=56)
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    para = paragraph(f"{word} {word}", style, "RTL")
    para.wrap(400, 100)
    para.drawOn(canvas, 50, 600)
    canvas.showPage()
    canvas.save()
    with pdfplumber.open(io.BytesIO(buffer.getvalue())) as pdf:
        chars = pdf.pages[0].chars
    letters = [c for c in chars if c["text"] not in MARKS and c["text"].strip()]
    marks = [c for c in chars if c["text"] in MARKS]
    bases: dict[str, set[str]] = {}  # mark → the letters it follows in the word
    for index, char in enumerate(word):
        if char in MARKS:
            base = next(c for c in reversed(word[:index]) if c not in MARKS)
            bases.setdefault(char, set()).add(base)
    assert len(marks) == 2 * sum(char in MARKS for char in word)
    for mark in marks:
        centre = _mark_centre(mark)
        under = [c for c in letters if c["x0"] - 0.5 <= centre <= c["x1"] + 0.5]
        assert under, (word, mark["text"])
        assert all(unicodedata.normalize("NFKC", c["text"])[:1] in bases[mark["text"]]
                   for c in under), (word, mark["text"], [c["text"] for c in under])


def test_marks_sit_on_their_letters_on_a_whole_handout(tmp_path):
    """On a real sheet (title, summary, machine-translation note), every vowel mark's ink
    lies over a letter, and the line's ActualText is the summary as written."""
    summary = "تُعادَل الشهادات، ونحن ندرّب الأهالي آليًا."
    document = directory_document()
    document["offers"][1]["translations"]["ar"]["summary"] = summary
    database = Database(tmp_path / "marks.sqlite3")
    with database.engine.begin() as connection:
        replace_directory(connection, document)
    read = read_pdf(render_handout(database, ["off-sprachcafe"], HandoutOptions("ar")))
    database.close()
    assert summary in read.logical_lines()
    marks = [c for c in read.chars if c["text"] in MARKS]
    assert len(marks) >= 4
    letters = [c for c in read.chars if c["text"] not in MARKS and c["text"].strip()]
    bases: dict[str, set[str]] = {}  # mark → the letters it follows in the printed texts
    for text in (summary, Labels("ar")(L.MACHINE)):
        for index, char in enumerate(text):
            if char in MARKS:
                base = next(c for c in reversed(text[:index]) if c not in MARKS)
                bases.setdefault(char, set()).add(base)
    for mark in marks:
        centre = _mark_centre(mark)
        under = [c for c in letters if abs(c["bottom"] - mark["bottom"]) < mark["size"]
                 and c["x0"] - 0.5 <= centre <= c["x1"] + 0.5]
        assert under, mark
        assert all(unicodedata.normalize("NFKC", c["text"])[:1] in bases[mark["text"]]
                   for c in under), (mark["text"], [c["text"] for c in under])
