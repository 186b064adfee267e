"""What goes on the handout: the conversation's Gesprächsliste, plus a note for the family.

Why no list of its own: the counsellor collects offers once, in the Gesprächsliste beside the
results, and prints the sheet from it; a second, invisible basket made two lists for one job.
The offers and their order live in the list (saved across restarts); the note for the family
and whether a search of the conversation touched a crisis are held in memory only and never
written to disk.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from coesfeld_desktop.userdata.saved_list import SavedListService


@dataclass
class HandoutBasket:
    """The Gesprächsliste seen as the sheet's ordered offers, and the family's note."""

    saved_list: SavedListService
    note: str = ""
    # a search in this conversation showed "Hilfe in Notlagen": the sheet offers to print
    # the helplines too (held in memory only, like the note: nothing about a family is kept)
    crisis_seen: bool = False

    @property
    def offer_ids(self) -> list[str]:
        return self.saved_list.offer_ids()

    def add(self, offer_id: str) -> bool:
        """Add at the end; False when it is already on the list."""
        return self.extend([offer_id]) == 1

    def extend(self, offer_ids: Iterable[str]) -> int:
        """Add several; returns how many were new."""
        return self.saved_list.add_offers(offer_ids)

    def remove(self, offer_id: str) -> bool:
        if offer_id not in self.offer_ids:
            return False
        self.saved_list.remove(offer_id)
        return True

    def move(self, offer_id: str, to_index: int) -> None:
        """Move an offer to ``to_index`` (clamped to the list)."""
        self.saved_list.move(offer_id, to_index)

    def replace(self, offer_ids: Iterable[str]) -> None:
        """The list becomes exactly ``offer_ids`` (a handout from the history again)."""
        self.saved_list.replace(offer_ids)

    def clear(self) -> None:
        """A new conversation: no offers, no note."""
        self.saved_list.clear()
        self.note = ""
        self.crisis_seen = False

    def __len__(self) -> int:
        return len(self.offer_ids)

    def __contains__(self, offer_id: object) -> bool:
        return offer_id in self.offer_ids
