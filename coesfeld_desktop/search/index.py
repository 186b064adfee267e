"""The search index: an FTS5 table of pre-folded offer texts and a table of filter facts.

Why these tables: FTS5 ranks words (bm25 with per-column weights), while the filters (town,
age, weekday, ...) are plain columns. ``offer_facts`` holds one row per active offer with
everything a filter or the ranking needs, so a search is one MATCH joined to one table on
the integer key (``rowid`` = ``offer.pk``). Only active offers are indexed.

The index is derived data: :func:`rebuild_index` recreates it from the directory tables,
:func:`refresh_offers` re-indexes single offers after a sync. Both run inside the caller's
transaction. ``offer_title_fts`` repeats the title-tier columns (:data:`TITLE_COLUMNS`) and
the facets on their own: a broad search lists offers matching there first, and that table's
word doclists are about a fifth of the full ones (see ``service.SearchService._broad``).
``offer_facet`` maps every filter value to its one-character facet token
(:class:`FacetTokens`); it lives and dies with the FTS tables.
:data:`INDEX_VERSION` changes whenever the layout or the folding changes;
:func:`ensure_index` then rebuilds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import lru_cache, partial
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

from coesfeld_desktop.domain.dimensions import DIMENSIONS
from coesfeld_desktop.domain.towns import TOWN_NAMES, town_by_name
from coesfeld_desktop.domain.vocabulary import WEEKDAYS
from coesfeld_desktop.search.folding import compound_parts, fold, folded_join, tokens
from coesfeld_desktop.store.loader import COLUMNS as TABLE_COLUMNS

INDEX_VERSION = 7

FTS_TABLE = "offer_fts"
TITLE_FTS_TABLE = "offer_title_fts"  # the title-tier columns alone (see the module docstring)
VOCAB_TABLE = "offer_fts_vocab"
FACTS_TABLE = "offer_facts"
META_TABLE = "search_meta"
FACET_TABLE = "offer_facet"  # filter value -> facet token (see FacetTokens)
TITLE_INDEX = f"ix_{FACTS_TABLE}_title"  # offers in title order: browsing without words

# FTS columns in order, with their bm25 weights: title ≫ summary ≫ description.
COLUMNS: tuple[tuple[str, float], ...] = (
    ("title", 10.0),
    ("summary", 4.0),
    ("description", 1.0),
    ("translations", 3.0),  # titles and summaries in every other language
    ("title_parts", 5.0),  # later parts of compound words in the title ("cafe" in "sprachcafe")
    ("parts", 1.5),  # ... in summary, provider, topic names and contact roles
    ("provider", 2.0),
    ("topics", 3.0),  # topic names in every language
    ("place", 2.0),  # towns, districts, location names
    ("facets", 0.0),  # filter facts as tokens nobody can type (FacetTokens); no weight
)
COLUMN_NAMES = tuple(name for name, _weight in COLUMNS)
# where a match puts an offer in the first tier of a broad search: its title in any language
TITLE_COLUMNS = ("title", "title_parts", "translations", "topics")
BM25_WEIGHTS = ", ".join(f"{weight:g}" for _name, weight in COLUMNS)

TOWN_BITS = {name: 1 << index for index, name in enumerate(TOWN_NAMES)}
WEEKDAY_BITS = {day: 1 << index for index, day in enumerate(WEEKDAYS)}

# How both FTS tables store their words, and why:
# - tokenize = ascii: the texts are folded and split into words in Python (folding.tokens)
#   and written space-separated, so FTS5 only has to split at the spaces. ``ascii`` takes
#   every non-ASCII character as part of a word and folded words hold no ASCII punctuation,
#   so it sees the same words as unicode61 did (checked for every code point in the
#   tests), for less work than unicode61's category lookups.
# - prefix = '3 6': a 3-letter word is one prefix doclist, and so is a 6-letter one (a
#   German compound head such as "sprach" or "eltern" starts dozens of indexed words, whose
#   OR FTS5 walks 3-4x slower than one doclist); 2-, 4- and 5-letter words become an OR of
#   the next longer prefixes (fts_query.term_expr). Facet tokens are one character long,
#   so they are in no prefix index.
PREFIX_LENGTHS = (3, 6)
_FTS_OPTIONS = f"tokenize = 'ascii', prefix = '{' '.join(map(str, PREFIX_LENGTHS))}'"

_CREATE = (
    f"CREATE TABLE IF NOT EXISTS {META_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    f"""CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(
        {", ".join(COLUMN_NAMES)}, {_FTS_OPTIONS})""",
    # the title table stores no text of its own: its columns are offer_fts's (external
    # content), which saves a full sync of 100,000 offers 21 MB of writes; so a row leaves
    # it before its offer_fts row does (_drop)
    f"""CREATE VIRTUAL TABLE {TITLE_FTS_TABLE} USING fts5(
        {", ".join(TITLE_COLUMNS)}, facets, {_FTS_OPTIONS},
        content = '{FTS_TABLE}', content_rowid = 'rowid')""",
    f"""CREATE TABLE {FACET_TABLE} (
        kind TEXT NOT NULL, value TEXT NOT NULL, token TEXT NOT NULL UNIQUE,
        PRIMARY KEY (kind, value)) WITHOUT ROWID""",
    f"CREATE VIRTUAL TABLE {VOCAB_TABLE} USING fts5vocab({FTS_TABLE}, 'col')",
    f"""CREATE TABLE {FACTS_TABLE} (
        pk INTEGER PRIMARY KEY,          -- offer.pk = rowid in offer_fts
        offer_id TEXT NOT NULL UNIQUE,   -- the stable id
        title_key TEXT NOT NULL,         -- folded title, for browsing by title
        towns TEXT NOT NULL,             -- '|Coesfeld|Dülmen|'
        town_mask INTEGER NOT NULL,      -- bit per town of domain.towns.TOWN_NAMES
        min_age INTEGER, max_age INTEGER,
        pregnancy INTEGER NOT NULL, free INTEGER NOT NULL, barrier_free INTEGER NOT NULL,
        languages TEXT NOT NULL,         -- '|de|tr|'
        topics TEXT NOT NULL, target_groups TEXT NOT NULL, life_phases TEXT NOT NULL,
        weekdays INTEGER NOT NULL,       -- bit per weekday, Monday = 1
        lat REAL, lon REAL               -- first location
    )""",
    f"CREATE INDEX {TITLE_INDEX} ON {FACTS_TABLE} (title_key, offer_id)",
)
_DROP = (
    f"DROP TABLE IF EXISTS {VOCAB_TABLE}",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
    f"DROP TABLE IF EXISTS {TITLE_FTS_TABLE}",
    f"DROP TABLE IF EXISTS {FACTS_TABLE}",
    f"DROP TABLE IF EXISTS {FACET_TABLE}",
)

_CHUNK = 500  # ids per IN (...) list when refreshing
_WRITE_CHUNK = 2000  # offers whose rows are built and written at once
# FTS5 keeps this much of new index data in memory before writing a segment (default 1 MB):
# fewer, larger segments to merge make the FTS part of a rebuild at 100,000 offers
# ~40 % faster (16 MB: as fast as 64 or 256 MB on the bench).
# Only while rebuilding; afterwards the default again (a sync's long refresh stays flat).
_REBUILD_HASHSIZE = 16 * 1024 * 1024
_DEFAULT_HASHSIZE = 1024 * 1024

# --- facets: filters as FTS tokens ------------------------------------------------------
# Why: a filter evaluated inside FTS5 is a doclist intersection, far cheaper than joining
# every matching offer to offer_facts. The tokens are private-use characters: the query
# builder never produces one (folding.tokens drops them), so no typed word matches a facet.

NO_FACET = "\ue000"  # a token no offer has: for a filter value that no offer has either
_TOKEN_DIGITS = 0xF8FF - 0xE001 + 1  # U+E001..U+F8FF: the digits of a base-6,399 number


def _token_for(number: int) -> str:
    """The ``number``-th facet token: one private-use character (two from 6,399 on)."""
    digits = []
    while True:
        number, digit = divmod(number, _TOKEN_DIGITS)
        digits.append(chr(0xE001 + digit))
        if number == 0:
            return "".join(reversed(digits))
        number -= 1


FACET_COLUMNS = ("kind", "value", "token")
_FACETS = tuple(dimension.facet for dimension in DIMENSIONS)


class FacetTokens:
    """The token of every filter value, as stored in :data:`FACET_TABLE`.

    Why a stored map instead of a token spelled out from the value: a one-character token
    is in none of FTS5's prefix indexes and cheap to tokenize. Spelled out
    (``\ue000town436f...``), facets were 14 % of the words in ``offer_fts`` and 44 % of those
    in ``offer_title_fts``, each also written to the prefix indexes. Tokens are handed out
    in the order values are first indexed and kept while the index lives (a rebuild starts
    afresh), so the same offers indexed in the same order give the same tokens.
    """

    def __init__(self, known: dict[tuple[str, str], str] | None = None) -> None:
        self._tokens = dict(known or {})
        self._added: list[tuple[str, str, str]] = []
        # the tokens of each dimension's facet values by what they depend on (towns,
        # ages, ...): combinations repeat a lot (cached per map)
        self._texts = [(facet.of_offer, lru_cache(maxsize=8192)(
            partial(self._make_text, facet.kind, facet.indexed))) for facet in _FACETS]

    @classmethod
    def load(cls, connection: Connection) -> FacetTokens:
        """The stored map (empty if there is no index)."""
        if not _table_exists(connection, FACET_TABLE):
            return cls()
        rows = connection.exec_driver_sql(f"SELECT kind, value, token FROM {FACET_TABLE}")
        return cls({(str(kind), str(value)): str(token) for kind, value, token in rows})

    def __len__(self) -> int:
        return len(self._tokens)

    def get(self, kind: str, value: object) -> str:
        """The token to search for (:data:`NO_FACET` if no offer has this value)."""
        return self._tokens.get((kind, str(value)), NO_FACET)

    def token(self, kind: str, value: object) -> str:
        """The token to index: a new one for a value not seen before."""
        key = (kind, str(value))
        token = self._tokens.get(key)
        if token is None:
            token = self._tokens[key] = _token_for(len(self._tokens))
            self._added.append((*key, token))
        return token

    def take_added(self) -> list[tuple[str, str, str]]:
        """The (kind, value, token) rows handed out since the last call, to be stored."""
        added, self._added = self._added, []
        return added

    def save(self, connection: Connection) -> None:
        """Store the tokens handed out since loading (in the caller's transaction)."""
        added = self.take_added()
        if added:
            _dbapi(connection).executemany(insert_sql(FACET_TABLE, FACET_COLUMNS), added)

    def text(self, offer: _Offer) -> str:
        """The facet tokens of ``offer``, space-separated."""
        return " ".join(filter(None, [text(key(offer)) for key, text in self._texts]))

    def _make_text(self, kind: str, indexed: Callable[[Hashable], Iterable[str]],
                   key: Hashable) -> str:
        return " ".join(self.token(kind, value) for value in dict.fromkeys(indexed(key)))


# --- meta -------------------------------------------------------------------------------


def _table_exists(connection: Connection, name: str) -> bool:
    return connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
    ).first() is not None


