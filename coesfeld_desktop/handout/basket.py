"""The handout basket: which offers go on the sheet, in which order, and a note.

Why so small: the basket holds offer ids and the counsellor's note only — nothing about
the client — and is never written to disk; the history keeps only ids and the language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass
class HandoutBasket:
    """Ordered, duplicate-free offer ids and an optional note for the family."""

    offer_ids: list[str] = field(default_factory=list)
    note: str = ""

    def add(self, offer_id: str) -> bool:
        """Add at the end; False when it is already in the basket."""
        if offer_id in self.offer_ids:
            return False
        self.offer_ids.append(offer_id)
        return True

    def extend(self, offer_ids: Iterable[str]) -> int:
        """Add several; returns how many were new."""
        return sum(self.add(offer_id) for offer_id in offer_ids)

    def remove(self, offer_id: str) -> bool:
        if offer_id not in self.offer_ids:
            return False
        self.offer_ids.remove(offer_id)
        return True

    def move(self, offer_id: str, to_index: int) -> None:
        """Move an offer to ``to_index`` (clamped to the basket)."""
        self.offer_ids.remove(offer_id)
        to_index = max(0, min(to_index, len(self.offer_ids)))
        self.offer_ids.insert(to_index, offer_id)

    def move_up(self, offer_id: str) -> None:
        self.move(offer_id, self.offer_ids.index(offer_id) - 1)

    def move_down(self, offer_id: str) -> None:
        self.move(offer_id, self.offer_ids.index(offer_id) + 1)

    def clear(self) -> None:
        self.offer_ids.clear()
        self.note = ""

    def __len__(self) -> int:
        return len(self.offer_ids)

    def __contains__(self, offer_id: object) -> bool:
        return offer_id in self.offer_ids
