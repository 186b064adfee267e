"""Building the index: create or rebuild it whole (:func:`ensure_index`,
:func:`rebuild_index`, :func:`bulk_index`) and re-index single offers after a sync
(:func:`refresh_offers`). Everything runs inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the search runs without SQLAlchemy (see store.database)
    from sqlalchemy import Connection

from coesfeld_desktop.search.index.facets import FACET_COLUMNS, FACET_LAYOUT, FacetTokens
from coesfeld_desktop.search.index.meta import bump_generation, read_meta, write_meta
from coesfeld_desktop.search.index.rows import (
    Lookups,
    OfferTables,
    assemble,
    collect,
    read_lookups,
)
from coesfeld_desktop.search.index.tables import (
    CREATE,
    DATES_TABLE,
    DROP,
    FACET_TABLE,
    FACTS_TABLE,
    FTS_TABLE,
    INDEX_VERSION,
    TITLE_FTS_TABLE,
    SqlConnection,
)
from coesfeld_desktop.search.index.tuning import big_cache, big_hash
from coesfeld_desktop.search.index.words import WordCounts
from coesfeld_desktop.search.index.writer import Entries, index_entries, write_offers
from coesfeld_desktop.store.id_lists import IDS_PER_LIST, id_chunks, in_list


def index_current(connection: SqlConnection) -> bool:
    """The index exists in this program's layout, for these filter dimensions."""
    return (read_meta(connection, "index_version") == str(INDEX_VERSION)
            and read_meta(connection, "facets") == FACET_LAYOUT)


def ensure_index(connection: Connection) -> bool:
    """Create the index if it is missing, of an older layout or built for other filter
    dimensions (:data:`~.facets.FACET_LAYOUT`); True if it was (re)built."""
    if index_current(connection):
        return False
    rebuild_index(connection)
    return True


def rebuild_index(connection: Connection) -> int:
    """Recreate the whole index from the directory tables; returns the number indexed."""
    with bulk_index(connection) as words:
        # the index is empty at first: its facet tokens too
        return write_offers(connection, collect(connection, None), FacetTokens(), words)


@dataclass
class IndexRowBuilder:
    """The index rows of offers not stored yet, batch by batch, for an index emptied by
    :func:`bulk_index` (a sync's full apply builds them apart from the store)."""

    lookups: Lookups
    tokens: FacetTokens = field(default_factory=FacetTokens)  # the index is empty at first
    words: WordCounts = field(default_factory=WordCounts)  # of every batch so far

    def entries(self, tables: OfferTables) -> Entries:
        """The index rows of the offers in these directory rows (assembled as a refresh
        assembles stored ones), for the caller to insert: the facet tokens first handed
        out for them, then the FTS rows, the facts rows last. Their words are counted
        into :attr:`words`, which the caller stores once at the end (see
        :func:`bulk_index`)."""
        entries = index_entries(assemble(tables, self.lookups), self.tokens)
        self.words.add(entries[0][2])  # the FTS rows
        return [(FACET_TABLE, FACET_COLUMNS, self.tokens.take_added()), *entries]


def create_empty_index(connection: Connection) -> None:
    """Drop the index tables and create them empty, of this layout (the version and facet
    rows are written by whoever fills them)."""
    for statement in DROP:
        connection.exec_driver_sql(statement)
    for statement in CREATE:
        connection.exec_driver_sql(statement)


@contextmanager
def bulk_index(connection: Connection) -> Iterator[WordCounts]:
    """An empty index, to be filled inside the ``with`` block in the same transaction.

    For a rebuild and a sync's full apply, which index every offer once: big buffers while
    writing, the segments merged at the end. The block counts the words of what it
    indexes into the :class:`WordCounts` it gets; they are stored at the end.
    """
    create_empty_index(connection)
    words = WordCounts()
    with big_cache(connection), big_hash(connection):
        yield words
        words.write_new(connection)
        # merge the segments written by the bulk insert into one b-tree: searching an index
        # left to automerge is as fast, but the next incremental sync then pays for merging
        # (bench/sync.py, 1 % changed: 4.1 -> 6.6 s; its index step 0.5 -> 1.6 s)
        for table in (FTS_TABLE, TITLE_FTS_TABLE):
            connection.exec_driver_sql(f"INSERT INTO {table} ({table}) VALUES ('optimize')")
    write_meta(connection, "index_version", INDEX_VERSION)
    write_meta(connection, "facets", FACET_LAYOUT)
    bump_generation(connection)


def refresh_offers(connection: Connection, offer_ids: Iterable[str], *,
                   ids_per_chunk: int = IDS_PER_LIST) -> int:
    """Re-index exactly the offers with these stable ids; returns how many are indexed now.

    Ids no longer in the store (or no longer active) are dropped from the index. All given
    ids leave the index before any is written back, and a stale row holding an integer key
    that a new offer now has is dropped too, so the order of ids does not matter.
    ``ids_per_chunk``: ids per ``IN (...)`` list (tests pass 1 to put every id in its own).
    """
    if ensure_index(connection):
        return _count(connection)  # a full rebuild has just indexed everything
    # sorted: the same set of ids writes the same index bytes whatever order it came in
    # (FTS5's segment layout depends on insert order; sync's kill tests compare bytes)
    ids = sorted(set(offer_ids))
    chunks = list(id_chunks(ids, ids_per_chunk))
    words = WordCounts()  # what changes in the word list
    for chunk in chunks:
        _drop(connection, f"SELECT pk FROM {FACTS_TABLE} WHERE {in_list('offer_id', chunk)}",
              chunk, words)
    indexed = 0
    lookups = read_lookups(connection)
    facet_tokens = FacetTokens.load(connection)  # values new to the index get new tokens
    for chunk in chunks:
        offers = collect(connection, chunk, lookups)
        if offers:
            pks = [offer.pk for offer in offers]
            _drop(connection, f"SELECT pk FROM {FACTS_TABLE} WHERE {in_list('pk', pks)}",
                  pks, words)
            indexed += write_offers(connection, offers, facet_tokens, words)
    words.apply(connection)
    bump_generation(connection)
    return indexed


def _drop(connection: Connection, select_pks: str, params: Sequence[object],
          words: WordCounts) -> None:
    words.remove_indexed(connection, select_pks, params)
    # the title table first: deleting from it reads the words to remove from offer_fts
    for table in (TITLE_FTS_TABLE, FTS_TABLE):
        connection.exec_driver_sql(
            f"DELETE FROM {table} WHERE rowid IN ({select_pks})", tuple(params))
    connection.exec_driver_sql(
        f"DELETE FROM {DATES_TABLE} WHERE pk IN ({select_pks})", tuple(params))
    connection.exec_driver_sql(
        f"DELETE FROM {FACTS_TABLE} WHERE pk IN ({select_pks})", tuple(params))


def _count(connection: Connection) -> int:
    return int(connection.exec_driver_sql(f"SELECT count(*) FROM {FACTS_TABLE}").scalar_one())