def _meta(connection: Connection, key: str) -> str | None:
    if not _table_exists(connection, META_TABLE):
        return None
    row = connection.exec_driver_sql(
        f"SELECT value FROM {META_TABLE} WHERE key = ?", (key,)
    ).first()
    return None if row is None else str(row[0])


def _set_meta(connection: Connection, key: str, value: object) -> None:
    connection.exec_driver_sql(
        f"INSERT INTO {META_TABLE} (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, str(value)),
    )


def index_generation(connection: Connection) -> int:
    """A number that changes whenever the index content changes (for caches)."""
    value = _meta(connection, "generation")
    return int(value) if value is not None else 0


def _bump_generation(connection: Connection) -> None:
    _set_meta(connection, "generation", index_generation(connection) + 1)


# --- public API -------------------------------------------------------------------------


def ensure_index(connection: Connection) -> bool:
    """Create the index if it is missing or of an older layout; True if it was (re)built."""
    if _meta(connection, "index_version") == str(INDEX_VERSION):
        return False
    rebuild_index(connection)
    return True


def rebuild_index(connection: Connection) -> int:
    """Recreate the whole index from the directory tables; returns the number indexed."""
    with bulk_index(connection):
        # the index is empty at first: its facet tokens too
        return _index(connection, _collect(connection, None), FacetTokens())


