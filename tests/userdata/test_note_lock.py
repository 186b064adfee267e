"""Notes protected by a passphrase: encrypted at rest, readable only after unlocking."""

from __future__ import annotations

import sqlite3

import pytest

from coesfeld_desktop.services import Services
from coesfeld_desktop.userdata.note_lock import PREFIX, NotesLocked, WrongPassphrase
from coesfeld_desktop.userdata.note_saver import PENDING_FILE, NoteSaver
from coesfeld_desktop.userdata.notes import NoteService
from tests.userdata.test_note_saver import write_lock

SECRET = "Familie Zorlu: Termin beim Jugendamt am 12.3."
PASSPHRASE = "Kiebitz am Ufer 7"


def _stored(services: Services) -> list[str]:
    with sqlite3.connect(services.paths.database) as raw:
        return [row[0] for row in raw.execute("SELECT text FROM note")]


def test_protecting_encrypts_every_note_and_a_new_start_needs_the_passphrase(
        services: Services) -> None:
    notes = services.notes
    notes.set("off-1", "Familienhebamme", SECRET)
    notes.protect(PASSPHRASE)
    assert all(text.startswith(PREFIX) for text in _stored(services))
    assert "Zorlu" not in services.paths.database.read_bytes().decode("latin-1")
    assert notes.get("off-1") == SECRET  # still unlocked in this session
    notes.set("off-2", "Café", "zweite Notiz")
    assert len(_stored(services)) == 2 and all(t.startswith(PREFIX) for t in _stored(services))

    later = NoteService(services.database)  # a new start: locked
    assert later.lock.locked
    with pytest.raises(NotesLocked):
        later.get("off-1")
    with pytest.raises(NotesLocked):
        later.set("off-1", "Familienhebamme", "überschrieben?")
    assert [note.text for note in later.all()] == ["", ""]  # lists show no text
    with pytest.raises(WrongPassphrase):
        later.lock.unlock("falsches Passwort")
    later.lock.unlock(PASSPHRASE)
    assert later.get("off-1") == SECRET


def test_removing_the_passphrase_stores_plain_text_again(services: Services) -> None:
    services.notes.set("off-1", "Familienhebamme", SECRET)
    services.notes.protect(PASSPHRASE)
    services.notes.protect(None)
    assert _stored(services) == [SECRET]
    assert not NoteService(services.database).lock.enabled


def test_a_short_passphrase_is_refused(services: Services) -> None:
    with pytest.raises(ValueError, match="8"):
        services.notes.protect("kurz")
    assert not services.notes.lock.enabled


def test_a_pending_note_of_protected_notes_is_encrypted_on_disk(services: Services) -> None:
    services.notes.protect(PASSPHRASE)
    saver = NoteSaver(services.notes, services.paths.home)
    with write_lock(services):
        assert not saver.save("off-1", "Familienhebamme", SECRET)
    pending = (services.paths.home / PENDING_FILE).read_text(encoding="utf-8")
    assert "Zorlu" not in pending and PREFIX in pending
    locked = NoteService(services.database)
    untouched = NoteSaver(locked, services.paths.home)  # locked: the file is left alone
    assert untouched.retry() and (services.paths.home / PENDING_FILE).exists()
    assert NoteSaver(services.notes, services.paths.home).retry()
    assert services.notes.get("off-1") == SECRET
