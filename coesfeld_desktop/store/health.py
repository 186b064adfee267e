"""Start-up check of the local database, and storage problems in words.

Why: a laptop that lost power mid-write, a full disk or a read-only network folder must not
cost a counsellor her Merkliste and notes, nor show a Python traceback. At start-up
:func:`inspect_database` runs SQLite's own consistency check and reads the schema version:

* a database written by a newer Angebotslotse is refused (:class:`SchemaTooNewError`) and
  left untouched;
* a damaged file (one that is no database at all, or empty) raises
  :class:`DatabaseDamagedError`; :mod:`coesfeld_desktop.startup.recovery` then rebuilds it
  and carries the user tables over (:mod:`coesfeld_desktop.store.salvage`);
* a hot rollback journal left by a crash is rolled back by one read-write open (a read-only
  check cannot do that and would report a read-only folder);
* anything else (locked, read-only, full, a file where a folder belongs) is *not* damage:
  nothing is moved, the caller shows :func:`startup_error_message`.

Qt-free: the window shows :meth:`HealthReport.user_message`; the command line prints it.
"""

from __future__ import annotations

import errno
import logging
import shutil
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

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


def _roll_back_hot_journal(path: Path) -> None:
    """A crash during a write in rollback-journal mode leaves a "hot" ``-journal``.

    Only a read-write connection rolls it back (SQLite does so when it first reads); a
    read-only one fails with "readonly database". One read of the schema is enough.
    """
    journal = path.with_name(path.name + "-journal")
    if not journal.is_file() or journal.stat().st_size == 0:
        return
    log.warning("rolling back the hot journal left beside %s", path.name)
    connection = sqlite3.connect(path, timeout=5)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        connection.close()


def check_layout(home: Path, database: Path) -> None:
    """Raise :class:`StorageLayoutError` for a file where the data folder belongs (or one
    of its parents), or a folder where the database file belongs."""
    for folder in (home, *home.parents):
        if folder.exists() and not folder.is_dir():
            raise StorageLayoutError(StorageProblem.NOT_A_FOLDER, folder)
    if database.is_dir():
        raise StorageLayoutError(StorageProblem.DATABASE_IS_A_FOLDER, database)


def inspect_database(path: Path, *, thorough: bool = False, full: bool = True) -> int | None:
    """Check the file at ``path``; returns its schema version, ``None`` if there is no file.

    Raises :class:`DatabaseDamagedError` if it is damaged (an empty file too: the app never
    leaves one, so something cut it off), :class:`SchemaTooNewError` if a newer program wrote
    it, and lets storage errors (locked, unreadable) through unchanged.
    ``full`` runs SQLite's ``quick_check`` over every page (``thorough``: the slower
    ``integrity_check``); without it only :func:`_cheap_checks` run, which read a few
    dozen pages whatever the size of the file (the start after a clean exit, see
    :mod:`coesfeld_desktop.startup.session`).
    """
    if not path.exists():
        return None
    if path.is_dir():
        raise StorageLayoutError(StorageProblem.DATABASE_IS_A_FOLDER, path)
    if path.stat().st_size == 0:
        raise DatabaseDamagedError("the database file is empty (0 bytes)")
    try:
        _roll_back_hot_journal(path)
        if not full:
            _check_header(path)
        connection = _connect_read_only(path)
        try:
            version = int(connection.execute("PRAGMA user_version").fetchone()[0])
            if full:
                check = "integrity_check" if thorough else "quick_check"
                problems = [row[0] for row in connection.execute(f"PRAGMA {check}")]
            else:
                problems = _cheap_checks(connection)
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


_MAGIC = b"SQLite format 3\x00"
_HEADER_BYTES = 100


def _check_header(path: Path) -> None:
    """The file's first 100 bytes: SQLite's magic, a possible page size, and (without a
    write-ahead log that may hold newer pages) no more pages than the file holds."""
    size = path.stat().st_size
    with path.open("rb") as handle:
        header = handle.read(_HEADER_BYTES)
    if len(header) < _HEADER_BYTES or not header.startswith(_MAGIC):
        raise DatabaseDamagedError("the file does not start with an SQLite header")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise DatabaseDamagedError(f"the header gives an impossible page size ({page_size})")
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return
    pages = int.from_bytes(header[28:32], "big")
    size_is_valid = header[24:28] == header[92:96]  # "version-valid-for" = change counter
    if size_is_valid and pages * page_size > size:
        raise DatabaseDamagedError(
            f"the file is cut off ({size} bytes of {pages * page_size})")