Entries = list[tuple[str, tuple[str, ...], list[tuple[Any, ...]]]]
"""Rows to insert: (table, columns, rows) for each index table."""


@dataclass
class IndexRowBuilder:
    """The index rows of offers not stored yet, batch by batch, for an index emptied by
    :func:`bulk_index` (a sync's full apply builds them apart from the store)."""

    lookups: Lookups
    tokens: FacetTokens = field(default_factory=FacetTokens)  # the index is empty at first

    def entries(self, rows: Mapping[str, Sequence[tuple[Any, ...]]]) -> Entries:
        """The index rows of the offers in these directory rows (see
        :func:`offers_from_rows`), for the caller to insert: the facet tokens first handed
        out for them, then the FTS rows, the facts rows last."""
        entries = _entries(offers_from_rows(rows, self.lookups), self.tokens)
        return [(FACET_TABLE, FACET_COLUMNS, self.tokens.take_added()), *entries]


@contextmanager
def bulk_index(connection: Connection) -> Iterator[None]:
    """An empty index, to be filled inside the ``with`` block in the same transaction.

    For a rebuild and a sync's full apply, which index every offer once: big buffers while
    writing, the segments merged at the end.
    """
    for statement in _DROP:
        connection.exec_driver_sql(statement)
    for statement in _CREATE:
        connection.exec_driver_sql(statement)
    with _big_cache(connection), _big_hash(connection):
        yield
        # merge the segments written by the bulk insert into one b-tree: searching an index
        # left to automerge is as fast, but the next incremental sync then pays for merging
        # (bench/sync.py, 1 % changed: 4.1 -> 6.6 s; its index step 0.5 -> 1.6 s)
        for table in (FTS_TABLE, TITLE_FTS_TABLE):
            connection.exec_driver_sql(f"INSERT INTO {table} ({table}) VALUES ('optimize')")
    _set_meta(connection, "index_version", INDEX_VERSION)
    _bump_generation(connection)


