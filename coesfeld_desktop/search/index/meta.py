"""The index's own key-value table: its layout version and its generation (for caches)."""

from __future__ import annotations

from sqlalchemy import Connection

from coesfeld_desktop.search.index.tables import META_TABLE


def table_exists(connection: Connection, name: str) -> bool:
    return connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
    ).first() is not None


def read_meta(connection: Connection, key: str) -> str | None:
    if not table_exists(connection, META_TABLE):
        return None
    row = connection.exec_driver_sql(
        f"SELECT value FROM {META_TABLE} WHERE key = ?", (key,)
    ).first()
    return None if row is None else str(row[0])


def write_meta(connection: Connection, key: str, value: object) -> None:
    connection.exec_driver_sql(
        f"INSERT INTO {META_TABLE} (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, str(value)),
    )


def index_generation(connection: Connection) -> int:
    """A number that changes whenever the index content changes (for caches)."""
    value = read_meta(connection, "generation")
    return int(value) if value is not None else 0


def bump_generation(connection: Connection) -> None:
    write_meta(connection, "generation", index_generation(connection) + 1)
