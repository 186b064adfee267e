"""The help for each step of a family's timeline: offers near the family, and a Lotse who
accompanies in person and fits the step."""

from __future__ import annotations

import datetime as dt

from coesfeld_desktop.domain.timeline import Child, Family, Month
from coesfeld_desktop.domain.towns import with_neighbours
from coesfeld_desktop.search.next_steps import OFFERS_PER_STEP, NextStepsService
from coesfeld_desktop.services import Services

TODAY = dt.date(2026, 10, 5)


def test_each_step_gets_nearby_offers_and_a_fitting_lotse(services: Services) -> None:
    service = NextStepsService(services.search)
    plan = service.plan(Family((Child(5, 4), Child(16)), due=Month(2027, 3)), "Dülmen", TODAY)
    near = set(with_neighbours("Dülmen"))
    assert len(plan.help) == len(plan.timeline.steps) >= 8
    guides = 0
    for step, help_ in zip(plan.timeline.steps, plan.help, strict=True):
        details = [services.directory.detail(oid) for oid in help_.offers]
        assert len(help_.offers) <= OFFERS_PER_STEP
        assert all(d is not None and set(d.towns) & near for d in details), step.milestone.id
        titles = [d.title.text for d in details if d is not None]
        assert len(set(titles)) == len(titles)  # the same course in two towns is one choice
        if help_.guide is not None:
            guides += 1
            guide = services.directory.detail(help_.guide)
            assert guide is not None and guide.accompanies
            assert set(guide.topic_ids) & set(step.milestone.topics), step.milestone.id
            assert guide.title.text not in titles
    assert guides >= 3  # Babylotsen, Ausbildungspaten, a Kita-Lotsin ...
    by_id = {step.milestone.id: help_ for step, help_ in zip(plan.timeline.steps, plan.help,
                                                            strict=True)}
    apprenticeship = by_id["apprenticeship_search"]
    first = services.directory.detail(apprenticeship.offers[0])
    assert first is not None and "Dülmen" in first.towns  # the family's town first
    assert "Ausbildung" in first.title.text


def test_no_town_searches_the_whole_district(services: Services) -> None:
    plan = NextStepsService(services.search).plan(Family((Child(2, 1),)), None, TODAY)
    assert plan.town is None
    assert any(help_.offers for help_ in plan.help)
