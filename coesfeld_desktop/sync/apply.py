"""Write a verified export into the local store in one transaction, by stable id.

Two ways, chosen automatically:

* **incremental** (the store holds the export last applied, per ``sync_record`` hashes):
  only new, changed and removed records are written. Topics, organizations and locations are
  upserted in place (offers refer to them), offers are deleted and re-inserted with their old
  integer ``pk`` (the search index key); removed records go last. The search index is
  refreshed for exactly the offers whose indexed text can have changed: new, changed and
  removed offers plus the offers of a changed organization, location or topic.
* **full** (first sync, demo data, another directory, stale hashes): every directory table
  is emptied and refilled in batches; the index is refreshed for all old and new offers.

Either way it is one SQLite transaction (WAL journal): a crash or kill at any moment leaves
the store fully old or fully new. User tables are never touched; Merkliste entries and notes
of removed offers stay and show "no longer listed".
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import Connection, Table, delete, insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from coesfeld_desktop.i18n import N_
from coesfeld_desktop.progress import NO_PROGRESS, Progress
from coesfeld_desktop.search.index import OfferTables, bulk_index, refresh_offers
from coesfeld_desktop.store import models as m
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.id_lists import id_chunks, in_list
from coesfeld_desktop.store.loader import directory_info_row
from coesfeld_desktop.store.rows import INSERT_ORDER, Tables, column, named
from coesfeld_desktop.sync.archive import SafeArchive
from coesfeld_desktop.sync.changed_offers import insert_in_place, update_in_place
from coesfeld_desktop.sync.errors import ExportRejected
from coesfeld_desktop.sync.export_format import RECORD_FILES, bulk_work
from coesfeld_desktop.sync.full_rows import (
    OFFER_TABLES,
    SMALL_TABLES,
    FullRows,
    KeyedOffers,
    Statement,
    insert_statements,
    open_full_rows,
)
from coesfeld_desktop.sync.state import (
    EXPIRES_AT_KEY,
    MANIFEST_SHA256_KEY,
    RECORD_TABLE,
    STATE_TABLE,
    TRUST_KEY,
    LocalState,
    read_local_state,
)
from coesfeld_desktop.sync.verify import (
    BATCH,
    AuthenticExport,
    VerifiedExport,
    collect_checked_rows,
    known_ids,
    load_line,
)

AUTOCHECKPOINT_PAGES = 1000  # SQLite's default, for the pooled connection afterwards

OWN_TABLES = {
    "topics": ("topic", "translation"),
    "organizations": ("organization", "phone", "translation"),
    "locations": ("location", "accessibility", "translation"),
}


@dataclass
class Delivered:
    """What went to the district together with a sync (the return channel's outbox)."""

    sent: int  # message files delivered now
    waiting: int  # still queued (the destination was not reachable)
    problem: str = ""  # why not, for the log and the status line; "" when all went


@dataclass
class SyncOutcome:
    """What a sync did: shown in the "what changed" view and by the command line."""

    status: str  # "applied" or "unchanged"
    directory_id: str
    title: str
    sequence: int
    published_at: str
    new: list[tuple[str, str]] = field(default_factory=list)  # (offer id, title)
    changed: list[tuple[str, str]] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)
    full: bool = False
    from_prebuilt: bool = False  # a full sync copied from the prebuilt directory file
    restored: bool = False
    reindexed: int = 0
    seconds: dict[str, float] = field(default_factory=dict)  # fetch, verify, write, index
    delivered: Delivered | None = None  # None: no return channel set up

    @property
    def applied(self) -> bool:
        return self.status == "applied"


class WriteObserver(Protocol):
    """Told about every write statement and the commit (the kill-safety tests kill there)."""

    def statement(self, count: int) -> None: ...

    def committed(self) -> None: ...