def _cheap_checks(connection: sqlite3.Connection) -> list[str]:
    """SQLite's check of the user tables alone, and one read into every other table.

    Why these: the schema (page 1 and its children) is read whole; the user tables (the
    counsellor's lists and notes) are small and checked completely; every other table's
    root page and first leaf are read. Damage elsewhere in the directory or the index is
    left to the full check in the background, which asks for a repair at the next start.
    """
    tables = [str(name) for name, in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND rootpage > 0")]
    problems: list[str] = []
    for table in tables:
        quoted = '"' + table.replace('"', '""') + '"'
        if table in USER_TABLES:
            problems += [str(row[0]) for row in connection.execute(
                f"PRAGMA quick_check({quoted})") if row[0] != "ok"]
        else:
            connection.execute(f"SELECT * FROM {quoted} LIMIT 1").fetchall()
    return problems or ["ok"]


# --- recovering -----------------------------------------------------------------------------


class HealthStatus(Enum):
    OK = "ok"  # checked, nothing to do (migrations may still run on open)
    NEW = "new"  # no database yet: the first start will fill it
    RECOVERED = "recovered"  # was damaged, moved aside and rebuilt


class RecoverySource(Enum):
    LAST_GOOD_EXPORT = "last_good_export"
    DEMO = "demo"


TABLE_LABELS = {  # every user table needs one (tests/store/test_health.py checks)
    "saved_list": N_("Gesprächslisten"),
    "saved_list_entry": N_("Einträge auf Gesprächslisten"),
    "note": N_("Notizen"),
    "setting": N_("Einstellungen"),
    "handout_history": N_("Einträge im Handzettel-Verlauf"),
    "need_count": N_("Einträge im Bedarfsprotokoll"),
    "failed_search": N_("gezählte erfolglose Suchen"),
    "correction_report": N_("gemeldete Fehler in Angeboten"),
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
_KEPT = N_("Übernommen wurden:")
_NOTHING_LOST = N_("Von Ihren eigenen Daten ist nichts verloren gegangen.")
_PARTLY_KEPT = N_("Nicht vollständig lesbar waren: {tables}. Davon kann etwas fehlen; bitte "
                  "prüfen Sie diese Angaben.")
_DAMAGED_COPY = N_("Die beschädigte Datei wurde aufbewahrt: {path}. Sie enthält noch Ihre "
                   "Notizen; Angebotslotse löscht sie, sobald Sie es bestätigen, spätestens "
                   "nach {days} Tagen.")
DAMAGED_COPY_DAYS = 30


def _isolated(path: object) -> str:
    """A path kept left-to-right inside right-to-left text (Unicode isolates)."""
    return f"\u2066{path}\u2069"


@dataclass(frozen=True)
class HealthReport:
    """What the start-up check found and did; the window shows :meth:`user_message`."""

    status: HealthStatus
    database: Path
    schema_version: int | None = None
    damaged_copy: Path | None = None
    source: RecoverySource | None = None
    source_path: Path | None = None
    found: Mapping[str, int] = field(default_factory=dict)  # user rows read from the copy
    restored: Mapping[str, int] = field(default_factory=dict)  # ... and written back
    unreadable: tuple[str, ...] = ()
    detail: str = ""  # the technical reason, for the log

    @property
    def recovered(self) -> bool:
        return self.status is HealthStatus.RECOVERED

    @property
    def incomplete(self) -> tuple[str, ...]:
        """User tables of which something may be lost: unreadable, or rows not written back."""
        short = [t for t, n in self.found.items() if self.restored.get(t, 0) < n]
        return tuple(dict.fromkeys([*self.unreadable, *short]))

    def user_message(self, gettext: Translate | None = None) -> str | None:
        """A calm sentence or three for the user; ``None`` when there is nothing to say."""
        if not self.recovered or self.source is None:
            return None
        _ = gettext or _identity
        parts = [_(_RECOVERED_FROM[self.source]).format(source=_isolated(self.source_path))]
        shown = [t for t in USER_TABLES if self.found.get(t) or self.restored.get(t)
                 or t in self.incomplete]
        if shown:
            counts = "\n".join(f"• {_(TABLE_LABELS.get(t, t))}: {self.restored.get(t, 0)}"
                               for t in shown)
            parts.append(f"{_(_KEPT)}\n{counts}")
        if self.incomplete:
            labels = [_(TABLE_LABELS.get(t, t)) for t in USER_TABLES if t in self.incomplete]
            parts.append(_(_PARTLY_KEPT).format(tables=", ".join(labels)))
        else:
            parts.append(_(_NOTHING_LOST))
        if self.damaged_copy is not None and self.damaged_copy.exists():
            parts.append(_(_DAMAGED_COPY).format(path=_isolated(self.damaged_copy),
                                                 days=DAMAGED_COPY_DAYS))
        return "\n\n".join(parts)


# --- storage problems -----------------------------------------------------------------------


class StorageProblem(Enum):
    DISK_FULL = "disk_full"
    READ_ONLY = "read_only"
    LOCKED = "locked"
    NOT_A_FOLDER = "not_a_folder"  # a file where the data folder (or a parent) belongs
    DATABASE_IS_A_FOLDER = "database_is_a_folder"


class StorageLayoutError(OSError):
    """The data folder's layout is wrong: nothing was read or changed."""

    def __init__(self, problem: StorageProblem, path: Path) -> None:
        super().__init__(f"{problem.value}: {path}")
        self.problem = problem
        self.path = path


_ERRNO_PROBLEMS = {
    errno.ENOSPC: StorageProblem.DISK_FULL,
    errno.EDQUOT: StorageProblem.DISK_FULL,
    errno.EROFS: StorageProblem.READ_ONLY,
    errno.EACCES: StorageProblem.READ_ONLY,
    errno.EPERM: StorageProblem.READ_ONLY,
    errno.ENOTDIR: StorageProblem.NOT_A_FOLDER,  # a file where a folder of the path belongs
    errno.EEXIST: StorageProblem.NOT_A_FOLDER,  # mkdir of the data folder: a file is there
}
# SQLite's extended codes for a full disk: SQLITE_FULL, and SQLITE_IOERR_SHMSIZE when the
# shared-memory file of an existing database cannot grow (the first thing a full disk stops)
_SQLITE_IOERR_SHMSIZE = getattr(sqlite3, "SQLITE_IOERR_SHMSIZE", 10 | (19 << 8))
_EXTENDED_PROBLEMS = {_SQLITE_IOERR_SHMSIZE: StorageProblem.DISK_FULL}
# I/O errors a full disk also causes (write, fsync, truncate, allocating space): disk full
# when the data folder's drive has (almost) nothing left, otherwise a real I/O error
_SQLITE_IOERR_WRITES = frozenset({10 | (3 << 8), 10 | (4 << 8), 10 | (6 << 8),
                                  10 | (24 << 8)})
_NEARLY_FULL_BYTES = 1024 * 1024
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
    ("not enough space on the disk", StorageProblem.DISK_FULL),  # Windows' wording
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


def caused_by_damage(error: BaseException) -> bool:
    """Whether ``error`` (or what it wraps) says the database file is damaged."""
    return any(is_damage(cause) for cause in _causes(error))


def _nearly_full(folder: Path | None) -> bool:
    if folder is None:
        return False
    for candidate in (folder, *folder.parents):
        if candidate.is_dir():
            return shutil.disk_usage(candidate).free < _NEARLY_FULL_BYTES
    return False


def classify_storage_error(error: BaseException,
                           folder: Path | None = None) -> StorageProblem | None:
    """Full disk, read-only folder, locked database or a wrong layout; ``None`` otherwise.

    ``folder`` (the data folder) lets a plain I/O error count as a full disk when its drive
    has next to nothing left.
    """
    for cause in _causes(error):
        if isinstance(cause, StorageLayoutError):
            return cause.problem
        if isinstance(cause, OSError) and cause.errno in _ERRNO_PROBLEMS:
            return _ERRNO_PROBLEMS[cause.errno]
        code = getattr(cause, "sqlite_errorcode", None)
        if isinstance(cause, sqlite3.Error) and code is not None:
            problem = _EXTENDED_PROBLEMS.get(code) or _SQLITE_PROBLEMS.get(code & 0xFF)
            if problem is None and code in _SQLITE_IOERR_WRITES and _nearly_full(folder):
                problem = StorageProblem.DISK_FULL
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
    StorageProblem.NOT_A_FOLDER: N_(
        "Angebotslotse braucht einen Ordner für seine Daten, aber an dieser Stelle liegt eine "
        "Datei: {folder}. Es wurde nichts verändert. Bitte benennen Sie die Datei um oder "
        "verschieben Sie sie (oder bitten Sie Ihre IT-Abteilung darum) und starten Sie "
        "Angebotslotse dann neu."
    ),
    StorageProblem.DATABASE_IS_A_FOLDER: N_(
        "An der Stelle der Datenbank von Angebotslotse liegt ein Ordner: {folder}. Es wurde "
        "nichts verändert. Bitte benennen Sie den Ordner um oder verschieben Sie ihn (oder "
        "bitten Sie Ihre IT-Abteilung darum) und starten Sie Angebotslotse dann neu."
    ),
}
_DAMAGE_FOUND = N_(
    "Bei einer Routineprüfung hat Angebotslotse einen Fehler in seiner Datenbank gefunden. "
    "Sie können weiterarbeiten. Beim nächsten Start repariert Angebotslotse die Datenbank "
    "und übernimmt dabei Ihre Gesprächsliste, Ihre Notizen und Ihre Einstellungen. Bitte "
    "starten Sie Angebotslotse bei Gelegenheit neu."
)
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


def damage_found_message(gettext: Translate | None = None) -> str:
    """Damage found while the program runs: it is repaired at the next start."""
    _ = gettext or _identity
    return _(_DAMAGE_FOUND)


def schema_too_new_message(error: SchemaTooNewError, gettext: Translate | None = None) -> str:
    _ = gettext or _identity
    return _(_TOO_NEW).format(found=error.found, supported=error.supported)


def startup_error_message(error: BaseException, folder: Path,
                          gettext: Translate | None = None) -> str | None:
    """A user message for an error at start-up that has one; ``None`` for a real bug."""
    if isinstance(error, SchemaTooNewError):
        return schema_too_new_message(error, gettext)
    problem = classify_storage_error(error, folder)
    if problem is None:
        return None
    where = folder
    layout = next((c for c in _causes(error) if isinstance(c, StorageLayoutError)), None)
    if layout is not None:
        where = layout.path
    elif problem is StorageProblem.NOT_A_FOLDER:
        where = next((p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()),
                     folder)
    return storage_problem_message(problem, where, gettext)
