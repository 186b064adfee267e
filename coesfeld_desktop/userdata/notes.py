"""A counsellor's own notes on offers: local only, never synced away, kept after removal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from coesfeld_desktop.store import models as m
from coesfeld_desktop.store.database import BUSY_TIMEOUT_MS, Database


@dataclass(frozen=True)
class OfferNote:
    offer_id: str
    title: str
    text: str
    updated_at: dt.datetime
    still_listed: bool


class NoteService:
    def __init__(self, database: Database) -> None:
        self._db = database

    def get(self, offer_id: str) -> str:
        with self._db.session() as session:
            note = session.get(m.Note, offer_id)
            return note.text if note else ""

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

    @staticmethod
    def _write(session: Session, offer_id: str, title: str, text: str) -> None:
        note = session.get(m.Note, offer_id)
        if not text.strip():
            if note is not None:
                session.delete(note)
            return
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        if note is None:
            session.add(m.Note(offer_id=offer_id, offer_title=title, text=text,
                               updated_at=now))
        else:
            note.text, note.offer_title, note.updated_at = text, title, now

    def all(self) -> list[OfferNote]:
        with self._db.session() as session:
            stmt = (
                select(m.Note, m.Offer.pk)
                .outerjoin(m.Offer, m.Offer.id == m.Note.offer_id)
                .order_by(m.Note.updated_at.desc())
            )
            return [
                OfferNote(note.offer_id, note.offer_title, note.text, note.updated_at,
                          pk is not None)
                for note, pk in session.execute(stmt)
            ]
