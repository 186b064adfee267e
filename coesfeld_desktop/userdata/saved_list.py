"""The Merkliste: offers a counsellor keeps at hand, surviving every sync."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coesfeld_desktop.store import models as m
from coesfeld_desktop.store.database import Database

DEFAULT_LIST = "Merkliste"


@dataclass(frozen=True)
class SavedEntry:
    offer_id: str
    title: str
    still_listed: bool  # False once a sync removed the offer from the directory


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class SavedListService:
    def __init__(self, database: Database) -> None:
        self._db = database

    def _list_id(self, session: Session, name: str) -> int:
        found = session.scalar(select(m.SavedList.id).where(m.SavedList.name == name))
        if found is not None:
            return found
        saved = m.SavedList(name=name, created_at=_now())
        session.add(saved)
        session.flush()
        return saved.id

    def add(self, offer_id: str, title: str, list_name: str = DEFAULT_LIST) -> None:
        with self._db.session() as session, session.begin():
            list_id = self._list_id(session, list_name)
            if session.get(m.SavedListEntry, (list_id, offer_id)) is not None:
                return
            position = session.scalar(
                select(func.coalesce(func.max(m.SavedListEntry.position), -1))
                .where(m.SavedListEntry.list_id == list_id)
            )
            session.add(m.SavedListEntry(list_id=list_id, offer_id=offer_id, offer_title=title,
                                         position=int(position or 0) + 1, added_at=_now()))

    def remove(self, offer_id: str, list_name: str = DEFAULT_LIST) -> None:
        with self._db.session() as session, session.begin():
            list_id = self._list_id(session, list_name)
            entry = session.get(m.SavedListEntry, (list_id, offer_id))
            if entry is not None:
                session.delete(entry)

    def toggle(self, offer_id: str, title: str, list_name: str = DEFAULT_LIST) -> bool:
        """Add or remove; returns whether the offer is saved afterwards."""
        if self.contains(offer_id, list_name):
            self.remove(offer_id, list_name)
            return False
        self.add(offer_id, title, list_name)
        return True

    def contains(self, offer_id: str, list_name: str = DEFAULT_LIST) -> bool:
        return offer_id in self.offer_ids(list_name)

    def offer_ids(self, list_name: str = DEFAULT_LIST) -> list[str]:
        return [entry.offer_id for entry in self.entries(list_name)]

    def entries(self, list_name: str = DEFAULT_LIST) -> list[SavedEntry]:
        with self._db.session() as session:
            stmt = (
                select(m.SavedListEntry.offer_id, m.SavedListEntry.offer_title, m.Offer.pk)
                .join(m.SavedList, m.SavedList.id == m.SavedListEntry.list_id)
                .outerjoin(m.Offer, m.Offer.id == m.SavedListEntry.offer_id)
                .where(m.SavedList.name == list_name)
                .order_by(m.SavedListEntry.position)
            )
            return [SavedEntry(oid, title, pk is not None)
                    for oid, title, pk in session.execute(stmt)]
