"""Schema versions: every released version upgrades with its user data; a newer one is refused.

Why fixtures written by the releases themselves: a migration must turn the database *that
release wrote* into today's schema. Comparing the result with what the models would create
catches a model changed without a migration, and a migration changed after release.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, inspect

from coesfeld_desktop.corrections import model as corrections_model  # noqa: F401 - its table
from coesfeld_desktop.handout import history_model  # noqa: F401 - registers its table
from coesfeld_desktop.needs import model as needs_model  # noqa: F401 - registers its tables
from coesfeld_desktop.store import migrations, models, schema
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.migrations import (
    MIGRATIONS,
    SCHEMA_VERSION,
    SchemaTooNewError,
    statements,
)
from coesfeld_desktop.store.models import DIRECTORY_TABLES, USER_TABLES
from coesfeld_desktop.sync import state  # noqa: F401 - registers its tables

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "schema"
RELEASED = sorted(FIXTURES.glob("v*.sqlite3"), key=lambda path: int(path.stem[1:]))
# user tables a later version converted into another form; tests/needs/test_log_migration.py
# checks their conversion
CONVERTED = {"need_record"}


def _rows(path: Path, tables: tuple[str, ...]) -> dict[str, list[tuple[Any, ...]]]:
    with sqlite3.connect(path) as connection:
        present = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
        return {table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall())
                for table in tables if table in present}


def _shape(path: Path) -> dict[str, Any]:
    """Tables, columns (name, type, not null, default, key), indexes and foreign keys."""
    with sqlite3.connect(path) as connection:
        tables = [r[0] for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        shape: dict[str, Any] = {}
        for table in tables:
            columns = [row[1:] for row in connection.execute(f'PRAGMA table_info("{table}")')]
            indexes = sorted(
                (row[1], row[2], tuple(c[2] for c in connection.execute(
                    f'PRAGMA index_info("{row[1]}")')))
                for row in connection.execute(f'PRAGMA index_list("{table}")'))
            keys = sorted(row[2:] for row in connection.execute(
                f'PRAGMA foreign_key_list("{table}")'))
            shape[table] = (columns, indexes, keys)
        return shape


def test_every_released_version_has_a_fixture() -> None:
    assert [int(path.stem[1:]) for path in RELEASED] == list(range(1, SCHEMA_VERSION + 1))


@pytest.mark.parametrize("fixture", RELEASED, ids=[path.stem for path in RELEASED])
def test_released_version_upgrades_and_keeps_the_user_data(fixture: Path,
                                                           tmp_path: Path) -> None:
    path = tmp_path / fixture.name
    shutil.copyfile(fixture, path)
    user_tables = (*USER_TABLES, "handout_history")
    before = {table: rows for table, rows in _rows(path, (*user_tables, *CONVERTED)).items()
              if table not in CONVERTED}
    assert before["note"] and before["saved_list_entry"] and before["setting"]
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == int(fixture.stem[1:])
    Database(path).close()
    after = _rows(path, user_tables)
    assert {table: after[table] for table in before} == before
    assert "Rückruf klappt am besten dienstags.\nFrau Weiß fragen." in {
        row[2] for row in after["note"]}
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize("fixture", RELEASED, ids=[path.stem for path in RELEASED])
def test_upgraded_schema_is_what_the_models_describe(fixture: Path, tmp_path: Path) -> None:
    upgraded = tmp_path / "upgraded.sqlite3"
    shutil.copyfile(fixture, upgraded)
    Database(upgraded).close()
    from_models = tmp_path / "models.sqlite3"
    engine = create_engine(f"sqlite:///{from_models}")
    models.Base.metadata.create_all(engine)
    engine.dispose()
    assert _shape(upgraded) == _shape(from_models)


def test_fresh_database_is_what_the_models_describe(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.sqlite3"
    Database(fresh).close()
    from_models = tmp_path / "models.sqlite3"
    engine = create_engine(f"sqlite:///{from_models}")
    models.Base.metadata.create_all(engine)
    engine.dispose()
    assert _shape(fresh) == _shape(from_models)


def test_migrations_are_numbered_sql_scripts() -> None:
    assert [migration.version for migration in MIGRATIONS] == list(
        range(1, SCHEMA_VERSION + 1))
    for migration in MIGRATIONS:
        assert migration.name.startswith(f"v{migration.version:03d}_")
        assert statements(migration.sql)


def test_a_failing_migration_leaves_the_version_it_found(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Each version runs in one transaction: a failure half-way leaves nothing half-done."""
    path = tmp_path / "v3.sqlite3"
    shutil.copyfile(FIXTURES / "v3.sqlite3", path)

    broken = (*MIGRATIONS[:3], migrations.Migration(
        4, "v004_broken", "DROP INDEX ix_translation_entity;\nCREATE TABLE note (x);\n"))
    monkeypatch.setattr(migrations, "MIGRATIONS", broken)
    with pytest.raises(Exception, match="already exists"):
        Database(path)
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 3
        assert raw.execute("SELECT count(*) FROM sqlite_master "
                           "WHERE name = 'ix_translation_entity'").fetchone()[0] == 1


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

    assert len(MIGRATIONS) == schema.SCHEMA_VERSION
    assert set(schema.USER_TABLES) == set(USER_TABLES)
