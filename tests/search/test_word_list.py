"""The word list stored with the index is exactly what FTS5's own vocabulary says.

Why compare with the vocabulary table: that walk over every doclist is what the search used
to read at start-up; the stored list replaces it and must give the same terms and counts
after a rebuild, after refreshing single offers and after a full or incremental sync, built
in the syncing thread or in the worker process.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Connection, text

from coesfeld_desktop.paths import AppPaths
from coesfeld_desktop.search.index import (
    FACTS_TABLE,
    FTS_TABLE,
    TITLE_FTS_TABLE,
    VOCAB_TABLE,
    WordCounts,
    read_words,
    rebuild_index,
    refresh_offers,
)
from coesfeld_desktop.search.query import SearchFilters, SearchRequest
from coesfeld_desktop.search.service import SearchService
from coesfeld_desktop.search.terms import TermVocabulary
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.sync.export_format import SyncTuning
from coesfeld_desktop.sync.publisher import build_export
from coesfeld_desktop.sync.service import SyncService
from tests.sync.factory import changed_document, make_document, trusted


def _walked(connection: Connection) -> list[tuple[str, int, int]]:
    """The word list as FTS5's vocabulary table gives it (every doclist read)."""
    docs: dict[str, int] = defaultdict(int)
    parts: dict[str, int] = defaultdict(int)
    for term, column, count in connection.exec_driver_sql(
            f"SELECT term, col, doc FROM {VOCAB_TABLE}"):
        if column == "facets":
            continue
        if column in ("parts", "title_parts"):
            parts[term] += count
        else:
            docs[term] += count
    return [(term, docs[term], parts[term]) for term in sorted(docs.keys() | parts.keys())]


def _assert_in_step(database: Database) -> None:
    with database.engine.connect() as connection:
        stored = read_words(connection)
        assert stored == _walked(connection)
        assert len(stored) > 50
        vocabulary = TermVocabulary.load(connection)
    assert len(vocabulary) == len(stored)
    assert all(vocabulary.is_word(term) == (docs > 0) for term, docs, _parts in stored)


def test_a_rebuilt_index_stores_the_vocabulary_with_its_counts(fresh_db: Database) -> None:
    _assert_in_step(fresh_db)
    with fresh_db.engine.connect() as connection:
        parts_only = [term for term, docs, parts in read_words(connection) if not docs]
    assert parts_only  # compound parts ("cafe" of "sprachcafe") are terms, not words


def test_refreshing_offers_keeps_the_counts(fresh_db: Database) -> None:
    with fresh_db.engine.begin() as connection:
        connection.execute(text("UPDATE offer SET title = 'Zwergentreff Osterwick Quasselcafé' "
                                "WHERE id = 'off-krabbel'"))
        connection.execute(text("DELETE FROM offer WHERE id = 'off-schulden'"))
        connection.execute(text("UPDATE offer SET status = 'inactive' WHERE id = 'off-sucht'"))
        connection.execute(text("UPDATE offer SET status = 'active' WHERE id = 'off-inaktiv'"))
        refresh_offers(connection, ["off-krabbel", "off-schulden", "off-sucht", "off-inaktiv"])
    _assert_in_step(fresh_db)
    with fresh_db.engine.connect() as connection:
        terms = {term for term, _docs, _parts in read_words(connection)}
    assert "zwergentreff" in terms and "krabbelgruppe" not in terms  # gone with its offer


def _index_tables(database: Database) -> dict[str, list[tuple[object, ...]]]:
    with database.engine.connect() as connection:
        found: dict[str, list[tuple[object, ...]]] = {table: [tuple(row) for row in (
            connection.exec_driver_sql(f"SELECT rowid, * FROM {table} ORDER BY rowid"))]
            for table in (FTS_TABLE, TITLE_FTS_TABLE, FACTS_TABLE)}
        found["words"] = [tuple(row) for row in read_words(connection)]
    return found