def refresh_offers(connection: Connection, offer_ids: Iterable[str]) -> int:
    """Re-index exactly the offers with these stable ids; returns how many are indexed now.

    Ids no longer in the store (or no longer active) are dropped from the index. All given
    ids leave the index before any is written back, and a stale row holding an integer key
    that a new offer now has is dropped too, so the order of ids does not matter.
    """
    if ensure_index(connection):
        return _count(connection)  # a full rebuild has just indexed everything
    # sorted: the same set of ids writes the same index bytes whatever order it came in
    # (FTS5's segment layout depends on insert order; sync's kill tests compare bytes)
    ids = sorted(set(offer_ids))
    chunks = [ids[start:start + _CHUNK] for start in range(0, len(ids), _CHUNK)]
    for chunk in chunks:
        marks = ", ".join("?" * len(chunk))
        _drop(connection, f"SELECT pk FROM {FACTS_TABLE} WHERE offer_id IN ({marks})", chunk)
    indexed = 0
    lookups = read_lookups(connection)
    facet_tokens = FacetTokens.load(connection)  # values new to the index get new tokens
    for chunk in chunks:
        offers = _collect(connection, chunk, lookups)
        if offers:
            pks = [offer.pk for offer in offers]
            _drop(connection, f"SELECT pk FROM {FACTS_TABLE} WHERE pk IN "
                              f"({', '.join('?' * len(pks))})", pks)
            indexed += _index(connection, offers, facet_tokens)
    _bump_generation(connection)
    return indexed


def _drop(connection: Connection, select_pks: str, params: Sequence[object]) -> None:
    # the title table first: deleting from it reads the words to remove from offer_fts
    for table in (TITLE_FTS_TABLE, FTS_TABLE):
        connection.exec_driver_sql(
            f"DELETE FROM {table} WHERE rowid IN ({select_pks})", tuple(params))
    connection.exec_driver_sql(
        f"DELETE FROM {FACTS_TABLE} WHERE pk IN ({select_pks})", tuple(params))


