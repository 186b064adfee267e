"""Handout PDFs in every language, read back: labels, texts, fonts, glyphs, page count."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
from fixture_directory import FULL_TITLE, GERMAN_TITLE, directory_document
from pdfread import (
    as_printed,
    embedded_fonts,
    missing_glyphs,
    read_pdf,
    squash,
    unshaped,
    visual,
)
from PIL import Image

from coesfeld_desktop.handout import labels as L  # noqa: N812 - L.KEY reads like the label table
from coesfeld_desktop.handout.compose import load_content, render_handout
from coesfeld_desktop.handout.labels import HANDOUT_LANGUAGES, Labels
from coesfeld_desktop.handout.pdf import CentreHeader, HandoutOptions, Layout, write_pdf
from coesfeld_desktop.progress import Cancelled, Progress
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.loader import replace_directory

IDS = ["off-hebamme", "off-sprachcafe", "off-beratung"]
CENTRE = CentreHeader("Familienberatungsstelle Coesfeld", "Kupferstraße 1, 48653 Coesfeld",
                      "02541 12345")
TODAY = dt.date(2026, 11, 27)
ARABIC_NOTE = "يرجى الاتصال بالسيدة بايشبيل على الرقم 02541 18-5310 غدا"


def build(database, language, layout=Layout.SINGLE, ids=IDS, centre=CENTRE, **options):
    return render_handout(database, ids, HandoutOptions(language, layout, **options), centre,
                          today=TODAY)


def footer(labels: Labels, page: int, pages: int) -> str:
    return as_printed(labels(L.PAGE, page=labels.number(page), pages=labels.number(pages)),
                      labels.language)


@pytest.mark.parametrize("language", HANDOUT_LANGUAGES)
def test_handout_in_every_language_reads_back(database, language):
    data = build(database, language)
    read = read_pdf(data)
    labels = Labels(language)
    text = read.squashed()

    for message in (L.TITLE, L.PHONE, L.EMAIL, L.HOURS, L.AGE, L.PROVIDER, L.ADDRESS):
        for word in labels(message).split():  # labels may wrap in their narrow column
            assert as_printed(word, language) in text, labels(message)
    assert as_printed(FULL_TITLE.get(language, GERMAN_TITLE), language) in text
    assert as_printed(labels.weekday("MO"), language) in text  # babel, handout language
    assert as_printed(labels(L.CREATED, date=labels.date(TODAY)), language) in text
    assert as_printed(labels(L.DATA_AS_OF, date=labels.date(dt.date(2026, 11, 20))),
                      language) in text
    assert "02541 18-5300" in read.text and "fruehehilfen@kreis-coesfeld.de" in read.text
    assert "Familienberatungsstelle Coesfeld" in read.text

    assert read.pages >= 1
    first_page = squash(read.page_text(0))
    last_page = squash(read.page_text(-1))
    assert footer(labels, 1, read.pages) in first_page
    assert footer(labels, read.pages, read.pages) in last_page

    fonts = embedded_fonts(data)
    assert fonts and all(fonts.values()), fonts
    assert not any("Helvetica" in name for name in fonts)
    assert missing_glyphs(read) == []


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_rtl_text_is_shaped_and_reads_in_logical_order(database, language):
    read = read_pdf(build(database, language))
    title = FULL_TITLE[language]
    # copy and read-aloud: the line's ActualText is the title as written
    assert title in read.logical_lines()
    rows = [row for page in read.line_chars for row in page
            if squash(unshaped(row)) == squash(title)]
    assert rows, "title line not found"
    row = rows[0]
    # words in visual order (left to right), each with its left edge
    words: list[tuple[float, str]] = []
    current: list[dict] = []
    for char in [*row, {"text": " ", "x0": 0}]:
        if char["text"] == " ":
            if current:
                words.append((current[0]["x0"], unshaped(current)))
            current = []
        else:
            current.append(char)
    # the first word of the sentence is the rightmost, and so on leftwards
    by_position = [text for _, text in sorted(words, key=lambda w: -w[0])]
    assert by_position == title.split()

    printed = [c["text"] for c in read.chars]
    presentation = [t for t in printed if 0xFB50 <= ord(t[0]) <= 0xFDFF
                    or 0xFE70 <= ord(t[0]) <= 0xFEFF]
    assert len(presentation) > 100  # contextual (joined) letter forms
    # initial, medial and final forms all occur: letters really join
    names = {ord(t) for t in printed if len(t) == 1}
    assert {0xFE91, 0xFE92, 0xFE90} & names or {0xFEE3, 0xFEE4, 0xFEE2} & names


def test_phone_numbers_and_emails_stay_readable_inside_arabic_text(database):
    read = read_pdf(build(database, "ar", note=ARABIC_NOTE))
    note_lines = [line for line in read.logical_lines() if "02541 18-5310" in line]
    assert note_lines
    assert any("غدا" in line for line in note_lines)
    glyph_lines = [line for page in read.lines for line in page if "02541 18-5310" in line]
    assert glyph_lines  # the number reads left to right among the glyphs too
    assert "beispiel@kreis-coesfeld.de" in read.text
    assert "https://www.kreis-coesfeld.de/hebammen" in read.text


def test_rtl_page_is_mirrored(database):
    read = read_pdf(build(database, "ar"))
    label = squash(Labels("ar")(L.PHONE))
    rows = [row for page in read.line_chars for row in page]

    def find(predicate):
        return [row for row in rows if predicate(squash("".join(c["text"] for c in row)))]

    label_rows = [row for row in rows if squash(unshaped(row)) == label]
    phone_rows = find(lambda text: "0254118-5300" in text)
    assert label_rows and phone_rows
    label_row = label_rows[0]
    phone_row = min(phone_rows, key=lambda r: abs(r[0]["matrix"][5] - label_row[0]["matrix"][5]))
    assert abs(phone_row[0]["matrix"][5] - label_row[0]["matrix"][5]) < 4
    # label on the right, the value to its left, the phone number left-to-right
    assert min(c["x0"] for c in label_row) > max(c["x1"] for c in phone_row)
    assert "".join(c["text"] for c in phone_row).strip() == "02541 18-5300"


def test_missing_translation_falls_back_to_german_with_a_note(database):
    read = read_pdf(build(database, "ar"))
    text = read.squashed()
    labels = Labels("ar")
    assert "Erziehungsberatung" in read.text  # German fallback text
    assert visual(labels(L.ONLY_GERMAN)) in text
    assert visual(labels(L.MACHINE)) in text  # the language café is machine-translated


def test_outdated_translation_is_marked(database):
    read = read_pdf(build(database, "fa"))
    assert visual(Labels("fa")(L.OUTDATED)) in read.squashed()


@pytest.mark.parametrize("layout", [Layout.BENEATH, Layout.SIDE_BY_SIDE])
def test_bilingual_handouts_carry_german_too(database, layout):
    read = read_pdf(build(database, "ar", layout))
    text = read.squashed()
    assert visual(FULL_TITLE["ar"]) in text
    assert all(word in text for word in GERMAN_TITLE.split())  # may wrap in a column
    assert "Öffnungszeiten" in read.text and "Sprachcafé für Eltern" in read.text
    assert missing_glyphs(read) == []


def test_german_only_layout_has_no_german_block(database):
    read = read_pdf(build(database, "ar", Layout.SINGLE))
    assert squash(GERMAN_TITLE) not in read.squashed()


def test_large_print_uses_bigger_type(database):
    normal = read_pdf(build(database, "de"))
    large = read_pdf(build(database, "de", large_print=True))

    def body_size(read):
        return max(c["size"] for c in read.chars if c["text"] == "H" and c["size"] < 16)

    assert body_size(large) > body_size(normal) * 1.3
    assert large.pages >= normal.pages


def test_page_count_grows_with_offers_and_footer_agrees(database):
    read = read_pdf(build(database, "uk", ids=IDS * 1 + ["unknown-id"], large_print=True))
    labels = Labels("uk")
    assert read.pages >= 2
    for number in range(1, read.pages + 1):
        assert footer(labels, number, read.pages) in squash(read.page_text(number - 1))


def test_no_offers_gives_one_page_saying_so(database):
    read = read_pdf(build(database, "tr", ids=[]))
    assert read.pages == 1
    assert squash(Labels("tr")(L.NO_OFFERS)) in read.squashed()


def test_centre_logo_is_embedded(database, tmp_path):
    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 60), (20, 90, 160)).save(logo)
    centre = CentreHeader("Beratungsstelle", "Markt 1", "0123", logo)
    data = build(database, "de", centre=centre)
    reader = pypdf.PdfReader(io.BytesIO(data))
    xobjects = reader.pages[0]["/Resources"].get("/XObject", {})
    assert any(x.get_object()["/Subtype"] == "/Image" for x in xobjects.values())


def test_broken_logo_does_not_stop_the_handout(database, tmp_path, caplog):
    bad = tmp_path / "logo.png"
    bad.write_bytes(b"not an image")
    data = build(database, "de", centre=CentreHeader("X", "", "", bad))
    assert read_pdf(data).pages >= 1


def test_progress_reports_and_cancel_stops(database):
    steps = []
    build_progress = Progress(lambda done, total, message: steps.append((done, total)))
    render_handout(database, IDS, HandoutOptions("de"), CENTRE, build_progress)
    assert steps[0] == (0, 4) and steps[-1] == (4, 4)

    cancelling = Progress()
    cancelling.cancel()
    with pytest.raises(Cancelled):
        render_handout(database, IDS, HandoutOptions("de"), CENTRE, cancelling)


def test_write_pdf_writes_a_file(database, tmp_path):
    with database.session() as session:
        content = load_content(session, IDS, HandoutOptions("en"), TODAY)
    target = write_pdf(tmp_path / "out" / "handout.pdf", content, HandoutOptions("en"), CENTRE)
    assert target.read_bytes().startswith(b"%PDF")
    assert not list(target.parent.glob(".*part"))


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
@pytest.mark.parametrize("language", ["ar", "fa", "ti"])
def test_pages_render_to_png(database, tmp_path, language):
    pdf = tmp_path / f"{language}.pdf"
    pdf.write_bytes(build(database, language, Layout.BENEATH))
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / language)],
                   check=True, capture_output=True)
    pngs = sorted(Path(tmp_path).glob(f"{language}-*.png"))
    assert len(pngs) == len(pypdf.PdfReader(pdf).pages)
    assert all(png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for png in pngs)


@pytest.mark.parametrize("layout", list(Layout))
def test_offers_longer_than_a_page_flow_onto_the_next(tmp_path, layout):
    document = directory_document()
    offer = document["offers"][0]
    offer["summary"] = "Ein sehr langer Text über das Angebot. " * 150
    offer["translations"]["ar"]["summary"] = "نص طويل جدا عن العرض. " * 200
    database = Database(tmp_path / "long.sqlite3")
    with database.engine.begin() as connection:
        replace_directory(connection, document)
    data = render_handout(database, ["off-hebamme"], HandoutOptions("ar", layout, True,
                                                                     "Notiz " * 300), CENTRE)
    read = read_pdf(data)
    assert read.pages >= 3
    assert footer(Labels("ar"), read.pages, read.pages) in squash(read.page_text(-1))
    database.close()


LONG_NOTES = {  # a sentence, and a word of it that occurs once in it
    "ar": ("يرجى إحضار جميع الأوراق إلى الموعد، وشكرا لكم. ", "الأوراق"),
    "fa": ("لطفاً همه\u200cی مدارک را به وقت ملاقات بیاورید. ", "مدارک"),
    "ti": ("ኩሉ ሰነዳት ናብቲ ቆጸራ ኣምጽኡ። ", "ሰነዳት"),
    "uk": ("Будь ласка, принесіть усі документи на зустріч. ", "документи"),
    "de": ("Bitte bringen Sie alle Unterlagen zum Termin mit. ", "Unterlagen"),
}


@pytest.mark.parametrize("language", sorted(LONG_NOTES))
def test_a_long_note_ends_in_every_script(database, language):
    """A note of about 9,200 characters (it hung the Arabic handout) ends on a few pages."""
    sentence, word = LONG_NOTES[language]
    note = sentence * (9_200 // len(sentence) + 1)
    read = read_pdf(build(database, language, note=note))
    assert 3 <= read.pages <= 12
    lines = read.logical_lines() if language in ("ar", "fa") else read.text.splitlines()
    assert sum(line.count(word) for line in lines) == note.count(word)  # each once
