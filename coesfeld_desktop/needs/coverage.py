"""Coverage from the directory: offers per town and stage, optionally for one topic, with the
share given in a family's language, free of charge and barrier-free.

Why from the store and not the search: the analysis needs every town × stage cell at once;
one pass over the offers' rows gives all of them, where 88 searches would each walk the index.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from coesfeld_desktop.domain.stages import PARENT_GROUPS, STAGES, offer_stages
from coesfeld_desktop.domain.towns import TOWN_NAMES, town_by_name
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.models import (
    Location,
    Offer,
    OfferLanguage,
    OfferLifePhase,
    OfferTargetGroup,
    OfferTopic,
    ServiceAtLocation,
)


@dataclass
class CoverageCell:
    offers: int = 0
    in_language: int = 0
    free: int = 0
    barrier_free: int = 0
    offer_ids: list[str] = field(default_factory=list)  # to list a cell's offers


@dataclass(frozen=True)
class OfferFacts:
    """What coverage needs to know of one offer."""

    id: str
    towns: frozenset[str]
    barrier_free_towns: frozenset[str]
    stages: frozenset[str]
    topics: frozenset[str]
    languages: frozenset[str]
    free: bool


@dataclass
class Coverage:
    """Offers per (town, stage) for the chosen topic (all topics when ``None``)."""

    topic: str | None
    language: str | None
    cells: dict[tuple[str, str], CoverageCell] = field(default_factory=dict)

    def cell(self, town: str, stage: str) -> CoverageCell:
        return self.cells.get((town, stage), CoverageCell())


def _grouped(rows: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    grouped: dict[str, set[str]] = defaultdict(set)
    for key, value in rows:
        grouped[key].add(value)
    return grouped


def read_offer_facts(database: Database) -> list[OfferFacts]:
    """One pass over the directory's tables (a few hundred ms at 100,000 offers)."""
    with database.session() as session:
        places = list(session.execute(
            select(ServiceAtLocation.offer_id, Location.town, Location.barrier_free)
            .join(Location, Location.id == ServiceAtLocation.location_id)))
        topics = _grouped(session.execute(select(OfferTopic.offer_id, OfferTopic.topic_id)))
        languages = _grouped(session.execute(select(OfferLanguage.offer_id,
                                                    OfferLanguage.language)))
        phases = _grouped(session.execute(select(OfferLifePhase.offer_id, OfferLifePhase.code)))
        groups = _grouped(session.execute(select(OfferTargetGroup.offer_id,
                                                 OfferTargetGroup.code)))
        offers = list(session.execute(select(Offer.id, Offer.min_age, Offer.max_age,
                                             Offer.pregnancy, Offer.free)))
    towns: dict[str, set[str]] = defaultdict(set)
    accessible: dict[str, set[str]] = defaultdict(set)
    for offer_id, town, barrier_free in places:
        towns[offer_id].add(town)
        if barrier_free:
            accessible[offer_id].add(town)
    facts = []
    for offer_id, min_age, max_age, pregnancy, free in offers:
        stages = offer_stages(min_age, max_age, bool(pregnancy), phases.get(offer_id, ()),
                              for_parents=bool(groups.get(offer_id, set()) & PARENT_GROUPS))
        facts.append(OfferFacts(offer_id, frozenset(towns.get(offer_id, ())),
                                frozenset(accessible.get(offer_id, ())), frozenset(stages),
                                frozenset(topics.get(offer_id, ())),
                                frozenset(languages.get(offer_id, ())), bool(free)))
    return facts


def coverage(facts: Iterable[OfferFacts], topic: str | None = None,
             language: str | None = None) -> Coverage:
    result = Coverage(topic, language)
    for offer in facts:
        if topic is not None and topic not in offer.topics:
            continue
        for town in offer.towns:
            for stage in offer.stages:
                cell = result.cells.setdefault((town, stage), CoverageCell())
                cell.offers += 1
                cell.offer_ids.append(offer.id)
                cell.in_language += bool(language and language in offer.languages)
                cell.free += offer.free
                cell.barrier_free += town in offer.barrier_free_towns
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
