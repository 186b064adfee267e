"""Reading offers back for display: every fact, in one language, fallbacks flagged."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.offers import (
    directory_status,
    offer_detail,
    offer_details,
    offer_languages,
    topic_names,
)
from coesfeld_desktop.store.summaries import read_summaries
from tests.store.sample_directory import sample_database


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    with sample_database(tmp_path) as db:
        yield db


def test_german_detail_has_every_fact(database: Database) -> None:
    with database.session() as session:
        detail = offer_detail(session, "off-1")
    assert detail is not None
    assert detail.title.text.startswith("Familienhebamme")
    assert not detail.title.is_fallback
    assert detail.provider == "Familienwerk Baumberge e. V."
    assert detail.places[0].one_line() == "Kirchstraße 1, 48653 Coesfeld-Lette"
    assert detail.places[0].accessibility[0].text == "Stufenloser Zugang"
    assert detail.contacts[0].name == "Anna Beispiel"
    assert detail.contacts[0].phones == ("02541 000-101",)
    assert detail.phones == ("02541 000-102",)
    hours = detail.opening_hours[0]
    assert hours.weekdays == ("MO", "WE")
    assert hours.opens_at == dt.time(9, 0) and hours.closes_at == dt.time(12, 0)
    assert detail.languages == ("ar", "de", "tr")
    assert detail.topics == ("Frühe Hilfen",)
    assert detail.assured_date == dt.date(2026, 9, 14)
    assert detail.barrier_free and detail.free and detail.pregnancy
    assert detail.towns == ("Coesfeld",)


def test_english_detail_translates_and_flags_fallbacks(database: Database) -> None:
    with database.session() as session:
        detail = offer_detail(session, "off-1", "en")
    assert detail is not None
    assert detail.title.text == "Family midwife – home visits after birth"
    assert detail.title.language == "en"
    assert detail.description is not None and detail.description.is_fallback
    assert detail.description.text.startswith("Beratung")
    assert detail.opening_hours[0].note is not None
    assert detail.opening_hours[0].note.text == "open consultation"
    assert detail.topics == ("Early help",)
    assert detail.provider == "Baumberge Family Association"
    assert detail.places[0].accessibility[0].text == "Step-free access"


def test_machine_translation_is_flagged(database: Database) -> None:
    with database.session() as session:
        detail = offer_detail(session, "off-1", "ar")
    assert detail is not None
    assert detail.title.machine_translated and detail.title.language == "ar"
    assert detail.summary is not None and detail.summary.is_fallback


def test_order_is_kept_and_unknown_ids_skipped(database: Database) -> None:
    with database.session() as session:
        details = offer_details(session, ["off-2", "nope", "off-1"])
    with database.connection() as connection:
        rows = read_summaries(connection, ["off-1", "off-2"])
    assert [d.id for d in details] == ["off-2", "off-1"]
    assert rows[1].towns == ("Dülmen",) and not rows[1].free and not rows[1].barrier_free


def test_directory_status_topics_and_languages(database: Database) -> None:
    with database.session() as session:
        status = directory_status(session)
        assert status is not None
        assert status.offer_count == 2 and status.sequence == 3
        assert status.published_at == dt.datetime(2026, 11, 20, 8, 0)
        assert list(topic_names(session, "en").values()) == ["Early help", "Sprachcafé"]
        assert offer_languages(session) == ["ar", "de", "tr"]


def test_empty_store_has_no_status(tmp_path: Path) -> None:
    empty = Database(tmp_path / "empty.sqlite3")
    with empty.session() as session:
        assert directory_status(session) is None
    empty.close()
