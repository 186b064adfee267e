"""The floor of a full sync: what writing the same rows costs SQLite with nothing else to do.

    python bench/sync_floor.py EXPORT.zip SYNCED.sqlite3 WORK_DIR     # prints JSON

``bench/sync.py`` runs it in a child process after its full apply and prints the ratio of the
full apply to it. What the floor does (issue 19):

* **reading**: unzip every member of the export, SHA-256 over it, one ``orjson`` parse of
  every record line;
* **tables**: the rows the sync stored (read beforehand from ``SYNCED``, one table at a time,
  not timed) bulk-inserted with ``executemany`` into a fresh SQLite file in one transaction,
  with the same page size, journal and 64 MB page cache as a full apply, foreign keys off;
* **indexes**: the secondary indexes created afterwards;
* **FTS**: ``offer_fts`` filled in one pass (its rows as stored, 16 MB FTS5 buffer) and
  merged once;
* **title FTS**: ``offer_title_fts`` (external content) filled by one INSERT ... SELECT
  from ``offer_fts`` and merged once;
* the commit.

Times are CPU (``process_time``) and wall, summed over the timed parts only. The floor
builds no row and no index text in Python, checks nothing and keeps no second copy: a sync
cannot go below it, so ``full / floor`` says what the sync's own work costs.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson

FTS_TABLES = ("offer_fts", "offer_title_fts")
FETCH = 20_000  # rows read from the synced store per executemany


class Clock:
    """CPU and wall seconds per named part; only what runs inside :meth:`part` counts."""

    def __init__(self) -> None:
        self.cpu: dict[str, float] = {}
        self.wall: dict[str, float] = {}

    @contextmanager
    def part(self, name: str) -> Iterator[None]:
        cpu, wall = time.process_time(), time.perf_counter()
        try:
            yield
        finally:
            self.cpu[name] = self.cpu.get(name, 0.0) + time.process_time() - cpu
            self.wall[name] = self.wall.get(name, 0.0) + time.perf_counter() - wall


def read_export(export: Path, clock: Clock) -> int:
    """Unzip, hash and parse every line once; returns the number of records."""
    records = 0
    with clock.part("reading"), zipfile.ZipFile(export) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            hashlib.sha256(data).hexdigest()
            if name.endswith(".jsonl") or name.endswith(".ndjson"):
                for line in data.splitlines():
                    if line.strip():
                        orjson.loads(line)
                        records += 1
            elif name.endswith(".json"):
                orjson.loads(data)
    return records


def _schema(synced: sqlite3.Connection) -> tuple[list[tuple[str, str]], list[str], list[str]]:
    """Plain tables (name, CREATE), secondary indexes (CREATE) and FTS tables (CREATE)."""
    rows = synced.execute("SELECT type, name, tbl_name, sql FROM sqlite_master "
                          "WHERE sql IS NOT NULL ORDER BY rowid").fetchall()
    shadow = tuple(f"{name}_" for name in FTS_TABLES)
    tables = [(name, sql) for kind, name, _table, sql in rows
              if kind == "table" and name not in FTS_TABLES and not name.startswith(shadow)
              and not sql.upper().startswith("CREATE VIRTUAL")]
    indexes = [sql for kind, _name, table, sql in rows
               if kind == "index" and not table.startswith(shadow)]
    fts = [sql for kind, name, _table, sql in rows if kind == "table" and name in FTS_TABLES]
    return tables, indexes, fts


def _chunks(synced: sqlite3.Connection, sql: str) -> Iterator[list[tuple[Any, ...]]]:
    cursor = synced.execute(sql)
    while rows := cursor.fetchmany(FETCH):
        yield rows


def write_store(synced_path: Path, target: Path, clock: Clock) -> int:
    """The sync's rows into a fresh file, the floor's way; returns the rows written."""
    synced = sqlite3.connect(synced_path)
    tables, indexes, fts = _schema(synced)
    page_size = synced.execute("PRAGMA page_size").fetchone()[0]
    target.unlink(missing_ok=True)
    fresh = sqlite3.connect(target, isolation_level=None)
    fresh.execute(f"PRAGMA page_size = {int(page_size)}")
    fresh.execute("PRAGMA journal_mode = WAL")
    fresh.execute("PRAGMA synchronous = NORMAL")
    fresh.execute("PRAGMA foreign_keys = OFF")
    fresh.execute("PRAGMA cache_size = -65536")
    written = 0
    timed: Callable[[str], Any] = clock.part
    with timed("tables"):
        fresh.execute("BEGIN")
        for _name, sql in tables:
            fresh.execute(sql)
    for name, _sql in tables:
        columns = [row[1] for row in synced.execute(f'PRAGMA table_info("{name}")')]
        insert = (f'INSERT INTO "{name}" VALUES ({", ".join("?" * len(columns))})')
        for rows in _chunks(synced, f'SELECT * FROM "{name}"'):
            with timed("tables"):
                fresh.executemany(insert, rows)
            written += len(rows)
    with timed("indexes"):
        for sql in indexes:
            fresh.execute(sql)
    with timed("fts"):
        fresh.execute(fts[0])
        fresh.execute("INSERT INTO offer_fts (offer_fts, rank) VALUES ('hashsize', 16777216)")
    columns = [row[1] for row in synced.execute("PRAGMA table_info(offer_fts)")]
    insert = (f"INSERT INTO offer_fts (rowid, {', '.join(columns)}) "
              f"VALUES ({', '.join('?' * (len(columns) + 1))})")
    for rows in _chunks(synced, f"SELECT rowid, {', '.join(columns)} FROM offer_fts"):
        with timed("fts"):
            fresh.executemany(insert, rows)
    with timed("fts"):
        fresh.execute("INSERT INTO offer_fts (offer_fts) VALUES ('optimize')")
    title_columns = ", ".join(row[1] for row in synced.execute(
        "PRAGMA table_info(offer_title_fts)"))
    with timed("title_fts"):
        fresh.execute(fts[1])
        fresh.execute("INSERT INTO offer_title_fts (offer_title_fts, rank) "
                      "VALUES ('hashsize', 16777216)")
        fresh.execute(f"INSERT INTO offer_title_fts (rowid, {title_columns}) "
                      f"SELECT rowid, {title_columns} FROM offer_fts")
        fresh.execute("INSERT INTO offer_title_fts (offer_title_fts) VALUES ('optimize')")
    with timed("commit"):
        fresh.execute("COMMIT")
    fresh.close()
    synced.close()
    return written


def floor(export: Path, synced: Path, work: Path) -> dict[str, Any]:
    clock = Clock()
    records = read_export(export, clock)
    rows = write_store(synced, work / "floor.sqlite3", clock)
    for suffix in ("", "-wal", "-shm"):
        (work / f"floor.sqlite3{suffix}").unlink(missing_ok=True)
    return {"cpu": sum(clock.cpu.values()), "wall": sum(clock.wall.values()),
            "parts_cpu": clock.cpu, "parts_wall": clock.wall, "records": records,
            "rows": rows}


if __name__ == "__main__":
    print(json.dumps(floor(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))))
