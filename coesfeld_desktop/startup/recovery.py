"""Recovering a damaged database at start-up: move it aside, rebuild, carry the user data over.

Why here and not in ``store/``: rebuilding needs the sync (a signed last good export is
verified again before use) and the search index; the store's own part (checking, salvaging
rows, the messages) is :mod:`coesfeld_desktop.store.health`. Before the first paint this
module and ``store.health`` use only the plain ``sqlite3`` module; the ORM, the index and
the sync are imported inside the functions that need them, for start-up time.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from coesfeld_desktop.paths import AppPaths
from coesfeld_desktop.store.health import (
    LAST_GOOD_EXPORT_NAMES,
    DatabaseDamagedError,
    HealthReport,
    HealthStatus,
    RecoverySource,
    inspect_database,
    move_aside,
    restore,
    salvage_user_tables,
)
from coesfeld_desktop.store.schema import SCHEMA_VERSION

log = logging.getLogger(__name__)


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
        except Exception as error:
            log.warning("last good export %s unusable (%s), falling back to demo data",
                        export.name, type(error).__name__)
    directory.load_directory_document(database, demo_path)
    return RecoverySource.DEMO, demo_path


def recover(paths: AppPaths, reason: str, demo_path: Path | None = None,
            trusted_keys: Mapping[str, Any] | None = None) -> HealthReport:
    """Move the damaged database aside and build a new one, keeping the user's own data."""
    from coesfeld_desktop.startup import directory  # noqa: PLC0415 - start-up time: only when recovering
    from coesfeld_desktop.store.database import Database  # noqa: PLC0415 - start-up time: only when recovering

    damaged = move_aside(paths.database)
    log.warning("database damaged (%s); moved aside to %s", reason, damaged.name)
    salvage = salvage_user_tables(damaged)
    database = Database(paths.database)
    try:
        with database.engine.begin() as connection:
            restored = restore(connection, salvage)
        source, source_path = _load_directory(
            database, paths, demo_path or directory.demo_directory_path(), trusted_keys)
    finally:
        database.close()
    log.warning("database rebuilt from %s; user rows restored: %s; unreadable: %s",
                source.value, restored, salvage.unreadable)
    return HealthReport(
        status=HealthStatus.RECOVERED, database=paths.database, schema_version=SCHEMA_VERSION,
        damaged_copy=damaged, source=source, source_path=source_path, restored=restored,
        unreadable=tuple(dict.fromkeys(salvage.unreadable)), detail=reason,
    )


def check_and_recover(paths: AppPaths, *, thorough: bool = False,
                      demo_path: Path | None = None,
                      trusted_keys: Mapping[str, Any] | None = None) -> HealthReport:
    """The start-up check: call it before :func:`~coesfeld_desktop.services.open_services`.

    Raises :class:`SchemaTooNewError` for a database from a newer program and lets storage
    errors through (see :func:`classify_storage_error`); recovers from damage.
    """
    paths.ensure()
    try:
        version = inspect_database(paths.database, thorough=thorough)
    except DatabaseDamagedError as error:
        return recover(paths, str(error), demo_path, trusted_keys)
    if version is None:
        return HealthReport(HealthStatus.NEW, paths.database)
    return HealthReport(HealthStatus.OK, paths.database, schema_version=version)