class Writer:
    """Executes the apply's write statements, counting them for an observer."""

    def __init__(self, connection: Connection, observer: WriteObserver | None) -> None:
        self.connection = connection
        self.statements = 0
        self.observer = observer

    def _done(self) -> None:
        self.statements += 1
        if self.observer is not None:
            self.observer.statement(self.statements)

    def __call__(self, statement: Any, rows: Any = None) -> Any:
        result = self.connection.execute(statement, rows) if rows is not None \
            else self.connection.execute(statement)
        self._done()
        return result

    def sql(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.connection.exec_driver_sql(sql, tuple(params))
        self._done()

    def sql_many(self, sql: str, params: list[tuple[Any, ...]]) -> None:
        self.connection.exec_driver_sql(sql, params)
        self._done()

    def sql_all(self, statements: Iterable[Statement]) -> None:
        for sql, params in statements:
            self.sql_many(sql, params)

    def insert_rows(self, rows: Tables, tables: Sequence[str], offers: KeyedOffers = ()
                    ) -> None:
        """``executemany`` of the rows of ``tables`` (see :func:`full_rows.insert_statements`)."""
        self.sql_all(insert_statements(rows, tables, offers))


def _table(name: str) -> Table:
    return m.Base.metadata.tables[name]


def offer_titles(connection: Connection, ids: Sequence[str] | None) -> list[tuple[str, str]]:
    if ids is None:
        return [(r[0], r[1]) for r in connection.exec_driver_sql("SELECT id, title FROM offer")]
    found: list[tuple[str, str]] = []
    for chunk in id_chunks(list(ids)):
        found.extend((r[0], r[1]) for r in connection.exec_driver_sql(
            f"SELECT id, title FROM offer WHERE {in_list('id', chunk)}", tuple(chunk)))
    return found


Diff = tuple[list[str], list[str], list[str]]
"""Ids added, changed (another record hash) and removed, in the order of the records."""


def _diff(old: Mapping[str, str], new: Mapping[str, str]) -> Diff:
    added: list[str] = []
    changed: list[str] = []
    get = old.get
    for record_id, digest in new.items():  # one pass over 100,000 offers, not two
        before = get(record_id)
        if before is None:
            added.append(record_id)
        elif before != digest:
            changed.append(record_id)
    gone = len(old) - (len(new) - len(added))  # none in most syncs: no second pass then
    removed = [i for i in old if i not in new] if gone else []
    return added, changed, removed


def _diffs(old_hashes: Mapping[str, Mapping[str, str]],
           digests: Mapping[str, Mapping[str, str]]) -> dict[str, Diff]:
    """Every kind's :func:`_diff`, computed once per apply."""
    return {kind: _diff(old_hashes.get(kind, {}), new) for kind, new in digests.items()}


def apply_export(database: Database, verified: VerifiedExport,
                 progress: Progress = NO_PROGRESS, source: str | None = None,
                 etag: str | None = None, last_modified: str | None = None,
                 full_rows: FullRows | None = None,
                 observer: WriteObserver | None = None) -> SyncOutcome:
    """Apply ``verified`` in one transaction, as its plan says; returns what changed.

    A full apply takes its rows from ``full_rows`` (opened by the caller once the export was
    authenticated, so that they are built while it is verified; the caller closes them) or
    opens and closes them itself. It runs with SQLite's foreign-key enforcement off: every
    reference was checked while verifying, and the per-row checks cost a fifth of the insert
    time. Incremental applies keep it on (they rely on ``ON DELETE CASCADE``).
    """
    full = verified.plan.full
    with ExitStack() as stack, bulk_work(), database.engine.connect() as connection:
        if full and full_rows is None:
            full_rows = stack.enter_context(open_full_rows(
                verified.path, verified.limits, verified.manifest["files"],
                tuning=verified.tuning))
        # the commit leaves the write-ahead log to a background checkpoint (see
        # Database.checkpoint_soon)
        connection.exec_driver_sql("PRAGMA wal_autocheckpoint=0")
        connection.commit()  # PRAGMA foreign_keys only takes effect outside a transaction
        if full:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        try:
            with connection.begin():
                outcome = _apply(connection, verified, progress, source, etag, last_modified,
                                 full_rows, observer)
            if observer is not None:
                observer.committed()
        finally:
            connection.exec_driver_sql(f"PRAGMA wal_autocheckpoint={AUTOCHECKPOINT_PAGES}")
            if full:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()
    database.checkpoint_soon()
    return outcome


def _apply(connection: Connection, verified: VerifiedExport, progress: Progress,
           source: str | None, etag: str | None, last_modified: str | None,
           full_rows: FullRows | None, observer: WriteObserver | None) -> SyncOutcome:
    local = read_local_state(connection, with_hashes=False)
    base = verified.plan.base
    if local.same_export(base):
        local.hashes = base.hashes  # the same applied export: its hashes were read already
    elif not verified.plan.full:  # another sync (or a rebuild) came in between
        raise ExportRejected("concurrent", N_("Gleichzeitig lief ein anderer Abgleich."))
    else:
        refuse_going_back(local, verified)
    writer = Writer(connection, observer)
    started = time.perf_counter()
    info = directory_info_row(verified.header)
    manifest = verified.manifest
    outcome = SyncOutcome("applied", verified.directory_id, str(manifest["title"]),
                          verified.sequence, str(manifest["published_at"]),
                          restored=verified.restoring)
    incremental = not verified.plan.full
    new_offers = verified.digests["offers"]
    diffs = _diffs(local.hashes if incremental else {}, verified.digests)
    if incremental:
        added, changed, removed = diffs["offers"]
        outcome.removed = offer_titles(connection, removed)
        affected = _apply_small_incremental(writer, verified, diffs)
        # changed offers are compared with the store when their lines are at hand (an
        # everyday sync), else deleted and inserted again
        replaced = changed if verified.lines is None else []
        pks = _delete_offers(writer, [*replaced, *removed])
        progress.check()
    else:
        outcome.full = True
        old_titles = dict(offer_titles(connection, None))
        added = [i for i in new_offers if i not in old_titles]
        changed = [i for i in new_offers if i in old_titles]
        removed = [i for i in old_titles if i not in new_offers]
        outcome.removed = [(i, old_titles[i]) for i in removed]
        del old_titles
        for name in reversed(("directory_info", *INSERT_ORDER)):
            writer(delete(_table(name)))
        writer(delete(RECORD_TABLE))
        writer.insert_rows(collect_checked_rows(verified.small), SMALL_TABLES)
        pks, affected = {}, set()
    # before the offers: a full apply writes them as fast as the worker builds them, so
    # this costs no time there, rather than after the last batch
    _write_records(writer, verified, diffs)
    if incremental:
        stored: OfferTables | None = None  # the offers written in place, for the index
        if verified.lines is not None:
            in_place, inserts, stored = update_in_place(writer, verified.lines, changed,
                                                        known_ids(verified.small))
            insert_in_place(writer, inserts)
            del inserts
        else:
            in_place = set()
        _write_offers(writer, verified, set(added) | set(changed).difference(in_place), pks,
                      progress)
    else:
        assert full_rows is not None
        with bulk_index(connection) as words:
            outcome.reindexed = _write_full(writer, full_rows, verified, progress)
            words.merge(full_rows.word_counts)
    for kind in ("locations", "organizations", "topics"):
        if incremental:
            _remove_small(writer, kind, diffs[kind][2])
    write_state(writer, verified, info, source, etag, last_modified, local.trust.to_json())
    titles = verified.titles
    outcome.new = [(i, titles.get(i, "")) for i in added]
    outcome.changed = [(i, titles.get(i, "")) for i in changed]
    progress.step(1, 1, N_("Suchindex wird aktualisiert"))
    outcome.seconds["write"] = time.perf_counter() - started
    if incremental:
        started = time.perf_counter()
        # removed first: a new offer may get the integer key a removed one had, and
        # refresh_offers works in chunks; the stale index row must be gone before
        outcome.reindexed = refresh_offers(connection, [*removed, *changed, *added,
                                                       *sorted(affected)], stored=stored)
        outcome.seconds["index"] = time.perf_counter() - started
    return outcome


def refuse_going_back(local: LocalState, export: AuthenticExport) -> None:
    """A full apply is right whatever the store holds now, unless it would go back: a newer
    state of the same directory came in since the plan (a confirmed restore may)."""
    if (not export.restoring and local.synced and export.sequence < local.sequence
            and local.directory_id == export.directory_id):
        raise ExportRejected("downgrade", N_("Inzwischen wurde ein neuerer Stand geladen."))


def _write_full(writer: Writer, rows: FullRows, verified: VerifiedExport,
                progress: Progress) -> int:
    """Store every offer and its index entries, batch by batch; returns how many offers
    are indexed. The batches were built from the archive apart from the verifying, so what
    they were built from must be what was verified."""
    total = len(verified.digests["offers"])
    done = indexed = 0
    for offers, active, statements in rows.batches():
        writer.sql_all(statements)
        del statements  # (not held while the next batch is unpacked: a batch less in hand)
        done += offers
        indexed += active
        progress.step(done, total, N_("Angebote werden übernommen"))
    files = verified.manifest["files"]
    if done != total or any(rows.file_digests.get(name) != files[name]["sha256"]
                            for name in RECORD_FILES.values()):
        raise ExportRejected("hash", N_("Die Exportdatei hat sich während des Abgleichs "
                                        "verändert."))
    return indexed


def _delete_offers(writer: Writer, ids: Sequence[str]) -> dict[str, int]:
    """Delete offers (children cascade) and the translations of them and their children.

    Returns their integer keys, so changed offers are re-inserted under the same ``pk``.
    """
    connection = writer.connection
    pks: dict[str, int] = {}
    for chunk in id_chunks(list(ids)):
        pks.update((r[0], r[1]) for r in connection.exec_driver_sql(
            f"SELECT id, pk FROM offer WHERE {in_list('id', chunk)}", tuple(chunk)))
        for kind, table in (("contact", "contact"), ("schedule", "schedule")):
            writer.sql(f"DELETE FROM translation WHERE entity_type = '{kind}' AND entity_id IN "
                         f"(SELECT id FROM {table} WHERE {in_list('offer_id', chunk)})", chunk)
        writer.sql(f"DELETE FROM translation WHERE entity_type = 'offer' AND "
                     f"{in_list('entity_id', chunk)}", chunk)
        writer.sql(f"DELETE FROM offer WHERE {in_list('id', chunk)}", chunk)
    return pks


def _write_offers(writer: Writer, verified: VerifiedExport, wanted: set[str],
                  pks: Mapping[str, int], progress: Progress) -> None:
    """Insert the wanted offers of an incremental apply in batches, from the lines kept
    while verifying or, for large exports, from the archive read once more."""
    if not wanted:
        return
    known = known_ids(verified.small)
    digests = verified.digests["offers"]
    batch: list[dict[str, Any]] = []
    done = 0

    def flush() -> None:
        rows = collect_checked_rows({"offers": batch}, known)
        # offers that were stored keep their integer key (the index's); the new ones come
        # after them, so that none takes a key still to be given back
        offer_id = column("offer", "id")
        keyed = sorted(((pks.get(offer_id(offer)), offer) for offer in rows.get("offer", ())),
                       key=lambda pair: pair[0] is None)
        writer.insert_rows(rows, OFFER_TABLES, keyed)

    def add(line: bytes) -> None:
        nonlocal batch, done
        batch.append(load_line(line, name))
        if len(batch) >= BATCH:
            flush()
            done += len(batch)
            batch = []
            progress.step(done, len(wanted), N_("Angebote werden übernommen"))

    name = RECORD_FILES["offers"]
    if verified.lines is not None:  # kept while verifying: no second pass over the archive
        for offer_id, line in verified.lines.items():
            if offer_id in wanted:
                add(line)
    else:
        _stream_wanted(verified, {digests[offer_id] for offer_id in wanted}, add)
    if batch:
        flush()


def _stream_wanted(verified: VerifiedExport, wanted_digests: set[str],
                   add: Callable[[bytes], None]) -> None:
    """Read the offers file again and hand on the wanted lines (found by their hash)."""
    name = RECORD_FILES["offers"]
    file_digest = hashlib.sha256()
    with SafeArchive(verified.path) as archive:
        for line in archive.lines(name, file_digest):
            if hashlib.sha256(line).hexdigest() in wanted_digests:
                add(line)
    if file_digest.hexdigest() != verified.manifest["files"][name]["sha256"]:
        raise ExportRejected("hash", N_("Die Exportdatei hat sich während des Abgleichs "
                                        "verändert."))


def _apply_small_incremental(writer: Writer, verified: VerifiedExport,
                             diffs: Mapping[str, Diff]) -> set[str]:
    """Upsert new and changed topics, organizations, locations; return affected offer ids."""
    connection = writer.connection
    tables = m.Base.metadata.tables
    known = known_ids(verified.small)
    affected: set[str] = set()
    for kind, table_name in (("topics", "topic"), ("organizations", "organization"),
                             ("locations", "location")):
        added, changed, _removed = diffs[kind]
        wanted = set(added) | set(changed)
        if not wanted:
            continue
        records = [r for r in verified.small[kind] if r["id"] in wanted]
        rows = collect_checked_rows({kind: records}, known)
        for chunk in id_chunks(changed):
            _delete_children(writer, table_name, chunk)
            affected.update(_offers_using(connection, table_name, chunk))
        table = tables[table_name]
        statement = sqlite_insert(table)
        columns = {c.name: statement.excluded[c.name] for c in table.columns if c.name != "id"}
        writer(statement.on_conflict_do_update(index_elements=["id"], set_=columns),
               [row._asdict() for row in named(table_name, rows[table_name])])
        children = [t for t in OWN_TABLES[kind] if t != table_name]
        writer.insert_rows(rows, children)
    return affected


def _delete_children(writer: Writer, table: str, chunk: list[str]) -> None:
    if table == "organization":
        writer.sql(f"DELETE FROM phone WHERE {in_list('organization_id', chunk)}", chunk)
    if table == "location":
        writer.sql("DELETE FROM translation WHERE entity_type = 'accessibility' AND "
                     f"entity_id IN (SELECT id FROM accessibility WHERE "
                     f"{in_list('location_id', chunk)})", chunk)
        writer.sql(f"DELETE FROM accessibility WHERE {in_list('location_id', chunk)}", chunk)
    writer.sql(f"DELETE FROM translation WHERE entity_type = '{table}' AND "
                 f"{in_list('entity_id', chunk)}", chunk)


def _offers_using(connection: Connection, table: str, chunk: list[str]) -> list[str]:
    sql = {
        "organization": f"SELECT id FROM offer WHERE {in_list('organization_id', chunk)}",
        "location": "SELECT offer_id FROM service_at_location WHERE "
                    f"{in_list('location_id', chunk)}",
        "topic": f"SELECT offer_id FROM offer_topic WHERE {in_list('topic_id', chunk)}",
    }[table]
    return [r[0] for r in connection.exec_driver_sql(sql, tuple(chunk))]


def _remove_small(writer: Writer, kind: str, removed: list[str]) -> None:
    table = {"topics": "topic", "organizations": "organization", "locations": "location"}[kind]
    for chunk in id_chunks(removed):
        _delete_children(writer, table, chunk)
        writer.sql(f"DELETE FROM {table} WHERE {in_list('id', chunk)}", chunk)


def write_state(writer: Writer, verified: AuthenticExport, info: dict[str, Any],
                 source: str | None, etag: str | None, last_modified: str | None,
                 trust: str) -> None:
    writer(delete(_table("directory_info")))
    writer(insert(_table("directory_info")), [info])
    writer(delete(STATE_TABLE))
    writer(insert(STATE_TABLE), [{
        "id": 1, "directory_id": verified.directory_id, "sequence": verified.sequence,
        "archive_sha256": verified.archive_sha256, "key_id": verified.key_id,
        "source": source, "etag": etag, "last_modified": last_modified,
        "applied_at": info["imported_at"],
    }])
    expires = verified.expires_at
    settings = {MANIFEST_SHA256_KEY: verified.manifest_sha256,
                EXPIRES_AT_KEY: expires.isoformat() if expires else "",
                TRUST_KEY: verified.trust.to_json() if verified.trust else trust}
    writer.sql_many("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
                    list(settings.items()))


def _write_records(writer: Writer, verified: VerifiedExport,
                   diffs: Mapping[str, Diff]) -> None:
    """The per-record hashes the next sync compares against (new, changed, removed)."""
    record_table = RECORD_TABLE
    for kind, digests in verified.digests.items():
        added, changed, removed = diffs[kind]
        for chunk in id_chunks(removed):
            writer.sql(f"DELETE FROM sync_record WHERE kind = '{kind}' AND "
                       f"{in_list('id', chunk)}", chunk)
        upserts = [(kind, i, digests[i]) for i in [*added, *changed]]
        for start in range(0, len(upserts), 20000):  # plain strings: no Core per row
            writer.sql_many(f"INSERT OR REPLACE INTO {record_table.name} (kind, id, digest) "
                              "VALUES (?, ?, ?)", upserts[start:start + 20000])


def remember_conditional(database: Database, source: str | None, etag: str | None,
                         last_modified: str | None) -> None:
    """After an unchanged check: keep the server's validators for the next request."""
    with database.engine.begin() as connection:
        connection.execute(STATE_TABLE.update().values(
            source=source, etag=etag, last_modified=last_modified))



_OWNER_SQL = {
    "contact": "SELECT id, offer_id FROM contact WHERE {ids}",
    "schedule": "SELECT id, offer_id FROM schedule WHERE {ids}",
    "cost_option": "SELECT id, offer_id FROM cost_option WHERE {ids}",
    "phone": "SELECT p.id, coalesce(p.offer_id, c.offer_id) FROM phone p "
             "LEFT JOIN contact c ON c.id = p.contact_id WHERE {ids}",
}


def child_owners(database: Database) -> Callable[[str, Sequence[str]],
                                                  list[tuple[str, str | None]]]:
    """For :func:`verify_export`: which offer in the store owns these child ids (read only)."""

    def owners(table: str, ids: Sequence[str]) -> list[tuple[str, str | None]]:
        column = "p.id" if table == "phone" else "id"
        sql = _OWNER_SQL[table].format(ids=in_list(column, ids))
        with database.engine.connect() as connection:
            return [(r[0], r[1]) for r in connection.exec_driver_sql(sql, tuple(ids))]

    return owners
