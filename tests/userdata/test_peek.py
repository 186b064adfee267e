"""peek_setting reads the language and zoom before the store opens, and never fails."""

from __future__ import annotations

from pathlib import Path

from coesfeld_desktop.store.database import Database
from coesfeld_desktop.userdata.peek import peek_setting, peek_settings
from coesfeld_desktop.userdata.settings import SettingsService


def test_peek_reads_a_stored_setting(tmp_path: Path) -> None:
    database = Database(tmp_path / "db.sqlite3")
    SettingsService(database).set("ui.language", "ar")
    database.close()
    assert peek_setting(tmp_path / "db.sqlite3", "ui.language", "de") == "ar"
    assert peek_setting(tmp_path / "db.sqlite3", "ui.zoom_percent", "100") == "100"


def test_peek_falls_back_on_missing_or_broken_files(tmp_path: Path) -> None:
    assert peek_setting(tmp_path / "missing.sqlite3", "ui.language", "de") == "de"
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"this is not a database" * 100)
    assert peek_setting(garbage, "ui.language", "de") == "de"
    empty = tmp_path / "empty.sqlite3"
    Database(empty).close()
    assert peek_setting(empty, "ui.language", "de") == "de"


def test_peek_settings_reads_several_keys_at_once(tmp_path: Path) -> None:
    database = Database(tmp_path / "db.sqlite3")
    SettingsService(database).set("ui.language", "uk")
    SettingsService(database).set("ui.zoom_percent", "150")
    database.close()
    assert peek_settings(tmp_path / "db.sqlite3", {"ui.language": "de", "ui.zoom_percent": "100",
                                                   "first_run_done": ""}) == {
        "ui.language": "uk", "ui.zoom_percent": "150", "first_run_done": ""}
    assert peek_settings(tmp_path / "missing.sqlite3", {"ui.language": "de"}) == {
        "ui.language": "de"}
