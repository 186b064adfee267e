"""The stages of the prevention chain: which an offer serves, and its row badge."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from coesfeld_desktop.domain.dimensions import row_badges
from coesfeld_desktop.domain.stages import (
    FAMILY_STAGE,
    offer_stages,
    stage_badge,
    stage_of_age,
    stages_of,
)


@dataclass(frozen=True)
class Offer:
    min_age: int | None = None
    max_age: int | None = None
    pregnancy: bool = False
    target_groups: tuple[str, ...] = ()
    life_phases: tuple[str, ...] = ()
    free: bool = False
    barrier_free: bool = False
    accompanies: bool = False


def same(text: str) -> str:
    return text


@pytest.mark.parametrize(("age", "stage"), [
    (0, "age_0_3"), (2, "age_0_3"), (3, "kindergarten"), (5, "kindergarten"),
    (6, "primary_school"), (9, "primary_school"), (10, "secondary_school"),
    (15, "secondary_school"), (16, "school_to_job"), (20, "school_to_job"),
    (21, "young_adults"), (26, "young_adults"), (27, None), (40, None),
])
def test_each_birthday_moves_a_child_into_the_next_stage(age: int, stage: str | None) -> None:
    assert stage_of_age(age) == stage


@pytest.mark.parametrize(("offer", "stages"), [
    (Offer(3, 6), ["kindergarten"]),  # until school: its last year is no Grundschule
    (Offer(3, 7), ["kindergarten", "primary_school"]),
    (Offer(6, 6), ["primary_school"]),
    (Offer(6, 10), ["primary_school"]),
    (Offer(3, 5), ["kindergarten"]),
    (Offer(None, 2, pregnancy=True), ["pregnancy", "age_0_3"]),
    (Offer(26, None), ["young_adults"]),  # open-ended, but the chain ends at 27
    (Offer(27, 99), [FAMILY_STAGE]),  # beyond the chain: only a general offer
    (Offer(life_phases=("school_to_job",)), ["school_to_job"]),
    (Offer(14, 17, life_phases=("young_adults",)),
     ["secondary_school", "school_to_job", "young_adults"]),
    (Offer(0, 3, target_groups=("parents",)), ["age_0_3", FAMILY_STAGE]),
    (Offer(), [FAMILY_STAGE]),  # no age, no phase: for everybody, counted as family
])
def test_an_offer_serves_the_stages_its_ages_phases_and_pregnancy_cover(
        offer: Offer, stages: list[str]) -> None:
    assert stages_of(offer) == stages


def test_offer_stages_from_age_range_life_phases_and_pregnancy() -> None:
    assert offer_stages(3, 5, False, ()) == {"kindergarten"}
    assert offer_stages(18, None, False, (), for_parents=True) == {
        "school_to_job", "young_adults", FAMILY_STAGE}
    assert offer_stages(None, None, False, ("primary_school",)) == {"primary_school"}


@pytest.mark.parametrize(("offer", "badge"), [
    (Offer(3, 5), "Kita"),
    (Offer(3, 6), "Kita"),
    (Offer(1, 7), "Kleinkind bis Grundschule"),
    (Offer(None, 1, pregnancy=True), "Schwangerschaft bis Kleinkind"),
    (Offer(16, 26), "Schule–Beruf bis junge Erwachsene"),
    (Offer(14, 17, life_phases=("young_adults",)), "weiterführende Schule bis junge Erwachsene"),
    (Offer(0, 26), ""),  # every child stage: the badge would say nothing
    (Offer(0, 26, pregnancy=True), ""),
    (Offer(), ""),
    (Offer(target_groups=("parents",)), ""),
])
def test_the_stage_badge_names_the_stages_briefly(offer: Offer, badge: str) -> None:
    assert stage_badge(offer, same) == badge


def test_row_badges_come_from_the_dimensions_in_their_order() -> None:
    offer = Offer(6, 9, free=True, barrier_free=True)
    assert row_badges(offer, same) == ("Grundschule", "kostenlos", "barrierefrei")
    guide = Offer(0, 3, accompanies=True)
    assert row_badges(guide, same) == ("Kleinkind", "begleitet persönlich")
    assert row_badges(Offer(), same) == ()
