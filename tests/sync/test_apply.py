"""Apply details: the fast bulk insert stores exactly what a Core insert stores; kept and
re-read offer lines give the same store."""

from __future__ import annotations

import copy
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import insert

from coesfeld_desktop.paths import AppPaths
from coesfeld_desktop.search.index import rebuild_index
from coesfeld_desktop.startup.directory import demo_directory_path, load_directory_document
from coesfeld_desktop.store import models as m
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.loader import collect_rows
from coesfeld_desktop.store.rows import INSERT_ORDER, named
from coesfeld_desktop.sync.apply import Writer
from coesfeld_desktop.sync.export_format import DEFAULT_TUNING, SyncTuning
from coesfeld_desktop.sync.publisher import build_export
from coesfeld_desktop.sync.service import SyncService
from tests.sync.factory import changed_document, content_digest, make_document, trusted


def test_bulk_insert_matches_core_insert(tmp_path: Path) -> None:
    document = make_document(30)
    document["offers"][0]["last_modified"] = None
    document["offers"][1]["assured_date"] = None
    rows = collect_rows(document)
    core, fast = Database(tmp_path / "core.db"), Database(tmp_path / "fast.db")
    with core.engine.begin() as connection:
        for table in INSERT_ORDER:
            if rows.get(table):
                connection.execute(insert(m.Base.metadata.tables[table]),
                                   [row._asdict() for row in named(table, rows[table])])
    with fast.engine.begin() as connection:
        Writer(connection, None).insert_rows(rows, INSERT_ORDER)
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


def test_large_exports_are_read_again_with_the_same_result(tmp_path: Path) -> None:
    """Offer lines are kept from verifying to applying only up to a byte budget; above it
    the apply streams the archive again. Both ways store the same rows and index."""
    key = Ed25519PrivateKey.generate()
    first = make_document(60, sequence=1)
    second, _changed = changed_document(first, 0.2, sequence=2)
    first_store, second_store = _both_ways(tmp_path, key, first, second, changed=12)
    assert content_digest(first_store) == content_digest(second_store)


def _both_ways(tmp_path: Path, key: Ed25519PrivateKey, first: dict[str, Any],
               second: dict[str, Any], changed: int) -> tuple[Path, Path]:
    """Two stores that synced ``first``, then ``second`` incrementally: with its offer
    lines kept from verifying (the default budget) and read again (a 100-byte budget)."""
    build_export(first, key, tmp_path / "one.zip")
    build_export(second, key, tmp_path / "two.zip")
    stores = []
    for budget in (DEFAULT_TUNING.keep_lines_bytes, 100):
        paths = AppPaths(tmp_path / f"home-{budget}").ensure()
        database = Database(paths.database)
        service = SyncService(database, paths, trusted(key),
                              tuning=SyncTuning(keep_lines_bytes=budget))
        assert service.sync(str(tmp_path / "one.zip")).full
        outcome = service.sync(str(tmp_path / "two.zip"))
        assert not outcome.full and len(outcome.changed) == changed
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        database.close()
        stores.append(paths.database)
    return stores[0], stores[1]


def _tuning(worker: bool) -> SyncTuning:
    """Rows built in a worker process (``worker``) or in the syncing thread, whatever the size."""
    return SyncTuning(worker_min_bytes=0 if worker else 1 << 40)


def _index_content(database_path: Path) -> dict[str, list[tuple[object, ...]]]:
    connection = sqlite3.connect(database_path)
    try:
        content = {table: connection.execute(f"SELECT rowid, * FROM {table} ORDER BY rowid")
                   .fetchall() for table in ("offer_fts", "offer_title_fts", "offer_facts")}
        content["offer_facet"] = connection.execute(
            "SELECT kind, value, token FROM offer_facet ORDER BY token").fetchall()
        return content
    finally:
        connection.close()


@pytest.mark.parametrize("worker", [False, True], ids=["thread", "worker"])
def test_full_apply_indexes_as_a_rebuild_does(tmp_path: Path, worker: bool) -> None:
    """A full apply indexes each batch from the rows it builds for it (in this thread or a
    worker process); the index must hold exactly what rebuilding it from the stored
    directory gives (the demo directory: several places, contact roles, translations and
    topics per offer)."""
    document = json.loads(demo_directory_path().read_text(encoding="utf-8"))
    document.update(is_demo=False, sequence=1)
    document["offers"][3]["status"] = "inactive"
    key = Ed25519PrivateKey.generate()
    build_export(document, key, tmp_path / "demo.zip")
    paths = AppPaths(tmp_path / "home").ensure()
    database = Database(paths.database)
    outcome = SyncService(database, paths, trusted(key), tuning=_tuning(worker)).sync(
        str(tmp_path / "demo.zip"))
    assert outcome.full and outcome.reindexed == len(document["offers"]) - 1
    applied = _index_content(paths.database)
    with database.engine.begin() as connection:
        rebuild_index(connection)
    database.close()
    rebuilt = _index_content(paths.database)
    assert len(applied["offer_facts"]) == len(document["offers"]) - 1
    assert applied["offer_facet"]  # the batches' new facet tokens were stored too
    for table in applied:
        assert applied[table] == rebuilt[table], table


