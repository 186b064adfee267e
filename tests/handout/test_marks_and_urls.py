"""Every printed text that is German on a translated handout carries a note; long URLs
wrap after "/" (issue #3 and large print)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fixture_directory import directory_document
from pdfread import as_printed, missing_glyphs, read_pdf, squash

from coesfeld_desktop.handout import labels as L  # noqa: N812 - L.KEY reads like the label table
from coesfeld_desktop.handout.compose import render_handout
from coesfeld_desktop.handout.labels import Labels
from coesfeld_desktop.handout.pdf import HandoutOptions
from coesfeld_desktop.handout.text import split_long_word
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.loader import replace_directory

SCHEDULE_NOTE = "Nur mit Termin"
COST = "5 € pro Termin"
LONG_URL = ("https://www.kreis-coesfeld.de/familie/fruehe-hilfen/"
            "familienhebammen-und-kinderkrankenpflege/anmeldung-und-kontakt/"
            "beratungsangebote-fuer-schwangere/formular-anmeldung.html")


@pytest.fixture
def marked_database(tmp_path: Path):
    """The test directory with an untranslated schedule note, a contact role translated
    by machine and a long URL on the midwives' offer."""
    document = directory_document()
    offer = next(o for o in document["offers"] if o["id"] == "off-hebamme")
    offer["schedules"].append({"id": "sc-note", "byday": "FR", "description": SCHEDULE_NOTE})
    offer["url"] = LONG_URL
    offer["cost"] = COST
    offer["free"] = False
    offer["contacts"][0]["translations"] = {
        "en": {"title": "Family midwife", "machine_translated": True}}
    db = Database(tmp_path / "db.sqlite3")
    with db.engine.begin() as connection:
        replace_directory(connection, document)
    yield db
    db.close()


def build(database, language, **options):
    return render_handout(database, ["off-hebamme"], HandoutOptions(language, **options),
                          today=dt.date(2026, 11, 27))


@pytest.mark.parametrize("language", ["en", "tr", "ar", "fa", "ti"])
def test_untranslated_schedule_note_and_cost_carry_a_note(marked_database, language):
    read = read_pdf(build(marked_database, language))
    labels = Labels(language)
    mark = labels(L.MARK_GERMAN)
    text = read.squashed()
    assert squash(SCHEDULE_NOTE) in text and squash(COST) in text
    assert as_printed(mark, language) in text
    # a marker after the note and after the cost (and the contact role and access text,
    # where those are German too); the title and summary are translated, so the long
    # sentence about German-only texts is not printed
    assert text.count(as_printed(mark, language)) >= 2
    assert as_printed(labels(L.ONLY_GERMAN), language) not in text
    line = next(line for line in read.logical_lines() if "Termin" in line
                and "5" not in line)
    # the marker stands on the same line as the note it belongs to
    assert as_printed(mark, language) in squash(line)
    assert missing_glyphs(read) == []


def test_machine_translated_role_is_marked(marked_database):
    text = read_pdf(build(marked_database, "en")).squashed()
    assert squash("Frau Beispiel (Family midwife) (machine-translated)") in text


def test_german_handout_has_no_marks(marked_database):
    text = read_pdf(build(marked_database, "de")).squashed()
    assert squash(SCHEDULE_NOTE) in text
    assert squash(Labels("de")(L.MARK_GERMAN)) not in text


def _url_lines(read) -> list[str]:
    """The printed lines of LONG_URL, in order (per line, the characters of one size)."""
    lines: list[str] = []
    for page in read.line_chars:
        for row in page:
            for size in sorted({round(c["size"], 1) for c in row}):
                chars = "".join(c["text"] for c in row if round(c["size"], 1) == size)
                chars = chars.strip()
                if chars and LONG_URL.startswith("".join(lines) + chars):
                    lines.append(chars)
    return lines


@pytest.mark.parametrize("language", ["de", "ar"])
def test_long_url_in_large_print_wraps_after_slashes(marked_database, language):
    read = read_pdf(build(marked_database, language, large_print=True))
    lines = _url_lines(read)
    assert "".join(lines) == LONG_URL
    assert len(lines) > 1
    # each path segment fits on a line here, so every line but the last ends at a "/"
    assert all(line.endswith("/") for line in lines[:-1]), lines


def test_split_long_word_prefers_slashes_then_punctuation():
    def measure(text: str) -> float:
        return float(len(text))

    url = "https://example.org/a-very-long-segment-name.html/x"
    lines = split_long_word(url, 20, measure)
    assert "".join(lines) == url
    assert all(measure(line) <= 20 for line in lines)
    assert lines[0] == "https://example.org/"
    # the segment longer than a line breaks after "-" or "."
    assert all(line[-1] in "/-." for line in lines[:-1])
    assert split_long_word("abcdefghij", 4, measure) == ["abcd", "efgh", "ij"]
    assert split_long_word("short", 20, measure) == ["short"]
