"""Every table of the schema is declared once as user data, directory, rebuilt or index.

Why: recovery carries over exactly ``USER_TABLES``; a new table nobody listed would be lost
silently in the next recovery (the handout history once was).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from coesfeld_desktop.search.index import tables as index
from coesfeld_desktop.startup.directory import load_directory_document
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.models import DIRECTORY_TABLES
from coesfeld_desktop.store.schema import REBUILT_TABLES, USER_TABLES
from tests.store.sample_directory import sample_directory


def _index_tables() -> set[str]:
    return {index.FTS_TABLE, index.TITLE_FTS_TABLE, index.VOCAB_TABLE, index.FACTS_TABLE,
            index.META_TABLE, index.FACET_TABLE, index.DATES_TABLE,
            index.WORDS_TABLE}


def test_every_table_is_declared_in_exactly_one_list(tmp_path: Path) -> None:
    document = tmp_path / "directory.json"
    document.write_text(json.dumps(sample_directory()), encoding="utf-8")
    database = Database(tmp_path / "db.sqlite3")
    load_directory_document(database, document)
    database.close()
    with sqlite3.connect(tmp_path / "db.sqlite3") as connection:
        tables = {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
    index_tables = _index_tables()
    # the FTS5 tables' own shadow tables (offer_fts_data, ...) belong to the index
    tables = {t for t in tables
              if t in index_tables or not any(t.startswith(f"{name}_") for name in index_tables)}
    lists = [set(USER_TABLES), set(DIRECTORY_TABLES), set(REBUILT_TABLES), index_tables]
    assert set().union(*lists) == tables
    assert sum(len(group) for group in lists) == len(tables)  # no table in two lists
    assert "handout_history" in USER_TABLES
