"""Start-up check of the local database, recovery from damage, and storage problems in words.

Why: a laptop that lost power mid-write, a full disk or a read-only network folder must not
cost a counsellor her Merkliste and notes, nor show a Python traceback. At start-up
:func:`check_and_recover` runs SQLite's own consistency check and reads the schema version:

* a database written by a newer Angebotslotse is refused (:class:`SchemaTooNewError`) and
  left untouched;
* a damaged file (or one that is no database at all) is moved aside as
  ``angebotslotse.sqlite3.damaged-<timestamp>``, the directory is rebuilt from the last good
  export (``exports/last-good-export.zip`` from the sync, verified again, or a plain
  ``exports/last-good.json``) or else from the bundled demo directory, and the user
  tables (Merkliste, notes, settings) are carried over as far as they can still be read;
* anything else (locked, read-only, full) is *not* damage: nothing is moved, the caller shows
  :func:`storage_problem_message` for :func:`classify_storage_error`.

Qt-free: the window shows :meth:`HealthReport.user_message`; the command line prints it.
"""

from __future__ import annotations

import datetime as dt
import errno
import logging
import os
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from coesfeld_desktop.i18n import N_, Translate
from coesfeld_desktop.store.schema import SCHEMA_VERSION, USER_TABLES, SchemaTooNewError

log = logging.getLogger(__name__)

LAST_GOOD_EXPORT_NAMES = ("last-good-export.zip", "last-good.json")
SIDECAR_SUFFIXES = ("-wal", "-shm", "-journal")
_DAMAGE_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})
_DAMAGE_WORDS = ("malformed", "not a database", "file is encrypted")


def _identity(text: str) -> str:
    return text


class DatabaseDamagedError(RuntimeError):
    """SQLite's consistency check failed or the file is not a database."""


# --- checking -----------------------------------------------------------------------------


def is_damage(error: BaseException) -> bool:
    """Whether a sqlite3 error means the *file* is broken (not locked, full or read-only)."""
    if not isinstance(error, sqlite3.DatabaseError):
        return False
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in _DAMAGE_CODES:
        return True
    return any(word in str(error).lower() for word in _DAMAGE_WORDS)


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """Read-only: a check must never change the file, nor delete a WAL it does not understand."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)


def inspect_database(path: Path, *, thorough: bool = False) -> int | None:
    """Check the file at ``path``; returns its schema version, ``None`` if there is no file.

    Raises :class:`DatabaseDamagedError` if it is damaged, :class:`SchemaTooNewError` if a
    newer program wrote it, and lets storage errors (locked, unreadable) through unchanged.
    ``thorough`` runs the full ``integrity_check`` instead of the faster ``quick_check``.
    """
    if not path.exists():
        return None
    check = "integrity_check" if thorough else "quick_check"
    try:
        connection = _connect_read_only(path)
        try:
            version = int(connection.execute("PRAGMA user_version").fetchone()[0])
            problems = [row[0] for row in connection.execute(f"PRAGMA {check}")]
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        if is_damage(error):
            raise DatabaseDamagedError(str(error)) from error
        raise
    if problems != ["ok"]:
        raise DatabaseDamagedError("; ".join(str(p) for p in problems[:5]))
    if version > SCHEMA_VERSION:
        raise SchemaTooNewError(version, SCHEMA_VERSION)
    return version


# --- salvaging user data ------------------------------------------------------------------


@dataclass
class Salvage:
    """User rows read from a damaged file: table -> rows, and tables not (fully) readable."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    unreadable: list[str] = field(default_factory=list)


def salvage_user_tables(path: Path, tables: Iterable[str] = USER_TABLES) -> Salvage:
    """Read what is still readable of ``tables``, each on its own, row by row.

    A fresh connection per table: an error in one table (or in the file header) must not
    stop the others. Rows read before a damaged page are kept; the table is then also
    listed as unreadable, so the report can say that part of it may be missing.
    """
    salvage = Salvage()
    for table in tables:
        rows: list[dict[str, Any]] = []
        try:
            connection = _connect_read_only(path)
        except sqlite3.Error:
            salvage.unreadable.append(table)
            continue
        try:
            cursor = connection.execute(f'SELECT * FROM "{table}"')
            names = [column[0] for column in cursor.description]
            for row in cursor:
                rows.append(dict(zip(names, row, strict=True)))
        except sqlite3.Error as error:
            log.warning("salvage of table %s stopped after %d rows: %s", table, len(rows),
                        type(error).__name__)
            salvage.unreadable.append(table)
        finally:
            connection.close()
        salvage.rows[table] = rows
    return salvage


