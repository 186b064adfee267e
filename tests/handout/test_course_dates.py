"""A course's coming dates on the handout, in every handout language (issue #18 point 3):
read back from the PDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fixture_directory import directory_document
from pdfread import as_printed, read_pdf

from coesfeld_desktop.handout import labels as L  # noqa: N812 - L.KEY reads like the label table
from coesfeld_desktop.handout.compose import render_handout
from coesfeld_desktop.handout.labels import HANDOUT_LANGUAGES, Labels
from coesfeld_desktop.handout.pdf import HandoutOptions
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.loader import replace_directory

SHEET_DAY = dt.date(2027, 3, 20)  # two of the eight Tuesdays are over
COMING = [dt.date(2027, 3, 23) + dt.timedelta(weeks=week) for week in range(5)]


@pytest.fixture(scope="module")
def course_database(tmp_path_factory: pytest.TempPathFactory):
    document = directory_document()
    offer = next(o for o in document["offers"] if o["id"] == "off-sprachcafe")
    offer["schedules"] = [{"id": "sc-course", "byday": "TU", "opens_at": "18:00",
                           "closes_at": "20:00", "freq": "WEEKLY", "count": 8,
                           "dtstart": "2027-03-02"}]
    db = Database(Path(tmp_path_factory.mktemp("course")) / "db.sqlite3")
    with db.engine.begin() as connection:
        replace_directory(connection, document)
    yield db
    db.close()


@pytest.mark.parametrize("language", HANDOUT_LANGUAGES)
def test_the_coming_dates_are_printed_in_the_family_language(course_database, language):
    data = render_handout(course_database, ["off-sprachcafe"], HandoutOptions(language),
                          today=SHEET_DAY)
    text = read_pdf(data).squashed()
    labels = Labels(language)
    for word in labels(L.DATES).split():
        assert as_printed(word, language) in text, labels(L.DATES)
    for day in COMING:
        assert as_printed(labels.day(day, SHEET_DAY), language) in text, day
    assert as_printed(labels.time(dt.time(18)), language) in text
    # the dates that are over are not printed
    assert as_printed(labels.day(dt.date(2027, 3, 16), SHEET_DAY), language) not in text


def test_many_dates_end_in_a_count_of_the_rest(course_database):
    """A daily holiday programme of 20 days prints 12 dates and "und 8 weitere Termine"."""
    document = directory_document()
    offer = next(o for o in document["offers"] if o["id"] == "off-sprachcafe")
    offer["schedules"] = [{"id": "sc-holiday", "freq": "DAILY", "count": 20,
                           "dtstart": "2027-07-19", "opens_at": "09:00", "closes_at": "13:00"}]
    with course_database.engine.begin() as connection:
        replace_directory(connection, document)
    data = render_handout(course_database, ["off-sprachcafe"], HandoutOptions("de"),
                          today=dt.date(2027, 7, 1))
    text = read_pdf(data).squashed()
    assert as_printed("und 8 weitere Termine", "de") in text
    assert as_printed("Fr 30. Juli", "de") in text and as_printed("Sa 31. Juli", "de") not in text
