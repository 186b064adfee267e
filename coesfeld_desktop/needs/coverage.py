"""Coverage from the directory: offers per town and stage, optionally for one topic, with the
share given in a family's language, free of charge and barrier-free.

Why from the store and not the search: the analysis needs every town × stage cell at once.
The directory is read once per data stand into sets of offers (:class:`OfferSet` bits) per
town, barrier-free town, stage, topic and language; a cell is then an intersection of sets,
so another topic or language costs milliseconds, not a pass over 100,000 offers. Topics and
languages are read when a view first asks for them (the first view needs neither).
"""

from __future__ import annotations

import csv
import functools
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from coesfeld_desktop.domain.stages import PARENT_GROUPS, STAGES, stages_of_key
from coesfeld_desktop.domain.towns import TOWN_NAMES, town_by_name
from coesfeld_desktop.needs.offer_set import OfferSet, bits_of
from coesfeld_desktop.store.database import Database


@dataclass
class CoverageCell:
    offers: int = 0
    in_language: int = 0
    free: int = 0
    barrier_free: int = 0
    members: OfferSet = field(default_factory=OfferSet)  # to list a cell's offers

    @property
    def offer_ids(self) -> list[str]:
        return self.members.offer_ids()


@dataclass
class Coverage:
    """Offers per (town, stage) for the chosen topic (all topics when ``None``)."""

    topic: str | None
    language: str | None
    cells: dict[tuple[str, str], CoverageCell] = field(default_factory=dict)

    def cell(self, town: str, stage: str) -> CoverageCell:
        return self.cells.get((town, stage), CoverageCell())


class DirectoryFacts:
    """The directory's offers as sets: per town (a place there), per barrier-free town, per
    stage, free of charge; per topic and per language on first use.

    Read with plain SQL on the connection's sqlite3 driver: a few hundred thousand small
    rows, where ORM rows cost seconds. The ``database`` is kept for the lazy parts; the
    service drops this object when another directory is loaded.
    """

    def __init__(self, database: Database) -> None:
        self._db = database
        with database.engine.connect() as connection:
            offers = _rows(connection, "SELECT id, min_age, max_age, pregnancy, free "
                                       "FROM offer ORDER BY pk")
            # one string per offer: part of the hashable key offers are grouped by
            phases = dict(_rows(connection, "SELECT offer_id, group_concat(code) "
                                            "FROM offer_life_phase GROUP BY offer_id"))
            parents = {offer_id for (offer_id,) in _rows(
                connection, "SELECT DISTINCT offer_id FROM offer_target_group WHERE code IN "
                f"({', '.join('?' * len(PARENT_GROUPS))})", tuple(sorted(PARENT_GROUPS)))}
            # two plain reads and a dict beat SQLite's join of 150,000 places by 0.1 s
            locations = {location_id: (town, accessible) for location_id, town, accessible
                         in _rows(connection, "SELECT id, town, barrier_free FROM location")}
            places = _rows(connection, "SELECT offer_id, location_id FROM service_at_location")
        self.ids: list[str] = [row[0] for row in offers]
        self.position = {offer_id: index for index, offer_id in enumerate(self.ids)}
        size = len(self.ids)
        # offers by what their stages depend on: a few thousand keys at 100,000 offers
        by_key: dict[tuple[Any, ...], list[int]] = defaultdict(list)
        free: list[int] = []
        for index, (offer_id, min_age, max_age, pregnancy, is_free) in enumerate(offers):
            by_key[(min_age, max_age, bool(pregnancy), phases.get(offer_id),
                    offer_id in parents)].append(index)
            if is_free:
                free.append(index)
        at_stage: dict[str, list[int]] = {stage: [] for stage in STAGES}
        for (min_age, max_age, pregnancy, phases_of, for_parents), found in by_key.items():
            for stage in stages_of_key((min_age, max_age, pregnancy,
                                        tuple(phases_of.split(",")) if phases_of else (),
                                        for_parents)):
                at_stage[stage].extend(found)
        in_town: dict[str, list[int]] = defaultdict(list)
        barrier_free: dict[str, list[int]] = defaultdict(list)
        for offer_id, location_id in places:
            offered_at = self.position.get(offer_id)
            if offered_at is None or location_id not in locations:  # foreign keys forbid it
                continue
            town, accessible = locations[location_id]
            in_town[town].append(offered_at)
            if accessible:
                barrier_free[town].append(offered_at)
        self.stages = {stage: bits_of(found, size) for stage, found in at_stage.items()}
        self.towns = {town: bits_of(found, size) for town, found in in_town.items()}
        self.barrier_free = {town: bits_of(found, size) for town, found in barrier_free.items()}
        self.free = bits_of(free, size)

    def _grouped(self, sql: str) -> dict[str, int]:
        with self._db.engine.connect() as connection:
            rows = _rows(connection, sql)
        found: dict[str, list[int]] = defaultdict(list)
        for offer_id, value in rows:
            index = self.position.get(offer_id)
            if index is not None:
                found[value].append(index)
        return {value: bits_of(indexes, len(self.ids)) for value, indexes in found.items()}

    @functools.cached_property
    def topics(self) -> dict[str, int]:
        return self._grouped("SELECT offer_id, topic_id FROM offer_topic")

    @functools.cached_property
    def languages(self) -> dict[str, int]:
        return self._grouped("SELECT offer_id, language FROM offer_language")

    def offered(self) -> set[tuple[str, str, str]]:
        """Every (town, stage, topic) some offer covers."""
        return {(town, stage, topic) for town, in_town in self.towns.items()
                for stage, at_stage in self.stages.items() if in_town & at_stage
                for topic, on_topic in self.topics.items() if in_town & at_stage & on_topic}