def _count(connection: Connection) -> int:
    return int(connection.exec_driver_sql(f"SELECT count(*) FROM {FACTS_TABLE}").scalar_one())


@contextmanager
def _big_cache(connection: Connection) -> Iterator[None]:
    """A 64 MB page cache while bulk-writing the index (the default 2 MB thrashes)."""
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar_one()
    connection.exec_driver_sql("PRAGMA cache_size = -65536")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(before)}")


@contextmanager
def _big_hash(connection: Connection) -> Iterator[None]:
    """FTS5's in-memory buffer at :data:`_REBUILD_HASHSIZE` while bulk-writing (then the
    default again: the setting is stored in the index)."""

    def set_hashsize(size: int) -> None:
        for table in (FTS_TABLE, TITLE_FTS_TABLE):
            with suppress(DBAPIError):  # an SQLite without the option: only slower
                connection.exec_driver_sql(
                    f"INSERT INTO {table} ({table}, rank) VALUES ('hashsize', {int(size)})")

    set_hashsize(_REBUILD_HASHSIZE)
    try:
        yield
    finally:
        set_hashsize(_DEFAULT_HASHSIZE)


# --- collecting -------------------------------------------------------------------------


@dataclass(slots=True)
class _Offer:
    pk: int
    offer_id: str
    title: str
    summary: str | None
    description: str | None
    min_age: int | None
    max_age: int | None
    pregnancy: bool
    free: bool
    provider: str
    organization_id: str
    translations: list[str] = field(default_factory=list)
    provider_translations: list[str] = field(default_factory=list)
    contact_titles: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)  # ids
    topic_names: list[str] = field(default_factory=list)  # every language
    topic_german: list[str] = field(default_factory=list)
    towns: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    barrier_free: bool = False
    lat: float | None = None
    lon: float | None = None
    languages: list[str] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)
    life_phases: list[str] = field(default_factory=list)
    weekdays: int = 0


def _rows(connection: Connection, sql: str, ids: Sequence[str] | None, column: str
          ) -> Iterator[Any]:
    """Run ``sql`` (which ends in a WHERE clause) for all offers or only for ``ids``; all
    of them in insertion order (an index SQLite picks would order them by its key)."""
    cursor = _dbapi(connection).cursor()
    try:
        if ids is None:
            yield from cursor.execute(sql + " 1 ORDER BY rowid")
        else:
            marks = ", ".join("?" * len(ids))
            yield from cursor.execute(f"{sql} {column} IN ({marks})", tuple(ids))
    finally:
        cursor.close()


def _dbapi(connection: Connection) -> Any:
    """The sqlite3 connection under ``connection`` (same transaction): bulk reads and writes
    skip SQLAlchemy's per-row work, which costs seconds at 100,000 offers."""
    return connection.connection.driver_connection


@dataclass
class Lookups:
    """Provider, topic and place facts by id: small tables, read once per refresh."""

    providers: dict[str, tuple[str, list[str]]]  # organization id -> (name, translated names)
    topics: dict[str, list[str]]  # topic id -> names, the German one first
    places: dict[str, tuple[Any, ...]]  # location id -> (town, district, name, barrier_free,
    #                                      latitude, longitude)


def read_lookups(connection: Connection) -> Lookups:
    providers: dict[str, tuple[str, list[str]]] = {
        org_id: (name or "", []) for org_id, name in _rows(
            connection, "SELECT id, name FROM organization WHERE", None, "")}
    for org_id, text in _rows(connection, """
            SELECT entity_id, text FROM translation
            WHERE entity_type = 'organization' AND field = 'name' AND""", None, ""):
        if org_id in providers:
            providers[org_id][1].append(text)
    topics: dict[str, list[str]] = defaultdict(list)  # German name first
    for topic_id, name in _rows(connection, "SELECT id, name FROM topic WHERE", None, ""):
        topics[topic_id].append(name)
    for topic_id, text in _rows(connection, """
            SELECT entity_id, text FROM translation
            WHERE entity_type = 'topic' AND field = 'name' AND""", None, ""):
        topics[topic_id].append(text)
    places = {row[0]: row[1:] for row in _rows(connection, """
            SELECT id, town, district, name, barrier_free, latitude, longitude
            FROM location WHERE""", None, "")}
    return Lookups(providers, dict(topics), places)


