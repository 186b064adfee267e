"""A family's next twelve months along the child's path: each child's stage and the
milestones that fall due, from the children's ages (and birth months, where known) and a
pregnancy's expected month of birth.

Why month by month: deadlines in NRW are set in months (school starts on 1 August, the Kita
wants six months' notice); a birth month is all a counsellor needs to ask, and nothing here is
stored. Without a birth month the birthday is assumed half a year away and every date that
follows from it is marked approximate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from coesfeld_desktop.domain.milestones import Milestone
from coesfeld_desktop.domain.stages import OLDEST, stage_of_age
from coesfeld_desktop.i18n import N_, TranslatableError

WINDOW_MONTHS = 12
LONGEST_PREGNANCY_MONTHS = 10  # an expected birth further ahead is a typing error
SCHOOL_CUTOFF_MONTH = 9  # SchulG NRW § 35: six by 30 September starts school that August
SCHOOL_START_MONTH = 8


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month."""

    year: int
    month: int

    @classmethod
    def of(cls, day: dt.date) -> Month:
        return cls(day.year, day.month)

    def plus(self, months: int) -> Month:
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)

    def minus(self, other: Month) -> int:
        """Months from ``other`` to this one."""
        return (self.year - other.year) * 12 + self.month - other.month

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)


class FamilyError(TranslatableError):
    """What was typed cannot describe a family (the message is translated by the caller)."""


@dataclass(frozen=True)
class Child:
    age: int  # whole years today
    birth_month: int | None = None  # 1..12, if the family says it


@dataclass(frozen=True)
class Family:
    children: tuple[Child, ...] = ()
    due: Month | None = None  # expected month of birth, if a baby is on the way


@dataclass(frozen=True)
class Person:
    """A child of the family, or the expected baby (always last)."""

    index: int  # the order of the input; the expected baby comes after the children
    expected: bool
    birth: Month  # (expected) month of birth
    approximate: bool  # the birth month is assumed
    age: int | None  # in whole years today; None before birth
    stage: str | None  # today: "pregnancy" before birth, None from 27 on

    def age_in(self, month: Month) -> int | None:
        """Whole years in ``month`` (the birthday counts from its month); None before birth."""
        months = month.minus(self.birth)
        return None if months < 0 else months // 12

    def stage_in(self, month: Month) -> str | None:
        age = self.age_in(month)
        return "pregnancy" if age is None else stage_of_age(age)

    def school_start(self) -> Month:
        """1 August of the year the child is six by 30 September (SchulG NRW § 35)."""
        year = self.birth.year + (6 if self.birth.month <= SCHOOL_CUTOFF_MONTH else 7)
        return Month(year, SCHOOL_START_MONTH)


@dataclass(frozen=True)
class Step:
    """One milestone of one person inside the window."""

    month: Month  # where it stands on the timeline (this month, if already due)
    due: Month  # the milestone's own month (before ``month`` if it is still open)
    milestone: Milestone
    person: Person
    stage: str  # the person's stage in ``month``
    age: int | None  # the person's age in ``month``; None before birth

    @property
    def target_age(self) -> int | None:
        """The age the milestone prepares for: at the end of its open period (a Kita place
        registered at 6 months is for a one-year-old); None while still expected."""
        return self.person.age_in(self.due.plus(self.milestone.open_months))

    @property
    def approximate(self) -> bool:
        return self.person.approximate and self.milestone.anchor != "stage"


@dataclass(frozen=True)
class Timeline:
    start: Month  # this month
    months: int
    persons: tuple[Person, ...]
    steps: tuple[Step, ...]  # by month, then person

    @property
    def end(self) -> Month:
        """The last month shown."""
        return self.start.plus(self.months - 1)

    def steps_of(self, person: Person) -> list[Step]:
        return [step for step in self.steps if step.person == person]


@dataclass(frozen=True)
class StepHelp:
    offers: tuple[str, ...] = ()  # offer ids, best first: the town's before its neighbours'
    guide: str | None = None  # the offer id of a Lotse for this step


