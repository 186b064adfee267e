"""Merkliste, notes and settings: local, and they survive the offer leaving the directory."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.loader import replace_directory
from coesfeld_desktop.userdata.notes import NoteService
from coesfeld_desktop.userdata.saved_list import SavedListService
from coesfeld_desktop.userdata.settings import SettingsService
from tests.store.sample_directory import sample_database, sample_directory


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    with sample_database(tmp_path) as db:
        yield db


def test_saved_list_keeps_order_and_toggles(database: Database) -> None:
    saved = SavedListService(database)
    saved.add("off-2", "Sprachcafé im Treffpunkt")
    saved.add("off-1", "Familienhebamme")
    saved.add("off-2", "Sprachcafé im Treffpunkt")  # twice is once
    assert saved.offer_ids() == ["off-2", "off-1"]
    assert saved.toggle("off-2", "Sprachcafé") is False
    assert saved.offer_ids() == ["off-1"]
    assert saved.toggle("off-2", "Sprachcafé") is True
    assert saved.contains("off-2")


def test_removed_offer_stays_on_the_list_marked(database: Database) -> None:
    saved, notes = SavedListService(database), NoteService(database)
    saved.add("off-1", "Familienhebamme")
    notes.set("off-1", "Familienhebamme", "Termin Dienstag vereinbart")
    smaller = sample_directory()
    smaller["offers"] = smaller["offers"][1:]
    with database.engine.begin() as connection:
        replace_directory(connection, smaller)
    [entry] = saved.entries()
    assert entry.offer_id == "off-1" and not entry.still_listed
    assert entry.title == "Familienhebamme"
    [note] = notes.all()
    assert note.text == "Termin Dienstag vereinbart" and not note.still_listed


def test_notes_update_and_empty_deletes(database: Database) -> None:
    notes = NoteService(database)
    assert notes.get("off-2") == ""
    notes.set("off-2", "Sprachcafé", "erste Fassung")
    notes.set("off-2", "Sprachcafé", "zweite Fassung")
    assert notes.get("off-2") == "zweite Fassung"
    assert [n.still_listed for n in notes.all()] == [True]
    notes.set("off-2", "Sprachcafé", "   ")
    assert notes.all() == []


def test_settings_round_trip(database: Database) -> None:
    settings = SettingsService(database)
    assert settings.get("centre.name", "—") == "—"
    settings.set("centre.name", "Familienbüro Coesfeld")
    settings.set("centre.name", "Familienbüro Dülmen")
    assert settings.all() == {"centre.name": "Familienbüro Dülmen"}


def test_conversation_list_moves_clears_replaces_and_tells_listeners(
        database: Database) -> None:
    saved = SavedListService(database)
    changes: list[int] = []
    unsubscribe = saved.subscribe(lambda: changes.append(len(saved.offer_ids())))
    assert saved.add_offers(["off-1", "off-2", "off-1"]) == 2
    [entry, _second] = saved.entries()
    assert entry.title == "Familienhebamme – Hausbesuche nach der Geburt"  # kept for later
    saved.move("off-2", 0)
    assert saved.offer_ids() == ["off-2", "off-1"]
    saved.replace(["off-1"])
    assert saved.offer_ids() == ["off-1"]
    saved.clear()
    assert saved.offer_ids() == [] and changes[-1] == 0
    unsubscribe()
    saved.add("off-2", "Sprachcafé")
    assert changes[-1] == 0  # no longer told
