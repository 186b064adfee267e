"""The eleven towns of Kreis Coesfeld, their districts (Ortsteile), postcodes and neighbours.

Why hard-coded: these are facts of the district, needed offline for the town filter,
"with neighbouring towns" and distance ranking even before any directory is loaded.
Coordinates are approximate town centres (WGS84).
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Town:
    name: str
    postcodes: tuple[str, ...]
    latitude: float
    longitude: float
    districts: tuple[str, ...]
    neighbours: tuple[str, ...]


TOWNS: tuple[Town, ...] = (
    Town("Ascheberg", ("59387",), 51.7890, 7.6200, ("Ascheberg", "Herbern", "Davensberg"),
         ("Nordkirchen", "Lüdinghausen", "Senden")),
    Town("Billerbeck", ("48727",), 51.9780, 7.2950, ("Billerbeck", "Beerlage"),
         ("Coesfeld", "Rosendahl", "Havixbeck", "Nottuln")),
    Town("Coesfeld", ("48653",), 51.9460, 7.1680, ("Coesfeld", "Lette", "Goxel"),
         ("Billerbeck", "Rosendahl", "Nottuln", "Dülmen")),
    Town("Dülmen", ("48249",), 51.8300, 7.2790,
         ("Dülmen", "Buldern", "Hiddingsel", "Hausdülmen", "Merfeld", "Rorup"),
         ("Coesfeld", "Nottuln", "Senden", "Lüdinghausen", "Olfen")),
    Town("Havixbeck", ("48329",), 51.9770, 7.4160, ("Havixbeck", "Hohenholte"),
         ("Billerbeck", "Nottuln", "Senden")),
    Town("Lüdinghausen", ("59348",), 51.7680, 7.4430, ("Lüdinghausen", "Seppenrade"),
         ("Senden", "Ascheberg", "Nordkirchen", "Olfen", "Dülmen")),
    Town("Nordkirchen", ("59394",), 51.7380, 7.5250, ("Nordkirchen", "Südkirchen", "Capelle"),
         ("Ascheberg", "Lüdinghausen")),
    Town("Nottuln", ("48301",), 51.9280, 7.3530,
         ("Nottuln", "Appelhülsen", "Schapdetten", "Darup"),
         ("Billerbeck", "Havixbeck", "Senden", "Dülmen", "Coesfeld")),
    Town("Olfen", ("59399",), 51.7080, 7.3800, ("Olfen", "Vinnum"), ("Lüdinghausen", "Dülmen")),
    Town("Rosendahl", ("48720",), 52.0100, 7.1970, ("Osterwick", "Darfeld", "Holtwick"),
         ("Coesfeld", "Billerbeck")),
    Town("Senden", ("48308",), 51.8570, 7.4830,
         ("Senden", "Bösensell", "Ottmarsbocholt", "Venne"),
         ("Nottuln", "Havixbeck", "Dülmen", "Lüdinghausen", "Ascheberg")),
)

TOWN_NAMES: tuple[str, ...] = tuple(town.name for town in TOWNS)
_BY_NAME = {town.name.casefold(): town for town in TOWNS}


def town_by_name(name: str) -> Town | None:
    """Look a town up case-insensitively; also accepts ``Duelmen``-style spelling."""
    key = name.strip().casefold()
    if key in _BY_NAME:
        return _BY_NAME[key]
    for town in TOWNS:
        plain = town.name.casefold().replace("ü", "ue")
        if key == plain:
            return town
    return None


def with_neighbours(name: str) -> tuple[str, ...]:
    """The town itself followed by its neighbouring towns."""
    town = town_by_name(name)
    if town is None:
        return ()
    return (town.name, *town.neighbours)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance; accurate enough to rank offers by nearness."""
    radius = 6371.0
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * radius * math.asin(math.sqrt(a))