@dataclass(frozen=True)
class NextStepsPlan:
    timeline: Timeline
    town: str | None
    help: tuple[StepHelp, ...] = field(default=())  # one per timeline step

    def offer_ids(self) -> list[str]:
        """Every offer of the plan once, in timeline order (guides after their step's offers)."""
        ids = [oid for help_ in self.help
               for oid in (*help_.offers, *([help_.guide] if help_.guide else []))]
        return list(dict.fromkeys(ids))

    def help_for(self, step: Step) -> StepHelp:
        return self.help[self.timeline.steps.index(step)]


def _birth(child: Child, today: Month) -> tuple[Month, bool]:
    """The month of birth of a child ``child.age`` years old today."""
    if child.birth_month is None:  # assume the next birthday is half a year away
        month = (today.month + 5) % 12 + 1
        approximate = True
    else:
        month, approximate = child.birth_month, False
    year = today.year - child.age - (1 if month > today.month else 0)
    return Month(year, month), approximate


def persons_of(family: Family, today: dt.date) -> tuple[Person, ...]:
    """The family's children and expected baby; :class:`FamilyError` for impossible input."""
    start = Month.of(today)
    persons = []
    for index, child in enumerate(family.children):
        if isinstance(child.age, bool) or not 0 <= child.age <= 120:
            raise FamilyError(N_("Das Alter muss zwischen 0 und 120 Jahren liegen."))
        if child.birth_month is not None and not 1 <= child.birth_month <= 12:
            raise FamilyError(N_("Der Geburtsmonat muss zwischen 1 und 12 liegen."))
        birth, approximate = _birth(child, start)
        persons.append(Person(index, False, birth, approximate, child.age,
                              stage_of_age(child.age)))
    if family.due is not None:
        ahead = family.due.minus(start)
        if ahead < 0:
            raise FamilyError(N_("Der erwartete Geburtsmonat liegt in der Vergangenheit: "
                                 "Geben Sie das Kind bitte mit Alter 0 an."))
        if ahead > LONGEST_PREGNANCY_MONTHS:
            raise FamilyError(N_("Der erwartete Geburtsmonat liegt mehr als {months} Monate "
                                 "in der Zukunft."), months=LONGEST_PREGNANCY_MONTHS)
        persons.append(Person(len(family.children), True, family.due, False, None,
                              "pregnancy"))
    return tuple(persons)


def _anchored_month(milestone: Milestone, person: Person) -> Month:
    anchor = person.birth if milestone.anchor == "birth" else person.school_start()
    return anchor.plus(milestone.offset_months)


def _stage_month(milestone: Milestone, person: Person, start: Month, end: Month
                 ) -> Month | None:
    """The first month in the window in which ``person`` is in one of the stages."""
    month = start
    while month <= end:
        if person.stage_in(month) in milestone.stages:
            return month
        month = month.plus(1)
    return None


def _step(milestone: Milestone, person: Person, start: Month, end: Month) -> Step | None:
    if milestone.anchor == "stage":
        due = _stage_month(milestone, person, start, end)
        if due is None:
            return None
        month = due
    else:
        due = _anchored_month(milestone, person)
        month = max(due, start)
        if due.plus(milestone.open_months) < start or due > end:
            return None
    age = person.age_in(due)
    # the path ends at 27: nothing after it, but the 27th birthday itself still shows
    if age is not None and age >= OLDEST and due != person.birth.plus(12 * OLDEST):
        return None
    stage = person.stage_in(month) or "young_adults"  # only on the 27th birthday
    return Step(month, due, milestone, person, stage, person.age_in(month))


def family_timeline(family: Family, milestones: Iterable[Milestone], today: dt.date,
                    months: int = WINDOW_MONTHS) -> Timeline:
    """The milestones of the next ``months`` months (this month first) for ``family``."""
    start = Month.of(today)
    end = start.plus(months - 1)
    persons = persons_of(family, today)
    listed: Sequence[Milestone] = tuple(milestones)
    steps = [step for person in persons for milestone in listed
             if (step := _step(milestone, person, start, end)) is not None]
    steps.sort(key=lambda step: (step.month, step.person.index, step.due))
    return Timeline(start, months, persons, tuple(steps))
