"""A full apply's rows: every offer's table rows and index rows, as ``executemany`` batches.

Why they are built apart from the writing, and for large exports in a worker process:
a full apply of 100,000 offers is about half Python (parsing lines, building rows and
index texts) and half SQLite (b-trees, FTS5). In one process the two cannot overlap well:
SQLite releases the GIL for every row of an ``executemany`` and must wait to get it back
while Python builds the next batch. Handing SQLite whole batches as JSON (one call, no
GIL) overlapped them, but made SQLite's share twice as expensive (every column extracted
from JSON). With the Python half in a worker process, the main process writes with plain
``executemany`` and nobody waits for the GIL (bench/sync.py, docs/performance.md "Sync").

The worker only reads the archive: it starts once the manifest's signature is verified,
while the main process checks the records, and its batches are written only after every
check has passed. It hashes each record file whole and compares it with the signed
manifest before parsing a line of it, and what it read is compared with the verified
manifest's file hashes again before the transaction commits.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import multiprocessing
import os
import queue
import threading
import traceback
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Boolean
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite

from coesfeld_desktop.i18n import N_
from coesfeld_desktop.search.index import IndexRowBuilder, OfferTables, insert_sql, read_lookups
from coesfeld_desktop.search.index.words import WordCounts
from coesfeld_desktop.store import models as m
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.rows import COLUMNS, INSERT_ORDER, Row, Tables
from coesfeld_desktop.sync.archive import SafeArchive
from coesfeld_desktop.sync.errors import ExportRejected, SyncError
from coesfeld_desktop.sync.export_format import (
    DEFAULT_TUNING,
    RECORD_FILES,
    Limits,
    SyncTuning,
    bulk_work,
)
from coesfeld_desktop.sync.verify import collect_checked_tuples, iter_records, load_line

OFFER_TABLES = ("offer", "service_at_location", "contact", "phone", "schedule",
                "offer_language", "offer_topic", "offer_target_group", "offer_life_phase",
                "cost_option", "offer_relation", "translation")
SMALL_TABLES = ("topic", "organization", "location", "accessibility", "phone", "translation")
AHEAD = 16  # batches the worker may build ahead of the writing (it starts while verifying)

Statement = tuple[str, list[tuple[Any, ...]]]
"""An INSERT and its parameter rows, for ``executemany``."""
Batch = tuple[int, int, list[Statement]]
"""How many offers, how many of them indexed (the active ones), and the statements storing
them and their index entries, in order."""

_DIALECT = SQLiteDialect_pysqlite()
_log = logging.getLogger(__name__)


Files = Mapping[str, Mapping[str, Any]]
"""The signed manifest's ``files``: member name -> ``sha256``, ``bytes``, ``records``."""


class FullRows(Protocol):
    """Where a full apply takes its batches from (this thread or a worker process).

    A context manager: whoever opens it closes it with ``with``."""

    file_digests: dict[str, str]  # member name -> SHA-256 of what was read, once done
    word_counts: WordCounts  # the words of every offer indexed, once done

    def batches(self) -> Iterator[Batch]: ...

    def close(self) -> None: ...

    def __enter__(self) -> FullRows: ...

    def __exit__(self, *exc: object) -> None: ...


def open_full_rows(path: Path, limits: Limits, files: Files, worker: bool | None = None,
                   tuning: SyncTuning = DEFAULT_TUNING) -> FullRows:
    """The rows of every offer in the export at ``path``, whose signed manifest lists
    ``files``; in a worker process if ``worker`` (by default: for archives of at least
    ``tuning.worker_min_bytes``). Nothing is read until :meth:`FullRows.batches` is iterated,
    except by the worker, which starts now."""
    if worker is None:
        worker = Path(path).stat().st_size >= tuning.worker_min_bytes
    expected = {name: (str(entry["sha256"]), int(entry["bytes"]))
                for name, entry in files.items()}
    if worker:
        try:
            return RowWorker(Path(path), limits, expected, tuning.batch)
        except OSError as error:  # no process to be had: slower, but the sync goes on
            _log.warning("no worker process for the sync (%s); building rows here", error)
    return RowBuilder(Path(path), limits, expected, tuning.batch)


Expected = Mapping[str, tuple[str, int]]
"""Member name -> (SHA-256, bytes) from the signed manifest."""


