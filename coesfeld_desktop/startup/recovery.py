"""Recovering a damaged database at start-up, so that a crash during recovery loses nothing.

Why here and not in ``store/``: rebuilding needs the sync (a signed last good export is
verified again before use) and the search index; the store's own part (checking, salvaging
rows, the messages) is :mod:`coesfeld_desktop.store.health` and
:mod:`coesfeld_desktop.store.salvage`. Before the first paint this module uses only the plain
``sqlite3`` module; the ORM, the index and the sync are imported inside the functions that
need them, for start-up time.

Why the order of steps: at every moment either the damaged file is still in place (and the
next start recovers again), or a complete new database is (and the next start finishes the
renames). The new database is built beside the old one as ``<name>.recovering``; only when
it is complete and on disk does a small journal (``<name>.recovery.json``, written
atomically) record the plan, and only then are the files renamed. A start that finds the
journal finishes the plan and shows its report; a start that finds a ``.recovering`` file
without a journal throws that half-built file away and starts over.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from coesfeld_desktop.paths import AppPaths
from coesfeld_desktop.startup.session import full_check_done, request_full_check
from coesfeld_desktop.store.health import (
    DAMAGED_COPY_DAYS,
    LAST_GOOD_EXPORT_NAMES,
    SIDECAR_SUFFIXES,
    DatabaseDamagedError,
    HealthReport,
    HealthStatus,
    RecoverySource,
    check_layout,
    inspect_database,
)
from coesfeld_desktop.store.salvage import Salvage, restore, salvage_user_tables
from coesfeld_desktop.store.schema import SCHEMA_VERSION

log = logging.getLogger(__name__)

Step = Callable[[str], None]
BUILDING_SUFFIX = ".recovering"
JOURNAL_SUFFIX = ".recovery.json"
REPORT_SUFFIX = ".recovery-report.json"
DAMAGED_MARK = ".damaged-"


def _no_step(_name: str) -> None:
    """Where the kill tests hook in: called before every file operation and SQL statement."""


def last_good_export(paths: AppPaths) -> Path | None:
    """The export the sync kept as known good, if there is one.

    The sync keeps the signed archive it last applied (``exports/last-good-export.zip``,
    see :mod:`coesfeld_desktop.sync.service`); a plain directory document
    ``exports/last-good.json`` (written by hand or by an administrator) is accepted too.
    """
    for name in LAST_GOOD_EXPORT_NAMES:
        candidate = paths.exports / name
        if candidate.is_file():
            return candidate
    return None


def _load_export(database: Any, paths: AppPaths, export: Path,
                 trusted_keys: Mapping[str, Any] | None) -> None:
    """Load the last good export; a signed archive is verified again before it is used."""
    from coesfeld_desktop.startup import directory  # noqa: PLC0415 - start-up time: only when recovering

    if export.suffix != ".zip":
        directory.load_directory_document(database, export)
        return
    # the sync's modules load only when a signed export has to be restored
    from coesfeld_desktop.sync.apply import apply_export  # noqa: PLC0415 - start-up time: only when recovering
    from coesfeld_desktop.sync.service import trusted_key_folders  # noqa: PLC0415 - start-up time: only when recovering
    from coesfeld_desktop.sync.signing import load_public_keys  # noqa: PLC0415 - start-up time: only when recovering
    from coesfeld_desktop.sync.state import LocalState  # noqa: PLC0415 - start-up time: only when recovering
    from coesfeld_desktop.sync.verify import verify_export  # noqa: PLC0415 - start-up time: only when recovering

    if trusted_keys is None:
        trusted_keys = load_public_keys(trusted_key_folders(paths))
    verified = verify_export(export, trusted_keys, LocalState(), allow_restore=True)
    apply_export(database, verified)


def _load_directory(database: Any, paths: AppPaths, demo_path: Path,
                    trusted_keys: Mapping[str, Any] | None) -> tuple[RecoverySource, Path]:
    from coesfeld_desktop.startup import directory  # noqa: PLC0415 - start-up time: only when recovering

    export = last_good_export(paths)
    if export is not None:
        try:
            _load_export(database, paths, export, trusted_keys)
            return RecoverySource.LAST_GOOD_EXPORT, export
        except Exception as error:  # any failure here means: use the demo
            log.warning("last good export %s unusable (%s), falling back to demo data",
                        export.name, type(error).__name__)
    directory.load_directory_document(database, demo_path)
    return RecoverySource.DEMO, demo_path


# --- the files ------------------------------------------------------------------------------


def _sibling(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _fsync(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    """Make renames durable (POSIX); Windows has no folder handles and renames durably."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _remove_with_sidecars(path: Path) -> None:
    for candidate in (path, *(_sibling(path, s) for s in SIDECAR_SUFFIXES)):
        candidate.unlink(missing_ok=True)


