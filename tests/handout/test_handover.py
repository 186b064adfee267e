"""The warm handover sheet ("Vermittlung", issue #17 point 7) read back from the PDF, in
German, Arabic, Ukrainian and Tigrinya: the appointment in the family's language with German
beneath, the person to ask for, calling first, the way there with a map QR code, positions
on the page mirrored for right-to-left; and the store unchanged by building it."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3

import pdfplumber
import pytest
from fixture_directory import FULL_TITLE, GERMAN_TITLE, directory_document
from pdfread import as_printed, embedded_fonts, missing_glyphs, read_pdf, squash, unshaped

from coesfeld_desktop.domain.contact_card import map_link
from coesfeld_desktop.domain.handover import HandoverEntry, suggest_call_first
from coesfeld_desktop.handout import labels as L  # noqa: N812 - L.KEY reads like the label table
from coesfeld_desktop.handout.handover import (
    HandoverOptions,
    appointment_text,
    load_handover,
    render_handover,
)
from coesfeld_desktop.handout.labels import Labels
from coesfeld_desktop.handout.pdf import CentreHeader
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.loader import replace_directory
from coesfeld_desktop.store.offers import offer_detail

CENTRE = CentreHeader("Familienberatungsstelle Coesfeld", "Kupferstraße 1, 48653 Coesfeld",
                      "02541 12345")
TODAY = dt.date(2026, 11, 27)
ENTRIES = (HandoverEntry("off-hebamme", call_first=True, appointment_date=dt.date(2026, 12, 8),
                         appointment_time=dt.time(10, 30)),
           HandoverEntry("off-beratung"))
GERMAN_APPOINTMENT = "Dienstag, 8. Dezember 2026, 10:30 Uhr"


def build(database, language: str, entries=ENTRIES) -> bytes:
    return render_handover(database, entries, HandoverOptions(language), CENTRE, today=TODAY)


def _rows(data: bytes) -> list[list[dict]]:
    return [row for page in read_pdf(data).line_chars for row in page]


def _row_of(rows: list[list[dict]], wanted: str, rtl: bool) -> list[dict]:
    """The first line whose text (read back) is ``wanted`` or contains it."""
    target = squash(wanted)
    for row in rows:
        text = squash(unshaped(row)) if rtl else squash("".join(c["text"] for c in row))
        if target in text:
            return row
    raise AssertionError(f"no line with {wanted!r}")


def _baseline(row: list[dict]) -> float:
    return float(row[0]["matrix"][5])


@pytest.mark.parametrize("language", ["de", "ar", "uk", "ti"])
def test_the_sheet_reads_back_in_the_family_language_with_german_beneath(database, language):
    data = build(database, language)
    read = read_pdf(data)
    labels = Labels(language)
    text = read.squashed()
    for message in (L.HANDOVER_TITLE, L.APPOINTMENT, L.CALL_FIRST, L.YOUR_CONTACT, L.WAY):
        for word in labels(message).split():
            assert as_printed(word, language) in text, labels(message)
    when = appointment_text(ENTRIES[0], labels)
    assert as_printed(when, language) in text
    assert as_printed(FULL_TITLE.get(language, GERMAN_TITLE), language) in text
    assert "Frau Beispiel" in read.text and "02541 18-5310" in read.text
    assert "Friedrich-Ebert-Straße 7, 48653 Coesfeld" in read.text  # the way there
    assert "Familienberatungsstelle Coesfeld" in read.text
    german_line = f"Ihr Termin: {GERMAN_APPOINTMENT}"
    if language == "de":
        assert "Auf Deutsch" not in read.text and squash(when) == squash(GERMAN_APPOINTMENT)
    else:
        # German beneath: the German block comes after (below) the family-language one
        assert squash(german_line) in text
        rows = _rows(data)
        # (in right-to-left lines the digits run the other way: find the weekday's line)
        family = _row_of(rows, labels.weekday("TU") if labels.rtl else when, labels.rtl)
        german = _row_of(rows, german_line, False)
        assert _baseline(family) > _baseline(german)
    fonts = embedded_fonts(data)
    assert fonts and all(fonts.values())
    assert missing_glyphs(read) == []


@pytest.mark.parametrize("language", ["de", "ar", "uk", "ti"])
def test_the_map_qr_code_stands_at_the_outer_edge(database, language):
    data = build(database, language)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        modules = [rect for rect in page.rects if rect["width"] < 5 and rect["height"] < 5]
        middle = page.width / 2
    assert len(modules) > 100  # a QR code is drawn as its dark modules
    left = sum(1 for rect in modules if rect["x1"] < middle)
    right = sum(1 for rect in modules if rect["x0"] > middle)
    if Labels(language).rtl:
        assert left > 0 and right == 0  # mirrored: on the left of a right-to-left page
    else:
        assert right > 0 and left == 0


def test_labels_stand_right_of_their_values_on_an_arabic_sheet(database):
    data = build(database, "ar")
    rows = _rows(data)
    label = _row_of(rows, Labels("ar")(L.YOUR_CONTACT), True)
    name = min((row for row in rows if "Frau Beispiel" in "".join(c["text"] for c in row)),
               key=lambda row: abs(_baseline(row) - _baseline(label)))
    assert abs(_baseline(name) - _baseline(label)) < 4
    assert min(c["x0"] for c in label) > max(c["x1"] for c in name)


def test_without_an_appointment_or_call_there_is_no_such_line(database):
    data = build(database, "de", (HandoverEntry("off-beratung"),))
    text = read_pdf(data).text
    assert "Ihr Termin" not in text and "Vorher anrufen" not in text
    assert "Erziehungsberatung" in text


def test_a_date_without_a_time(database):
    entry = HandoverEntry("off-hebamme", appointment_date=dt.date(2026, 12, 8))
    text = read_pdf(build(database, "de", (entry,))).text
    assert "Dienstag, 8. Dezember 2026" in text and "Uhr" not in text


def test_offers_no_longer_listed_are_left_out(database):
    with database.session() as session:
        content = load_handover(session, (HandoverEntry("off-gone"), *ENTRIES), "ar", TODAY)
    assert [item.offer.id for item in content.items] == ["off-hebamme", "off-beratung"]
    assert content.items[0].german.title.text == GERMAN_TITLE


def test_building_the_sheet_writes_nothing_to_the_store(database, tmp_path):
    path = database.engine.url.database

    def dump() -> list[str]:
        with sqlite3.connect(path) as raw:
            return list(raw.iterdump())

    before = dump()
    for language in ("de", "ar"):
        build(database, language)
    assert dump() == before
    assert GERMAN_APPOINTMENT not in "\n".join(before)


def test_calling_first_is_suggested_by_the_offers_own_words(database):
    with database.session() as session:
        hebamme = offer_detail(session, "off-hebamme")
        beratung = offer_detail(session, "off-beratung")
    assert hebamme is not None and beratung is not None
    assert not suggest_call_first(hebamme)  # open hours, nothing about appointments
    assert suggest_call_first(beratung)  # no opening hours to simply come by


def test_the_qr_code_holds_the_place_on_the_map(database):
    with database.session() as session:
        content = load_handover(session, ENTRIES, "de", TODAY)
    place = content.items[0].offer.places[0]
    assert place.latitude is not None and place.longitude is not None
    assert "openstreetmap.org" in map_link(place.latitude, place.longitude)


@pytest.fixture
def with_documents(tmp_path):
    """The handout fixture directory, the midwives asking for two documents."""
    document = directory_document()
    hebamme = next(o for o in document["offers"] if o["id"] == "off-hebamme")
    hebamme["required_documents"] = ["Mutterpass", "Versichertenkarte der Krankenkasse"]
    database = Database(tmp_path / "documents.sqlite3")
    with database.engine.begin() as connection:
        replace_directory(connection, document)
    yield database
    database.close()


@pytest.mark.parametrize("language", ["de", "ar", "uk", "ti"])
def test_what_to_bring_is_listed_when_the_directory_says(with_documents, language):
    data = build(with_documents, language)
    read = read_pdf(data)
    labels = Labels(language)
    assert "Mutterpass" in read.text and "Versichertenkarte der Krankenkasse" in read.text
    text = read.squashed()
    for word in labels(L.BRING).split():
        assert as_printed(word, language) in text
    if language != "de":  # the documents are German: said once, in the family's language
        assert as_printed(labels(L.MARK_GERMAN), language) in text
        assert "Bitte mitbringen" in read.text  # and in the German block beneath
    rows = _rows(data)
    bring = _row_of(rows, labels(L.BRING), labels.rtl)
    first = _row_of(rows, "Mutterpass", False)
    assert abs(_baseline(bring) - _baseline(first)) < 4  # label and first document side by side
    if labels.rtl:
        assert min(c["x0"] for c in bring) > max(c["x1"] for c in first)
    else:
        assert max(c["x1"] for c in bring) < min(c["x0"] for c in first)


def test_no_documents_no_section(database):
    assert "Bitte mitbringen" not in read_pdf(build(database, "de")).text
