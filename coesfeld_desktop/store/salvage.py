"""Reading the user's own rows out of a damaged database, and writing them into a new one.

Why two readers: SQLite reads a table as long as the schema and the table's pages are sound,
and it stops at the first damaged page. When the schema itself is unreadable (a file cut off
half-way loses the schema pages written last, although the user tables' early pages are
intact), SQLite reads nothing at all. The second reader, ``dissect.database`` (a maintained,
pure-Python reader of the SQLite file format, Apache-2.0, works on Windows without the
``sqlite3`` shell), walks the schema b-tree and then each user table's b-tree page by page,
skipping every page it cannot read — the same idea as SQLite's ``.recover``. For each table
the reader that found more rows wins.
"""

from __future__ import annotations

import io
import logging
import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coesfeld_desktop.store.schema import USER_TABLES

log = logging.getLogger(__name__)


@dataclass
class Salvage:
    """User rows read from a damaged file: table -> rows, and tables not (fully) readable."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    unreadable: list[str] = field(default_factory=list)
    page_level: list[str] = field(default_factory=list)  # tables read page by page

    def count(self, table: str) -> int:
        return len(self.rows.get(table, []))


def _connect_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)


def _read_with_sqlite(path: Path, table: str) -> tuple[list[dict[str, Any]], bool]:
    """The table's rows as SQLite reads them; True if it read to the end."""
    rows: list[dict[str, Any]] = []
    try:
        connection = _connect_read_only(path)
    except sqlite3.Error:
        return rows, False
    try:
        cursor = connection.execute(f'SELECT * FROM "{table}"')
        names = [column[0] for column in cursor.description]
        for row in cursor:
            rows.append(dict(zip(names, row, strict=True)))
        return rows, True
    except sqlite3.Error as error:
        log.warning("salvage of table %s stopped after %d rows: %s", table, len(rows),
                    type(error).__name__)
        return rows, False
    finally:
        connection.close()


# --- page level -------------------------------------------------------------------------------


_MAGIC = b"SQLite format 3\0"
_TABLE_LEAF = 0x0D  # the b-tree page type that holds a table's rows
_INDEX_INTERIOR = 0x02  # an index b-tree's inner page: in a WITHOUT ROWID table, rows too
_WITHOUT_ROWID = re.compile(r"\)\s*WITHOUT\s+ROWID\s*;?\s*$", re.IGNORECASE)
_DATETIME = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?")
# A stand-in file header: page size 4096 (SQLite's default, which the app never changes),
# no reserved bytes, the standard payload fractions, UTF-8; page count 0 means "unknown".
_HEADER = (_MAGIC + (4096).to_bytes(2, "big") + bytes([1, 1, 0, 64, 32, 32])
           + bytes(20) + (4).to_bytes(4, "big") + bytes(8) + (1).to_bytes(4, "big") + bytes(40))
assert len(_HEADER) == 100