def test_an_offer_whose_index_text_is_unchanged_keeps_its_rows(
        fresh_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """A refresh keeps the FTS rows and words of an offer whose index row comes out as
    stored (a new web address: not indexed) and writes those of one whose text changed;
    both FTS tables, the facts and the word list then hold what a rebuild gives."""
    removed: list[object] = []
    remove = WordCounts.remove

    def spy(self: WordCounts, rows: Iterable[Sequence[object]]) -> None:
        rows = list(rows)
        removed.extend(row[0] for row in rows)
        remove(self, rows)

    monkeypatch.setattr(WordCounts, "remove", spy)
    with fresh_db.engine.begin() as connection:
        pks: dict[str, int] = dict(connection.exec_driver_sql(
            "SELECT id, pk FROM offer WHERE id IN ('off-krabbel', 'off-kita')").fetchall())
        connection.execute(text("UPDATE offer SET url = 'https://example.org/neu' "
                                "WHERE id = 'off-krabbel'"))
        connection.execute(text("UPDATE offer SET title = 'Elfentreff' WHERE id = 'off-kita'"))
        assert refresh_offers(connection, ["off-krabbel", "off-kita"]) == 2
    assert removed == [pks["off-kita"]]  # only the changed text left the index
    _assert_in_step(fresh_db)
    refreshed = _index_tables(fresh_db)
    with fresh_db.engine.begin() as connection:
        rebuild_index(connection)
    rebuilt = _index_tables(fresh_db)
    for table, rows in rebuilt.items():
        assert refreshed[table] == rows, table


def test_counts_subtract_and_merge() -> None:
    row = (1, "kita kita sonne", "", "", "", "", "sonne", "", "", "", "", "", "", "\ue000")
    counts = WordCounts()
    counts.add([row, row])
    assert counts.docs["kita"] == 2 and counts.parts["sonne"] == 2  # once per offer
    counts.remove([row])
    other = WordCounts({"mond": 1}, {})
    counts.merge(other)
    assert (counts.docs["kita"], counts.docs["sonne"], counts.docs["mond"]) == (1, 1, 1)
    assert "\ue000" not in counts.docs  # the facet column is no word


def _sync(database: Database, paths: AppPaths, key: Ed25519PrivateKey, export: Path,
          tuning: SyncTuning) -> None:
    SyncService(database, paths, trusted(key), tuning=tuning).sync(str(export))


def test_full_and_incremental_syncs_store_the_same_word_list(tmp_path: Path) -> None:
    key = Ed25519PrivateKey.generate()
    first = make_document(30, sequence=1)
    build_export(first, key, tmp_path / "one.zip")
    second, _changed = changed_document(first, 0.2, sequence=2)
    second["offers"] = second["offers"][3:]  # three removed as well
    build_export(second, key, tmp_path / "two.zip")
    for name, tuning in (("worker", SyncTuning(batch=4, worker_min_bytes=0)),
                         ("thread", SyncTuning(worker_min_bytes=1 << 40))):
        paths = AppPaths(tmp_path / name).ensure()
        database = Database(paths.database)
        try:
            _sync(database, paths, key, tmp_path / "one.zip", tuning)  # full
            _assert_in_step(database)
            _sync(database, paths, key, tmp_path / "two.zip", tuning)  # incremental
            _assert_in_step(database)
        finally:
            database.close()


def test_a_search_without_words_reads_no_word_list(fresh_db: Database,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The first list at start (no words, perhaps a town) needs no word list; the first
    search with words reads it, and the lists are the same either way."""
    first, warm = SearchService(fresh_db), SearchService(fresh_db)
    warm.prepare()
    reads: list[int] = []
    loaded = TermVocabulary.load

    def counting(_cls: type[TermVocabulary], connection: Connection) -> TermVocabulary:
        reads.append(1)
        return loaded(connection)

    monkeypatch.setattr(TermVocabulary, "load", classmethod(counting))
    for request in (SearchRequest(""), SearchRequest("  ", SearchFilters(town="Dülmen"))):
        assert first.search(request) == warm.search(request)
        assert first.search(request).total > 0
    assert reads == []
    assert first.search(SearchRequest("kita")) == warm.search(SearchRequest("kita"))
    assert reads == [1]
