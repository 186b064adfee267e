"""Start-up check and recovery: real damage, real full disks, real read-only folders.

We run as root, so ``chmod`` cannot make a folder read-only; instead the tests use what
root cannot write either (a read-only mount, a path under a file, a ``mode=ro`` database)
and SQLite's own ``max_page_count`` limit, which gives the real SQLITE_FULL error.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import event, select

from coesfeld_desktop.paths import AppPaths
from coesfeld_desktop.startup.directory import load_directory_document
from coesfeld_desktop.startup.recovery import acknowledge_recovery, check_and_recover
from coesfeld_desktop.store import models as m
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.health import (
    HealthStatus,
    RecoverySource,
    StorageProblem,
    classify_storage_error,
    is_damage,
    startup_error_message,
    storage_problem_message,
)
from coesfeld_desktop.store.migrations import SCHEMA_VERSION, SchemaTooNewError
from coesfeld_desktop.store.schema import USER_TABLES
from coesfeld_desktop.sync.publisher import build_export
from coesfeld_desktop.userdata.notes import NoteService
from coesfeld_desktop.userdata.saved_list import SavedListService
from coesfeld_desktop.userdata.settings import SettingsService
from tests.store.sample_directory import sample_directory
from tests.sync.factory import trusted

NOTE = "Rückruf klappt am besten dienstags."


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "demo.json"
    document = sample_directory()
    document["title"] = "Demoverzeichnis (Test)"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.fixture
def paths(tmp_path: Path, demo_file: Path) -> AppPaths:
    """A data folder with a filled database, a Merkliste, a note and a setting."""
    app_paths = AppPaths(tmp_path / "home").ensure()
    database = Database(app_paths.database)
    load_directory_document(database, demo_file)
    SavedListService(database).add("off-2", "Sprachcafé im Treffpunkt")
    SavedListService(database).add("off-1", "Familienhebamme")
    NoteService(database).set("off-1", "Familienhebamme", NOTE)
    SettingsService(database).set("centre_name", "Beratungsstelle Dülmen")
    with database.engine.begin() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    return app_paths


def _root_page(path: Path, table: str) -> int:
    with sqlite3.connect(path) as connection:
        return int(connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0])


def _page_size(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return int(connection.execute("PRAGMA page_size").fetchone()[0])


def _overwrite(path: Path, offset: int, garbage: bytes) -> None:
    with path.open("r+b") as handle:
        handle.seek(offset)
        handle.write(garbage)


def _user_data(paths: AppPaths) -> tuple[list[str], str, str]:
    database = Database(paths.database)
    try:
        return (SavedListService(database).offer_ids(), NoteService(database).get("off-1"),
                SettingsService(database).get("centre_name"))
    finally:
        database.close()


def test_a_healthy_database_is_left_alone(paths: AppPaths) -> None:
    before = paths.database.read_bytes()
    report = check_and_recover(paths, thorough=True)
    assert report.status is HealthStatus.OK
    assert report.schema_version == SCHEMA_VERSION
    assert report.user_message() is None
    assert paths.database.read_bytes() == before


def test_a_missing_database_is_new(tmp_path: Path) -> None:
    report = check_and_recover(AppPaths(tmp_path / "fresh"))
    assert report.status is HealthStatus.NEW


def test_garbage_in_the_middle_is_recovered_keeping_merkliste_and_notes(
    paths: AppPaths, demo_file: Path
) -> None:
    page = _root_page(paths.database, "offer")
    size = _page_size(paths.database)
    _overwrite(paths.database, (page - 1) * size, b"\xff" * size)  # a directory page dies

    report = check_and_recover(paths, demo_path=demo_file)

    assert report.status is HealthStatus.RECOVERED
    assert report.source is RecoverySource.DEMO
    assert report.damaged_copy is not None and report.damaged_copy.exists()
    assert report.damaged_copy.name.startswith("angebotslotse.sqlite3.damaged-")
    assert report.unreadable == ()
    assert report.restored["note"] == 1 and report.restored["saved_list_entry"] == 2
    message = report.user_message()
    assert message is not None
    assert "beschädigt" in message and "Demodaten" in message and "Übernommen" in message
    assert "Notizen: 1" in message and "Einträge auf Gesprächslisten: 2" in message
    assert "nichts verloren" in message
    assert _user_data(paths) == (["off-2", "off-1"], NOTE, "Beratungsstelle Dülmen")
    assert check_and_recover(paths).recovered  # told again until the user has read it
    acknowledge_recovery(paths, delete_damaged_copy=False)
    assert check_and_recover(paths, thorough=True).status is HealthStatus.OK


def test_recovery_prefers_the_last_good_export(paths: AppPaths, demo_file: Path) -> None:
    export = sample_directory()
    export["title"] = "Letzter guter Stand"
    (paths.exports / "last-good.json").write_text(json.dumps(export), encoding="utf-8")
    _overwrite(paths.database, 0, b"this is not a database at all" * 4)  # header gone

    report = check_and_recover(paths, demo_path=demo_file)

    assert report.source is RecoverySource.LAST_GOOD_EXPORT
    assert report.source_path == paths.exports / "last-good.json"
    database = Database(paths.database)
    try:
        with database.session() as session:
            assert session.scalar(select(m.DirectoryInfo.title)) == "Letzter guter Stand"
    finally:
        database.close()
    # header and schema root gone: SQLite reads nothing, the page-level reader everything
    assert report.unreadable == ()
    assert _user_data(paths) == (["off-2", "off-1"], NOTE, "Beratungsstelle Dülmen")


def test_recovery_verifies_and_uses_the_signed_last_good_export(
    paths: AppPaths, demo_file: Path
) -> None:
    private = Ed25519PrivateKey.generate()
    export = sample_directory()
    export["title"] = "Signierter letzter Stand"
    archive = paths.exports / "last-good-export.zip"
    build_export(export, private, archive)
    _overwrite(paths.database, (_root_page(paths.database, "offer") - 1) * 4096, b"\xff" * 4096)

    report = check_and_recover(paths, demo_path=demo_file, trusted_keys=trusted(private))

    assert report.source is RecoverySource.LAST_GOOD_EXPORT and report.source_path == archive
    database = Database(paths.database)
    try:
        with database.session() as session:
            assert session.scalar(select(m.DirectoryInfo.title)) == "Signierter letzter Stand"
    finally:
        database.close()
    assert _user_data(paths) == (["off-2", "off-1"], NOTE, "Beratungsstelle Dülmen")


def test_an_export_signed_by_a_stranger_is_not_trusted(paths: AppPaths, demo_file: Path) -> None:
    build_export(sample_directory(), Ed25519PrivateKey.generate(),
                 paths.exports / "last-good-export.zip")
    _overwrite(paths.database, 0, b"\0" * 100)
    report = check_and_recover(paths, demo_path=demo_file,
                               trusted_keys=trusted(Ed25519PrivateKey.generate()))
    assert report.source is RecoverySource.DEMO


def test_a_truncated_file_is_recovered(paths: AppPaths, demo_file: Path) -> None:
    size = paths.database.stat().st_size
    with paths.database.open("r+b") as handle:
        handle.truncate(size // 2)

    report = check_and_recover(paths, demo_path=demo_file)

    assert report.status is HealthStatus.RECOVERED
    assert check_and_recover(paths).recovered  # told again until the user has read it
    acknowledge_recovery(paths, delete_damaged_copy=False)
    assert check_and_recover(paths, thorough=True).status is HealthStatus.OK
    database = Database(paths.database)
    try:
        with database.session() as session:
            assert session.scalar(select(m.Offer.id).where(m.Offer.id == "off-1")) == "off-1"
    finally:
        database.close()


def test_a_stale_wal_file_moves_aside_with_the_damaged_copy(
    paths: AppPaths, demo_file: Path
) -> None:
    wal = paths.database.with_name(paths.database.name + "-wal")
    wal.write_bytes(b"old wal")
    _overwrite(paths.database, 0, b"\0" * 100)
    report = check_and_recover(paths, demo_path=demo_file)
    assert report.damaged_copy is not None
    assert report.damaged_copy.with_name(report.damaged_copy.name + "-wal").read_bytes() == (
        b"old wal")


def test_a_too_new_schema_is_refused_and_untouched(paths: AppPaths) -> None:
    with sqlite3.connect(paths.database) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = paths.database.read_bytes()

    with pytest.raises(SchemaTooNewError) as caught:
        check_and_recover(paths)

    assert paths.database.read_bytes() == before
    assert list(paths.home.glob("*.damaged-*")) == []
    message = startup_error_message(caught.value, paths.home)
    assert message is not None and "neueren Version" in message
    assert str(SCHEMA_VERSION + 1) in message


# --- storage problems -----------------------------------------------------------------------


def test_full_disk_is_recognised_and_nothing_is_lost(paths: AppPaths) -> None:
    database = Database(paths.database)
    with sqlite3.connect(paths.database) as probe:
        pages = int(probe.execute("PRAGMA page_count").fetchone()[0])
    database.engine.dispose()
    event.listen(database.engine, "connect",
                 lambda dbapi, _record: dbapi.execute(f"PRAGMA max_page_count = {pages}"))
    notes = NoteService(database)
    try:
        with pytest.raises(Exception) as caught:  # SQLAlchemy's wrapper
            notes.set("off-2", "Sprachcafé", "x" * 200_000)
        assert "full" in str(caught.value)
        assert classify_storage_error(caught.value) is StorageProblem.DISK_FULL
        assert notes.get("off-1") == NOTE
        assert notes.get("off-2") == ""
    finally:
        database.close()
    message = storage_problem_message(StorageProblem.DISK_FULL, paths.home)
    assert "Speicherplatz" in message and str(paths.home) in message


def test_a_write_to_a_read_only_database_is_recognised(paths: AppPaths) -> None:
    connection = sqlite3.connect(f"file:{paths.database}?mode=ro", uri=True)
    try:
        with pytest.raises(sqlite3.OperationalError) as caught:
            connection.execute("INSERT INTO setting (key, value) VALUES ('a', 'b')")
    finally:
        connection.close()
    assert classify_storage_error(caught.value) is StorageProblem.READ_ONLY
    assert not is_damage(caught.value)


def test_a_data_folder_under_a_file_is_a_storage_problem(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    paths = AppPaths(blocker / "Angebotslotse")
    with pytest.raises(OSError) as caught:
        check_and_recover(paths)
    assert classify_storage_error(caught.value) is StorageProblem.NOT_A_FOLDER
    message = startup_error_message(caught.value, paths.home) or ""
    assert "liegt eine Datei" in message and str(blocker) in message


def test_a_locked_database_is_recognised_and_not_treated_as_damage(paths: AppPaths) -> None:
    writer = sqlite3.connect(paths.database, isolation_level=None)
    other = sqlite3.connect(paths.database, timeout=0, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        with pytest.raises(sqlite3.OperationalError) as caught:
            other.execute("BEGIN IMMEDIATE")
        # readers still get through in WAL mode: the start-up check moves nothing aside
        assert check_and_recover(paths).status is HealthStatus.OK
    finally:
        writer.execute("ROLLBACK")
        writer.close()
        other.close()
    assert classify_storage_error(caught.value) is StorageProblem.LOCKED
    assert not is_damage(caught.value)
    assert "einen Moment" in storage_problem_message(StorageProblem.LOCKED, paths.home)


def test_unrelated_errors_are_not_storage_problems() -> None:
    assert classify_storage_error(ValueError("no")) is None
    assert startup_error_message(KeyError("x"), Path("/data")) is None


def test_messages_go_through_the_translation_function(paths: AppPaths) -> None:
    shouted = storage_problem_message(StorageProblem.LOCKED, paths.home, str.upper)
    assert shouted.startswith("DIE DATENBANK")


# --- real mounts (root only) ------------------------------------------------------------------


def _mount(*args: str) -> bool:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return False
    result = subprocess.run(["mount", *args], capture_output=True, check=False)
    return result.returncode == 0


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "tiny"
    folder.mkdir()
    if not _mount("-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)):
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.fixture
def read_only_copy(paths: AppPaths, tmp_path: Path) -> Iterator[AppPaths]:
    folder = tmp_path / "ro"
    folder.mkdir()
    if not _mount("--bind", str(paths.home), str(folder)):
        pytest.skip("cannot bind-mount here")
    try:
        if not _mount("-o", "remount,ro,bind", str(folder)):
            pytest.skip("cannot remount read-only here")
        yield AppPaths(folder)
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_really_full_disk_is_recognised(tiny_disk: Path, demo_file: Path) -> None:
    database = Database(tiny_disk / "angebotslotse.sqlite3")
    notes = NoteService(database)
    try:
        notes.set("off-1", "Familienhebamme", NOTE)
        with pytest.raises(Exception) as caught:  # SQLAlchemy's wrapper
            for number in range(400):
                notes.set(f"off-{number + 10}", "Angebot", os.urandom(8192).hex())
        assert classify_storage_error(caught.value) is StorageProblem.DISK_FULL
        assert notes.get("off-1") == NOTE
    finally:
        database.close()


def test_a_really_read_only_folder_is_recognised(read_only_copy: AppPaths) -> None:
    before = read_only_copy.database.read_bytes()
    with pytest.raises(Exception) as caught:  # sqlite3 or SQLAlchemy error
        database = Database(read_only_copy.database)
        try:
            SettingsService(database).set("centre_name", "Neu")
        finally:
            database.close()
    assert classify_storage_error(caught.value) is StorageProblem.READ_ONLY
    assert read_only_copy.database.read_bytes() == before


def test_a_full_disk_at_start_up_is_recognised_in_its_shm_form(tiny_disk: Path) -> None:
    """A full disk with an existing database: SQLite cannot create the -shm file and says
    "disk I/O error" (SQLITE_IOERR_SHMSIZE), which must read as a full disk, not a bug."""
    paths = AppPaths(tiny_disk)
    Database(paths.database).close()  # closes cleanly: no -shm left
    filler = tiny_disk / "filler"
    with pytest.raises(OSError), filler.open("wb") as handle:
        while True:
            handle.write(b"\0" * 65536)
    with pytest.raises(Exception) as caught:  # sqlite3 or SQLAlchemy error
        database = Database(paths.database)
        database.close()
    assert getattr(caught.value, "sqlite_errorcode", None) or "disk I/O" in str(caught.value)
    assert classify_storage_error(caught.value) is StorageProblem.DISK_FULL
    message = startup_error_message(caught.value, paths.home) or ""
    assert "Speicherplatz ist voll" in message


def test_every_user_table_has_a_label_in_the_recovery_message() -> None:
    from coesfeld_desktop.store.health import TABLE_LABELS  # noqa: PLC0415 - only here

    assert set(TABLE_LABELS) == set(USER_TABLES)
