"""Opening the local SQLite database: engine, pragmas, sessions, migrations.

Why a small class instead of module globals: every window, worker thread and test gets
its own :class:`Database` passed in explicitly; workers open their own sessions from it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from coesfeld_desktop.store.migrations import migrate


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the sync writer
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()


def make_engine(path: Path | str) -> Engine:
    """An engine for ``path`` (``":memory:"`` for a throwaway database in tests)."""
    url = "sqlite://" if str(path) == ":memory:" else f"sqlite:///{Path(path)}"
    kwargs: dict[str, Any] = {}
    if str(path) == ":memory:":
        from sqlalchemy.pool import StaticPool

        kwargs = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
    # hide_parameters: bound values (note texts) never appear in error messages or logs.
    engine = create_engine(url, hide_parameters=True, **kwargs)
    event.listen(engine, "connect", _set_pragmas)
    return engine


class Database:
    """One local database: an engine, a session factory, and the schema brought up to date."""

    def __init__(self, path: Path | str) -> None:
        self.path = path
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.engine = make_engine(path)
        migrate(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def session(self) -> Session:
        """A new session for one unit of work: ``with db.session() as s: ...``."""
        return self._sessions()

    def close(self) -> None:
        self.engine.dispose()
