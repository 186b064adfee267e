"""What comes next for a family: its timeline of milestones, each with the offers that help
in the family's town (then its neighbours) and the Lotse who can go along.

Why in the search layer: the help for a step is a search (the milestone's words, else its
topics, for the child's age in that month, in the town with its neighbours); the window and
the next-steps handout both ask here, so they show the same offers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from threading import Lock

from sqlalchemy import select

from coesfeld_desktop.domain.milestones import FILE_NAME, Milestone, load_milestones
from coesfeld_desktop.domain.timeline import (
    Family,
    NextStepsPlan,
    Step,
    StepHelp,
    family_timeline,
)
from coesfeld_desktop.paths import resource_dir
from coesfeld_desktop.progress import Progress
from coesfeld_desktop.search.query import SearchFilters, SearchRequest
from coesfeld_desktop.search.service import SearchService
from coesfeld_desktop.store import models as m

OFFERS_PER_STEP = 3
# The topic "Lotsen und Patenschaften": every offer is under it, so it says nothing about
# which step a Lotse helps with.
GUIDE_TOPIC = "guides"
_SEARCH_LIMIT = 12
_GUIDE_LIMIT = 200  # every Lotse around: the one for the step's topics is picked after


def guide_filters(base: SearchFilters) -> SearchFilters:
    """``base`` narrowed to the offers where a person accompanies the family (Lotsen,
    Paten, Babylotsen: the directory's "begleitet persönlich" kind)."""
    return replace(base, accompanied_only=True)


class NextStepsService:
    """Milestones from the district's file, the timeline and the help for each step."""

    def __init__(self, search: SearchService, milestones_file: Path | None = None) -> None:
        self._search = search
        self._file = milestones_file or resource_dir() / FILE_NAME
        self._milestones: tuple[Milestone, ...] | None = None
        self._lock = Lock()

    def milestones(self) -> tuple[Milestone, ...]:
        """The milestones (read once); :class:`MilestoneFileError` if the file is broken."""
        with self._lock:
            if self._milestones is None:
                self._milestones = load_milestones(self._file)
            return self._milestones

    def plan(self, family: Family, town: str | None, today: dt.date,
             progress: Progress | None = None) -> NextStepsPlan:
        """The family's next twelve months with the offers and Lotsen for each step."""
        timeline = family_timeline(family, self.milestones(), today)
        progress = progress or Progress()
        guides: dict[tuple[int | None, bool], list[tuple[str, frozenset[str]]]] = {}
        helps = []
        for number, step in enumerate(timeline.steps):
            progress.check()
            progress.step(number, len(timeline.steps))
            base = _filters_for(step, town)
            offers = self._offers(step.milestone, base)
            key = (base.age, base.pregnancy)
            if key not in guides:
                guides[key] = self._guides(base)
            wanted = set(step.milestone.topics)
            fitting = [oid for oid, topics in guides[key] if topics & wanted]
            # a Lotse the step's own search found is the nearest fitting one
            guide = next((oid for oid in offers if oid in fitting), None) or next(
                iter(fitting), None)
            helps.append(StepHelp(self._distinct(offers, guide), guide))
        return NextStepsPlan(timeline, town, tuple(helps))

    def _distinct(self, offer_ids: list[str], guide: str | None) -> tuple[str, ...]:
        """The best :data:`OFFERS_PER_STEP` offers with different titles, none the Lotse's
        (the same course in three towns is one choice: the nearest, which comes first)."""
        titles = self._titles([*offer_ids, *([guide] if guide else [])])
        taken = {titles.get(guide, guide)} if guide else set()
        chosen: dict[str, str] = {}
        for oid in offer_ids:
            title = titles.get(oid, oid)
            if title not in taken:
                chosen.setdefault(title, oid)
        return tuple(chosen.values())[:OFFERS_PER_STEP]

    def _titles(self, offer_ids: list[str]) -> dict[str, str]:
        with self._search.database.engine.connect() as connection:
            rows = connection.execute(select(m.Offer.id, m.Offer.title)
                                      .where(m.Offer.id.in_(offer_ids)))
            return {str(oid): str(title) for oid, title in rows}

    def _ids(self, text: str, filters: SearchFilters, limit: int = _SEARCH_LIMIT
             ) -> list[tuple[str, float]]:
        result = self._search.search(SearchRequest(text, filters, limit=limit))
        return [(hit.offer_id, hit.score) for hit in result.hits]

    def _offers(self, milestone: Milestone, base: SearchFilters) -> list[str]:
        """The milestone's words first; else its topics; else its topics for any age."""
        if milestone.search:
            found = self._ids(milestone.search, base)
            if found:
                return [oid for oid, _score in found]
        for filters in (base, replace(base, age=None, pregnancy=False)):
            scored: dict[str, float] = {}
            for topic in milestone.topics:
                for oid, score in self._ids("", replace(filters, topic=topic)):
                    scored[oid] = max(score, scored.get(oid, score))
            if scored:
                return sorted(scored, key=lambda oid: -scored[oid])
        return []

    def _guides(self, base: SearchFilters) -> list[tuple[str, frozenset[str]]]:
        """The Lotsen for this age and place, best first, with their topics."""
        ids = [oid for oid, _score in self._ids("", guide_filters(base), _GUIDE_LIMIT)]
        topics = self._topics_of(ids)
        return [(oid, topics[oid]) for oid in ids]

    def _topics_of(self, offer_ids: Iterable[str]) -> dict[str, frozenset[str]]:
        wanted = list(offer_ids)
        found: dict[str, set[str]] = {oid: set() for oid in wanted}
        with self._search.database.engine.connect() as connection:
            rows = connection.execute(select(m.OfferTopic.offer_id, m.OfferTopic.topic_id)
                                      .where(m.OfferTopic.offer_id.in_(wanted)))
            for offer_id, topic_id in rows:
                found[offer_id].add(topic_id)
        return {oid: frozenset(topics - {GUIDE_TOPIC}) for oid, topics in found.items()}


def _filters_for(step: Step, town: str | None) -> SearchFilters:
    """The town with its neighbours and the age the step is for (else pregnancy)."""
    age = step.target_age
    if age is None:
        return SearchFilters(town=town, include_neighbours=town is not None, pregnancy=True)
    return SearchFilters(town=town, include_neighbours=town is not None, age=age)

