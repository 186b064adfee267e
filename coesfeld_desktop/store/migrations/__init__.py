"""Versioned schema migrations, tracked in SQLite's ``PRAGMA user_version``.

Why frozen SQL and not ``create_all``: a migration must do exactly what it did when it was
released, whatever the models say today. Version *n* is the module ``vNNN_*.py`` beside this
one, holding the SQL it runs; once released it never changes (``tests/store/test_migrations.py``
upgrades a fixture database of every released version and compares the result with the
models). The recipe for a new version is in ``docs/architecture.md`` ("Add a migration").

Why not Alembic: the app migrates one embedded SQLite file at start-up, inside a frozen
bundle; an ordered list of SQL scripts is all that needs. Each version runs in one
transaction; a database newer than this program is refused instead of damaged.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from types import ModuleType

from sqlalchemy import Connection, Engine, text

from coesfeld_desktop.store.migrations import (
    v001_initial,
    v002_sync_state,
    v003_handout_history,
    v004_drop_translation_entity_index,
    v005_needs_log,
    v006_schedule_rules_service_fields,
    v007_need_counts,
    v008_correction_reports,
    v009_offer_network,
    v010_need_place_week,
)
from coesfeld_desktop.store.schema import SCHEMA_VERSION, SchemaTooNewError

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "Migration", "SchemaTooNewError", "migrate",
           "schema_version", "statements"]


@dataclass(frozen=True)
class Migration:
    """One schema version: its number, a short name and the SQL that reaches it."""

    version: int
    name: str
    sql: str


def _migration(version: int, module: ModuleType) -> Migration:
    return Migration(version, module.__name__.rsplit(".", 1)[-1], str(module.SQL))


MIGRATIONS: tuple[Migration, ...] = tuple(
    _migration(number, module) for number, module in enumerate(
        (v001_initial, v002_sync_state, v003_handout_history,
         v004_drop_translation_entity_index, v005_needs_log,
         v006_schedule_rules_service_fields, v007_need_counts, v008_correction_reports,
         v009_offer_network, v010_need_place_week), start=1))
assert len(MIGRATIONS) == SCHEMA_VERSION, "update store/schema.py's SCHEMA_VERSION"


def statements(sql: str) -> list[str]:
    """Split a script into complete statements (SQLite's own test for "complete")."""
    found: list[str] = []
    pending = ""
    for line in sql.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            found.append(pending.strip())
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement: {pending.strip()[:60]}")
    return found


def schema_version(connection: Connection) -> int:
    return int(connection.execute(text("PRAGMA user_version")).scalar_one())


def migrate(engine: Engine) -> int:
    """Bring the database up to :data:`SCHEMA_VERSION`; returns the version found before."""
    with engine.connect() as connection:
        found = schema_version(connection)
    if found > SCHEMA_VERSION:
        raise SchemaTooNewError(found, SCHEMA_VERSION)
    for migration in MIGRATIONS[found:]:
        with engine.connect() as connection:
            # Python's sqlite3 opens a transaction only before INSERT/UPDATE/DELETE, so DDL
            # would commit statement by statement: begin explicitly, all or nothing.
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                for statement in statements(migration.sql):
                    connection.exec_driver_sql(statement)
                connection.exec_driver_sql(f"PRAGMA user_version = {migration.version}")
            except BaseException:
                connection.rollback()
                raise
            connection.commit()
    return found
