"""Settings that make bulk-writing the index fast, and are reset afterwards."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from coesfeld_desktop.search.index.tables import FTS_TABLE, SqlConnection, dbapi

# FTS5 keeps this much of new index data in memory before writing a segment (default 1 MB):
# fewer, larger segments to merge make the FTS part of a rebuild at 100,000 offers
# ~40 % faster (16 MB: as fast as 64 or 256 MB on the bench).
# Only while rebuilding; afterwards the default again (a sync's long refresh stays flat).
# Only for offer_fts: the title table's rows are a fraction of its rows, and at 16 MB its
# buffer held about 20 MB of a full sync's peak memory at 100,000 offers for no CPU that
# could be measured (1, 4 and 16 MB interleaved), so it keeps the default.
_REBUILD_HASHSIZE = 16 * 1024 * 1024
_DEFAULT_HASHSIZE = 1024 * 1024
_BIG_HASH_TABLES = (FTS_TABLE,)


@contextmanager
def big_cache(connection: SqlConnection) -> Iterator[None]:
    """A 32 MB page cache while bulk-writing the index (the default 2 MB thrashes; 64 MB
    cost a full sync at 100,000 offers 34 MB more peak memory for no CPU it saved)."""
    raw = dbapi(connection)
    before = raw.execute("PRAGMA cache_size").fetchone()[0]
    raw.execute("PRAGMA cache_size = -32768")
    try:
        yield
    finally:
        raw.execute(f"PRAGMA cache_size = {int(before)}")


@contextmanager
def big_hash(connection: SqlConnection) -> Iterator[None]:
    """FTS5's in-memory buffer of :data:`_BIG_HASH_TABLES` at :data:`_REBUILD_HASHSIZE`
    while bulk-writing (then the default again: the setting is stored in the index)."""

    def set_hashsize(size: int) -> None:
        for table in _BIG_HASH_TABLES:
            with suppress(sqlite3.Error):  # an SQLite without the option: only slower
                dbapi(connection).execute(
                    f"INSERT INTO {table} ({table}, rank) VALUES ('hashsize', {int(size)})")

    set_hashsize(_REBUILD_HASHSIZE)
    try:
        yield
    finally:
        set_hashsize(_DEFAULT_HASHSIZE)
