"""The staged writer: batches arrive complete, in order, with their types; a failed batch
is not lost."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest

from coesfeld_desktop.sync.staging import StagedWriter, dict_insert, tuple_insert


def _connection(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    connection.execute("CREATE TABLE item (pk INTEGER PRIMARY KEY, name TEXT UNIQUE, n INT, "
                       "price REAL, day DATE, flag BOOLEAN, status TEXT)")
    connection.execute("CREATE TABLE tag (item_pk INT, tag TEXT)")
    connection.execute("BEGIN")
    return connection


def _as_text(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def test_batches_arrive_in_order_on_another_thread(tmp_path: Path) -> None:
    connection = _connection(tmp_path / "db.sqlite3")
    threads: set[str] = set()

    def execute(sql: str, params: Any) -> None:
        threads.add(threading.current_thread().name)
        connection.execute(sql, params)

    with StagedWriter(execute) as staged:
        for batch in range(3):
            items = [{"pk": batch * 10 + i, "name": f"item {batch}-{i} «ä'\"»", "n": i,
                      "price": 5 if i % 2 else 0.1 * i, "day": dt.date(2026, 11, 1 + i),
                      "flag": i % 3 == 0} for i in range(10)]
            items[0]["n"] = None
            tags = [(item["pk"], "x") for item in items]
            staged.write([
                dict_insert("item", ("pk", "name", "n", "price", "day", "flag"),
                            {"status": "active"}, items, _as_text),
                tuple_insert("tag", ("item_pk", "tag"), tags)])
    connection.execute("COMMIT")
    rows = connection.execute("SELECT * FROM item ORDER BY rowid").fetchall()
    assert [row[0] for row in rows] == list(range(30))
    assert rows[0] == (0, "item 0-0 «ä'\"»", None, 0.0, "2026-11-01", 1, "active")
    assert rows[13] == (13, "item 1-3 «ä'\"»", 3, 5.0, "2026-11-04", 1, "active")
    assert type(rows[13][3]) is float  # REAL affinity, as a bound int would be stored
    assert connection.execute("SELECT count(*) FROM tag").fetchone() == (30,)
    assert len(threads) == 1 and threading.current_thread().name not in threads


def test_a_failing_batch_raises_in_the_caller(tmp_path: Path) -> None:
    connection = _connection(tmp_path / "db.sqlite3")

    def item(pk: int, name: str) -> tuple[str, str]:
        return tuple_insert("item", ("pk", "name"), [(pk, name)])

    # raised by the write after the failing batch, or on leaving the block
    with pytest.raises(sqlite3.IntegrityError), StagedWriter(connection.execute) as staged:
        staged.write([item(1, "same")])
        staged.write([item(2, "same")])
        staged.write([item(3, "other")])
    connection.execute("ROLLBACK")
    assert connection.execute("SELECT count(*) FROM item").fetchone() == (0,)
