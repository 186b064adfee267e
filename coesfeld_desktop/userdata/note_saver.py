"""Saving notes without ever making the window wait, and without losing one to a busy database.

Why: a sync holds the database's write lock for as long as it writes (a full sync of a large
directory: many seconds), and the window saved notes on the GUI thread with SQLite's 5 s
busy timeout: each try froze the window, and closing it lost the note although the error
said nothing was lost. Now a save tries once without waiting (``busy_timeout = 0``); a note
that cannot be written yet is kept in memory and in a small file (``pending-notes.json`` in
the data folder, deleted as soon as it is empty) and written by :meth:`NoteSaver.retry`,
which the window calls every second until the lock is gone, and at the next start.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import OperationalError

from coesfeld_desktop.userdata.note_lock import NotesLocked
from coesfeld_desktop.userdata.notes import NoteService

log = logging.getLogger(__name__)
PENDING_FILE = "pending-notes.json"
_BUSY_CODES = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})


@dataclass(frozen=True)
class PendingNote:
    offer_id: str
    title: str
    text: str


def _is_busy(error: OperationalError) -> bool:
    code = getattr(error.orig, "sqlite_errorcode", None)
    if code is not None:
        return int(code) & 0xFF in _BUSY_CODES
    return "locked" in str(error.orig).lower()


class NoteSaver:
    """Notes saved now if the database is free, else kept until it is."""

    def __init__(self, notes: NoteService, folder: Path) -> None:
        self._notes = notes
        self._file = folder / PENDING_FILE
        self._file_locked = False  # the file holds protected notes not yet readable
        self._pending: dict[str, PendingNote] = self._read()

    @property
    def pending(self) -> dict[str, PendingNote]:
        return dict(self._pending)

    def get(self, offer_id: str) -> str:
        """The note as the user last typed it (a pending one before the stored one)."""
        pending = self._pending.get(offer_id)
        return pending.text if pending is not None else self._notes.get(offer_id)

    def save(self, offer_id: str, title: str, text: str) -> bool:
        """Save now without waiting; False if it was kept for later (the database is busy)."""
        self._pending[offer_id] = PendingNote(offer_id, title, text)
        return self.retry()

    def retry(self) -> bool:
        """Write every pending note the database takes now; True when none is left."""
        for offer_id, note in list(self._pending.items()):
            try:
                self._notes.set(note.offer_id, note.title, note.text, wait_ms=0)
            except OperationalError as error:
                if not _is_busy(error):
                    raise
                break
            del self._pending[offer_id]
        self._write()
        return not self._pending

    # --- the pending file -----------------------------------------------------------------

    def _read(self) -> dict[str, PendingNote]:
        try:
            rows = json.loads(self._file.read_text(encoding="utf-8"))
            lock = self._notes.lock
            return {row["offer_id"]: PendingNote(row["offer_id"], row["title"],
                                                 lock.open(row["text"]))
                    for row in rows}
        except NotesLocked:  # protected notes, not unlocked yet: the file stays for later
            self._file_locked = True
            return {}
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, KeyError, TypeError) as error:
            log.warning("pending notes unreadable (%s); left in place", type(error).__name__)
            return {}

    def _write(self) -> None:
        if self._file_locked:  # never overwrite notes that could not be read yet
            return
        if not self._pending:
            self._file.unlink(missing_ok=True)
            return
        lock = self._notes.lock  # a protected note is written encrypted here too
        rows = [{**note.__dict__, "text": lock.seal(note.text)} for note in self._pending.values()]
        partial = self._file.with_name(self._file.name + ".tmp")
        try:
            partial.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
            os.replace(partial, self._file)
        except OSError as error:  # a full disk: the notes stay in memory meanwhile
            log.warning("pending notes not written: %s", type(error).__name__)