@dataclass
class OfferRows:
    """What the index needs of some offers, as (offer id, value) pairs in insertion order.

    Why a plain shape: it is read from the store (:func:`_read_rows`) by a refresh or a
    rebuild; :func:`offers_from_rows` builds the same offers from rows not yet stored.
    """

    # (pk, id, title, summary, description, min_age, max_age, pregnancy, free,
    #  organization_id) of active offers
    offers: list[tuple[Any, ...]] = field(default_factory=list)
    translations: list[tuple[str, str]] = field(default_factory=list)  # titles, summaries
    topics: list[tuple[str, str]] = field(default_factory=list)  # topic ids
    contact_titles: list[tuple[str, str]] = field(default_factory=list)
    locations: list[tuple[str, str]] = field(default_factory=list)  # location ids
    languages: list[tuple[str, str]] = field(default_factory=list)
    target_groups: list[tuple[str, str]] = field(default_factory=list)
    life_phases: list[tuple[str, str]] = field(default_factory=list)
    schedules: list[tuple[str, str]] = field(default_factory=list)  # byday


# (OfferRows attribute, SQL up to its WHERE clause, column the ids filter); every query is
# in insertion order, as the rows of a sync are (ORDER BY appended by _read_rows)
_CHILD_QUERIES = (
    ("translations", "SELECT entity_id, text, rowid FROM translation WHERE entity_type = "
                     "'offer' AND field IN ('title', 'summary') AND", "entity_id"),
    ("topics", "SELECT offer_id, topic_id, rowid FROM offer_topic WHERE", "offer_id"),
    ("contact_titles", "SELECT offer_id, title, rowid FROM contact WHERE title IS NOT NULL "
                       "AND", "offer_id"),
    ("locations", "SELECT offer_id, location_id, rowid FROM service_at_location WHERE",
     "offer_id"),
    ("languages", "SELECT offer_id, language, rowid FROM offer_language WHERE", "offer_id"),
    ("target_groups", "SELECT offer_id, code, rowid FROM offer_target_group WHERE",
     "offer_id"),
    ("life_phases", "SELECT offer_id, code, rowid FROM offer_life_phase WHERE", "offer_id"),
    ("schedules", "SELECT offer_id, byday, rowid FROM schedule WHERE", "offer_id"),
)


def _read_rows(connection: Connection, ids: Sequence[str] | None) -> OfferRows:
    """The index's view of the offers with these stable ids (all offers for ``None``)."""
    found = OfferRows(offers=list(_rows(connection, """
            SELECT pk, id, title, summary, description, min_age, max_age, pregnancy, free,
                   organization_id
            FROM offer WHERE status = 'active' AND""", ids, "id")))
    if not found.offers:
        return found
    wanted = None if ids is None else [row[1] for row in found.offers]
    for attribute, sql, column in _CHILD_QUERIES:
        rows = sorted(_rows(connection, sql, wanted, column), key=itemgetter(2)) \
            if wanted is not None else _rows(connection, sql, None, column)
        getattr(found, attribute).extend((row[0], row[1]) for row in rows)
    return found


def _assemble(found: OfferRows, lookups: Lookups) -> list[_Offer]:
    """One :class:`_Offer` per active offer, from its rows and the small tables."""
    offers = {row[1]: _Offer(row[0], row[1], row[2], row[3], row[4], row[5], row[6],
                             bool(row[7]), bool(row[8]), "", row[9]) for row in found.offers}
    for attribute in ("translations", "topics", "contact_titles", "languages",
                      "target_groups", "life_phases"):
        for offer_id, value in getattr(found, attribute):
            offer = offers.get(offer_id)
            if offer is not None:
                getattr(offer, attribute).append(value)
    return _finish(offers, found.locations, found.schedules, lookups)


