"""The staged writer: batches arrive complete and in order; a failed move is not lost."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from coesfeld_desktop.sync.staging import StagedWriter


def _connection(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    connection.execute("CREATE TABLE item (pk INTEGER PRIMARY KEY, name TEXT UNIQUE, n INT)")
    connection.execute("CREATE TABLE tag (item_pk INT, tag TEXT)")
    connection.execute("BEGIN")
    return connection


def test_batches_arrive_in_order_on_another_thread(tmp_path: Path) -> None:
    connection = _connection(tmp_path / "db.sqlite3")
    threads: set[str] = set()

    def execute(sql: str) -> None:
        threads.add(threading.current_thread().name)
        connection.execute(sql)

    with StagedWriter(connection, execute) as staged:
        for batch in range(3):
            items = [(batch * 10 + i, f"item {batch}-{i}", i) for i in range(10)]
            tags = [(pk, "x") for pk, _name, _n in items]
            staged.write([("item", ("pk", "name", "n"), items), ("tag", ("item_pk", "tag"), tags),
                          ("tag", ("item_pk", "tag"), [])])
    connection.execute("COMMIT")
    rows = connection.execute("SELECT pk, name FROM item ORDER BY rowid").fetchall()
    assert [pk for pk, _name in rows] == list(range(30))
    assert rows[11] == (11, "item 1-1")
    assert connection.execute("SELECT count(*) FROM tag").fetchone() == (30,)
    assert len(threads) == 2  # staging here, moving on the worker
    temp = connection.execute("SELECT name FROM sqlite_temp_master").fetchall()
    assert temp == []  # the staging tables are dropped


def test_a_failing_move_raises_in_the_caller(tmp_path: Path) -> None:
    connection = _connection(tmp_path / "db.sqlite3")
    # raised by the write after the failing move, or on leaving the block
    with pytest.raises(sqlite3.IntegrityError), StagedWriter(connection,
                                                            connection.execute) as staged:
        staged.write([("item", ("pk", "name", "n"), [(1, "same", 1)])])
        staged.write([("item", ("pk", "name", "n"), [(2, "same", 2)])])
        staged.write([("item", ("pk", "name", "n"), [(3, "other", 3)])])
    connection.execute("ROLLBACK")
    assert connection.execute("SELECT count(*) FROM item").fetchone() == (0,)
