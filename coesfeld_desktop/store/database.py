"""Opening the local SQLite database: engine, pragmas, sessions, migrations.

Why a small class instead of module globals: every window, worker thread and test gets
its own :class:`Database` passed in explicitly; workers open their own sessions from it.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from coesfeld_desktop.store.migrations import migrate

log = logging.getLogger(__name__)
WAL_SIZE_LIMIT = 32 * 1024 * 1024
BUSY_TIMEOUT_MS = 5000  # how long a write waits for another writer before "locked"


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        # deleted notes are overwritten with zeros, not left readable in free pages
        # (Debian's SQLite has this on by default, the Windows builds do not)
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the sync writer
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        # a sync's log grows to the size of what it wrote (360 MB for 100,000 offers):
        # once copied back, the file is cut to this size when the log starts over
        cursor.execute(f"PRAGMA journal_size_limit={WAL_SIZE_LIMIT}")
        cursor.close()


def make_engine(path: Path | str) -> Engine:
    """An engine for ``path`` (``":memory:"`` for a throwaway database in tests)."""
    # URL.create, not an f-string: a folder named "a%20b" or "x?mode=ro" or "#1" must be
    # the path it says, not a URL escape, a query or a fragment
    url = URL.create("sqlite", database=None if str(path) == ":memory:" else str(Path(path)))
    kwargs: dict[str, Any] = {}
    if str(path) == ":memory:":
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
        self._checkpoints: list[threading.Thread] = []
        # (busy, pages in the log, pages copied) of the last background checkpoint
        self.last_checkpoint: tuple[int, int, int] | None = None

    def session(self) -> Session:
        """A new session for one unit of work: ``with db.session() as s: ...``."""
        return self._sessions()

    def checkpoint_soon(self) -> None:
        """Copy the write-ahead log back into the database file, on a thread of its own.

        Why: after a sync the log holds every page the sync wrote (360 MB for a full sync
        of 100,000 offers). Left to SQLite, the committing call copies it back (2-3 s the
        counsellor would wait for data that is already committed and visible); SQLite's
        documentation suggests checkpointing apart for exactly this. Readers and writers
        go on meanwhile; :meth:`close` waits for it.
        """
        if str(self.path) == ":memory:":
            return
        thread = threading.Thread(target=self._checkpoint, name="sqlite-checkpoint",
                                  daemon=True)
        self._checkpoints = [*(t for t in self._checkpoints if t.is_alive()), thread]
        thread.start()

    def close(self) -> None:
        for thread in self._checkpoints:
            thread.join()
        self._checkpoints.clear()
        self.engine.dispose()

    def _checkpoint(self) -> None:
        """PASSIVE: copies what it can without ever making a writer (a note being saved)
        or a reader wait; what a reader still holds is copied by a later checkpoint."""
        try:
            connection = sqlite3.connect(self.path)
            try:
                row = connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                self.last_checkpoint = (int(row[0]), int(row[1]), int(row[2]))
            finally:
                connection.close()
        except sqlite3.Error as error:  # the next commit or close checkpoints instead
            log.warning("background checkpoint failed: %s", error)
