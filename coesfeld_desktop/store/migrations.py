"""Versioned schema migrations, tracked in SQLite's ``PRAGMA user_version``.

Why not Alembic: the app migrates one embedded SQLite file at start-up, inside a frozen
bundle; an ordered list of small functions is all that needs. Each migration runs in a
transaction; a database newer than this program is refused instead of damaged.
Rule: a migration, once released, never changes. Version 1 creates the tables as the
models define them at version 1; later schema changes add a new function.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, Engine, text

from coesfeld_desktop.store import models
from coesfeld_desktop.store.schema import SCHEMA_VERSION, SchemaTooNewError

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "SchemaTooNewError", "migrate", "schema_version"]


def _v1_initial(connection: Connection) -> None:
    models.Base.metadata.create_all(connection)


def _v2_sync_state(connection: Connection) -> None:
    """Sync bookkeeping: the export last applied and a hash per record (issue #4)."""
    from coesfeld_desktop.sync.state import create_tables

    create_tables(connection)


def _v3_handout_history(connection: Connection) -> None:
    """Handout history: which offers, which language, when (issue #3)."""
    from coesfeld_desktop.handout.history_model import create_tables

    create_tables(connection)


def _v4_no_duplicate_translation_index(connection: Connection) -> None:
    """Drop ``ix_translation_entity``: the translation key starts with the same two columns,
    so it only doubled the work of every insert (a full sync of 100,000 offers: 300,000
    translation rows, 7 MB of index)."""
    connection.execute(text("DROP INDEX IF EXISTS ix_translation_entity"))


MIGRATIONS: tuple[Callable[[Connection], None], ...] = (
    _v1_initial, _v2_sync_state, _v3_handout_history, _v4_no_duplicate_translation_index)
assert len(MIGRATIONS) == SCHEMA_VERSION, "update store/schema.py's SCHEMA_VERSION"


def schema_version(connection: Connection) -> int:
    return int(connection.execute(text("PRAGMA user_version")).scalar_one())


def migrate(engine: Engine) -> int:
    """Bring the database up to :data:`SCHEMA_VERSION`; returns the version found before."""
    with engine.connect() as connection:
        found = schema_version(connection)
    if found > SCHEMA_VERSION:
        raise SchemaTooNewError(found, SCHEMA_VERSION)
    for version in range(found + 1, SCHEMA_VERSION + 1):
        with engine.begin() as connection:
            MIGRATIONS[version - 1](connection)
            connection.execute(text(f"PRAGMA user_version = {version}"))
    return found
