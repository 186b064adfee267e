"""Shaping, bidi and font runs, without building whole handouts."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from coesfeld_desktop.handout import fonts, rtl
from coesfeld_desktop.handout.text import BidiParagraph, paragraph, protect_ltr


def test_log2vis_reverses_arabic_and_keeps_numbers():
    positions: list[int] = []
    text = "\u0627\u0628\u062a 123"
    assert rtl.log2vis(text, "RTL", positions_V_to_L=positions) == "123 \u062a\u0628\u0627"
    assert sorted(positions) == list(range(len(text)))


def test_embedded_phone_number_keeps_its_order():
    text = "الرقم 02541 18-5310"
    assert "02541 18-5310" in rtl.log2vis(protect_ltr(text), "RTL")


def test_shape_gives_presentation_forms_and_drops_joiners():
    shaped = rtl.shape("خانواده\u200cها")
    assert "\u200c" not in shaped
    assert all(0xFB50 <= ord(c) <= 0xFEFF for c in shaped)


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
    width, height = para.wrap(100, 1000)
    lines = para.visual_lines
    assert len(lines) > 3 and height == len(lines) * 14
    first, rest = para.split(100, 14 * 2 + 1)
    assert first.wrap(100, 1000)[1] == 28
    assert len(first.visual_lines) + len(rest.visual_lines) == len(lines)


def test_vowel_marks_follow_their_letter_in_visual_order():
    shaped = rtl.visual("تدرّب")
    assert shaped.index("\u0651") == shaped.index("\ufead") + 1  # shadda right after reh
