"""The stages of the prevention chain ("kinderstark – NRW schafft Chancen") along a child's
path, and which of them an offer serves.

Why in the domain: the needs analysis counts needs and offers per stage, and the transitions
view and its filter use the same stages; the codes are the directory's life-phase codes, so an
offer's declared life phases and its age range meet needs on one axis. Labels are German
source strings marked for translation.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from coesfeld_desktop.domain.vocabulary import LIFE_PHASES
from coesfeld_desktop.i18n import N_, Translate

FAMILY_STAGE = "family"  # the parents themselves, whatever the child's age

STAGES: dict[str, str] = {
    "pregnancy": N_("Schwangerschaft und Geburt"),
    "age_0_3": N_("0–3 Jahre"),
    "kindergarten": N_("3–6 Jahre (Kita)"),
    "primary_school": N_("6–10 Jahre (Grundschule)"),
    "secondary_school": N_("10–16 Jahre (weiterführende Schule)"),
    "school_to_job": N_("16–21 Jahre (Übergang Schule–Beruf)"),
    "young_adults": N_("21–27 Jahre (junge Erwachsene)"),
    FAMILY_STAGE: N_("Eltern/Familie"),
}
assert set(STAGES) - {FAMILY_STAGE} == set(LIFE_PHASES), "stages follow the life phases"

# The ages (in whole years, from .. below) each stage covers; pregnancy is before age 0.
STAGE_AGES: dict[str, tuple[int, int]] = {
    "age_0_3": (0, 3),
    "kindergarten": (3, 6),
    "primary_school": (6, 10),
    "secondary_school": (10, 16),
    "school_to_job": (16, 21),
    "young_adults": (21, 27),
}
OLDEST = 27  # the prevention chain ends at 27

# Short names of the child stages for a row's badge (the full labels are too long there).
STAGE_SHORT: dict[str, str] = {
    "pregnancy": N_("Schwangerschaft"),
    "age_0_3": N_("Kleinkind"),
    "kindergarten": N_("Kita"),
    "primary_school": N_("Grundschule"),
    "secondary_school": N_("weiterführende Schule"),
    "school_to_job": N_("Schule–Beruf"),
    "young_adults": N_("junge Erwachsene"),
}
CHILD_STAGES: tuple[str, ...] = tuple(STAGE_SHORT)  # along the path, pregnancy first
# Target groups whose offers are (also) for the parents themselves.
PARENT_GROUPS = frozenset({"parents", "families", "pregnant", "migrant_families"})


def stage_of_age(age: int) -> str | None:
    """The stage of a child of ``age`` years; ``None`` from 27 on (no longer a child's path)."""
    for stage, (first, below) in STAGE_AGES.items():
        if first <= age < below:
            return stage
    return None


def offer_stages(min_age: int | None, max_age: int | None, pregnancy: bool,
                 life_phases: Iterable[str], *, for_parents: bool = False) -> set[str]:
    """The stages an offer serves: its declared life phases, the stages its age range
    overlaps, pregnancy; offers for parents or families (or with no age at all) also serve
    the "Eltern/Familie" stage.

    An age range that reaches into a stage only with its last year does not serve it: a Kita
    "für 1–6 Jahre" keeps a child until school, it is no Grundschule offer (the year a child
    changes stage belongs to the stage it comes from, for the offers of that stage)."""
    stages = {phase for phase in life_phases if phase in STAGES}
    if pregnancy:
        stages.add("pregnancy")
    if min_age is not None or max_age is not None:
        low = 0 if min_age is None else min_age
        high = 200 if max_age is None else max_age
        for stage, (first, below) in STAGE_AGES.items():
            if low < below and (high > first or first <= low <= high):
                stages.add(stage)
    if for_parents or (not stages):
        stages.add(FAMILY_STAGE)
    return stages


class StageFacts(Protocol):
    """What an offer's stages are computed from (a result row, a detail, an index record)."""

    @property
    def min_age(self) -> int | None: ...
    @property
    def max_age(self) -> int | None: ...
    @property
    def pregnancy(self) -> bool: ...
    @property
    def target_groups(self) -> Sequence[str]: ...
    @property
    def life_phases(self) -> Sequence[str]: ...


StageKey = tuple[int | None, int | None, bool, tuple[str, ...], bool]


def stage_key(offer: StageFacts) -> StageKey:
    """What :func:`offer_stages` reads of ``offer``, hashable (the index caches by it)."""
    return (offer.min_age, offer.max_age, bool(offer.pregnancy), tuple(offer.life_phases),
            bool(set(offer.target_groups) & PARENT_GROUPS))


def stages_of_key(key: StageKey) -> list[str]:
    """The stages of an offer described by :func:`stage_key`, along the path."""
    min_age, max_age, pregnancy, phases, for_parents = key
    found = offer_stages(min_age, max_age, pregnancy, phases, for_parents=for_parents)
    return [stage for stage in STAGES if stage in found]


def stages_of(offer: StageFacts) -> list[str]:
    """The stages ``offer`` serves, along the child's path ("Eltern/Familie" last)."""
    return stages_of_key(stage_key(offer))


def stage_badge(offer: StageFacts, _: Translate) -> str:
    """A row's short stage badge: "Kita", "Kita bis Grundschule"; empty for an offer for
    every stage or none of a child's (the age text already says "alle Altersgruppen")."""
    served = [stage for stage in stages_of(offer) if stage in STAGE_SHORT]
    if not served or len(served) == len(STAGE_SHORT) or (
            len(served) == len(STAGE_SHORT) - 1 and "pregnancy" not in served):
        return ""
    if len(served) == 1:
        return _(STAGE_SHORT[served[0]])
    return _("{first} bis {last}").format(first=_(STAGE_SHORT[served[0]]),
                                         last=_(STAGE_SHORT[served[-1]]))
