"""The Gesprächsliste: the offers collected in one conversation, surviving restarts and syncs.

It was the Merkliste; the handout basket is now this same list (one list per conversation),
so the sheet is printed from what the counsellor sees. "Neues Gespräch" clears it.
The table keeps the name ``saved_list`` (and the list its stored name) so no migration is
needed; only offer ids, titles and positions are stored, nothing about the family.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from coesfeld_desktop.store import models as m
from coesfeld_desktop.store.database import Database

DEFAULT_LIST = "Merkliste"  # the stored name of the one list (kept: no data migration)


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
        self._listeners: list[Callable[[], None]] = []

    def subscribe(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call ``listener`` after every change (the list view, the handout dialog);
        returns the function that unsubscribes it."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def _changed(self) -> None:
        for listener in list(self._listeners):
            listener()

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
        self._changed()

    def add_offers(self, offer_ids: Iterable[str], list_name: str = DEFAULT_LIST) -> int:
        """Add offers at the end, titles from the directory; returns how many were new."""
        wanted = list(dict.fromkeys(offer_ids))
        with self._db.session() as session:
            titles = dict(session.execute(
                select(m.Offer.id, m.Offer.title).where(m.Offer.id.in_(wanted))).all())
        present = set(self.offer_ids(list_name))
        new = [oid for oid in wanted if oid not in present]
        for offer_id in new:
            self.add(offer_id, titles.get(offer_id, offer_id), list_name)
        return len(new)

    def move(self, offer_id: str, to_index: int, list_name: str = DEFAULT_LIST) -> None:
        """Move ``offer_id`` to ``to_index`` (clamped); the others keep their order."""
        ids = self.offer_ids(list_name)
        if offer_id not in ids:
            return
        ids.remove(offer_id)
        ids.insert(max(0, min(to_index, len(ids))), offer_id)
        self.reorder(ids, list_name)

    def reorder(self, offer_ids: list[str], list_name: str = DEFAULT_LIST) -> None:
        """Store this order (ids not on the list are ignored, missing ones go last)."""
        with self._db.session() as session, session.begin():
            list_id = self._list_id(session, list_name)
            entries = {e.offer_id: e for e in session.scalars(
                select(m.SavedListEntry).where(m.SavedListEntry.list_id == list_id))}
            order = [oid for oid in offer_ids if oid in entries]
            order += sorted((oid for oid in entries if oid not in order),
                            key=lambda oid: entries[oid].position)
            for position, offer_id in enumerate(order):
                entries[offer_id].position = position
        self._changed()

    def replace(self, offer_ids: Iterable[str], list_name: str = DEFAULT_LIST) -> None:
        """Make the list exactly ``offer_ids`` (a handout taken again from the history)."""
        self.clear(list_name)
        self.add_offers(offer_ids, list_name)

    def clear(self, list_name: str = DEFAULT_LIST) -> None:
        """Empty the list ("Neues Gespräch"); notes on the offers stay."""
        with self._db.session() as session, session.begin():
            list_id = self._list_id(session, list_name)
            session.execute(delete(m.SavedListEntry).where(
                m.SavedListEntry.list_id == list_id))
        self._changed()

    def remove(self, offer_id: str, list_name: str = DEFAULT_LIST) -> None:
        with self._db.session() as session, session.begin():
            list_id = self._list_id(session, list_name)
            entry = session.get(m.SavedListEntry, (list_id, offer_id))
            if entry is not None:
                session.delete(entry)
        self._changed()

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
