"""Pagination and wording on handouts, read back from the PDF (issue 14, points 3, 5, 6, 8-12)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fixture_directory import FULL_TITLE, GERMAN_TITLE, directory_document
from pdfread import read_pdf, squash

from coesfeld_desktop.handout import labels as L  # noqa: N812 - L.KEY reads like the label table
from coesfeld_desktop.handout.compose import render_handout
from coesfeld_desktop.handout.labels import Labels
from coesfeld_desktop.handout.pdf import HandoutOptions, Layout
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.loader import replace_directory

IDS = ["off-hebamme", "off-sprachcafe", "off-beratung"]
TODAY = dt.date(2026, 11, 27)
MM = 72 / 25.4


def build(database, language, layout=Layout.SINGLE, ids=IDS, **options):
    return render_handout(database, ids, HandoutOptions(language, layout, **options),
                          today=TODAY)


def load(tmp_path: Path, document) -> Database:
    database = Database(tmp_path / "db.sqlite3")
    with database.engine.begin() as connection:
        replace_directory(connection, document)
    return database


@pytest.mark.parametrize("layout", [Layout.BENEATH, Layout.SIDE_BY_SIDE])
def test_three_bilingual_offers_fit_one_page(database, layout):
    read = read_pdf(build(database, "ar", layout))
    assert read.pages == 1
    text = read.squashed()
    assert squash(FULL_TITLE["ar"]) in text
    assert all(word in text for word in GERMAN_TITLE.split())  # may wrap in its column
    assert "Erziehungsberatung" in text  # the third offer is on the page too


@pytest.mark.parametrize("language", ["ru", "de-x-easy", "ar", "uk"])
def test_first_page_starts_with_the_heading_and_an_offer(database, language):
    """No empty first page, and the heading never stands alone at the foot of a page."""
    read = read_pdf(build(database, language, Layout.BENEATH, large_print=True))
    first = squash(read.page_text(0))
    labels = Labels(language)
    assert squash(labels(L.TITLE)) in first
    title = FULL_TITLE.get(language, GERMAN_TITLE)
    assert squash(title) in first or all(squash(w) in first for w in title.split())


def test_an_offer_that_breaks_repeats_its_title_continued(tmp_path):
    document = directory_document()
    offer = document["offers"][0]
    offer["contacts"] = [
        {"id": f"ct-{n}", "name": f"Person Nummer {n}", "title": "Familienhebamme",
         "email": f"person{n}@kreis-coesfeld.de",
         "phones": [{"id": f"ph-c{n}", "number": f"02541 18-53{n:02d}"}]}
        for n in range(40)]
    database = load(tmp_path, document)
    read = read_pdf(build(database, "uk", ids=["off-hebamme"]))
    assert read.pages >= 2
    continued = squash(Labels("uk")(L.CONTINUED))
    for page in range(1, read.pages):
        assert continued in squash(read.page_text(page))
        assert squash(FULL_TITLE["uk"]) in squash(read.page_text(page))
    assert continued not in squash(read.page_text(0))
    # a contact is never torn apart: its name, number and e-mail share a page
    for n in range(40):
        pages = [page for page in range(read.pages)
                 if f"Person Nummer {n} (" in read.page_text(page)]
        assert len(pages) == 1
        assert f"person{n}@kreis-coesfeld.de" in read.page_text(pages[0])
        assert f"02541 18-53{n:02d}" in read.page_text(pages[0])
    database.close()


def test_leichte_sprache_prints_at_least_14_points(database):
    read = read_pdf(build(database, "de-x-easy"))
    body = [char for char in read.chars if char["top"] > 45 * MM and char["text"].strip()]
    assert body and min(char["size"] for char in body) >= 14 - 0.01


def test_large_print_facts_use_the_full_width(tmp_path):
    document = directory_document()
    offer = document["offers"][0]
    offer["contacts"] = [{"id": f"ct-{n}", "name": f"Person {n}", "phones": []}
                         for n in range(12)]
    database = load(tmp_path, document)
    read = read_pdf(build(database, "de", ids=["off-hebamme"], large_print=True))
    rows = [row for page in read.line_chars for row in page
            if "".join(c["text"] for c in row).endswith("Person 11")]
    assert rows
    # the last contact stands far below the QR code: its value may reach the right margin
    width = 595.28 - 2 * 16 * MM
    left = min(c["x0"] for c in rows[0])
    assert left < 16 * MM + width * 0.45
    database.close()


def test_cost_is_not_repeated_when_translated(tmp_path):
    document = directory_document()
    offer = document["offers"][0]
    offer["translations"]["en"]["cost"] = "free of charge"
    offer["translations"]["en"]["machine_translated"] = True
    database = load(tmp_path, document)
    text = read_pdf(build(database, "en", ids=["off-hebamme"])).text
    assert text.count("free of charge") == 1
    database.close()


def test_age_wording_agrees_with_the_number(database):
    text = read_pdf(build(database, "de", ids=["off-hebamme"])).text
    assert "in der Schwangerschaft und 0 bis 1 Jahr" in text
    assert "1 Jahre" not in text


def test_german_is_not_printed_twice_where_the_text_is_already_german(database):
    # the counselling offer has no Arabic text: its German fallback is the family text
    read = read_pdf(build(database, "ar", Layout.BENEATH, ids=["off-beratung"]))
    assert read.text.count("Erziehungsberatung") == 1
    easy = read_pdf(build(database, "de-x-easy", Layout.BENEATH))
    assert easy.text.count(Labels("de-x-easy")(L.TITLE)) == 1


def test_times_are_24_hour_and_do_not_break(database):
    text = read_pdf(build(database, "en")).text
    assert "09:00–12:00" in text and "AM" not in text and "PM" not in text
    farsi = read_pdf(build(database, "fa"))
    assert "۰۹:۰۰" in "".join(farsi.logical_lines())


def test_how_to_apply_is_printed(tmp_path):
    document = directory_document()
    document["offers"][0]["application_process"] = "Bitte vorher anrufen."
    database = load(tmp_path, document)
    text = read_pdf(build(database, "de", ids=["off-hebamme"])).text
    assert Labels("de")(L.APPLY) in text and "Bitte vorher anrufen." in text
    database.close()


def test_note_symbols_print_and_empty_lines_stay(database):
    note = "Termin → Montag\n\nmindestens ≥ 2 Unterlagen ✓ ☎ 02541"
    read = read_pdf(build(database, "de", note=note))
    for symbol in "→≥✓☎":
        assert symbol in read.text
    rows = {"".join(c["text"] for c in row): row[0]["top"] for row in read.line_chars[0]}
    first = next(top for text, top in rows.items() if text.startswith("Termin →"))
    second = next(top for text, top in rows.items() if text.startswith("mindestens"))
    # an empty line between the two: two lines' distance apart, not one
    assert second - first > 1.8 * 10 * 1.3


def test_phone_descriptions_are_printed(tmp_path):
    document = directory_document()
    offer = document["offers"][0]
    offer["phones"][0]["description"] = "Terminvereinbarung"
    offer["contacts"][0]["phones"][0]["description"] = "nur vormittags"
    database = load(tmp_path, document)
    german = read_pdf(build(database, "de", ids=["off-hebamme"])).text
    assert "02541 18-5300 (Terminvereinbarung)" in german
    assert "02541 18-5310 (nur vormittags)" in german
    arabic = read_pdf(build(database, "ar", ids=["off-hebamme"]))
    lines = [line for line in arabic.logical_lines() if "Terminvereinbarung" in line]
    assert lines and Labels("ar")(L.MARK_GERMAN) in lines[0]  # German: marked as such
    assert "02541 18-5300" in lines[0]
    # on paper the German note keeps its parentheses, left to right after the number
    visual = [line for page in arabic.lines for line in page if "Terminvereinbarung" in line]
    assert visual and "02541 18-5300 (Terminvereinbarung)" in visual[0]
    database.close()