def offers_from_rows(rows: Mapping[str, Sequence[tuple[Any, ...]]],
                     lookups: Lookups) -> list[_Offer]:
    """What :func:`_assemble` gives for offers from directory rows about to be inserted:
    a full apply's batches, which index what they insert. ``rows`` are tuples as
    :func:`coesfeld_desktop.store.loader.collect_tuples` builds them, each offer row with
    its ``pk`` in front. The same values in the same order as reading the rows back
    (tests/sync/test_apply.py checks it)."""
    pk, oid, org, title, summary, text, status, low, high, pregnancy, free = _at(
        ("pk", *TABLE_COLUMNS["offer"]), "pk", "id", "organization_id", "title", "summary",
        "description", "status", "min_age", "max_age", "pregnancy", "free")
    offers = {row[oid]: _Offer(row[pk], row[oid], row[title], row[summary], row[text],
                               row[low], row[high], bool(row[pregnancy]), bool(row[free]), "",
                               row[org])
              for row in rows.get("offer", ()) if row[status] == "active"}
    get = offers.get
    kind, entity, field_at, value = _at(TABLE_COLUMNS["translation"], "entity_type", "entity_id",
                                        "field", "text")
    for row in rows.get("translation", ()):
        if row[kind] == "offer" and row[field_at] in ("title", "summary"):
            offer = get(row[entity])
            if offer is not None:
                offer.translations.append(row[value])
    owner, role = _at(TABLE_COLUMNS["contact"], "offer_id", "title")
    for row in rows.get("contact", ()):
        if row[role] is not None:
            offer = get(row[owner])
            if offer is not None:
                offer.contact_titles.append(row[role])
    for attribute, table, column in (("topics", "offer_topic", "topic_id"),
                                     ("languages", "offer_language", "language"),
                                     ("target_groups", "offer_target_group", "code"),
                                     ("life_phases", "offer_life_phase", "code")):
        owner, value = _at(TABLE_COLUMNS[table], "offer_id", column)
        for row in rows.get(table, ()):
            offer = get(row[owner])
            if offer is not None:
                getattr(offer, attribute).append(row[value])
    owner, place = _at(TABLE_COLUMNS["service_at_location"], "offer_id", "location_id")
    locations = [(row[owner], row[place]) for row in rows.get("service_at_location", ())]
    owner, days = _at(TABLE_COLUMNS["schedule"], "offer_id", "byday")
    schedules = [(row[owner], row[days]) for row in rows.get("schedule", ())]
    return _finish(offers, locations, schedules, lookups)


def _at(columns: Sequence[str], *names: str) -> list[int]:
    """Where ``names`` are in rows of these columns."""
    return [columns.index(name) for name in names]


def _finish(offers: dict[str, _Offer], locations: Iterable[tuple[str, str]],
            schedules: Iterable[tuple[str, str]], lookups: Lookups) -> list[_Offer]:
    """Places, weekdays, provider and topic names: what the offers take from elsewhere."""
    for offer_id, location_id in locations:
        offer = offers.get(offer_id)
        place = lookups.places.get(location_id)
        if offer is None or place is None:
            continue
        town = town_by_name(place[0])
        offer.towns.append(town.name if town else place[0])
        offer.places.extend(text for text in place[0:3] if text)
        offer.barrier_free = offer.barrier_free or bool(place[3])
        if offer.lat is None and place[4] is not None and place[5] is not None:
            offer.lat, offer.lon = float(place[4]), float(place[5])
    for offer_id, byday in schedules:
        offer = offers.get(offer_id)
        if offer is not None and byday:
            offer.weekdays |= weekday_mask(byday.split(","))
    for offer in offers.values():
        offer.provider, offer.provider_translations = lookups.providers.get(
            offer.organization_id, ("", []))
        names = [lookups.topics.get(topic_id, ()) for topic_id in offer.topics]
        offer.topic_names = [name for per_topic in names for name in per_topic]
        offer.topic_german = [per_topic[0] for per_topic in names if per_topic]
    return list(offers.values())


def _collect(connection: Connection, ids: Sequence[str] | None,
             lookups: Lookups | None = None) -> list[_Offer]:
    return _assemble(_read_rows(connection, ids), lookups or read_lookups(connection))


