"""A search's hits as a sequence that builds each :class:`SearchHit` only when it is read.

Why: the window asks for 500 hits and shows a screenful; it needs all 500 offer ids (for its
model, which fetches display rows lazily) and the few hits not matched as typed (for their
mark), but not 500 objects with a distance each. Building them cost about a sixth of a
broad search. The rows are kept as SQLite returned them; ids and marks are read straight
from them, and a hit is built (with its distance, looked up once per place) on first use.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, overload

from coesfeld_desktop.domain.towns import Town, distance_km
from coesfeld_desktop.search.query import MatchKind, SearchHit

Row = Sequence[Any]
"""A result row: offer id, score, latitude, longitude and, from ranked tiers, the match."""


class Hits(Sequence[SearchHit]):
    """The hits of result ``rows``, in order; distances to ``town`` when one is chosen."""

    __slots__ = ("_built", "_distances", "_rows", "_town")

    def __init__(self, rows: Sequence[Row], town: Town | None = None) -> None:
        self._rows = rows
        self._town = town
        self._built: dict[int, SearchHit] = {}
        self._distances: dict[tuple[float, float], float] = {}  # offers share their places

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> SearchHit: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[SearchHit]: ...

    def __getitem__(self, index: int | slice) -> SearchHit | Sequence[SearchHit]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self._rows))))
        if index < 0:
            index += len(self._rows)
        hit = self._built.get(index)
        if hit is None:
            hit = self._built[index] = self._hit(self._rows[index])
        return hit

    def __iter__(self) -> Iterator[SearchHit]:
        return (self[i] for i in range(len(self._rows)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Hits({len(self._rows)} rows)"

    def offer_ids(self) -> list[str]:
        return [str(row[0]) for row in self._rows]

    def marked(self) -> dict[str, MatchKind]:
        """Offer id -> how it matched, for the hits not matched as typed."""
        return {str(row[0]): row[4] for row in self._rows if len(row) > 4 and row[4] != "word"}

    def _hit(self, row: Row) -> SearchHit:
        match: MatchKind = row[4] if len(row) > 4 else "word"
        return SearchHit(str(row[0]), float(row[1] or 0.0), self._distance(row[2], row[3]),
                         match)

    def _distance(self, lat: object, lon: object) -> float | None:
        town = self._town
        if town is None or not isinstance(lat, float) or not isinstance(lon, float):
            return None
        distance = self._distances.get((lat, lon))
        if distance is None:
            distance = self._distances[lat, lon] = round(
                distance_km(town.latitude, town.longitude, lat, lon), 1)
        return distance
