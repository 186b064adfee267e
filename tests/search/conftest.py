"""Fixtures for the search tests: the small search directory, loaded and indexed once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from coesfeld_desktop.search.index import rebuild_index
from coesfeld_desktop.search.service import SearchService
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.loader import replace_directory
from tests.search.directory_fixture import search_directory


def load(database: Database, document: dict) -> None:
    with database.engine.begin() as connection:
        replace_directory(connection, document)
        rebuild_index(connection)


@pytest.fixture(scope="module")
def search_db() -> Iterator[Database]:
    database = Database(":memory:")
    load(database, search_directory())
    yield database
    database.close()


@pytest.fixture(scope="module")
def service(search_db: Database) -> SearchService:
    return SearchService(search_db)


@pytest.fixture
def fresh_db() -> Iterator[Database]:
    """A database of its own, for tests that change the directory."""
    database = Database(":memory:")
    load(database, search_directory())
    yield database
    database.close()
