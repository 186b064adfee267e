"""Schema versions: an empty database migrates; a newer one is refused, not damaged."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect

from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.migrations import SCHEMA_VERSION, SchemaTooNewError
from coesfeld_desktop.store.models import DIRECTORY_TABLES, USER_TABLES


def test_empty_database_migrates_to_current_version(tmp_path: Path) -> None:
    path = tmp_path / "fresh.sqlite3"
    database = Database(path)
    tables = set(inspect(database.engine).get_table_names())
    database.close()
    assert set(DIRECTORY_TABLES) | set(USER_TABLES) <= tables
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_reopening_does_not_migrate_again(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    Database(path).close()
    with sqlite3.connect(path) as raw:
        raw.execute("INSERT INTO setting (key, value) VALUES ('centre.name', 'Beratung')")
    Database(path).close()
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT value FROM setting").fetchone()[0] == "Beratung"


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite3"
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    with pytest.raises(SchemaTooNewError) as caught:
        Database(path)
    assert caught.value.found == SCHEMA_VERSION + 5


def test_start_up_schema_facts_match_the_migrations() -> None:
    from coesfeld_desktop.store import schema
    from coesfeld_desktop.store.migrations import MIGRATIONS

    assert len(MIGRATIONS) == schema.SCHEMA_VERSION
    assert set(schema.USER_TABLES) == set(USER_TABLES)