def _rows(connection: Connection, sql: str, parameters: tuple[str, ...] = ()) -> list[Any]:
    """The rows as the sqlite3 driver returns them: plain tuples, none of SQLAlchemy's
    per-row work (0.4 s of 430,000 rows)."""
    driver = connection.connection.driver_connection
    assert driver is not None
    return list(driver.execute(sql, parameters).fetchall())


def coverage(facts: DirectoryFacts, topic: str | None = None,
             language: str | None = None) -> Coverage:
    result = Coverage(topic, language)
    everything = (1 << len(facts.ids)) - 1
    on_topic = facts.topics.get(topic, 0) if topic is not None else everything
    in_language = facts.languages.get(language, 0) if language else 0
    for town, in_town in facts.towns.items():
        for stage, at_stage in facts.stages.items():
            members = in_town & at_stage & on_topic
            if not members:
                continue
            result.cells[(town, stage)] = CoverageCell(
                members.bit_count(), (members & in_language).bit_count(),
                (members & facts.free).bit_count(),
                (members & facts.barrier_free.get(town, 0)).bit_count(),
                OfferSet(members, facts.ids))
    return result


def read_population(path: Path) -> dict[tuple[str, str], int]:
    """Children per (town, stage) from a planner's CSV: ``town;stage;children`` (',' or ';').

    Raises ``ValueError`` naming the line of the first row it cannot use.
    """
    lines = [(number, line) for number, line in enumerate(
        path.read_text(encoding="utf-8-sig").splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")]
    sample = lines[0][1] if lines else "a;b;c"
    dialect = csv.Sniffer().sniff(sample, delimiters=";,\t")
    figures: dict[tuple[str, str], int] = {}
    for index, (number, line) in enumerate(lines):
        row = next(csv.reader([line], dialect))
        if index == 0 and not row[-1].strip().replace(".", "").isdigit():
            continue  # the header
        if len(row) != 3:
            raise ValueError(f"{path.name}, line {number}: expected town;stage;children")
        town = town_by_name(row[0].strip())
        stage, count = row[1].strip(), row[2].strip().replace(".", "")
        if town is None or stage not in STAGES or not count.isdigit():
            raise ValueError(f"{path.name}, line {number}: {';'.join(row)!r} is not "
                             f"town;stage;children (towns: {', '.join(TOWN_NAMES)})")
        figures[(town.name, stage)] = int(count)
    return figures
