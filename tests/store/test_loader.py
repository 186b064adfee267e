"""Loading a directory document: everything lands, bad documents change nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from coesfeld_desktop.store import models as m
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.loader import (
    DirectoryFormatError,
    read_directory_file,
    replace_directory,
)
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
