"""Sync bookkeeping: migration 2 adds its tables; hashes count only with their Datenstand."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from coesfeld_desktop.startup.directory import load_directory_document
from coesfeld_desktop.store import models as m
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.sync.publisher import build_export
from coesfeld_desktop.sync.service import SyncService
from coesfeld_desktop.sync.state import SyncState
from tests.sync.factory import make_document


def test_migration_adds_sync_tables_to_a_version_1_store(tmp_path: Path) -> None:
    """A database written by release 1 (tests/fixtures/schema) gains the sync tables."""
    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "schema" / "v1.sqlite3"
    shutil.copyfile(fixture, tmp_path / "db.sqlite3")
    Database(tmp_path / "db.sqlite3").close()
    raw = sqlite3.connect(tmp_path / "db.sqlite3")
    names = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    raw.close()
    assert {"sync_state", "sync_record"} <= names


def test_another_writer_makes_the_hashes_stale(sync: SyncService, tmp_path: Path,
                                               key: Ed25519PrivateKey) -> None:
    """After the directory was loaded by someone else, the next sync is a full one."""
    build_export(make_document(20, sequence=1), key, tmp_path / "one.zip")
    assert sync.sync(str(tmp_path / "one.zip")).full
    assert sync.local_state().incremental
    document = make_document(20, sequence=1)
    document["offers"][0]["title"] = "Von Hand geladen"
    (tmp_path / "hand.json").write_text(json.dumps(document), encoding="utf-8")
    load_directory_document(sync.database, tmp_path / "hand.json")
    assert not sync.local_state().incremental
    build_export(make_document(20, sequence=2), key, tmp_path / "two.zip")
    outcome = sync.sync(str(tmp_path / "two.zip"))
    assert outcome.full and outcome.applied
    with sync.database.engine.connect() as connection:
        title = connection.exec_driver_sql("SELECT title FROM offer WHERE id = 'off-0'").scalar()
    assert title != "Von Hand geladen"


def test_local_state_reads_what_the_models_hold(sync: SyncService, tmp_path: Path,
                                                key: Ed25519PrivateKey) -> None:
    """The state is read with plain SQL (no ORM in a sync): same values, same types."""
    build_export(make_document(5, sequence=1), key, tmp_path / "one.zip")
    sync.sync(str(tmp_path / "one.zip"))
    state = sync.local_state()
    with sync.database.engine.connect() as connection:
        info = connection.execute(select(m.DirectoryInfo)).one()
        stored = connection.execute(select(SyncState)).one()
    assert (state.directory_id, state.sequence, state.is_demo, state.published_at) == (
        info.directory_id, info.sequence, info.is_demo, info.published_at)
    assert isinstance(state.published_at, dt.datetime) and state.is_demo is False
    assert stored.applied_at == info.imported_at and state.incremental
    assert (state.archive_sha256, state.source) == (stored.archive_sha256, stored.source)