@pytest.mark.parametrize("worker", [False, True], ids=["thread", "worker"])
def test_full_apply_stores_what_the_core_loader_stores(tmp_path: Path, worker: bool) -> None:
    """A full apply builds its rows apart from SQLAlchemy (sync/full_rows.py, in this
    thread or a worker process); every directory row must come out as a Core insert of the
    same document stores it: the same values of the same types (dates as text, amounts as
    REAL, flags as 0/1, NULLs)."""
    document = json.loads(demo_directory_path().read_text(encoding="utf-8"))
    document.update(is_demo=False, sequence=1)
    document["offers"][0]["cost_options"] = [
        {"id": "co-int", "option": "pro Termin", "amount": 5, "currency": "EUR"},
        {"id": "co-float", "option": "Kurs", "amount": 12.35, "currency": "EUR"}]
    document["offers"][1]["last_modified"] = "2026-10-01T10:00:00.123456+02:00"
    key = Ed25519PrivateKey.generate()
    build_export(document, key, tmp_path / "demo.zip")
    (tmp_path / "demo.json").write_text(json.dumps(document), encoding="utf-8")
    paths = AppPaths(tmp_path / "synced").ensure()
    synced = Database(paths.database)
    assert SyncService(synced, paths, trusted(key), tuning=_tuning(worker)).sync(
        str(tmp_path / "demo.zip")).full
    synced.close()
    loaded = Database(tmp_path / "loaded.sqlite3")
    load_directory_document(loaded, tmp_path / "demo.json")
    loaded.close()

    def rows(path: Path, table: str) -> list[tuple[object, ...]]:
        connection = sqlite3.connect(path)
        try:
            # sorted: the export writes translations with sorted keys (canonical JSON)
            return sorted(tuple((type(v).__name__, v) for v in row) for row in
                          connection.execute(f'SELECT * FROM "{table}"'))
        finally:
            connection.close()

    for table in INSERT_ORDER:
        assert rows(paths.database, table) == rows(tmp_path / "loaded.sqlite3", table), table

    def schema(path: Path) -> list[tuple[object, ...]]:
        connection = sqlite3.connect(path)
        try:
            return connection.execute(
                "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE "
                "'offer%fts%' AND name NOT LIKE '%facts%' ORDER BY name").fetchall()
        finally:
            connection.close()

    # the full apply keeps every index while refilling: the same schema as a fresh load
    applied_schema = schema(paths.database)
    assert any(row[1] == "ix_phone_offer_id" for row in applied_schema)
    assert applied_schema == schema(tmp_path / "loaded.sqlite3")
    connection = sqlite3.connect(paths.database)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        connection.close()


def _directory_rows(database_path: Path) -> dict[str, list[str]]:
    """Every directory table's rows with their types, sorted (rowids aside)."""
    connection = sqlite3.connect(database_path)
    try:
        found = {}
        for table in (*INSERT_ORDER, "offer_fts", "offer_facts", "offer_date"):
            columns = [r[1] for r in connection.execute(f"PRAGMA table_info({table})")]
            typed = ", ".join(f"{c}, typeof({c})" for c in columns)
            found[table] = sorted(repr(row) for row in connection.execute(
                f"SELECT {typed} FROM {table}"))
        return found
    finally:
        connection.close()


def _edited(document: dict[str, Any]) -> dict[str, Any]:
    """A next export changing one thing of each kind in an offer's own rows and its child
    rows, with child ids passed from one changed offer to another."""
    second = copy.deepcopy(document)
    second["sequence"] = 2
    offers = second["offers"]
    offers[1]["contacts"][0]["phones"][0]["number"] = "02541 9999"  # a contact's phone
    offers[2]["phones"] = []  # an offer's phone gone
    offers[3]["schedules"][0]["translations"] = {"en": {"description": "Open"}}
    offers[4]["schedules"].append({"id": "sc-new", "byday": "FR", "freq": "WEEKLY",
                                   "dtstart": "2026-12-04", "until": "2027-01-29"})
    offers[5]["cost_options"][0]["amount"] = 7  # an integer in a REAL column
    offers[6]["languages"] = ["tr", "de"]  # the same languages in another order
    offers[7]["topics"] = ["health"]
    offers[8]["location_ids"] = ["loc-0", "loc-1"]
    offers[9]["translations"]["en"]["outdated"] = True
    offers[10]["related_offers"] = ["off-11"]
    offers[11]["contacts"][0]["title"] = "Hebamme"  # the index reads contact roles
    offers[12]["contacts"], offers[13]["contacts"] = offers[13]["contacts"], []  # id moves
    offers[14]["status"] = "inactive"
    offers[15]["summary"] = None
    offers[16]["target_groups"], offers[16]["life_phases"] = [], ["pregnancy"]
    offers[17]["contacts"][0]["translations"] = {"en": {"title": "Counsellor"}}
    offers[18] = {**offers[18], "title": offers[18]["title"] + " (neu)"}  # the offer row
    return second


def test_changed_offers_written_in_place_store_what_a_full_apply_stores(
        tmp_path: Path) -> None:
    """An everyday sync compares changed offers with the store and writes only the tables
    that differ (sync/changed_offers.py); the directory and its index must come out as
    when every changed offer is deleted and inserted again, and as a full apply of the
    same export."""
    key = Ed25519PrivateKey.generate()
    first = make_document(30, sequence=1)
    # written in place; deleted and inserted again
    stores = _both_ways(tmp_path, key, first, _edited(first), changed=18)
    paths = AppPaths(tmp_path / "full").ensure()
    database = Database(paths.database)
    assert SyncService(database, paths, trusted(key)).sync(str(tmp_path / "two.zip")).full
    database.close()
    in_place, replaced, full = (_directory_rows(store) for store in (*stores, paths.database))
    for table in in_place:
        assert in_place[table] == replaced[table], table
        # (a full apply hands out the facet tokens in another order)
        assert table not in INSERT_ORDER or in_place[table] == full[table], table
    assert _index_content(stores[0]) == _index_content(stores[1])
