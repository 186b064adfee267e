"""A note typed while another process writes is kept, never waited for, and saved later."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from coesfeld_desktop.services import Services
from coesfeld_desktop.userdata.note_saver import PENDING_FILE, NoteSaver

NOTE = "Frau K. ruft Dienstag zurück – Termin klären."


@contextmanager
def write_lock(services: Services) -> Iterator[None]:
    """Another process's write transaction (a sync), holding SQLite's write lock."""
    other = sqlite3.connect(services.paths.database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_note_is_kept_while_the_database_is_locked_and_saved_afterwards(
        services: Services) -> None:
    saver = NoteSaver(services.notes, services.paths.home)
    pending_file = services.paths.home / PENDING_FILE
    with write_lock(services):
        assert saver.save("off-1", "Familienhebamme", NOTE) is False
        assert saver.get("off-1") == NOTE  # what the window shows meanwhile
        assert json.loads(pending_file.read_text(encoding="utf-8"))[0]["text"] == NOTE
        assert saver.retry() is False  # still locked: still kept
    assert services.notes.get("off-1") == ""
    assert saver.retry() is True
    assert services.notes.get("off-1") == NOTE
    assert not pending_file.exists()


def test_a_kept_note_survives_closing_and_is_saved_at_the_next_start(
        services: Services) -> None:
    with write_lock(services):
        assert not NoteSaver(services.notes, services.paths.home).save("off-2", "Café", NOTE)
    # the window closed while the lock was held; a new start finds the pending file
    again = NoteSaver(services.notes, services.paths.home)
    assert again.pending["off-2"].text == NOTE
    assert again.retry() is True
    assert services.notes.get("off-2") == NOTE


def test_a_free_database_saves_at_once_and_keeps_its_busy_timeout(services: Services) -> None:
    saver = NoteSaver(services.notes, services.paths.home)
    assert saver.save("off-1", "Familienhebamme", NOTE) is True
    assert services.notes.get("off-1") == NOTE
    with services.database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar_one() == 5000
