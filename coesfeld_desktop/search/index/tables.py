"""The index's tables: names, FTS columns and weights, how FTS5 stores words, the SQL that
creates and drops them, and :data:`INDEX_VERSION`, which changes whenever the layout or the
folding changes (then :func:`~coesfeld_desktop.search.index.build.ensure_index` rebuilds)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeAlias, cast

if TYPE_CHECKING:  # the search runs on plain sqlite3 connections: no SQLAlchemy at start-up
    from sqlalchemy import Connection

# where the index is read or written: a SQLAlchemy connection (inside a sync's or a
# rebuild's transaction) or a plain sqlite3 one (the search, see Database.connection)
SqlConnection: TypeAlias = "Connection | sqlite3.Connection"

INDEX_VERSION = 13  # 13: an age range's last year no longer adds a stage (domain.stages)

FTS_TABLE = "offer_fts"
TITLE_FTS_TABLE = "offer_title_fts"  # the title-tier columns alone (see the module docstring)
VOCAB_TABLE = "offer_fts_vocab"
WORDS_TABLE = "offer_words"  # every indexed term with its counts (see words.py)
FACTS_TABLE = "offer_facts"
META_TABLE = "search_meta"
FACET_TABLE = "offer_facet"  # filter value -> facet token (see FacetTokens)
DATES_TABLE = "offer_date"  # the dates of courses and events, for the date filter
TITLE_INDEX = f"ix_{FACTS_TABLE}_title"  # offers in title order: browsing without words

# FTS columns in order, with their bm25 weights: title ≫ summary ≫ description.
COLUMNS: tuple[tuple[str, float], ...] = (
    ("title", 10.0),
    ("summary", 4.0),
    ("description", 1.0),
    ("title_translations", 8.0),  # the title in every other language
    ("translations", 3.0),  # summaries in every other language
    ("title_parts", 5.0),  # later parts of compound words in the title ("cafe" in "sprachcafe")
    ("parts", 1.5),  # ... in summary, provider, topic names and contact roles
    ("provider", 2.0),
    ("topics", 3.0),  # topic names in every language
    ("place", 2.0),  # towns, districts, location names
    ("title_stems", 6.0),  # stems of the title words in every language (word_forms)
    ("stems", 1.5),  # ... of the summaries and topic names
    ("facets", 0.0),  # filter facts as tokens nobody can type (FacetTokens); no weight
)
COLUMN_NAMES = tuple(name for name, _weight in COLUMNS)
# where a match puts an offer in the first tier of a broad search: its title in any language
TITLE_COLUMNS = ("title", "title_parts", "title_translations", "topics", "title_stems")
BM25_WEIGHTS = ", ".join(f"{weight:g}" for _name, weight in COLUMNS)


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

CREATE = (
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
    f"""CREATE TABLE {WORDS_TABLE} (
        term TEXT PRIMARY KEY, docs INTEGER NOT NULL, parts INTEGER NOT NULL) WITHOUT ROWID""",
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
        lat REAL, lon REAL,              -- first location
        ends_on INTEGER                  -- a course's last day (date.toordinal()); NULL: never
    )""",
    # one row per date of an offer's finite dated schedules (domain.course_dates)
    f"""CREATE TABLE {DATES_TABLE} (
        pk INTEGER NOT NULL, day INTEGER NOT NULL,  -- offer.pk, date.toordinal()
        PRIMARY KEY (pk, day)) WITHOUT ROWID""",
    f"CREATE INDEX ix_{DATES_TABLE}_day ON {DATES_TABLE} (day, pk)",
    f"CREATE INDEX {TITLE_INDEX} ON {FACTS_TABLE} (title_key, offer_id)",
)
# "main.": with another database attached (a sync's prebuilt file), an unqualified name
# missing from main would name that database's table
DROP = (
    f"DROP TABLE IF EXISTS main.{VOCAB_TABLE}",
    f"DROP TABLE IF EXISTS main.{FTS_TABLE}",
    f"DROP TABLE IF EXISTS main.{TITLE_FTS_TABLE}",
    f"DROP TABLE IF EXISTS main.{FACTS_TABLE}",
    f"DROP TABLE IF EXISTS main.{FACET_TABLE}",
    f"DROP TABLE IF EXISTS main.{DATES_TABLE}",
    f"DROP TABLE IF EXISTS main.{WORDS_TABLE}",
)


FACTS_COLUMNS = ("pk", "offer_id", "title_key", "towns", "town_mask", "min_age", "max_age",
                 "pregnancy", "free", "barrier_free", "languages", "topics", "target_groups",
                 "life_phases", "weekdays", "lat", "lon", "ends_on")
DATES_COLUMNS = ("pk", "day")


def insert_sql(table: str, columns: Sequence[str]) -> str:
    return (f"INSERT INTO {table} ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' * len(columns))})")


def dbapi(connection: SqlConnection) -> sqlite3.Connection:
    """The sqlite3 connection under ``connection`` (same transaction): bulk reads and writes
    skip SQLAlchemy's per-row work, which costs seconds at 100,000 offers."""
    if isinstance(connection, sqlite3.Connection):
        return connection
    return cast(sqlite3.Connection, connection.connection.driver_connection)