def restore(connection: Any, salvage: Salvage) -> dict[str, int]:
    """Insert salvaged rows into the new database's (same-named) tables; returns counts."""
    from sqlalchemy import text  # noqa: PLC0415 - start-up time: SQLAlchemy only to recover

    restored: dict[str, int] = {}
    list_ids = {row.get("id") for row in salvage.rows.get("saved_list", [])}
    for table in USER_TABLES:
        rows = salvage.rows.get(table, [])
        if table == "saved_list_entry":  # an entry without its list would break the FK
            rows = [row for row in rows if row.get("list_id") in list_ids]
        columns = [r[1] for r in connection.exec_driver_sql(f'PRAGMA table_info("{table}")')]
        count = 0
        for row in rows:
            keys = [key for key in columns if key in row]
            if not keys:
                continue
            column_list = ", ".join(f'"{key}"' for key in keys)
            values = ", ".join(f":{key}" for key in keys)
            statement = text(f'INSERT OR IGNORE INTO "{table}" ({column_list}) VALUES ({values})')
            count += connection.execute(statement, {k: row[k] for k in keys}).rowcount
        restored[table] = count
    return restored


# --- recovering -----------------------------------------------------------------------------


class HealthStatus(Enum):
    OK = "ok"  # checked, nothing to do (migrations may still run on open)
    NEW = "new"  # no database yet: the first start will fill it
    RECOVERED = "recovered"  # was damaged, moved aside and rebuilt


class RecoverySource(Enum):
    LAST_GOOD_EXPORT = "last_good_export"
    DEMO = "demo"


_TABLE_LABELS = {
    "saved_list": N_("Merkliste"),
    "saved_list_entry": N_("Merkliste"),
    "note": N_("Notizen"),
    "setting": N_("Einstellungen"),
}
_RECOVERED_FROM = {
    RecoverySource.LAST_GOOD_EXPORT: N_(
        "Die Datenbank war beschädigt und wurde aus der letzten gültigen Verzeichnisdatei "
        "wiederhergestellt ({source})."
    ),
    RecoverySource.DEMO: N_(
        "Die Datenbank war beschädigt und wurde aus den Demodaten wiederhergestellt. "
        "Bitte aktualisieren Sie das Verzeichnis, sobald Sie wieder online sind."
    ),
}
_KEPT = N_("Merkliste, Notizen und Einstellungen wurden übernommen.")
_PARTLY_KEPT = N_("Nicht vollständig lesbar waren: {tables}. Bitte prüfen Sie diese Angaben.")
_DAMAGED_COPY = N_("Die beschädigte Datei wurde aufbewahrt: {path}")


@dataclass(frozen=True)
class HealthReport:
    """What the start-up check found and did; the window shows :meth:`user_message`."""

    status: HealthStatus
    database: Path
    schema_version: int | None = None
    damaged_copy: Path | None = None
    source: RecoverySource | None = None
    source_path: Path | None = None
    restored: Mapping[str, int] = field(default_factory=dict)
    unreadable: tuple[str, ...] = ()
    detail: str = ""  # the technical reason, for the log

    @property
    def recovered(self) -> bool:
        return self.status is HealthStatus.RECOVERED

    def user_message(self, gettext: Translate | None = None) -> str | None:
        """A calm sentence or three for the user; ``None`` when there is nothing to say."""
        if not self.recovered or self.source is None:
            return None
        _ = gettext or _identity
        parts = [_(_RECOVERED_FROM[self.source]).format(source=self.source_path)]
        if self.unreadable:
            labels = sorted({_(_TABLE_LABELS.get(t, t)) for t in self.unreadable})
            parts.append(_(_PARTLY_KEPT).format(tables=", ".join(labels)))
        else:
            parts.append(_(_KEPT))
        parts.append(_(_DAMAGED_COPY).format(path=self.damaged_copy))
        return " ".join(parts)


def move_aside(path: Path, now: dt.datetime | None = None) -> Path:
    """Rename the database and its WAL/SHM files to ``<name>.damaged-<timestamp>``.

    The sidecars keep their suffix, so SQLite still finds the WAL of the copy.
    """
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.name}.damaged-{stamp}-{counter}")
        counter += 1
    os.replace(path, target)
    for suffix in SIDECAR_SUFFIXES:
        sidecar = path.with_name(path.name + suffix)
        if sidecar.exists():
            os.replace(sidecar, target.with_name(target.name + suffix))
    return target


# --- storage problems -----------------------------------------------------------------------


class StorageProblem(Enum):
    DISK_FULL = "disk_full"
    READ_ONLY = "read_only"
    LOCKED = "locked"


