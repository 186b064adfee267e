"""The handout history: remember what was handed out, to reprint it later.

Stores offer ids, German titles (so the list stays readable when an offer leaves the
directory), language, layout and time. No client data and no counsellor note.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import delete, select

from coesfeld_desktop.handout.history_model import HandoutRecord
from coesfeld_desktop.handout.options import HandoutOptions, Layout
from coesfeld_desktop.store.database import Database

KEEP = 200  # entries kept; older ones are dropped


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    created_at: dt.datetime
    language: str
    layout: Layout
    large_print: bool
    offer_ids: tuple[str, ...]
    titles: tuple[str, ...]

    def options(self, note: str = "") -> HandoutOptions:
        return HandoutOptions(self.language, self.layout, self.large_print, note)


def _entry(row: HandoutRecord) -> HistoryEntry:
    try:
        layout = Layout(row.layout)
    except ValueError:
        layout = Layout.SINGLE
    return HistoryEntry(row.id, row.created_at, row.language, layout, row.large_print,
                        tuple(json.loads(row.offer_ids)), tuple(json.loads(row.titles)))


class HandoutHistory:
    def __init__(self, database: Database) -> None:
        self._db = database

    def record(self, offer_ids: list[str] | tuple[str, ...], titles: list[str] | tuple[str, ...],
               options: HandoutOptions, when: dt.datetime | None = None) -> HistoryEntry:
        """Remember one handout (the note in ``options`` is not stored)."""
        row = HandoutRecord(
            created_at=(when or dt.datetime.now()).replace(microsecond=0),
            language=options.language, layout=options.layout.value,
            large_print=options.large_print,
            offer_ids=json.dumps(list(offer_ids)), titles=json.dumps(list(titles),
                                                                      ensure_ascii=False),
        )
        with self._db.session() as session, session.begin():
            session.add(row)
            session.flush()
            old = select(HandoutRecord.id).order_by(HandoutRecord.id.desc()).offset(KEEP)
            session.execute(delete(HandoutRecord).where(HandoutRecord.id.in_(old)))
            return _entry(row)

    def entries(self, limit: int = 50) -> list[HistoryEntry]:
        """Newest first."""
        with self._db.session() as session:
            stmt = select(HandoutRecord).order_by(HandoutRecord.id.desc()).limit(limit)
            return [_entry(row) for row in session.scalars(stmt)]

    def get(self, entry_id: int) -> HistoryEntry | None:
        with self._db.session() as session:
            row = session.get(HandoutRecord, entry_id)
            return _entry(row) if row else None

    def forget_older_than(self, days: int, now: dt.datetime | None = None) -> int:
        """Delete entries older than ``days`` (the retention the centre set); returns how many."""
        cutoff = (now or dt.datetime.now()) - dt.timedelta(days=days)
        with self._db.session() as session, session.begin():
            result = session.execute(
                delete(HandoutRecord).where(HandoutRecord.created_at < cutoff))
            return int(getattr(result, "rowcount", 0) or 0)

    def clear(self) -> None:
        with self._db.session() as session, session.begin():
            session.execute(delete(HandoutRecord))
