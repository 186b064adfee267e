"""Damaged starts (issue 15): empty files, hot journals, cut-off files, odd folders, odd paths.

Each test builds the damage for real (no mocks) and checks what the counsellor keeps and
reads: the Merkliste, the notes, the settings and the handout history, and the message.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from coesfeld_desktop.paths import AppPaths
from coesfeld_desktop.startup.recovery import (
    check_and_recover,
    damaged_copies,
    delete_old_damaged_copies,
)
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.health import (
    HealthStatus,
    StorageLayoutError,
    StorageProblem,
    startup_error_message,
)
from coesfeld_desktop.userdata.notes import NoteService
from coesfeld_desktop.userdata.settings import SettingsService
from tests.store.damage import EXPECTED, filled_home, user_data, write_demo_file


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    return write_demo_file(tmp_path)


@pytest.fixture
def paths(tmp_path: Path, demo_file: Path) -> AppPaths:
    return filled_home(tmp_path, demo_file)


def test_a_zero_length_database_is_damage_not_a_new_installation(
        paths: AppPaths, demo_file: Path) -> None:
    paths.database.write_bytes(b"")
    report = check_and_recover(paths, demo_path=demo_file)
    assert report.status is HealthStatus.RECOVERED
    assert "beschädigt" in (report.user_message() or "")
    assert report.damaged_copy is not None and report.damaged_copy.stat().st_size == 0


def test_a_hot_journal_is_rolled_back_and_nothing_is_lost(paths: AppPaths,
                                                          demo_file: Path) -> None:
    """A writer in rollback-journal mode killed mid-transaction leaves a hot -journal."""
    with sqlite3.connect(paths.database) as connection:
        connection.execute("PRAGMA journal_mode=DELETE")
    writer = textwrap.dedent(f"""
        import os, sqlite3
        c = sqlite3.connect({str(paths.database)!r})
        c.execute("PRAGMA cache_size=1")  # spill to the file before the commit
        c.execute("BEGIN")
        c.execute("DELETE FROM note")
        c.execute("UPDATE setting SET value = 'half-written'")
        c.execute("INSERT INTO setting VALUES ('x', ?)", ("y" * 200000,))
        os._exit(9)
    """)
    subprocess.run([sys.executable, "-c", writer], check=False, timeout=60)
    journal = paths.database.with_name(paths.database.name + "-journal")
    assert journal.stat().st_size > 0

    report = check_and_recover(paths, demo_path=demo_file)

    assert report.status is HealthStatus.OK
    assert not journal.exists() or journal.stat().st_size == 0
    assert user_data(paths) == EXPECTED


def test_a_file_cut_in_half_keeps_the_user_data_read_page_by_page(
        paths: AppPaths, demo_file: Path) -> None:
    """The schema pages written last are gone, so SQLite reads no table at all; the user
    tables' pages are intact and the page-level reader finds every row."""
    size = paths.database.stat().st_size
    with paths.database.open("r+b") as handle:
        handle.truncate(size // 2)
    with pytest.raises(sqlite3.DatabaseError), sqlite3.connect(paths.database) as probe:
        probe.execute("SELECT * FROM note").fetchall()

    report = check_and_recover(paths, demo_path=demo_file)

    assert report.status is HealthStatus.RECOVERED
    assert report.restored["note"] == 1 and report.restored["saved_list_entry"] == 2
    assert report.restored["setting"] >= 1
    assert user_data(paths)[:3] == EXPECTED[:3]


def test_a_lost_file_header_still_gives_the_rows(paths: AppPaths, demo_file: Path) -> None:
    with paths.database.open("r+b") as handle:
        handle.write(b"\0" * 100)
    report = check_and_recover(paths, demo_path=demo_file)
    assert report.status is HealthStatus.RECOVERED
    assert user_data(paths) == EXPECTED
    assert report.incomplete == ()
    assert "nichts verloren" in (report.user_message() or "")


def test_the_handout_history_is_carried_over(paths: AppPaths, demo_file: Path) -> None:
    with sqlite3.connect(paths.database) as connection:
        page = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'offer'").fetchone()[0]
    with paths.database.open("r+b") as handle:
        handle.seek((page - 1) * 4096)
        handle.write(b"\xff" * 4096)
    report = check_and_recover(paths, demo_path=demo_file)
    assert report.restored["handout_history"] == 1
    assert user_data(paths) == EXPECTED
    assert "Handzettel-Verlauf: 1" in (report.user_message() or "")


def test_a_data_folder_that_is_a_file_gets_its_own_message(tmp_path: Path) -> None:
    home = tmp_path / "Angebotslotse"
    home.write_text("not a folder")
    with pytest.raises(StorageLayoutError) as caught:
        check_and_recover(AppPaths(home))
    message = startup_error_message(caught.value, home) or ""
    assert "liegt eine Datei" in message and str(home) in message
    assert "Errno" not in message
    assert home.read_text() == "not a folder"


def test_a_database_path_that_is_a_folder_gets_its_own_message(tmp_path: Path) -> None:
    paths = AppPaths(tmp_path / "home").ensure()
    paths.database.mkdir()
    (paths.database / "keep.txt").write_text("mine")
    with pytest.raises(StorageLayoutError) as caught:
        check_and_recover(paths)
    assert caught.value.problem is StorageProblem.DATABASE_IS_A_FOLDER
    message = startup_error_message(caught.value, paths.home) or ""
    assert "liegt ein Ordner" in message and str(paths.database) in message
    assert (paths.database / "keep.txt").read_text() == "mine"


def test_layout_messages_are_translatable(tmp_path: Path) -> None:
    error = StorageLayoutError(StorageProblem.NOT_A_FOLDER, tmp_path)
    message = startup_error_message(error, tmp_path, lambda text: "[en] " + text) or ""
    assert message.startswith("[en] Angebotslotse braucht einen Ordner")


@pytest.mark.parametrize("name", ["a%20b", "a b", "x?mode=ro", "h#1", "Dülmen Ä Œ", "%3F"])
def test_the_database_opens_exactly_the_path_given(tmp_path: Path, name: str) -> None:
    """A folder name is never read as a URL escape, query or fragment."""
    folder = tmp_path / name / "data"
    if name == "a%20b":
        (tmp_path / "a b").mkdir()  # the sibling an f-string URL would have opened
    database = Database(folder / "angebotslotse.sqlite3")
    SettingsService(database).set("centre_name", name)
    database.close()
    created = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.sqlite3"))
    assert created == [f"{name}/data/angebotslotse.sqlite3"]
    with sqlite3.connect(folder / "angebotslotse.sqlite3") as raw:
        assert raw.execute("SELECT value FROM setting").fetchone()[0] == name


def test_secure_delete_is_on(tmp_path: Path) -> None:
    database = Database(tmp_path / "db.sqlite3")
    try:
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA secure_delete").scalar_one() == 1
        notes = NoteService(database)
        notes.set("off-1", "A", "Geheimnis-Zorlu " * 50)
        notes.set("off-1", "A", "")
        with database.engine.begin() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        database.close()
    files = [p for p in tmp_path.iterdir() if p.is_file()]
    assert all(b"Geheimnis-Zorlu" not in p.read_bytes() for p in files)


def test_damaged_copies_older_than_30_days_are_deleted(paths: AppPaths) -> None:
    old = paths.home / "angebotslotse.sqlite3.damaged-20260101-080000"
    recent = paths.home / "angebotslotse.sqlite3.damaged-20260301-080000"
    for copy in (old, recent):
        copy.write_bytes(b"notes")
        copy.with_name(copy.name + "-wal").write_bytes(b"wal")
    deleted = delete_old_damaged_copies(paths, now=dt.datetime(2026, 3, 15))
    assert deleted == [old]
    assert damaged_copies(paths) == [recent]
    assert not old.with_name(old.name + "-wal").exists()


def test_an_overwritten_schema_page_is_found_again_by_scanning(
        paths: AppPaths, demo_file: Path) -> None:
    """Page 1 (the root of the schema) is lost: the user tables' schema rows are found by
    searching every page, and their rows are read from their own intact pages."""
    with paths.database.open("r+b") as handle:
        handle.seek(100)
        handle.write(b"\xff" * (4096 - 100))
    report = check_and_recover(paths, demo_path=demo_file)
    assert report.status is HealthStatus.RECOVERED
    assert user_data(paths) == EXPECTED


def test_rows_whose_schema_row_is_lost_are_recognised_by_their_shape(
        paths: AppPaths, demo_file: Path) -> None:
    """Every schema page is destroyed: no root page is known any more. The note, the list
    entries and the handout history have shapes no other table shares and are found on
    their own pages; the settings (two texts, like five directory tables) cannot be told
    apart and are reported as possibly incomplete."""
    with sqlite3.connect(paths.database) as connection:
        pages = [row[0] for row in connection.execute(
            "SELECT pageno FROM dbstat WHERE name = 'sqlite_schema'")]
    with paths.database.open("r+b") as handle:
        for page in pages:
            start = 100 if page == 1 else 0
            handle.seek((page - 1) * 4096 + start)
            handle.write(b"\xff" * (4096 - start))
    report = check_and_recover(paths, demo_path=demo_file)
    kept = user_data(paths)
    assert (kept[0], kept[1], kept[3]) == (EXPECTED[0], EXPECTED[1], EXPECTED[3])
    assert "setting" in report.incomplete and "note" in report.incomplete
    assert "Nicht vollständig lesbar" in (report.user_message() or "")
