"""A counsellor's own notes on offers: local only, never synced away, kept after removal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from coesfeld_desktop.store import models as m
from coesfeld_desktop.store.database import BUSY_TIMEOUT_MS, Database
from coesfeld_desktop.userdata.keys import Key
from coesfeld_desktop.userdata.note_lock import NoteLock, NotesLocked, seal_with
from coesfeld_desktop.userdata.settings import SettingsService


@dataclass(frozen=True)
class OfferNote:
    offer_id: str
    title: str
    text: str
    updated_at: dt.datetime
    still_listed: bool


class NoteService:
    def __init__(self, database: Database, lock: NoteLock | None = None) -> None:
        self._db = database
        self.lock = lock or NoteLock(SettingsService(database))

    def get(self, offer_id: str) -> str:
        """The note's text; raises :class:`NotesLocked` while protected notes are locked."""
        with self._db.session() as session:
            note = session.get(m.Note, offer_id)
            return self.lock.open(note.text) if note else ""

    def protect(self, passphrase: str | None) -> None:
        """Protect every note with ``passphrase`` (``None``: store them in plain text again).

        One transaction: every note is re-written and the new salt stored together, so a
        crash leaves either all notes under the old key or all under the new one. The notes
        must be unlocked first.
        """
        salt, check, key = self.lock.new_key(passphrase) if passphrase else ("", "", None)
        with self._db.session() as session, session.begin():
            notes = list(session.scalars(select(m.Note)))
            texts = [self.lock.open(note.text) for note in notes]  # NotesLocked if locked
            for key_name, value in ((Key.NOTES_SALT, salt), (Key.NOTES_CHECK, check)):
                session.merge(m.Setting(key=key_name, value=value))
            for note, text in zip(notes, texts, strict=True):
                note.text = seal_with(key, text) if key else text
        self.lock.use_key(key)

    def set(self, offer_id: str, title: str, text: str, *, wait_ms: int | None = None) -> None:
        """Save the note; an empty text deletes it.

        ``wait_ms``: how long to wait for another writer (a sync) before SQLite's "database
        is locked"; ``None`` keeps the connection's usual busy timeout. The window passes 0
        and keeps the note for later instead of waiting (see ``userdata/note_saver.py``).
        """
        if wait_ms is None:
            with self._db.session() as session, session.begin():
                self._write(session, offer_id, title, text)
            return
        with self._db.engine.connect() as connection:
            connection.exec_driver_sql(f"PRAGMA busy_timeout = {int(wait_ms)}")
            connection.commit()
            try:
                with Session(bind=connection) as session, session.begin():
                    self._write(session, offer_id, title, text)
            finally:  # the pooled connection goes back with its usual patience
                connection.rollback()
                connection.exec_driver_sql(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                connection.commit()

    def _write(self, session: Session, offer_id: str, title: str, text: str) -> None:
        note = session.get(m.Note, offer_id)
        if not text.strip():
            if note is not None:
                session.delete(note)
            return
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        sealed = self.lock.seal(text)  # NotesLocked while protected notes are locked
        if note is None:
            session.add(m.Note(offer_id=offer_id, offer_title=title, text=sealed,
                               updated_at=now))
        else:
            note.text, note.offer_title, note.updated_at = sealed, title, now

    def all(self) -> list[OfferNote]:
        """Every note, newest first; while protected notes are locked their text is ""."""
        with self._db.session() as session:
            stmt = (
                select(m.Note, m.Offer.pk)
                .outerjoin(m.Offer, m.Offer.id == m.Note.offer_id)
                .order_by(m.Note.updated_at.desc())
            )
            return [
                OfferNote(note.offer_id, note.offer_title, self._readable(note.text),
                          note.updated_at, pk is not None)
                for note, pk in session.execute(stmt)
            ]

    def _readable(self, stored: str) -> str:
        try:
            return self.lock.open(stored)
        except NotesLocked:
            return ""
