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
The package, by concern: :mod:`.tables` (names, columns, SQL, :data:`INDEX_VERSION`),
:mod:`.facets`, :mod:`.meta` (version, generation), :mod:`.rows` (reading offers),
:mod:`.writer` (index rows), :mod:`.words` (the word list with its counts), :mod:`.build`
(rebuild and refresh), :mod:`.tuning` (bulk-write settings). Callers use the names below.
"""

from coesfeld_desktop.search.index.build import (
    IndexRowBuilder,
    bulk_index,
    ensure_index,
    index_current,
    rebuild_index,
    refresh_offers,
)
from coesfeld_desktop.search.index.facets import NO_FACET, FacetTokens
from coesfeld_desktop.search.index.meta import index_generation
from coesfeld_desktop.search.index.rows import OfferTables, read_lookups
from coesfeld_desktop.search.index.tables import (
    BM25_WEIGHTS,
    COLUMN_NAMES,
    COLUMNS,
    FACET_TABLE,
    FACTS_TABLE,
    FTS_TABLE,
    INDEX_VERSION,
    PREFIX_LENGTHS,
    TITLE_COLUMNS,
    TITLE_FTS_TABLE,
    TITLE_INDEX,
    VOCAB_TABLE,
    WORDS_TABLE,
    insert_sql,
)
from coesfeld_desktop.search.index.words import WordCounts, read_words
from coesfeld_desktop.search.index.writer import town_mask

__all__ = [
    "BM25_WEIGHTS",
    "COLUMNS",
    "COLUMN_NAMES",
    "FACET_TABLE",
    "FACTS_TABLE",
    "FTS_TABLE",
    "INDEX_VERSION",
    "NO_FACET",
    "PREFIX_LENGTHS",
    "TITLE_COLUMNS",
    "TITLE_FTS_TABLE",
    "TITLE_INDEX",
    "VOCAB_TABLE",
    "WORDS_TABLE",
    "FacetTokens",
    "IndexRowBuilder",
    "OfferTables",
    "WordCounts",
    "bulk_index",
    "ensure_index",
    "index_current",
    "index_generation",
    "insert_sql",
    "read_lookups",
    "read_words",
    "rebuild_index",
    "refresh_offers",
    "town_mask",
]
