"""Bulk writes that let Python build the next batch while SQLite stores the last one.

Why: a full apply of 100,000 offers is about half Python (parsing, building rows and index
texts) and half SQLite (b-tree and index upkeep, FTS5 tokenising). ``executemany`` cannot
overlap them: SQLite releases the GIL for every row and must wait to get it back. Here each
batch is first bound into TEMP staging tables (cheap: no indexes), then a worker thread
moves it with one ``INSERT ... SELECT`` per table, a single SQLite call that runs without
the GIL, while the caller builds the next batch. Same connection, same transaction: the
caller waits for the worker before it touches the connection again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType
from typing import Any

Batch = Sequence[tuple[str, Sequence[str], list[tuple[Any, ...]]]]
"""(target table, its columns, rows as tuples), in the order they are to be inserted."""

Execute = Callable[[str], None]
"""Runs one SQL statement on the connection of the transaction (and counts it)."""


class StagedWriter:
    """Writes batches through TEMP tables, the move into the real tables on a worker thread.

    ``raw`` is the sqlite3 connection of the transaction; ``execute`` runs a statement on it
    (so the sync's fault test can count statements). Use as a context manager: leaving it
    waits for the last move, and an error in a move is raised in the caller's thread.
    """

    def __init__(self, raw: Any, execute: Execute) -> None:
        self._raw = raw
        self._execute = execute
        self._stages: dict[tuple[str, tuple[str, ...]], str] = {}
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-write")
        self._moving: Future[None] | None = None

    def __enter__(self) -> StagedWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        try:
            self.wait()
        finally:
            self._worker.shutdown(wait=True)
            if kind is None:
                for stage in self._stages.values():
                    self._execute(f"DROP TABLE temp.{stage}")

    def wait(self) -> None:
        """Block until the batch being moved is stored (raises what the move raised)."""
        moving, self._moving = self._moving, None
        if moving is not None:
            moving.result()

    def write(self, batch: Batch) -> None:
        """Stage ``batch`` and start moving it; returns once it is staged."""
        self.wait()
        moves = []
        for table, columns, rows in batch:
            if not rows:
                continue
            stage = self._stage(table, tuple(columns))
            self._raw.executemany(
                f"INSERT INTO temp.{stage} VALUES ({', '.join('?' * len(columns))})", rows)
            moves.append((table, tuple(columns), stage))
        if moves:
            self._moving = self._worker.submit(self._move, moves)

    def _stage(self, table: str, columns: tuple[str, ...]) -> str:
        stage = self._stages.get((table, columns))
        if stage is None:
            stage = f"sync_stage_{len(self._stages)}"
            names = ", ".join(f"c{index}" for index in range(len(columns)))
            self._execute(f"CREATE TEMP TABLE {stage} ({names})")
            self._stages[(table, columns)] = stage
        return stage

    def _move(self, moves: list[tuple[str, tuple[str, ...], str]]) -> None:
        for table, columns, stage in moves:
            names = ", ".join(f"c{index}" for index in range(len(columns)))
            self._execute(f"INSERT INTO {table} ({', '.join(columns)}) "
                          f"SELECT {names} FROM temp.{stage} ORDER BY rowid")
            self._execute(f"DELETE FROM temp.{stage}")