class _PageReader:
    """The tolerant b-tree walk over a file SQLite no longer opens."""

    def __init__(self, path: Path) -> None:
        from dissect.database.sqlite3.sqlite3 import SQLite3  # noqa: PLC0415 - start-up time: only when recovering

        data = path.read_bytes()
        self._size = len(data)
        if not data.startswith(_MAGIC):  # the header is lost: assume the app's own settings
            data = _HEADER + data[len(_HEADER):]
        wal = path.with_name(path.name + "-wal")
        wal_data = wal.read_bytes() if wal.is_file() else b""
        try:  # with the committed pages of the WAL, as SQLite would read them
            self._file = SQLite3(io.BytesIO(data), wal=io.BytesIO(wal_data) if wal_data else None)
        except Exception:  # a damaged WAL: read the file alone
            if not wal_data:
                raise
            self._file = SQLite3(io.BytesIO(data))
        self.damaged_pages = 0

    def cells(self, page_number: int, seen: set[int] | None = None) -> Iterator[Any]:
        """Every readable leaf cell under ``page_number``; damaged subtrees are skipped."""
        seen = set() if seen is None else seen
        if page_number in seen or page_number < 1:
            return
        seen.add(page_number)
        try:
            page = self._file.page(page_number)
            leaf = page.right_page is None
            cells = list(page.cells())
        except Exception:  # any unreadable page is skipped, not fatal
            self.damaged_pages += 1
            return
        holds_rows = leaf or page.header.flags == _INDEX_INTERIOR
        for cell in cells:
            if not leaf:
                yield from self.cells(int(cell.left_page), seen)
            if holds_rows:  # an index b-tree (a WITHOUT ROWID table) keeps rows inside too
                yield cell
        if not leaf:
            yield from self.cells(int(page.right_page), seen)

    def schema(self, wanted: Iterable[str] = ()) -> dict[str, tuple[int, str]]:
        """Table name -> (root page, CREATE statement), as far as the schema is readable.

        The schema b-tree is walked from page 1; if that misses one of ``wanted`` (page 1 or
        a schema page is damaged), every page of the file is searched for schema rows, which
        are easy to recognise: ("table", name, name, root page, "CREATE TABLE ...").
        """
        tables = self._schema_rows(self.cells(1))
        if any(name not in tables for name in wanted):
            for name, entry in self._schema_rows(self._every_leaf_cell()).items():
                tables.setdefault(name, entry)
        return tables

    @staticmethod
    def _schema_rows(cells: Iterable[Any]) -> dict[str, tuple[int, str]]:
        tables: dict[str, tuple[int, str]] = {}
        for cell in cells:
            try:
                values = list(cell.values)
            except Exception:  # a damaged record: skip it
                continue
            if len(values) != 5:
                continue
            kind, name, table, root, sql = values
            if (kind == "table" and name == table and isinstance(root, int) and root > 1
                    and isinstance(sql, str) and sql.upper().startswith("CREATE TABLE")):
                tables[str(name)] = (root, sql)
        return tables

    def every_table_row(self) -> Iterator[Any]:
        return self._every_leaf_cell()

    def _every_leaf_cell(self) -> Iterator[Any]:
        """Every readable cell of every table leaf page (page 1 is the schema's own)."""
        pages = max(1, self._size // self._file.page_size)
        for number in range(2, pages + 1):
            try:
                page = self._file.page(number)
                if page.header.flags != _TABLE_LEAF:
                    continue
                cells = list(page.cells())
            except Exception:  # a free, overflow or damaged page: not a leaf to read
                continue
            yield from cells

    def rows(self, root: int, columns: list[str], rowid_column: str | None) -> list[dict[str, Any]]:
        """The rows under ``root``; ``columns`` in the order the records hold them."""
        found: dict[object, dict[str, Any]] = {}
        for cell in self.cells(root):
            try:
                values = list(cell.values)
                # a WITHOUT ROWID table's record has no rowid: the row is its own key
                rowid = tuple(values) if cell.key is None else int(cell.key)
            except Exception:  # a damaged record: skip it
                self.damaged_pages += 1
                continue
            values += [None] * (len(columns) - len(values))
            row = dict(zip(columns, values[:len(columns)], strict=True))
            if rowid_column is not None:
                row[rowid_column] = rowid  # SQLite stores an INTEGER PRIMARY KEY as the rowid
            found[rowid] = row
        return list(found.values())


def _columns(sql: str) -> tuple[list[str], str | None]:
    """Column names of a CREATE TABLE statement in the order its records hold them, and the
    one that is the rowid (if any). A WITHOUT ROWID table's records hold the key's columns
    first, in the key's order, then the others."""
    memory = sqlite3.connect(":memory:")
    try:
        memory.execute(sql)
        name = sql.split("(", 1)[0].split()[-1].strip('"')
        info = memory.execute(f'PRAGMA table_info("{name}")').fetchall()
    finally:
        memory.close()
    columns = [row[1] for row in info]
    keys = [row for row in info if row[5]]
    if _WITHOUT_ROWID.search(sql):
        return [row[1] for row in sorted(keys, key=lambda row: row[5])] + [
            row[1] for row in info if not row[5]], None
    rowid = keys[0][1] if len(keys) == 1 and str(keys[0][2]).upper() == "INTEGER" else None
    return columns, rowid


@dataclass(frozen=True)
class _Shape:
    """What a row of a table looks like on disk: per column a kind and "may be NULL"."""

    columns: tuple[str, ...]
    kinds: tuple[str, ...]  # rowid, int, bool, real, datetime, text
    nullable: tuple[bool, ...]

    def matches(self, values: list[Any]) -> bool:
        return len(values) == len(self.columns) and all(
            _fits(kind, nullable, value)
            for kind, nullable, value in zip(self.kinds, self.nullable, values, strict=True))


def _fits(kind: str, nullable: bool, value: Any) -> bool:
    if kind == "rowid":  # an INTEGER PRIMARY KEY is stored as NULL, its value is the key
        return value is None
    if value is None:
        return nullable
    if kind == "int":
        return isinstance(value, int)
    if kind == "bool":
        return value in (0, 1) and isinstance(value, int)
    if kind == "real":
        return isinstance(value, int | float)
    if kind == "datetime":
        return isinstance(value, str) and _DATETIME.fullmatch(value) is not None
    return isinstance(value, str)


def _kind(declared: str) -> str:
    declared = declared.upper()
    for word, kind in (("BOOL", "bool"), ("INT", "int"), ("DATETIME", "datetime"),
                       ("DATE", "datetime"), ("FLOAT", "real"), ("REAL", "real")):
        if word in declared:
            return kind
    return "text"


def _current_shapes() -> dict[str, _Shape]:
    """Every table of today's schema (from the frozen migrations) with its row shape."""
    from coesfeld_desktop.store.migrations import MIGRATIONS, statements  # noqa: PLC0415 - start-up time: only when recovering

    memory = sqlite3.connect(":memory:")
    try:
        for migration in MIGRATIONS:
            for statement in statements(migration.sql):
                memory.execute(statement)
        names = [row[0] for row in memory.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")]
        shapes = {}
        for name in names:
            info = memory.execute(f'PRAGMA table_info("{name}")').fetchall()
            keys = [row for row in info if row[5]]
            rowid = keys[0][1] if len(keys) == 1 and str(keys[0][2]).upper() == "INTEGER" \
                else None
            shapes[name] = _Shape(
                tuple(row[1] for row in info),
                tuple("rowid" if row[1] == rowid else _kind(str(row[2])) for row in info),
                tuple(not row[3] for row in info))
        return shapes
    finally:
        memory.close()


def _rows_by_shape(reader: _PageReader, tables: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Rows of ``tables`` (whose schema rows are lost) recognised by their shape alone.

    Only a table whose shape no other table of the schema shares is searched for (a note:
    three texts and a time; a Gesprächsliste entry: number, two texts, number, time), so a
    row of the directory is never taken for user data.
    """
    shapes = _current_shapes()
    counts: dict[tuple[str, ...], int] = {}
    for shape in shapes.values():
        counts[shape.kinds] = counts.get(shape.kinds, 0) + 1
    wanted = {t: shapes[t] for t in tables if t in shapes and counts[shapes[t].kinds] == 1}
    found: dict[str, dict[int, dict[str, Any]]] = {t: {} for t in wanted}
    if not wanted:
        return {}
    for cell in reader.every_table_row():
        try:
            values, key = list(cell.values), int(cell.key)
        except Exception:  # a damaged record: skip it
            continue
        for table, shape in wanted.items():
            if shape.matches(values):
                row = dict(zip(shape.columns, values, strict=True))
                for column, kind in zip(shape.columns, shape.kinds, strict=True):
                    if kind == "rowid":
                        row[column] = key
                found[table][key] = row
    return {table: list(rows.values()) for table, rows in found.items() if rows}


def _read_pages(path: Path, tables: list[str]) -> dict[str, tuple[list[dict[str, Any]], bool]]:
    """Each of ``tables`` read page by page: rows, and True if no page of it was damaged.
    A table whose schema row is lost is missing from the result."""
    try:
        reader = _PageReader(path)
    except Exception as error:  # not even the header: nothing to read
        log.warning("page-level salvage impossible: %s", type(error).__name__)
        return {}
    schema = reader.schema(tables)
    found: dict[str, tuple[list[dict[str, Any]], bool]] = {}
    for table in tables:
        if table not in schema:
            continue
        root, sql = schema[table]
        try:
            columns, rowid = _columns(sql)
        except sqlite3.Error:
            continue
        damaged_before = reader.damaged_pages
        rows = reader.rows(root, columns, rowid)
        found[table] = rows, reader.damaged_pages == damaged_before
    lost = [table for table in tables if table not in schema]
    if lost:  # never complete: a shape search cannot know what it missed
        for table, rows in _rows_by_shape(reader, lost).items():
            found[table] = rows, False
    if reader.damaged_pages:
        log.warning("page-level salvage skipped %d damaged pages", reader.damaged_pages)
    return found


def salvage_user_tables(path: Path, tables: Iterable[str] = USER_TABLES) -> Salvage:
    """Read what is still readable of ``tables``: with SQLite, then page by page.

    A table SQLite read to the end is complete. For any other, the page-level reader tries
    too, and the larger result is kept. A table is reported as not fully readable (so the
    user hears that part of it may be missing) unless one of the readers read all its pages.
    """
    salvage = Salvage()
    incomplete: list[str] = []
    for table in tables:
        rows, complete = _read_with_sqlite(path, table)
        salvage.rows[table] = rows
        if not complete:
            incomplete.append(table)
    if incomplete:
        pages = _read_pages(path, incomplete)
        for table in incomplete:
            rows, complete = pages.get(table, ([], False))
            if len(rows) > len(salvage.rows[table]) or (complete and rows):
                salvage.rows[table] = rows
                salvage.page_level.append(table)
            if not complete:
                salvage.unreadable.append(table)
    return salvage


def restore(connection: Any, salvage: Salvage) -> dict[str, int]:
    """Insert salvaged rows into the new database's (same-named) tables; returns counts.

    Columns the new schema does not know are dropped; a row the new schema refuses (a NOT
    NULL column the damaged file lost, a duplicate key) is skipped, never fatal.
    """
    from sqlalchemy import text  # noqa: PLC0415 - start-up time: only when recovering

    restored: dict[str, int] = {}
    list_ids = {row.get("id") for row in salvage.rows.get("saved_list", [])}
    for table in USER_TABLES:
        rows = salvage.rows.get(table, [])
        if table == "saved_list_entry":  # an entry without its list would break the FK
            rows = [row for row in rows if row.get("list_id") in list_ids]
        columns = [r[1] for r in connection.exec_driver_sql(f'PRAGMA table_info("{table}")')]
        count = 0
        for row in rows:
            keys = [key for key in columns if key in row]
            if not keys:
                continue
            column_list = ", ".join(f'"{key}"' for key in keys)
            values = ", ".join(f":{key}" for key in keys)
            statement = text(f'INSERT OR IGNORE INTO "{table}" ({column_list}) VALUES ({values})')
            # OR IGNORE also skips a row that breaks NOT NULL (a value the damage took)
            count += connection.execute(statement, {k: row[k] for k in keys}).rowcount
        restored[table] = count
    return restored
