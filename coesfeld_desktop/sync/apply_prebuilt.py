"""A full sync from the prebuilt directory database (see :mod:`prebuilt`): copy, not build.

The inflated file is attached to the store and every table of :data:`COPIED_TABLES` is
emptied and refilled by ``INSERT … SELECT`` in one transaction, after checking that each
is declared exactly as in the store (same SQL for the table and its indexes): SQLite then
copies the records without decoding them. As with the records path, a crash or kill at
any moment leaves the store fully old or fully new, and user tables are never touched.

Why a connection of its own: FTS5 keeps the structure of an index in memory per
connection and re-reads it only when *another* connection changed the file. The search
index's shadow tables are written directly here, so this connection must never have read
the index before, and is closed afterwards; every other connection re-reads the index.
"""

from __future__ import annotations

import time
from pathlib import Path

from sqlalchemy import Connection

from coesfeld_desktop.i18n import N_
from coesfeld_desktop.progress import NO_PROGRESS, Progress
from coesfeld_desktop.search.index.build import create_empty_index
from coesfeld_desktop.search.index.facets import FACET_LAYOUT
from coesfeld_desktop.search.index.meta import bump_generation, write_meta
from coesfeld_desktop.search.index.tables import INDEX_VERSION
from coesfeld_desktop.store.database import Database, make_engine
from coesfeld_desktop.store.loader import directory_info_row
from coesfeld_desktop.sync.apply import (
    AUTOCHECKPOINT_PAGES,
    SyncOutcome,
    WriteObserver,
    Writer,
    offer_titles,
    refuse_going_back,
    write_state,
)
from coesfeld_desktop.sync.prebuilt import COPIED_TABLES, PrebuiltUnusable
from coesfeld_desktop.sync.state import read_local_state
from coesfeld_desktop.sync.verify import AuthenticExport

SCHEMA = "prebuilt"


def _declarations(connection: Connection, schema: str) -> dict[tuple[str, str], str]:
    names = ", ".join("?" * len(COPIED_TABLES))
    rows = connection.exec_driver_sql(
        f"SELECT type, name, sql FROM {schema}.sqlite_master WHERE tbl_name IN ({names})",
        COPIED_TABLES)
    return {(str(kind), str(name)): " ".join(str(sql or "").split())
            for kind, name, sql in rows}


def check_layout(connection: Connection) -> None:
    """The attached file must declare every copied table and index exactly as the store
    does (with its index as this program creates it), and hold an index of the same
    version and facets; else it is not used."""
    create_empty_index(connection)
    ours, theirs = _declarations(connection, "main"), _declarations(connection, SCHEMA)
    if ours != theirs:
        mismatched = set(ours.items()) ^ set(theirs.items())
        different = sorted({name for (_kind, name), _sql in mismatched})
        raise PrebuiltUnusable(f"tables declared differently: {', '.join(different)[:300]}")
    for key, mine in (("index_version", str(INDEX_VERSION)), ("facets", FACET_LAYOUT)):
        other = connection.exec_driver_sql(
            f"SELECT value FROM {SCHEMA}.search_meta WHERE key = ?", (key,)).first()
        if other is None or other[0] != mine:
            raise PrebuiltUnusable(f"search index {key} differs")
        write_meta(connection, key, mine)


def apply_prebuilt(database: Database, authentic: AuthenticExport, file: Path,
                   progress: Progress = NO_PROGRESS, source: str | None = None,
                   etag: str | None = None, last_modified: str | None = None,
                   observer: WriteObserver | None = None) -> SyncOutcome:
    """Replace the directory with the rows of the inflated prebuilt ``file``, in one
    transaction; raises :class:`PrebuiltUnusable` (nothing written) if it does not fit."""
    engine = make_engine(database.path)
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")  # every reference was
            connection.exec_driver_sql("PRAGMA wal_autocheckpoint=0")  # checked when built
            connection.exec_driver_sql(f"ATTACH DATABASE ? AS {SCHEMA}", (str(file),))
            connection.commit()
            try:
                with connection.begin():
                    writer = Writer(connection, observer)
                    # the first write opens SQLite's transaction (pysqlite begins one only
                    # before INSERT, UPDATE or DELETE): the index tables dropped and created
                    # by the check must be inside it, or a failure would leave them empty
                    writer.sql("DELETE FROM directory_info")
                    try:
                        check_layout(connection)
                    except Exception as error:  # a file that is no database: as unusable
                        if isinstance(error, PrebuiltUnusable):
                            raise
                        raise PrebuiltUnusable(f"{type(error).__name__}: {error}") from error
                    outcome = _take_over(writer, authentic, progress, source, etag,
                                         last_modified)
                if observer is not None:
                    observer.committed()
            finally:
                connection.rollback()
                connection.exec_driver_sql(f"DETACH DATABASE {SCHEMA}")
                connection.exec_driver_sql(f"PRAGMA wal_autocheckpoint={AUTOCHECKPOINT_PAGES}")
                connection.commit()
    finally:
        engine.dispose()
    database.checkpoint_soon()
    return outcome


def _take_over(writer: Writer, authentic: AuthenticExport, progress: Progress,
               source: str | None, etag: str | None, last_modified: str | None
               ) -> SyncOutcome:
    connection = writer.connection
    local = read_local_state(connection, with_hashes=False)
    refuse_going_back(local, authentic)
    started = time.perf_counter()
    manifest = authentic.manifest
    outcome = SyncOutcome("applied", authentic.directory_id, str(manifest["title"]),
                          authentic.sequence, str(manifest["published_at"]), full=True,
                          from_prebuilt=True, restored=authentic.restoring)
    old_titles = dict(offer_titles(connection, None))
    for done, table in enumerate(reversed(COPIED_TABLES), start=1):
        writer.sql(f"DELETE FROM main.{table}")
        progress.step(done, 2 * len(COPIED_TABLES), N_("Angebote werden übernommen"))
    for done, table in enumerate(COPIED_TABLES, start=len(COPIED_TABLES) + 1):
        writer.sql(f"INSERT INTO main.{table} SELECT * FROM {SCHEMA}.{table}")
        progress.step(done, 2 * len(COPIED_TABLES), N_("Angebote werden übernommen"))
    bump_generation(connection)
    new_titles = offer_titles(connection, None)
    if len(new_titles) != int(manifest["counts"]["offers"]):
        raise PrebuiltUnusable("the file holds another number of offers than the manifest")
    outcome.new = [(i, title) for i, title in new_titles if i not in old_titles]
    outcome.changed = [(i, title) for i, title in new_titles if i in old_titles]
    kept = {i for i, _title in new_titles}
    outcome.removed = [(i, title) for i, title in old_titles.items() if i not in kept]
    outcome.reindexed = int(connection.exec_driver_sql(
        "SELECT count(*) FROM offer_facts").scalar_one())
    write_state(writer, authentic, directory_info_row(authentic.header), source, etag,
                last_modified, local.trust.to_json())
    outcome.seconds["write"] = time.perf_counter() - started
    return outcome
