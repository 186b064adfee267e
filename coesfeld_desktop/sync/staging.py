"""Bulk writes that let Python build the next batch while SQLite stores the last one.

Why: a full apply of 100,000 offers is about half Python (parsing, building rows and index
texts) and half SQLite (b-tree and index upkeep, FTS5 tokenising). ``executemany`` cannot
overlap them: it binds every row under the GIL, and SQLite releases the GIL for every row
and must wait to get it back. Here each table's share of a batch becomes one JSON array
(``orjson``, in C), and a worker thread inserts it with one ``INSERT ... SELECT ... FROM
json_each(?)``: a single SQLite call that runs without the GIL while the caller builds the
next batch. Same connection, same transaction: the caller waits for the worker before it
touches the connection again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType
from typing import Any

import orjson

Execute = Callable[[str, Sequence[Any]], None]
"""Runs one SQL statement with parameters on the connection of the transaction."""

Insert = tuple[str, str]
"""An ``INSERT ... FROM json_each(?)`` statement and its JSON array (json_each walks an
array in order, so rows keep their order)."""


def tuple_insert(table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> Insert:
    """Rows given as tuples in the order of ``columns``."""
    values = ", ".join(f"json_extract(value, '$[{index}]')" for index in range(len(columns)))
    return (f"INSERT INTO {table} ({', '.join(columns)}) SELECT {values} "
            f"FROM json_each(?)", orjson.dumps(rows).decode())


def dict_insert(table: str, columns: Sequence[str], constants: dict[str, Any],
                rows: Sequence[dict[str, Any]], convert: Callable[[Any], Any]) -> Insert:
    """Rows given as dicts holding ``columns``; ``constants`` fill the other columns (their
    defaults), ``convert`` turns values JSON has no type for (dates) into stored values."""
    values = [f"json_extract(value, '$.\"{name}\"')" for name in columns]
    values += [_literal(value) for value in constants.values()]
    names = [*columns, *constants]
    return (f"INSERT INTO \"{table}\" ({', '.join(names)}) SELECT {', '.join(values)} "
            f"FROM json_each(?)",
            orjson.dumps(rows, default=convert, option=orjson.OPT_PASSTHROUGH_DATETIME).decode())


def _literal(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


class StagedWriter:
    """Runs each batch's inserts on a worker thread while the caller builds the next.

    Use as a context manager: leaving it waits for the last batch, and an error in a
    batch is raised in the caller's thread (at the next write or on leaving).
    """

    def __init__(self, execute: Execute) -> None:
        self._execute = execute
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-write")
        self._running: Future[None] | None = None

    def __enter__(self) -> StagedWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        try:
            self.wait()
        finally:
            self._worker.shutdown(wait=True)

    def wait(self) -> None:
        """Block until the batch being written is stored (raises what it raised)."""
        running, self._running = self._running, None
        if running is not None:
            running.result()

    def write(self, inserts: Sequence[Insert]) -> None:
        """Start storing ``inserts`` (in order) once the previous batch is stored."""
        self.wait()
        if inserts:
            self._running = self._worker.submit(self._run, list(inserts))

    def _run(self, inserts: list[Insert]) -> None:
        for sql, payload in inserts:
            self._execute(sql, (payload,))
