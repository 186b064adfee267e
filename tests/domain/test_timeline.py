"""A family's next twelve months: the milestones' months at the edges (birthdays, the school
cut-off, pregnancy, 27) and the bundled milestones file."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from coesfeld_desktop.domain.milestones import (
    Milestone,
    MilestoneFileError,
    Texts,
    load_milestones,
    parse_milestones,
)
from coesfeld_desktop.domain.timeline import (
    Child,
    Family,
    FamilyError,
    Month,
    family_timeline,
    persons_of,
)
from coesfeld_desktop.i18n import gettext_for

TODAY = dt.date(2026, 12, 3)
ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "resources" / "milestones.toml"
HANDOUT_LANGUAGES = ("de", "en", "tr", "ar", "fa", "uk", "ru", "pl", "ro", "ku", "ti",
                     "de-x-easy")


def _milestone(ident: str, anchor: str = "birth", offset: int = 0, open_months: int = 0,
               stages: tuple[str, ...] = ()) -> Milestone:
    text = Texts((("de", ident),))
    return Milestone(ident, anchor, offset, open_months, stages, ("health",), "", False,  # type: ignore[arg-type]
                     "test", text, text)


def _ids(family: Family, *milestones: Milestone, today: dt.date = TODAY
         ) -> list[tuple[str, Month, int]]:
    timeline = family_timeline(family, milestones, today)
    return [(step.milestone.id, step.month, step.person.index) for step in timeline.steps]


def test_a_birthday_this_month_has_happened_next_month_is_ahead() -> None:
    first = _milestone("first_birthday", offset=12)
    # one year old today, born in December: the first birthday is this month (shown)
    assert _ids(Family((Child(1, 12),)), first) == [("first_birthday", Month(2026, 12), 0)]
    # born in January: turned 1 eleven months ago, gone
    assert _ids(Family((Child(1, 1),)), first) == []
    # 0 years, born in January: the first birthday is next month
    assert _ids(Family((Child(0, 1),)), first) == [("first_birthday", Month(2027, 1), 0)]
    # the last month of the window is month 12, the one after it is outside
    assert _ids(Family((Child(0, 11),)), first) == [("first_birthday", Month(2027, 11), 0)]
    assert _ids(Family((Child(0, 12),)), first) == []  # born this month: in a year and a day


def test_school_starts_the_august_after_the_sixth_birthday_up_to_september() -> None:
    start = _milestone("school", anchor="school_start")
    registration = _milestone("registration", anchor="school_start", offset=-10)
    today = dt.date(2026, 9, 15)
    # turns 6 in September 2027: school in August 2027, registration in October 2026
    assert _ids(Family((Child(5, 9),)), start, registration, today=today) == [
        ("registration", Month(2026, 10), 0), ("school", Month(2027, 8), 0)]
    # turns 6 in October 2027: one year later, so nothing in the window
    assert _ids(Family((Child(4, 10),)), start, registration, today=today) == []
    # scenario 1: five, six in spring: Schulanmeldung this autumn
    assert persons_of(Family((Child(5, 4),)), today)[0].school_start() == Month(2027, 8)


def test_still_open_milestones_stand_at_this_month() -> None:
    allowance = _milestone("allowance", offset=0, open_months=2)
    two_months = Family((Child(0, 10),))  # born in October
    timeline = family_timeline(two_months, [allowance], TODAY)
    (step,) = timeline.steps
    assert (step.month, step.due) == (Month(2026, 12), Month(2026, 10))
    assert _ids(Family((Child(0, 9),)), allowance) == []  # three months: too late


def test_pregnancy_steps_come_before_the_birth_and_the_baby_after() -> None:
    midwife = _milestone("midwife", offset=-8, open_months=8)
    register = _milestone("register")
    family = Family(due=Month(2027, 5))
    timeline = family_timeline(family, [midwife, register], TODAY)
    assert [(s.milestone.id, s.month, s.stage, s.age) for s in timeline.steps] == [
        ("midwife", Month(2026, 12), "pregnancy", None),
        ("register", Month(2027, 5), "age_0_3", 0)]
    (baby,) = timeline.persons
    assert baby.expected and baby.stage == "pregnancy" and baby.age_in(Month(2027, 4)) is None
    # due this month: the midwife is still needed, the birth is now
    assert [s[0] for s in _ids(Family(due=Month(2026, 12)), midwife, register)] == [
        "midwife", "register"]


@pytest.mark.parametrize("due", [Month(2026, 11), Month(2027, 11)])
def test_an_impossible_expected_month_is_refused_with_a_translated_message(due: Month
                                                                           ) -> None:
    with pytest.raises(FamilyError) as raised:
        family_timeline(Family(due=due), [], TODAY)
    assert raised.value.text(gettext_for("en")) != raised.value.text(gettext_for("de"))


@pytest.mark.parametrize("child", [Child(-1), Child(121), Child(3, 13), Child(3, 0)])
def test_impossible_ages_and_months_are_refused(child: Child) -> None:
    with pytest.raises(FamilyError):
        persons_of(Family((child,)), TODAY)


def test_the_path_ends_at_27() -> None:
    end = _milestone("end", offset=27 * 12)
    adult = _milestone("adult", anchor="stage", stages=("young_adults",))
    later = _milestone("later", offset=27 * 12 + 1)
    # 26, turns 27 in March: the 27th birthday shows, nothing after it
    family = Family((Child(26, 3),))
    assert _ids(family, end, adult, later) == [("adult", Month(2026, 12), 0),
                                               ("end", Month(2027, 3), 0)]
    timeline = family_timeline(family, [end], TODAY)
    assert timeline.steps[0].stage == "young_adults" and timeline.steps[0].age == 27
    # 27 already: outside the chain, no stage and no milestone
    (person,) = persons_of(Family((Child(27, 1),)), TODAY)
    assert person.stage is None
    assert _ids(Family((Child(27, 1),)), end, adult, later) == []


def test_an_unknown_birth_month_is_assumed_half_a_year_away_and_marked() -> None:
    birthday = _milestone("sixth", offset=6 * 12)
    timeline = family_timeline(Family((Child(5),)), [birthday], TODAY)
    (step,) = timeline.steps
    assert step.month == Month(2027, 6) and step.approximate
    known = family_timeline(Family((Child(5, 6),)), [birthday], TODAY).steps[0]
    assert not known.approximate


def test_several_children_are_ordered_by_month_then_child() -> None:
    shared = _milestone("stage", anchor="stage", stages=("kindergarten", "primary_school"))
    family = Family((Child(7, 2), Child(2, 6)))
    steps = _ids(family, shared)
    # the older one is in Grundschule now; the younger enters Kita at 3 in June
    assert steps == [("stage", Month(2026, 12), 0), ("stage", Month(2027, 6), 1)]


def test_the_bundled_milestones_are_complete_and_translated() -> None:
    milestones = load_milestones(BUNDLED)
    assert len(milestones) >= 12
    ids = {m.id for m in milestones}
    assert {"midwife", "parental_allowance", "daycare_under_three", "school_registration",
            "school_health_check", "career_orientation", "apprenticeship_search",
            "recognition"} <= ids
    demo = (ROOT / "resources" / "demo" / "directory.json").read_text(encoding="utf-8")
    for milestone in milestones:
        assert milestone.topics and all(f'"{topic}"' in demo for topic in milestone.topics)
        for texts in (milestone.title, milestone.todo):
            assert texts.languages() >= set(HANDOUT_LANGUAGES), milestone.id
        assert milestone.source
    # the facts the towns set are marked for the district to confirm
    assert all(m.confirm for m in milestones if m.id.startswith(("daycare", "school_reg")))
    # a scenario-1 family in October: Schulanmeldung, Hebamme, Kita for the baby-to-be
    family = Family((Child(5, 4),), due=Month(2027, 3))
    steps = family_timeline(family, milestones, dt.date(2026, 10, 5)).steps
    found = {step.milestone.id for step in steps}
    assert {"school_registration", "midwife", "register_birth", "school_start"} <= found


@pytest.mark.parametrize(("text", "complaint"), [
    ("format_version = 2", "format_version"),
    ("format_version = 1\n[[milestone]]\nid = 'A B'", "id"),
    ("format_version = 1\n[[milestone]]\nid = 'a'\nanchor = 'moon'", "anchor"),
    ("format_version = 1\n[[milestone]]\nid = 'a'\nanchor = 'birth'\noffset_months = 'x'",
     "offset_months"),
    ("format_version = 1\n[[milestone]]\nid = 'a'\nanchor = 'stage'\nstages = ['kita']",
     "stages"),
    ("format_version = = 1", "TOML"),
])
def test_a_broken_file_says_what_is_wrong(text: str, complaint: str) -> None:
    with pytest.raises(MilestoneFileError) as raised:
        parse_milestones(text)
    assert complaint in raised.value.text(gettext_for("de"))


def test_a_second_milestone_with_the_same_id_is_refused(tmp_path: Path) -> None:
    bundled = (ROOT / "resources" / "milestones.toml").read_text(encoding="utf-8")
    first = bundled.index("[[milestone]]")
    second = bundled.index("[[milestone]]", first + 1)
    path = tmp_path / "m.toml"
    path.write_text(bundled + "\n" + bundled[first:second], encoding="utf-8")
    with pytest.raises(MilestoneFileError, match="zweimal"):
        load_milestones(path)
    missing = tmp_path / "none.toml"
    with pytest.raises(MilestoneFileError):
        load_milestones(missing)
    assert replace(load_milestones(BUNDLED)[0], id="x").id == "x"
