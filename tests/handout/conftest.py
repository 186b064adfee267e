from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from fixture_directory import directory_document

from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.loader import replace_directory


@pytest.fixture
def database(tmp_path: Path):
    db = Database(tmp_path / "db.sqlite3")
    with db.engine.begin() as connection:
        replace_directory(connection, directory_document())
    yield db
    db.close()
