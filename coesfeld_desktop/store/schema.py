"""Facts about the schema that start-up needs before SQLAlchemy is imported.

Why a module of its own: the health check runs before the first paint with the plain
``sqlite3`` module; importing the ORM there would cost more than half a second of start-up.
``migrations`` checks that :data:`SCHEMA_VERSION` matches its list of migrations.
"""

from __future__ import annotations

SCHEMA_VERSION = 10  # == len(migrations.MIGRATIONS); a test and an assert keep them equal

# The user's own data: carried over when a damaged database is rebuilt. Every other table is
# rebuilt from a directory export (DIRECTORY_TABLES in models.py), by the next sync or by
# triggers from a user table as its rows are carried over (REBUILT_TABLES) or by the search
# index; tests/store/test_schema_tables.py checks that each table of the schema is in exactly
# one of these lists.
USER_TABLES = ("saved_list", "saved_list_entry", "note", "setting", "handout_history",
               "need_count", "failed_search", "correction_report")
REBUILT_TABLES = ("sync_state", "sync_record", "need_place_week")


class SchemaTooNewError(RuntimeError):
    """The database was written by a newer Angebotslotse; opening it could damage it."""

    def __init__(self, found: int, supported: int) -> None:
        super().__init__(f"database schema version {found} is newer than supported {supported}")
        self.found = found
        self.supported = supported
