"""First start: fill an empty store from the bundled demo directory.

Why at run time and not shipped as a database: the demo directory is a readable JSON file
in ``resources/demo/``; building the store from it keeps the data reviewable and the
database always in step with the current schema.

Why the check reads plain SQL: on every start but the first the store is filled and its
index current, and finding that out must not load SQLAlchemy before the first result list
(see :mod:`coesfeld_desktop.store.database`); loading and indexing do.
"""

from __future__ import annotations

from pathlib import Path

from coesfeld_desktop.paths import resource_dir
from coesfeld_desktop.search.index import ensure_index, index_current, rebuild_index
from coesfeld_desktop.store.database import Database


def demo_directory_path() -> Path:
    return resource_dir() / "demo" / "directory.json"


def load_directory_document(database: Database, path: Path) -> int:
    """Replace the directory with the document at ``path``; returns the offer count."""
    from coesfeld_desktop.store.loader import read_directory_file, replace_directory  # noqa: PLC0415 - start-up time: only on a first start

    document = read_directory_file(path)
    with database.engine.begin() as connection:
        count = replace_directory(connection, document)
        rebuild_index(connection)
    return count


def ensure_directory(database: Database) -> bool:
    """Load the demo directory into an empty store; True if it did. Also ensures the index."""
    with database.connection() as connection:
        loaded = connection.execute("SELECT 1 FROM directory_info").fetchone() is not None
        current = loaded and index_current(connection)
    if current:
        return False
    if loaded:
        with database.engine.begin() as connection:
            ensure_index(connection)
        return False
    load_directory_document(database, demo_directory_path())
    return True
