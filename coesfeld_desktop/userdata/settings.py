"""Settings stored with the data (centre details for handouts, default town, sync source).

Why in the database and not QSettings: handouts and sync are Qt-free and run from the
command line too; window geometry, a purely visual matter, stays in QSettings.
"""

from __future__ import annotations

from sqlalchemy import select

from coesfeld_desktop.store import models as m
from coesfeld_desktop.store.database import Database


class SettingsService:
    def __init__(self, database: Database) -> None:
        self._db = database

    def get(self, key: str, default: str = "") -> str:
        with self._db.session() as session:
            setting = session.get(m.Setting, key)
            return setting.value if setting else default

    def set(self, key: str, value: str) -> None:
        with self._db.session() as session, session.begin():
            setting = session.get(m.Setting, key)
            if setting is None:
                session.add(m.Setting(key=key, value=value))
            else:
                setting.value = value

    def all(self) -> dict[str, str]:
        with self._db.session() as session:
            return {s.key: s.value for s in session.scalars(select(m.Setting))}