_ERRNO_PROBLEMS = {
    errno.ENOSPC: StorageProblem.DISK_FULL,
    errno.EDQUOT: StorageProblem.DISK_FULL,
    errno.EROFS: StorageProblem.READ_ONLY,
    errno.EACCES: StorageProblem.READ_ONLY,
    errno.EPERM: StorageProblem.READ_ONLY,
    errno.ENOTDIR: StorageProblem.READ_ONLY,  # a file where the data folder should be
}
_SQLITE_PROBLEMS = {
    sqlite3.SQLITE_FULL: StorageProblem.DISK_FULL,
    sqlite3.SQLITE_READONLY: StorageProblem.READ_ONLY,
    sqlite3.SQLITE_CANTOPEN: StorageProblem.READ_ONLY,
    sqlite3.SQLITE_PERM: StorageProblem.READ_ONLY,
    sqlite3.SQLITE_BUSY: StorageProblem.LOCKED,
    sqlite3.SQLITE_LOCKED: StorageProblem.LOCKED,
}
_MESSAGE_PROBLEMS = (
    ("database or disk is full", StorageProblem.DISK_FULL),
    ("no space left", StorageProblem.DISK_FULL),
    ("readonly database", StorageProblem.READ_ONLY),
    ("read-only file system", StorageProblem.READ_ONLY),
    ("unable to open database file", StorageProblem.READ_ONLY),
    ("database is locked", StorageProblem.LOCKED),
    ("database table is locked", StorageProblem.LOCKED),
)


def _causes(error: BaseException) -> Iterable[BaseException]:
    """The error, the DB-API error SQLAlchemy wraps (``.orig``), and its causes."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [error]
    while todo:
        current = todo.pop(0)
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        orig = getattr(current, "orig", None)
        todo += [orig if isinstance(orig, BaseException) else None,
                 current.__cause__, current.__context__]


def classify_storage_error(error: BaseException) -> StorageProblem | None:
    """Full disk, read-only folder or locked database; ``None`` for anything else."""
    for cause in _causes(error):
        if isinstance(cause, OSError) and cause.errno in _ERRNO_PROBLEMS:
            return _ERRNO_PROBLEMS[cause.errno]
        code = getattr(cause, "sqlite_errorcode", None)
        if isinstance(cause, sqlite3.Error) and code is not None:
            problem = _SQLITE_PROBLEMS.get(code & 0xFF)
            if problem is not None:
                return problem
        text = str(cause).lower()
        for words, problem in _MESSAGE_PROBLEMS:
            if words in text:
                return problem
    return None


_STORAGE_MESSAGES = {
    StorageProblem.DISK_FULL: N_(
        "Der Speicherplatz ist voll: Angebotslotse konnte die letzte Änderung nicht "
        "speichern. Alles, was vorher gespeichert war, ist erhalten. Bitte schaffen Sie Platz "
        "auf dem Laufwerk mit dem Datenordner ({folder}) und versuchen Sie es noch einmal."
    ),
    StorageProblem.READ_ONLY: N_(
        "Angebotslotse kann im Datenordner nicht schreiben ({folder}): Er ist schreibgeschützt "
        "oder nicht erreichbar. Ihre Daten bleiben unverändert. Bitte bitten Sie Ihre "
        "IT-Abteilung um Schreibrechte für diesen Ordner."
    ),
    StorageProblem.LOCKED: N_(
        "Die Datenbank wird gerade von einem anderen Vorgang benutzt (zum Beispiel einer "
        "Aktualisierung oder einem zweiten Angebotslotse-Fenster). Es ist nichts verloren "
        "gegangen. Bitte warten Sie einen Moment und versuchen Sie es noch einmal."
    ),
}
_TOO_NEW = N_(
    "Diese Datenbank wurde von einer neueren Version von Angebotslotse angelegt "
    "(Schema {found}, diese Version kennt bis {supported}). Sie wurde nicht verändert. Bitte "
    "installieren Sie die aktuelle Version von Angebotslotse."
)


def storage_problem_message(problem: StorageProblem, folder: Path,
                            gettext: Translate | None = None) -> str:
    """The German (or, with ``gettext``, translated) message for a storage problem."""
    _ = gettext or _identity
    return _(_STORAGE_MESSAGES[problem]).format(folder=folder)


def schema_too_new_message(error: SchemaTooNewError, gettext: Translate | None = None) -> str:
    _ = gettext or _identity
    return _(_TOO_NEW).format(found=error.found, supported=error.supported)


def startup_error_message(error: BaseException, folder: Path,
                          gettext: Translate | None = None) -> str | None:
    """A user message for an error at start-up that has one; ``None`` for a real bug."""
    if isinstance(error, SchemaTooNewError):
        return schema_too_new_message(error, gettext)
    problem = classify_storage_error(error)
    if problem is not None:
        return storage_problem_message(problem, folder, gettext)
    return None
