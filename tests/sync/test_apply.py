"""Apply details: the fast bulk insert stores exactly what a Core insert stores."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import insert

from coesfeld_desktop.store import models as m
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.loader import INSERT_ORDER, collect_rows
from coesfeld_desktop.sync.apply import _Writer
from tests.sync.factory import make_document


def test_bulk_insert_matches_core_insert(tmp_path: Path) -> None:
    document = make_document(30)
    document["offers"][0]["last_modified"] = None
    document["offers"][1]["assured_date"] = None
    rows = collect_rows(document)
    core, fast = Database(tmp_path / "core.db"), Database(tmp_path / "fast.db")
    with core.engine.begin() as connection:
        for table in INSERT_ORDER:
            if rows.get(table):
                connection.execute(insert(m.Base.metadata.tables[table]), rows[table])
    with fast.engine.begin() as connection:
        _Writer(connection).insert_rows(rows, INSERT_ORDER)
    core.close()
    fast.close()
    for table in INSERT_ORDER:
        a, b = sqlite3.connect(tmp_path / "core.db"), sqlite3.connect(tmp_path / "fast.db")
        columns = [r[1] for r in a.execute(f"PRAGMA table_info({table})")]
        query = (f"SELECT {', '.join(columns)}, "
                 f"{', '.join(f'typeof({c})' for c in columns)} FROM {table} ORDER BY 1, 2")
        assert a.execute(query).fetchall() == b.execute(query).fetchall(), table
        a.close()
        b.close()
