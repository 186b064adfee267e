"""Settings stored with the data (centre details for handouts, default town, sync source).

Why in the database and not QSettings: handouts and sync are Qt-free and run from the
command line too; window geometry, a purely visual matter, stays in QSettings.

Why plain SQL on the ``sqlite3`` driver: the default town is read for the first result
list, before SQLAlchemy is loaded (see :mod:`coesfeld_desktop.store.database`); a table of
keys and values needs no ORM.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coesfeld_desktop.store.database import Database


class SettingsService:
    def __init__(self, database: Database) -> None:
        self._db = database

    def get(self, key: str, default: str = "") -> str:
        with self._db.connection() as connection:
            row = connection.execute("SELECT value FROM setting WHERE key = ?",
                                     (key,)).fetchone()
        return default if row is None else str(row[0])

    def set(self, key: str, value: str) -> None:
        with self._db.connection() as connection:
            connection.execute("INSERT INTO setting (key, value) VALUES (?, ?) "
                               "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                               (key, value))
            connection.commit()

    def all(self) -> dict[str, str]:
        with self._db.connection() as connection:
            return {str(key): str(value)
                    for key, value in connection.execute("SELECT key, value FROM setting")}
