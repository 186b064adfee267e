"""Loading a directory document: everything lands, bad documents change nothing."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from coesfeld_desktop.store import models as m
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.loader import (
    DirectoryFormatError,
    collect_rows,
    read_directory_file,
    replace_directory,
)
from coesfeld_desktop.store.rows import COLUMNS, TopicRow, named
from tests.store.sample_directory import sample_directory


@pytest.fixture
def database(tmp_path: Path) -> Database:
    db = Database(tmp_path / "db.sqlite3")
    yield db
    db.close()


def _load(database: Database, document: dict) -> int:
    with database.engine.begin() as connection:
        return replace_directory(connection, document)


def _count(database: Database, model: type[m.Base]) -> int:
    with database.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_load_counts_every_record(database: Database) -> None:
    assert _load(database, sample_directory()) == 2
    assert _count(database, m.Organization) == 1
    assert _count(database, m.Location) == 2
    assert _count(database, m.Contact) == 1
    assert _count(database, m.Phone) == 3
    assert _count(database, m.Schedule) == 2
    assert _count(database, m.CostOption) == 1
    with database.session() as session:
        info = session.get(m.DirectoryInfo, 1)
        assert info is not None and info.sequence == 3 and not info.is_demo
        languages = session.scalars(select(m.OfferLanguage.language)
                                    .where(m.OfferLanguage.offer_id == "off-1")).all()
        assert sorted(languages) == ["ar", "de", "tr"]
        flags = session.execute(select(m.Translation.machine_translated).where(
            m.Translation.entity_id == "off-1", m.Translation.language == "ar")).scalars().all()
        assert flags == [True]


def test_reload_replaces_and_keeps_user_data(database: Database) -> None:
    _load(database, sample_directory())
    with database.engine.begin() as connection:
        connection.execute(text("INSERT INTO note (offer_id, offer_title, text, updated_at) "
                                "VALUES ('off-1', 'x', 'Mutter spricht Arabisch', '2026-01-01')"))
    smaller = sample_directory()
    smaller["offers"] = smaller["offers"][1:]
    _load(database, smaller)
    assert _count(database, m.Offer) == 1
    assert _count(database, m.Contact) == 0
    assert _count(database, m.Note) == 1


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (lambda d: d.update(format="something-else"), "not an Angebotslotse directory"),
        (lambda d: d.update(format_version=99), "unsupported directory format version"),
        (lambda d: d["offers"][0].update(organization_id="org-missing"), "unknown organization"),
        (lambda d: d["offers"][0].update(location_ids=["loc-missing"]), "unknown location"),
        (lambda d: d["offers"][0].update(topics=["nope"]), "unknown topic"),
        (lambda d: d["offers"][0].pop("title"), "lacks the required field 'title'"),
        (lambda d: d["offers"][1].update(id="off-1"), "duplicate ids"),
        (lambda d: d["offers"][0].update(min_age=-3), "invalid age"),
        (lambda d: d.update(published_at="gestern"), "not a date and time"),
        (lambda d: d["offers"][0].update(last_modified="9999-12-31T23:00:00-02:00"),
         "not a date and time"),
    ],
)
def test_broken_document_is_refused_and_changes_nothing(database: Database, breakage, message
                                                        ) -> None:
    _load(database, sample_directory())
    broken = sample_directory()
    broken["title"] = "Neu"
    breakage(broken)
    with pytest.raises(DirectoryFormatError, match=message):
        _load(database, broken)
    with database.session() as session:
        info = session.get(m.DirectoryInfo, 1)
        assert info is not None and info.title == "Testverzeichnis"
    assert _count(database, m.Offer) == 2


def test_read_directory_file_reports_bad_files(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": ', encoding="utf-8")
    with pytest.raises(DirectoryFormatError, match="not a valid JSON file"):
        read_directory_file(broken)
    listing = tmp_path / "list.json"
    listing.write_text(json.dumps([1, 2]), encoding="utf-8")
    with pytest.raises(DirectoryFormatError, match="does not contain a directory"):
        read_directory_file(listing)
    with pytest.raises(DirectoryFormatError, match="file not found"):
        read_directory_file(tmp_path / "missing.json")
    binary = tmp_path / "image.json"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    with pytest.raises(DirectoryFormatError):
        read_directory_file(binary)


def _rich_document() -> dict[str, Any]:
    """One offer using every field and child, with duplicates, empty and null values."""
    offer = {
        "id": "off-9", "organization_id": "org-1", "title": "Familienhebamme",
        "summary": "Hausbesuche", "description": None, "url": "https://example.org/h",
        "email": "h@example.org", "status": None, "min_age": 0, "max_age": 3,
        "pregnancy": True, "free": False, "cost": "5 €", "application_process": "Anruf",
        "accompanies": True,
        # repeats, the offer itself and an empty id are dropped; unknown ids are kept
        "follow_ups": ["off-20", "off-9", "off-21", "off-20", ""], "partners": ["off-99"],
        "cost_options": [{"id": "co-9", "option": "pro Termin", "amount": 5.0,
                          "currency": "EUR"}],
        "languages": ["de", "ar", "de"], "topics": ["early_help", "early_help"],
        "target_groups": ["parents"], "life_phases": ["pregnancy", "age_0_3"],
        "location_ids": ["loc-1", "loc-2"],
        "contacts": [{"id": "ct-9", "name": "Anna", "title": None, "email": "a@example.org",
                      "phones": [{"id": "ph-ct-9", "number": "02541 1",
                                  "description": "mobil"}],
                      "translations": {"en": {"title": "Midwife"}}},
                     {"id": "ct-10", "name": "Bea"}],
        "phones": [{"id": "ph-9", "number": "02541 2"}],
        "schedules": [{"id": "sc-9", "byday": None, "opens_at": "09:00", "closes_at": "12:00",
                       "description": "Sprechstunde", "location_id": "loc-1",
                       "translations": {"en": {"description": "Office hours",
                                               "outdated": True}}},
                      {"id": "sc-10", "byday": "TU", "opens_at": "18:00", "closes_at": "20:00",
                       "freq": "WEEKLY", "interval": 1, "count": 8, "dtstart": "2026-03-03",
                       "valid_from": "2026-03-01", "valid_to": "2026-06-30", "until": None,
                       "rule_byday": None, "byweekno": "10,11", "bymonthday": None,
                       "byyearday": None, "schedule_link": "https://example.org/kurs",
                       "attending_type": "in_person", "notes": "Partner bitte mitbringen"}],
        "eligibility_description": "Schwangere ab der 25. Woche",
        "required_documents": ["Mutterpass", "Versichertenkarte"], "service_areas": [],
        "interpretation_services": "Arabisch auf Anfrage", "alert": None,
        "wait_time": "etwa 2 Wochen",
        "assured_date": "2026-09-14T00:00:00", "last_modified": "2026-10-01T10:00:00+02:00",
        "translations": {"en": {"title": "Family midwife", "summary": "",
                                "machine_translated": 1},
                         "ar": {"title": "قابلة", "description": None}},
        "extra_field": "ignored",
    }
    return {"topics": [{"id": "early_help", "name": "Frühe Hilfen"}],
            "organizations": [{"id": "org-1", "name": "Träger"}],
            "locations": [{"id": "loc-1", "town": "Coesfeld"}, {"id": "loc-2", "town": "Dülmen"}],
            "offers": [offer]}


def _typed(table: str, rows: list[Any]) -> list[list[tuple[str, Any, type]]]:
    """Rows (plain rows in the table's column order, or dicts) with each column's name and
    each value's type: ``True == 1``, but SQLite would store them alike only by accident."""
    return [[(key, value, type(value))
             for key, value in (row if isinstance(row, dict) else row._asdict()).items()]
            for row in (rows if rows and isinstance(rows[0], dict) else named(table, rows))]


def test_collect_rows_pins_every_row_of_a_rich_offer() -> None:
    def translation(kind: str, entity: str, field: str, language: str, text: str,
                    machine: bool = False, outdated: bool = False) -> dict[str, Any]:
        return {"entity_type": kind, "entity_id": entity, "field": field, "language": language,
                "text": text, "machine_translated": machine, "outdated": outdated}

    def phone(phone_id: str, offer: str | None, contact: str | None, number: str,
              description: str | None) -> dict[str, Any]:
        return {"id": phone_id, "offer_id": offer, "contact_id": contact,
                "organization_id": None, "number": number, "description": description}

    expected = {
        "topic": [{"id": "early_help", "name": "Frühe Hilfen", "parent_id": None}],
        "organization": [{"id": "org-1", "name": "Träger", "description": None, "email": None,
                          "website": None}],
        "location": [{"id": loc, "organization_id": None, "name": None, "street": None,
                      "postcode": None, "town": town, "district": None, "latitude": None,
                      "longitude": None, "barrier_free": False}
                     for loc, town in (("loc-1", "Coesfeld"), ("loc-2", "Dülmen"))],
        "offer": [{"id": "off-9", "organization_id": "org-1", "title": "Familienhebamme",
                   "summary": "Hausbesuche", "description": None, "url": "https://example.org/h",
                   "email": "h@example.org", "status": "active", "min_age": 0, "max_age": 3,
                   "pregnancy": True, "free": False, "cost": "5 €",
                   "application_process": "Anruf", "assured_date": dt.date(2026, 9, 14),
                   "last_modified": dt.datetime(2026, 10, 1, 8, 0),
                   "eligibility_description": "Schwangere ab der 25. Woche",
                   "required_documents": '["Mutterpass", "Versichertenkarte"]',
                   "service_areas": None, "interpretation_services": "Arabisch auf Anfrage",
                   "alert": None, "wait_time": "etwa 2 Wochen", "accompanies": True}],
        "offer_relation": [
            {"offer_id": "off-9", "kind": "follow_up", "related_id": "off-20", "position": 0},
            {"offer_id": "off-9", "kind": "follow_up", "related_id": "off-21", "position": 1},
            {"offer_id": "off-9", "kind": "partner", "related_id": "off-99", "position": 0}],
        "offer_language": [{"offer_id": "off-9", "language": "de"},
                           {"offer_id": "off-9", "language": "ar"}],
        "offer_topic": [{"offer_id": "off-9", "topic_id": "early_help"}],
        "offer_target_group": [{"offer_id": "off-9", "code": "parents"}],
        "offer_life_phase": [{"offer_id": "off-9", "code": "pregnancy"},
                             {"offer_id": "off-9", "code": "age_0_3"}],
        "service_at_location": [{"offer_id": "off-9", "location_id": "loc-1"},
                                {"offer_id": "off-9", "location_id": "loc-2"}],
        "contact": [{"id": "ct-9", "offer_id": "off-9", "name": "Anna", "title": None,
                     "email": "a@example.org", "position": 0},
                    {"id": "ct-10", "offer_id": "off-9", "name": "Bea", "title": None,
                     "email": None, "position": 1}],
        "phone": [phone("ph-ct-9", None, "ct-9", "02541 1", "mobil"),
                  phone("ph-9", "off-9", None, "02541 2", None)],
        "schedule": [{"id": "sc-9", "offer_id": "off-9", "location_id": "loc-1", "byday": "",
                      "opens_at": "09:00", "closes_at": "12:00", "description": "Sprechstunde",
                      "position": 0, **dict.fromkeys(COLUMNS["schedule"][8:])},
                     {"id": "sc-10", "offer_id": "off-9", "location_id": None, "byday": "TU",
                      "opens_at": "18:00", "closes_at": "20:00", "description": None,
                      "position": 1, "freq": "WEEKLY", "interval": 1, "rule_count": 8,
                      "valid_from": dt.date(2026, 3, 1), "valid_to": dt.date(2026, 6, 30),
                      "dtstart": dt.date(2026, 3, 3), "until": None, "rule_byday": None,
                      "byweekno": "10,11", "bymonthday": None, "byyearday": None,
                      "schedule_link": "https://example.org/kurs",
                      "attending_type": "in_person", "notes": "Partner bitte mitbringen"}],
        "cost_option": [{"id": "co-9", "offer_id": "off-9", "option": "pro Termin",
                         "amount": 5.0, "currency": "EUR"}],
        "translation": [translation("contact", "ct-9", "title", "en", "Midwife"),
                        translation("schedule", "sc-9", "description", "en", "Office hours",
                                    outdated=True),
                        translation("offer", "off-9", "title", "en", "Family midwife",
                                    machine=True),
                        translation("offer", "off-9", "title", "ar", "قابلة")],
    }
    rows = collect_rows(_rich_document())
    assert sorted(rows) == sorted(expected)
    for table, expected_rows in expected.items():
        assert _typed(table, rows[table]) == _typed(table, expected_rows), table


def test_collect_rows_lists_translations_even_without_any() -> None:
    rows = collect_rows({"topics": [{"id": "t", "name": "T"}]})
    assert rows == {"topic": [TopicRow(id="t", name="T", parent_id=None)], "translation": []}
    assert named("topic", rows["topic"])[0].name == "T"
    assert collect_rows({}) == {}


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (lambda o: o["contacts"][1].pop("name"),
         "a contact record lacks the required field 'name'"),
        (lambda o: o["contacts"][0]["phones"][0].update(number=""),
         "a phone record lacks the required field 'number'"),
        (lambda o: o["phones"][0].pop("id"), "a phone record lacks the required field 'id'"),
        (lambda o: o["schedules"][0].update(id=None),
         "a schedule record lacks the required field 'id'"),
        (lambda o: o["cost_options"][0].pop("id"),
         "a cost option record lacks the required field 'id'"),
        (lambda o: o.update(translations=["en"]), "translations of offer off-9 are not an object"),
        (lambda o: o["contacts"][0]["translations"].update(en="x"),
         "translation en of ct-9 is not an object"),
        (lambda o: o.update(max_age=True), "offer off-9 has an invalid age: True"),
        (lambda o: o.update(min_age=2.0), "offer off-9 has an invalid age: 2.0"),
        (lambda o: o.update(last_modified="1.10.2026"), "not a date and time: '1.10.2026'"),
        (lambda o: o.update(assured_date="14.09.2026"), "not a date: '14.09.2026'"),
        (lambda o: o["contacts"].append({"id": "ct-9", "name": "X"}),
         "duplicate ids among the contact records"),
        (lambda o: o.update(location_ids=["loc-3"]),
         "service_at_location refers to an unknown location: loc-3"),
    ],
)
def test_collect_rows_names_what_is_wrong(breakage: Any, message: str) -> None:
    document = _rich_document()
    breakage(document["offers"][0])
    with pytest.raises(DirectoryFormatError) as error:
        collect_rows(document)
    assert str(error.value) == message


def test_collect_rows_checks_an_offer_batch_against_known_ids() -> None:
    """A sync collects offers batch by batch; their references are checked against the ids
    of the topics, organizations and locations collected once."""
    document = _rich_document()
    offers_only = {"offers": document["offers"]}
    known = {"topic": {"early_help"}, "organization": {"org-1"}, "location": {"loc-1", "loc-2"}}
    assert collect_rows(offers_only, known) == {
        table: rows for table, rows in collect_rows(document).items()
        if table not in ("topic", "organization", "location")}
    for table, missing in (("organization", "org-1"), ("location", "loc-2"),
                           ("topic", "early_help")):
        with pytest.raises(DirectoryFormatError, match=f"unknown {table}"):
            collect_rows(offers_only, {**known, table: known[table] - {missing}})
