"""A data folder with every kind of user data, and a reader for it: shared by the damage
tests (``test_startup_damage.py``, ``test_recovery_kills.py``)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from coesfeld_desktop.paths import AppPaths
from coesfeld_desktop.startup.directory import load_directory_document
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.userdata.notes import NoteService
from coesfeld_desktop.userdata.saved_list import SavedListService
from coesfeld_desktop.userdata.settings import SettingsService
from tests.store.sample_directory import sample_directory

NOTE = "Rückruf klappt am besten dienstags."
# made today: the handout history forgets entries after 90 days (at every start)
HANDOUT = (dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S"), "ar", "list", 0, '["off-1"]',
           '["Familienhebamme"]')
EXPECTED = (["off-2", "off-1"], NOTE, "Beratungsstelle Dülmen", 1)


def write_demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "demo.json"
    path.write_text(json.dumps(sample_directory()), encoding="utf-8")
    return path


def filled_home(tmp_path: Path, demo_file: Path) -> AppPaths:
    """A filled database with a Merkliste, a note, a setting and a handout-history entry."""
    app_paths = AppPaths(tmp_path / "home").ensure()
    database = Database(app_paths.database)
    load_directory_document(database, demo_file)
    SavedListService(database).add("off-2", "Sprachcafé im Treffpunkt")
    SavedListService(database).add("off-1", "Familienhebamme")
    NoteService(database).set("off-1", "Familienhebamme", NOTE)
    SettingsService(database).set("centre_name", "Beratungsstelle Dülmen")
    with database.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO handout_history (created_at, language, layout, large_print, "
            "offer_ids, titles) VALUES (?, ?, ?, ?, ?, ?)", HANDOUT)
    with database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    return app_paths


def user_data(paths: AppPaths) -> tuple[list[str], str, str, int]:
    database = Database(paths.database)
    try:
        with database.engine.connect() as connection:
            history = connection.exec_driver_sql(
                "SELECT count(*) FROM handout_history").scalar_one()
        return (SavedListService(database).offer_ids(), NoteService(database).get("off-1"),
                SettingsService(database).get("centre_name"), int(history))
    finally:
        database.close()