def weekday_mask(days: Iterable[str]) -> int:
    """Bits of ``WEEKDAYS`` codes ("MO".."SU"); unknown codes are ignored."""
    mask = 0
    for day in days:
        mask |= WEEKDAY_BITS.get(day.strip().upper()[-2:], 0)
    return mask


def town_mask(towns: Iterable[str]) -> int:
    mask = 0
    for name in towns:
        town = town_by_name(name)
        if town is not None:
            mask |= TOWN_BITS[town.name]
    return mask


def _bars(values: Iterable[str]) -> str:
    """``'|a|b|'``: a set as text that ``instr(column, '|a|')`` can test."""
    unique = list(dict.fromkeys(values))
    return "|" + "|".join(unique) + "|" if unique else ""


# --- writing ----------------------------------------------------------------------------


FACTS_COLUMNS = ("pk", "offer_id", "title_key", "towns", "town_mask", "min_age", "max_age",
                 "pregnancy", "free", "barrier_free", "languages", "topics", "target_groups",
                 "life_phases", "weekdays", "lat", "lon")


def insert_sql(table: str, columns: Sequence[str]) -> str:
    return (f"INSERT INTO {table} ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' * len(columns))})")


def _entries(offers: Sequence[_Offer], facet_tokens: FacetTokens) -> Entries:
    fts_rows, title_rows, facts_rows = _rows_for(offers, facet_tokens)
    return [(FTS_TABLE, ("rowid", *COLUMN_NAMES), fts_rows),
            (TITLE_FTS_TABLE, ("rowid", *TITLE_COLUMNS, "facets"), title_rows),
            (FACTS_TABLE, FACTS_COLUMNS, facts_rows)]


def _index(connection: Connection, offers: Sequence[_Offer], facet_tokens: FacetTokens
           ) -> int:
    """Write the index rows of ``offers``, and the facet tokens first handed out for them."""
    raw = _dbapi(connection)
    for start in range(0, len(offers), _WRITE_CHUNK):
        for table, columns, rows in _entries(offers[start:start + _WRITE_CHUNK],
                                             facet_tokens):
            raw.executemany(insert_sql(table, columns), rows)
    facet_tokens.save(connection)
    return len(offers)


@lru_cache(maxsize=65_536)
def _folded_repeated(text: str) -> str:
    """:func:`folded_join` for texts that repeat across offers (providers, topics, places)."""
    return folded_join(text)


@lru_cache(maxsize=65_536)
def _parts_repeated(text: str) -> str:
    return " ".join(compound_parts(tokens(text)))


def _rows_for(offers: Sequence[_Offer], facet_tokens: FacetTokens
              ) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Rows for ``offer_fts``, ``offer_title_fts`` and ``offer_facts``."""
    fts_rows = []
    title_rows = []
    facts_rows = []
    for offer in offers:
        title = tokens(offer.title)
        title_text = " ".join(title)
        # compound parts only from short German texts: other languages compound differently,
        # and summaries and descriptions would double the index for little gain
        title_parts = " ".join(compound_parts(title))
        translations = folded_join(" ".join(offer.translations))
        topics = _folded_repeated(" ".join(offer.topic_names))
        facets = facet_tokens.text(offer)
        fts_rows.append((
            offer.pk,
            title_text,
            folded_join(offer.summary or ""),
            folded_join(" ".join(filter(None, (offer.description, *offer.contact_titles)))),
            translations,
            title_parts,
            _parts_repeated(" ".join((offer.provider, *offer.topic_german,
                                      *offer.contact_titles))),
            _folded_repeated(" ".join((offer.provider, *offer.provider_translations))),
            topics,
            _folded_repeated(" ".join(dict.fromkeys(offer.places))),
            facets,
        ))
        title_rows.append((offer.pk, title_text, title_parts, translations, topics, facets))
        facts_rows.append((
            offer.pk, offer.offer_id, fold(offer.title).strip(), _bars(offer.towns),
            town_mask(offer.towns), offer.min_age, offer.max_age, int(offer.pregnancy),
            int(offer.free), int(offer.barrier_free), _bars(offer.languages),
            _bars(offer.topics), _bars(offer.target_groups), _bars(offer.life_phases),
            offer.weekdays, offer.lat, offer.lon,
        ))
    return fts_rows, title_rows, facts_rows
