"""The schema version of issue #17 points 5 and 6: an upgraded store takes the next export
whole, since the export it holds may carry fields the older program ignored."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from coesfeld_desktop.store.database import Database
from coesfeld_desktop.sync.state import read_local_state

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "schema"


def test_upgrading_marks_the_applied_export_stale(tmp_path: Path) -> None:
    path = tmp_path / "v5.sqlite3"
    shutil.copyfile(FIXTURES / "v5.sqlite3", path)
    with sqlite3.connect(path) as raw:
        raw.execute("INSERT INTO directory_info VALUES (1, 'kreis', 'Kreis', "
                    "'2026-11-01 08:00:00.000000', 7, 0, 'de', '2026-11-02 09:00:00.000000')")
        raw.execute("INSERT INTO sync_state VALUES (1, 'kreis', 7, ?, 'k1', 'https://x', "
                    "'\"etag\"', NULL, '2026-11-02 09:00:00.000000')", ("a" * 64,))
        raw.execute("INSERT INTO sync_record VALUES ('offers', 'off-1', ?)", ("b" * 64,))
    database = Database(path)
    try:
        with database.engine.connect() as connection:
            state = read_local_state(connection)
        assert state.synced and state.sequence == 7  # downgrades are still checked
        assert not state.incremental and state.etag is None  # but the next sync is whole
    finally:
        database.close()
