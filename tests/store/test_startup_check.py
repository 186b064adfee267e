"""The start-up check after a clean exit is cheap; the full check follows in the background.

Every case damages a real database file (no mocks). What the cheap check cannot see (a
page deep inside the directory) the background check finds; the next start then repairs the
database and keeps the counsellor's rows, as any damaged start does.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from coesfeld_desktop.paths import AppPaths
from coesfeld_desktop.startup.recovery import check_and_recover, check_in_background
from coesfeld_desktop.startup.session import (
    begin_session,
    end_session,
    full_check_needed,
)
from coesfeld_desktop.store.health import HealthStatus
from tests.store.damage import EXPECTED, filled_home, user_data, write_demo_file

PAGE = 4096


@pytest.fixture
def filled(tmp_path: Path) -> tuple[AppPaths, Path]:
    """A data folder with every kind of user data, and the demo file it was filled from."""
    demo = write_demo_file(tmp_path)
    return filled_home(tmp_path, demo), demo


def _overwrite(paths: AppPaths, page: int, start: int = 0) -> None:
    with paths.database.open("r+b") as handle:
        handle.seek((page - 1) * PAGE + start)
        handle.write(b"\xff" * (PAGE - start))


def _root(paths: AppPaths, name: str) -> int:
    with sqlite3.connect(paths.database) as connection:
        return int(connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0])


def _deep_directory_page(paths: AppPaths) -> int:
    """The root page of the sync records' index: read by no query of the cheap check
    nor of the window's start (only a sync reads it)."""
    with sqlite3.connect(paths.database) as connection:
        return int(connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?",
            ("sqlite_autoindex_sync_record_1",)).fetchone()[0])


def _zero_header(paths: AppPaths) -> None:
    with paths.database.open("r+b") as handle:
        handle.write(b"\0" * 100)


def _cut(paths: AppPaths) -> None:
    size = paths.database.stat().st_size
    with paths.database.open("r+b") as handle:
        handle.truncate(size // 2 // PAGE * PAGE)


CHEAPLY_SEEN: dict[str, Callable[[AppPaths], None]] = {
    "empty file": lambda p: p.database.write_bytes(b""),
    "header zeroed": lambda p: _zero_header(p),
    "text instead of a database": lambda p: p.database.write_text("Hallo " * 900),
    "schema page overwritten": lambda p: _overwrite(p, 1, 100),
    "file cut in half": _cut,
    "the notes' page overwritten": lambda p: _overwrite(p, _root(p, "note")),
    "the settings' page overwritten": lambda p: _overwrite(p, _root(p, "setting")),
    "a directory table's root page overwritten": lambda p: _overwrite(p, _root(p, "offer")),
}


@pytest.mark.parametrize("damage", list(CHEAPLY_SEEN))
def test_the_cheap_check_finds_damage_to_the_header_schema_and_user_tables(
        filled: tuple[AppPaths, Path], damage: str) -> None:
    paths, demo_file = filled
    CHEAPLY_SEEN[damage](paths)
    report = check_and_recover(paths, full_check=False, demo_path=demo_file)
    assert report.status is HealthStatus.RECOVERED
    assert "beschädigt" in (report.user_message() or "")


def test_a_healthy_database_passes_both_checks(filled: tuple[AppPaths, Path]) -> None:
    paths, _demo = filled
    assert check_and_recover(paths, full_check=False).status is HealthStatus.OK
    assert check_in_background(paths) is None
    assert not full_check_needed(paths)
    assert user_data(paths) == EXPECTED


def test_damage_found_in_the_background_is_repaired_at_the_next_start(
        filled: tuple[AppPaths, Path]) -> None:
    paths, demo_file = filled
    _overwrite(paths, _deep_directory_page(paths))
    # the clean start does not see it: the window opens on the database as it is
    assert check_and_recover(paths, full_check=False).status is HealthStatus.OK
    begin_session(paths)

    damage = check_in_background(paths)

    assert damage  # the reason, for the log
    assert paths.database.exists()  # nothing moved while the database is in use
    end_session(paths)  # even after a clean exit ...
    assert full_check_needed(paths)  # ... the next start checks fully
    report = check_and_recover(paths, full_check=full_check_needed(paths), demo_path=demo_file)
    assert report.status is HealthStatus.RECOVERED
    assert user_data(paths) == EXPECTED
    assert report.incomplete == ()
    assert not full_check_needed(paths)  # repaired: the start after that is cheap again
    assert check_in_background(paths) is None


def test_an_unclean_exit_makes_the_next_start_check_fully(
        filled: tuple[AppPaths, Path]) -> None:
    paths, demo_file = filled
    assert not full_check_needed(paths)
    begin_session(paths)
    assert full_check_needed(paths)  # a crash now leaves the marker behind
    _overwrite(paths, _deep_directory_page(paths))
    report = check_and_recover(paths, full_check=full_check_needed(paths), demo_path=demo_file)
    assert report.status is HealthStatus.RECOVERED
    assert user_data(paths) == EXPECTED
    end_session(paths)
    assert not full_check_needed(paths)


def test_a_write_ahead_log_beside_the_file_is_not_taken_for_a_cut_off_file(
        filled: tuple[AppPaths, Path]) -> None:
    """In WAL mode the newest pages may live in the log only: the size check waits."""
    paths, _demo = filled
    connection = sqlite3.connect(paths.database)
    try:
        connection.execute("PRAGMA wal_autocheckpoint = 0")
        connection.execute("CREATE TABLE grow (x)")
        connection.executemany("INSERT INTO grow VALUES (?)", [("x" * 500,)] * 200)
        connection.commit()
        assert paths.database.with_name(paths.database.name + "-wal").stat().st_size > 0
        assert check_and_recover(paths, full_check=False).status is HealthStatus.OK
    finally:
        connection.close()
    assert user_data(paths) == EXPECTED
