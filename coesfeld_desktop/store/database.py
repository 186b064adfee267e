"""Opening the local SQLite database: engine, pragmas, sessions, migrations, readers.

Why a small class instead of module globals: every window, worker thread and test gets
its own :class:`Database` passed in explicitly; workers open their own sessions from it.

Why SQLAlchemy loads only when first asked for: importing and configuring it costs about
0.45 s of CPU, more than the first result list at start-up may take after the window's
first paint. A store whose schema is current opens with the plain ``sqlite3`` module;
the search and the result rows read through :meth:`Database.connection`, and the engine, the
sessions and the ORM load when something first needs them (a migration, a write, the
details of an offer).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coesfeld_desktop.store.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)
WAL_SIZE_LIMIT = 32 * 1024 * 1024
BUSY_TIMEOUT_MS = 5000  # how long a write waits for another writer before "locked"
IDLE_READERS = 4  # plain connections kept open for the next read (each keeps its cache)


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
    # start-up time: SQLAlchemy loads with the first engine (see the module's docstring)
    from sqlalchemy import URL, create_engine, event  # noqa: PLC0415
    from sqlalchemy.pool import StaticPool  # noqa: PLC0415

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


def _schema_version(path: Path | str) -> int:
    """The file's ``PRAGMA user_version`` (0 for a new file), read with plain sqlite3."""
    with closing(sqlite3.connect(path)) as connection:
        return int(connection.execute("PRAGMA user_version").fetchone()[0])


class Database:
    """One local database: the schema brought up to date, plain readers, and an engine and
    a session factory made when first needed."""

    def __init__(self, path: Path | str) -> None:
        self.path = path
        self.in_memory = str(path) == ":memory:"
        if not self.in_memory:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        self._made = threading.Lock()
        self._idle: list[sqlite3.Connection] = []
        self._closed = False  # connections handed back after close() are closed, not kept
        self._checkpoints: list[threading.Thread] = []
        # (busy, pages in the log, pages copied) of the last background checkpoint
        self.last_checkpoint: tuple[int, int, int] | None = None
        if self.in_memory or _schema_version(path) != SCHEMA_VERSION:
            from coesfeld_desktop.store.migrations import migrate  # noqa: PLC0415 - start-up time

            migrate(self.engine)  # also refuses a newer schema

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (made, and SQLAlchemy imported, on first use)."""
        if self._engine is None:
            with self._made:
                if self._engine is None:
                    self._engine = make_engine(self.path)
        return self._engine

    def session(self) -> Session:
        """A new session for one unit of work: ``with db.session() as s: ...``."""
        if self._sessions is None:
            from sqlalchemy.orm import sessionmaker  # noqa: PLC0415 - start-up time

            engine = self.engine
            with self._made:
                if self._sessions is None:
                    self._sessions = sessionmaker(engine, expire_on_commit=False)
        return self._sessions()

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        """A plain ``sqlite3`` connection with the store's pragmas, without SQLAlchemy: for
        work done in SQL (the search, the result rows, the settings). Connections are kept
        for the next use: their page cache is what makes the next search fast. A caller
        that writes commits; whatever is left uncommitted is rolled back when the block
        ends."""
        if self.in_memory:  # one shared connection: the engine's
            proxy = self.engine.raw_connection()
            try:
                yield proxy.driver_connection  # type: ignore[misc]
            finally:
                proxy.close()
            return
        with self._made:
            connection = self._idle.pop() if self._idle else None
        if connection is None:
            connection = sqlite3.connect(self.path, check_same_thread=False)
            _set_pragmas(connection, None)
        try:
            yield connection
        except BaseException:
            connection.close()
            raise
        if connection.in_transaction:
            connection.rollback()
        with self._made:
            if not self._closed and len(self._idle) < IDLE_READERS:
                self._idle.append(connection)
                return
        connection.close()

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
        with self._made:
            self._closed = True
            idle, self._idle = self._idle, []
        for connection in idle:
            connection.close()
        if self._engine is not None:
            self._engine.dispose()

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
