"""Building the index: create or rebuild it whole (:func:`ensure_index`,
:func:`rebuild_index`, :func:`bulk_index`) and re-index single offers after a sync
(:func:`refresh_offers`). Everything runs inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import attrgetter
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the search runs without SQLAlchemy (see store.database)
    from sqlalchemy import Connection

from coesfeld_desktop.search.index.facets import FACET_COLUMNS, FACET_LAYOUT, FacetTokens
from coesfeld_desktop.search.index.meta import bump_generation, read_meta, write_meta
from coesfeld_desktop.search.index.rows import (
    IndexedOffer,
    Lookups,
    OfferTables,
    assemble,
    collect,
    read_lookups,
)
from coesfeld_desktop.search.index.tables import (
    COLUMN_NAMES,
    CREATE,
    DATES_TABLE,
    DROP,
    FACET_TABLE,
    FACTS_TABLE,
    FTS_TABLE,
    INDEX_VERSION,
    TITLE_FTS_TABLE,
    SqlConnection,
    dbapi,
    insert_sql,
)
from coesfeld_desktop.search.index.tuning import big_cache, big_hash
from coesfeld_desktop.search.index.words import WordCounts
from coesfeld_desktop.search.index.writer import Entries, index_entries, write_offers
from coesfeld_desktop.store.id_lists import IDS_PER_LIST, id_chunks, in_list
from coesfeld_desktop.store.rows import column


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
                   ids_per_chunk: int = IDS_PER_LIST, stored: OfferTables | None = None) -> int:
    """Re-index exactly the offers with these stable ids; returns how many are indexed now.

    Ids no longer in the store (or no longer active) are dropped from the index. An offer
    whose FTS row comes out as the index holds it under the same key keeps that row and
    its words (see :func:`_refresh_chunk`). A stale row holding an integer key that an
    offer now has is dropped too, so the order of ids does not matter.
    ``ids_per_chunk``: ids per ``IN (...)`` list (tests pass 1 to put every id in its own).
    ``stored``: the directory rows of some of these offers exactly as the caller has just
    written them (a sync's offers written in place), so they are not read back (≈ 0.05 s
    per 1,000 offers).
    """
    if ensure_index(connection):
        return _count(connection)  # a full rebuild has just indexed everything
    # sorted: the same set of ids writes the same index bytes whatever order it came in
    # (FTS5's segment layout depends on insert order; sync's kill tests compare bytes)
    ids = sorted(set(offer_ids))
    words = WordCounts()  # what changes in the word list
    lookups = read_lookups(connection)
    facet_tokens = FacetTokens.load(connection)  # values new to the index get new tokens
    given = _Given(stored, lookups)
    indexed = sum(_refresh_chunk(connection, chunk, lookups, facet_tokens, words, given)
                  for chunk in id_chunks(ids, ids_per_chunk))
    facet_tokens.save(connection)
    words.apply(connection)
    bump_generation(connection)
    return indexed


_STORED_SQL = (f"SELECT f.pk, f.offer_id, {', '.join(f't.{name}' for name in COLUMN_NAMES)} "
               f"FROM {FACTS_TABLE} f LEFT JOIN {FTS_TABLE} t ON t.rowid = f.pk WHERE ")


class _Given:
    """Offers a refresh need not read from the store (see ``refresh_offers(stored=...)``)."""

    def __init__(self, stored: OfferTables | None, lookups: Lookups) -> None:
        offer_id = column("offer", "id")
        self.ids = set() if stored is None else {offer_id(row) for _pk, row in stored.offers}
        # (inactive ones are not among these: they are not indexed)
        self.offers = {} if stored is None else {
            offer.offer_id: offer for offer in assemble(stored, lookups)}

    def collect(self, connection: Connection, chunk: Sequence[str], lookups: Lookups
                ) -> list[IndexedOffer]:
        """The index records of the chunk's active offers, ordered by id as the store
        reads them (facet tokens are handed out in this order)."""
        missing = [offer_id for offer_id in chunk if offer_id not in self.ids]
        offers = collect(connection, missing, lookups) if missing else []
        if len(missing) < len(chunk):
            offers += [self.offers[i] for i in chunk if i in self.offers]
        offers.sort(key=attrgetter("offer_id"))
        return offers


def _refresh_chunk(connection: Connection, chunk: Sequence[str], lookups: Lookups,
                   facet_tokens: FacetTokens, words: WordCounts, given: _Given) -> int:
    """Re-index the offers of ``chunk`` (see :func:`refresh_offers`); returns how many.

    Why an unchanged FTS row is kept: FTS5 deletes a row by reading and tokenizing its
    text again, and inserts it token by token, in both FTS tables (≈ 0.15 ms per offer);
    an everyday sync changes many offers in what the index does not hold (a phone number,
    opening hours: their facts change, not their words). The facts and dates rows, plain
    tables, are written again for every offer of the chunk."""
    raw = dbapi(connection)
    offers = given.collect(connection, chunk, lookups)
    entries = index_entries(offers, facet_tokens)
    fts_rows = entries[0][2]
    pks = [offer.pk for offer in offers]
    # what the index holds for these offers, and under the keys they have now
    stored = {row[0]: row for row in raw.execute(
        _STORED_SQL + f"{in_list('f.offer_id', chunk)} OR {in_list('f.pk', pks)}",
        (*chunk, *pks))}
    kept = set()
    for offer, fts_row in zip(offers, fts_rows, strict=True):
        old = stored.get(offer.pk)
        if old is not None and old[1] == offer.offer_id and old[:1] + old[2:] == fts_row:
            kept.add(offer.pk)
    gone = [pk for pk in stored if pk not in kept]
    words.remove(stored[pk][:1] + stored[pk][2:] for pk in gone)
    # the title table first: deleting from it reads the words to remove from offer_fts
    for table, key, doomed in ((TITLE_FTS_TABLE, "rowid", gone), (FTS_TABLE, "rowid", gone),
                               (DATES_TABLE, "pk", list(stored)),
                               (FACTS_TABLE, "pk", list(stored))):
        for part in id_chunks(doomed):
            raw.execute(f"DELETE FROM {table} WHERE {in_list(key, part)}", part)
    for table, columns, rows in entries:
        if table in (FTS_TABLE, TITLE_FTS_TABLE) and kept:
            rows = [row for row in rows if row[0] not in kept]
        raw.executemany(insert_sql(table, columns), rows)
        if table == FTS_TABLE:
            words.add(rows)
    return len(offers)


def _count(connection: Connection) -> int:
    return int(connection.exec_driver_sql(f"SELECT count(*) FROM {FACTS_TABLE}").scalar_one())