def damaged_copy_name(path: Path, now: dt.datetime | None = None) -> Path:
    """A free name ``<name>.damaged-<timestamp>`` beside ``path``."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}{DAMAGED_MARK}{stamp}")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.name}{DAMAGED_MARK}{stamp}-{counter}")
        counter += 1
    return target


@contextlib.contextmanager
def _statement_steps(step: Step) -> Iterator[None]:
    """Report every SQL statement of the build to ``step`` (the kill tests count them)."""
    if step is _no_step:
        yield
        return
    from sqlalchemy import Engine, event  # noqa: PLC0415 - start-up time: only when recovering

    def before(*_args: Any) -> None:
        step("sql")

    event.listen(Engine, "before_cursor_execute", before)
    try:
        yield
    finally:
        event.remove(Engine, "before_cursor_execute", before)


def _build(paths: AppPaths, building: Path, salvage: Salvage, demo_path: Path | None,
           trusted_keys: Mapping[str, Any] | None, step: Step) -> dict[str, Any]:
    """The complete new database at ``building``; returns what the journal records."""
    from coesfeld_desktop.startup import directory  # noqa: PLC0415 - start-up time: only when recovering
    from coesfeld_desktop.store.database import Database  # noqa: PLC0415 - start-up time: only when recovering

    with _statement_steps(step):
        database = Database(building)
        try:
            with database.engine.begin() as connection:
                restored = restore(connection, salvage)
            source, source_path = _load_directory(
                database, paths, demo_path or directory.demo_directory_path(), trusted_keys)
        finally:
            database.close()
    # one self-contained file: no -wal beside it that a rename could leave behind
    raw = sqlite3.connect(building)
    try:
        raw.execute("PRAGMA journal_mode=DELETE")
    finally:
        raw.close()
    step("fsync")
    _fsync(building)
    return {"source": source.value, "source_path": str(source_path), "restored": restored}


def recover(paths: AppPaths, reason: str, demo_path: Path | None = None,
            trusted_keys: Mapping[str, Any] | None = None,
            step: Step = _no_step) -> HealthReport:
    """Rebuild the damaged database, keeping the user's own data; crash-safe (see above)."""
    building = _sibling(paths.database, BUILDING_SUFFIX)
    journal = _sibling(paths.database, JOURNAL_SUFFIX)
    step("start")
    _remove_with_sidecars(building)
    log.warning("database damaged (%s); rebuilding it", reason)
    salvage = salvage_user_tables(paths.database)
    step("salvaged")
    plan = _build(paths, building, salvage, demo_path, trusted_keys, step)
    plan.update(
        damaged=damaged_copy_name(paths.database).name, reason=reason,
        found={table: salvage.count(table) for table in salvage.rows},
        unreadable=list(dict.fromkeys(salvage.unreadable)), page_level=salvage.page_level)
    pending = _sibling(journal, ".tmp")
    step("journal")
    pending.write_text(json.dumps(plan), encoding="utf-8")
    _fsync(pending)
    step("journal-written")
    os.replace(pending, journal)
    _fsync_folder(journal.parent)
    return finish_recovery(paths, step)


def finish_recovery(paths: AppPaths, step: Step = _no_step) -> HealthReport:
    """Carry out (or finish) the renames the recovery journal records; returns its report.

    Idempotent: each rename is done only if its source is still there, so a second start
    after a kill at any point completes exactly what is left.
    """
    database = paths.database
    building = _sibling(database, BUILDING_SUFFIX)
    journal = _sibling(database, JOURNAL_SUFFIX)
    plan = json.loads(journal.read_text(encoding="utf-8"))
    damaged = database.with_name(plan["damaged"])
    if building.exists():  # the new database is not in place yet
        # the damaged file's -wal/-shm first: a new database must never meet an old WAL
        for suffix in SIDECAR_SUFFIXES:
            sidecar = _sibling(database, suffix)
            if sidecar.exists():
                step("move-sidecar")
                os.replace(sidecar, _sibling(damaged, suffix))
        if database.exists():
            step("move-damaged")
            os.replace(database, damaged)
        step("move-new")
        os.replace(building, database)
        _fsync_folder(database.parent)
    # the journal becomes the report: it stays until the user has read it
    step("journal-to-report")
    os.replace(journal, _sibling(database, REPORT_SUFFIX))
    _fsync_folder(database.parent)
    step("done")
    log.warning("database rebuilt from %s; user rows found %s, restored %s; unreadable: %s",
                plan["source"], plan["found"], plan["restored"], plan["unreadable"])
    return _report(database, plan)


def _report(database: Path, plan: dict[str, Any]) -> HealthReport:
    damaged = database.with_name(plan["damaged"])
    return HealthReport(
        status=HealthStatus.RECOVERED, database=database, schema_version=SCHEMA_VERSION,
        damaged_copy=damaged if damaged.exists() else None,
        source=RecoverySource(plan["source"]), source_path=Path(plan["source_path"]),
        found=plan["found"], restored=plan["restored"], unreadable=tuple(plan["unreadable"]),
        detail=plan["reason"])


