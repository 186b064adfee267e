"""The index's own key-value table: its layout version and its generation (for caches)."""

from __future__ import annotations

from coesfeld_desktop.search.index.tables import META_TABLE, SqlConnection, dbapi


def table_exists(connection: SqlConnection, name: str) -> bool:
    return dbapi(connection).execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
    ).fetchone() is not None


def read_meta(connection: SqlConnection, key: str) -> str | None:
    if not table_exists(connection, META_TABLE):
        return None
    row = dbapi(connection).execute(
        f"SELECT value FROM {META_TABLE} WHERE key = ?", (key,)
    ).fetchone()
    return None if row is None else str(row[0])


def write_meta(connection: SqlConnection, key: str, value: object) -> None:
    dbapi(connection).execute(
        f"INSERT INTO {META_TABLE} (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, str(value)),
    )


def index_generation(connection: SqlConnection) -> int:
    """A number that changes whenever the index content changes (for caches)."""
    value = read_meta(connection, "generation")
    return int(value) if value is not None else 0


def bump_generation(connection: SqlConnection) -> None:
    write_meta(connection, "generation", index_generation(connection) + 1)
