"""The one helper for ids in ``IN (...)`` lists (sync and search index use it)."""

from __future__ import annotations

import sqlite3

from coesfeld_desktop.store.id_lists import IDS_PER_LIST, id_chunks, in_list


def test_chunks_cover_every_id_once_in_order() -> None:
    ids = [f"off-{n}" for n in range(2 * IDS_PER_LIST + 3)]
    chunks = list(id_chunks(ids))
    assert [len(chunk) for chunk in chunks] == [IDS_PER_LIST, IDS_PER_LIST, 3]
    assert [i for chunk in chunks for i in chunk] == ids
    assert list(id_chunks([])) == []
    assert list(id_chunks((1, 2, 3), 2)) == [[1, 2], [3]]


def test_in_list_has_a_placeholder_per_id() -> None:
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE t (id TEXT)")
    connection.executemany("INSERT INTO t VALUES (?)", [("a",), ("b",), ("c",)])
    chunk = ["a", "c"]
    assert in_list("id", chunk) == "id IN (?, ?)"
    assert connection.execute(f"SELECT id FROM t WHERE {in_list('id', chunk)} ORDER BY id",
                              chunk).fetchall() == [("a",), ("c",)]