class _Closing:
    """``with rows:`` closes them (the one owner of a worker process is a ``with``)."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> FullRows:
        return self  # type: ignore[return-value]

    def __exit__(self, *exc: object) -> None:
        self.close()


KeyedOffers = Sequence[tuple[int | None, Row]]
"""Offer rows with their integer keys (``None``: the store picks the next free one)."""


def insert_statements(rows: Tables, tables: Sequence[str],
                      offers: KeyedOffers = ()) -> list[Statement]:
    """INSERTs for the rows of ``tables`` (see :mod:`coesfeld_desktop.store.rows`), in
    the order foreign keys need; the offers with the keys ``offers`` gives them (by default
    those of ``rows``, keyed by the store)."""
    statements = []
    for name in INSERT_ORDER:
        if name not in tables:
            continue
        if name == "offer":
            offers = offers or [(None, offer) for offer in rows.get("offer", ())]
            if offers:
                columns = ("pk", *COLUMNS["offer"])
                statements.append((insert_sql('"offer"', columns), _converted(
                    "offer", columns, [(pk, *offer) for pk, offer in offers])))
        elif rows.get(name):
            statements.append((insert_sql(f'"{name}"', COLUMNS[name]),
                               _converted(name, COLUMNS[name], rows[name])))
    return statements


def _converted(table_name: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]
               ) -> list[tuple[Any, ...]]:
    """Values converted by the columns' own SQLAlchemy bind processors, so that what is
    stored is exactly what a Core insert stores (dates as its text, amounts as REAL).

    Why not Core itself: for 100,000 offers (1.8 million rows) its per-row parameter
    handling cost about as much as SQLite's own work. Booleans need no processor: sqlite3
    stores True/False as 1/0, as Core does.
    """
    table = m.Base.metadata.tables[table_name]
    convert = []
    for index, name in enumerate(columns):
        column_type = table.c[name].type
        process = column_type.dialect_impl(_DIALECT).bind_processor(_DIALECT)
        if process is not None and not isinstance(column_type, Boolean):
            convert.append((index, process))
    if not convert:
        return list(rows)
    converted = []
    for row in rows:
        values = list(row)
        for index, process in convert:
            if values[index] is not None:
                values[index] = process(values[index])
        converted.append(tuple(values))
    return converted


class RowBuilder(_Closing):
    """Builds the batches in the calling thread, reading the archive once more.

    Offers get the integer keys 1, 2, ... in file order: a full apply has just emptied the
    ``offer`` table, so these are the keys SQLite would give them.
    """

    def __init__(self, path: Path, limits: Limits, expected: Expected,
                 batch: int = DEFAULT_TUNING.batch) -> None:
        self.path, self.limits, self.batch = path, limits, batch
        self.expected = dict(expected)
        self.file_digests: dict[str, str] = {}
        self.word_counts = WordCounts()

    def _authentic(self, archive: SafeArchive, name: str) -> None:
        sha256, size = self.expected[name]
        archive.check_digest(name, sha256, size)

    def close(self) -> None:
        """Nothing to stop: the batches are built on demand."""

    def _small_tables(self, archive: SafeArchive) -> dict[str, list[dict[str, Any]]]:
        small: dict[str, list[dict[str, Any]]] = {}
        for kind in ("topics", "organizations", "locations"):
            self._authentic(archive, RECORD_FILES[kind])
            digest = hashlib.sha256()
            small[kind] = [record for _line, record in iter_records(archive, kind, digest)]
            self.file_digests[RECORD_FILES[kind]] = digest.hexdigest()
        return small

    def batches(self) -> Iterator[Batch]:
        with bulk_work(), SafeArchive(self.path, self.limits) as archive:
            index = _index_for(self._small_tables(archive))  # (the records not kept)
            name = RECORD_FILES["offers"]
            self._authentic(archive, name)
            digest = hashlib.sha256()
            documents: list[Any] = []
            next_pk = 1
            for line in archive.lines(name, digest):
                documents.append(load_line(line, name))
                if len(documents) >= self.batch:
                    yield _batch(documents, index, next_pk)
                    next_pk += len(documents)
                    documents = []
            if documents:
                yield _batch(documents, index, next_pk)
            self.file_digests[name] = digest.hexdigest()
            self.word_counts = index.words


def _index_for(small: Mapping[str, list[dict[str, Any]]]) -> IndexRowBuilder:
    """An index builder whose provider, topic and place facts are read exactly as a
    refresh reads them: from the small tables, here stored in a throwaway database."""
    database = Database(":memory:")
    with database.engine.begin() as connection:
        for sql, params in insert_statements(collect_checked_tuples(small), SMALL_TABLES):
            connection.exec_driver_sql(sql, params)
        lookups = read_lookups(connection)
    database.close()
    return IndexRowBuilder(lookups)


def _batch(documents: list[Any], index: IndexRowBuilder, first_pk: int) -> Batch:
    """One batch: the offers' table rows, then their facet, FTS and facts rows.

    Ids and references are not checked again: the export is applied only if verifying
    checked them, and only if these rows were built from the very files verified."""
    rows = collect_checked_tuples({"offers": documents})
    offers = list(enumerate(rows.get("offer", ()), first_pk))
    statements = insert_statements(rows, OFFER_TABLES, offers)
    entries = index.entries(OfferTables(offers, rows))
    statements += [(insert_sql(table, columns), found) for table, columns, found in entries
                   if found]
    return len(documents), len(entries[-1][2]), statements  # facts rows: one per indexed


# --- the worker process -----------------------------------------------------------------


class RowWorker(_Closing):
    """:class:`RowBuilder` run in a worker process; the batches arrive through a pipe.

    The worker runs ahead of the reader by up to :data:`AHEAD` batches. It ends by itself
    when the main process goes away (its pipe breaks), so a killed sync leaves no process
    behind; :meth:`close` stops it early (cancel, a rejected export).
    """

    def __init__(self, path: Path, limits: Limits, expected: Expected,
                 batch: int = DEFAULT_TUNING.batch) -> None:
        context = multiprocessing.get_context("spawn")  # also what Windows does; Qt-safe
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_serve, args=(str(path), limits,
                                                             dict(expected), batch, send),
                                        name="angebotslotse-sync-rows", daemon=True)
        self._process.start()
        send.close()  # the worker holds the only writing end: its exit means EOF here
        self.file_digests: dict[str, str] = {}
        self.word_counts = WordCounts()
        self._finished = False

    def batches(self) -> Iterator[Batch]:
        while True:
            try:
                kind, payload = marshal.loads(self._receive.recv_bytes())
            except (EOFError, OSError) as error:
                raise _failed("the worker process ended early") from error
            if kind == "batch":
                yield payload
                del payload  # (not held while the next one is unpacked)
            elif kind == "done":
                self.file_digests, (docs, parts) = payload
                self.word_counts = WordCounts(docs, parts)
                self._finished = True
                return
            elif kind == "rejected":
                reason, template, params = payload
                raise ExportRejected(reason, template, **params)
            else:
                _log.error("the sync's worker process failed:\n%s", payload)
                raise _failed(str(payload).strip().splitlines()[-1])

    def close(self) -> None:
        """Wait for a worker that has sent everything to exit; stop any other now."""
        if self._finished:
            self._process.join(timeout=5)
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
        self._receive.close()


def _failed(detail: str) -> SyncError:
    return SyncError(N_("Die Angebote konnten nicht übernommen werden ({error})."),
                     error=detail[-300:])


def _serve(path: str, limits: Limits, expected: Expected, batch: int,
           send: Any) -> None:  # pragma: no cover
    """The worker's main: build batches, hand them (``marshal``: plain tuples, the fastest
    way) to a sending thread; end on a broken pipe (the main process is gone)."""
    outbox: queue.Queue[bytes | None] = queue.Queue(maxsize=AHEAD)
    broken = threading.Event()

    def sender() -> None:
        while (message := outbox.get()) is not None:
            try:
                send.send_bytes(message)
            except OSError:
                broken.set()
                return

    thread = threading.Thread(target=sender, daemon=True)
    thread.start()

    def post(kind: str, payload: Any) -> None:
        message = marshal.dumps((kind, payload))
        while not broken.is_set():
            try:
                outbox.put(message, timeout=0.5)
                return
            except queue.Full:
                continue
        os._exit(0)

    builder = RowBuilder(Path(path), limits, expected, batch)
    try:
        for built in builder.batches():
            post("batch", built)
            del built  # (not held while the next one is built)
        post("done", (builder.file_digests, builder.word_counts.as_plain()))
    except ExportRejected as error:
        post("rejected", (error.reason, error.template, error.params))
    except Exception:  # reported to the main process, which decides
        post("failed", traceback.format_exc())
    outbox.put(None)
    thread.join()