def unread_recovery_report(paths: AppPaths) -> HealthReport | None:
    """The report of a finished recovery the user has not acknowledged yet (see
    :func:`acknowledge_recovery`): shown again at the next start until she has read it."""
    report = _sibling(paths.database, REPORT_SUFFIX)
    try:
        plan = json.loads(report.read_text(encoding="utf-8"))
        return _report(paths.database, plan)
    except (OSError, ValueError, KeyError) as error:
        if report.exists():
            log.warning("recovery report unreadable (%s); dropped", type(error).__name__)
            report.unlink(missing_ok=True)
        return None


def acknowledge_recovery(paths: AppPaths, *, delete_damaged_copy: bool) -> None:
    """The user has read the report; with ``delete_damaged_copy`` the copy goes too."""
    report = unread_recovery_report(paths)
    if delete_damaged_copy and report is not None and report.damaged_copy is not None:
        _remove_with_sidecars(report.damaged_copy)
    _sibling(paths.database, REPORT_SUFFIX).unlink(missing_ok=True)


def check_and_recover(paths: AppPaths, *, thorough: bool = False, full_check: bool = True,
                      demo_path: Path | None = None,
                      trusted_keys: Mapping[str, Any] | None = None,
                      step: Step = _no_step) -> HealthReport:
    """The start-up check: call it before :func:`~coesfeld_desktop.services.open_services`.

    Raises :class:`SchemaTooNewError` for a database from a newer program and lets storage
    errors through (see :func:`~coesfeld_desktop.store.health.startup_error_message`);
    finishes an interrupted recovery; recovers from damage. ``full_check=False`` (the
    window after a clean exit, see :mod:`coesfeld_desktop.startup.session`) checks the
    header, the schema and the user tables only; :func:`check_in_background` does the rest.
    """
    check_layout(paths.home, paths.database)
    paths.ensure()
    if _sibling(paths.database, JOURNAL_SUFFIX).exists():
        return finish_recovery(paths, step)
    building = _sibling(paths.database, BUILDING_SUFFIX)
    if building.exists() or _sibling(building, "-journal").exists():
        log.warning("an interrupted recovery left %s; starting it over", building.name)
        _remove_with_sidecars(building)
    try:
        version = inspect_database(paths.database, thorough=thorough, full=full_check)
    except DatabaseDamagedError as error:
        report = recover(paths, str(error), demo_path, trusted_keys, step)
        full_check_done(paths)  # the rebuilt database is new: nothing left to check
        return report
    if full_check:
        full_check_done(paths)
    if version is None:
        return HealthReport(HealthStatus.NEW, paths.database)
    return unread_recovery_report(paths) or HealthReport(
        HealthStatus.OK, paths.database, schema_version=version)


def check_in_background(paths: AppPaths) -> str | None:
    """The full check of a database in use, on a worker thread; the damage found, or None.

    Read-only: it changes nothing and, in WAL mode, waits for no writer. Damage found here
    is repaired at the next start (:func:`~coesfeld_desktop.startup.session.request_full_check`),
    where the database is not in use and the user's rows can be carried over as at any
    damaged start; the window tells the user calmly meanwhile.
    """
    try:
        inspect_database(paths.database, full=True)
    except DatabaseDamagedError as error:
        request_full_check(paths, str(error))
        return str(error)
    return None


# --- damaged copies ---------------------------------------------------------------------------


def damaged_copies(paths: AppPaths) -> list[Path]:
    """The ``.damaged-*`` copies (without their sidecars) beside the database."""
    prefix = paths.database.name + DAMAGED_MARK
    return sorted(p for p in paths.home.glob(f"{prefix}*")
                  if not any(p.name.endswith(s) for s in SIDECAR_SUFFIXES))


def delete_damaged_copy(copy: Path) -> None:
    """Delete a damaged copy and its sidecars (it still holds notes: privacy)."""
    _remove_with_sidecars(copy)


def delete_old_damaged_copies(paths: AppPaths, now: dt.datetime | None = None,
                              days: int = DAMAGED_COPY_DAYS) -> list[Path]:
    """Delete damaged copies older than ``days`` (by the time in their name); returns them."""
    now = now or dt.datetime.now()
    deleted = []
    prefix = paths.database.name + DAMAGED_MARK
    for copy in damaged_copies(paths):
        stamp = copy.name[len(prefix):len(prefix) + 15]
        try:
            made = dt.datetime.strptime(stamp, "%Y%m%d-%H%M%S")
        except ValueError:
            continue
        if now - made > dt.timedelta(days=days):
            delete_damaged_copy(copy)
            deleted.append(copy)
    return deleted
