"""The directory's dimensions, declared once: what a counsellor can filter offers by.

Why one registry: a dimension used to be spelled out in the filter panel, the search's
filter plan, the index's facets and the command line, and they drifted apart. Each
:class:`Dimension` now knows its label, its values and their labels, how an offer is indexed
under it (facet tokens) and how a chosen value becomes a search term, its widget in the filter
panel and its command-line flag; the panel, :func:`~coesfeld_desktop.search.service.plan_filters`,
the index and ``angebotslotse search`` are all built from :data:`DIMENSIONS`.

A dimension's :attr:`~Dimension.name` is the field of
:class:`~coesfeld_desktop.search.query.SearchFilters` holding its value.
Labels are German source strings marked with ``N_``; callers translate them.
See ``docs/architecture.md`` ("Add a filter") for adding one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Protocol, cast

from coesfeld_desktop.domain.audience import FOR_PARENTS, for_parents
from coesfeld_desktop.domain.course_dates import date_window
from coesfeld_desktop.domain.formatting import language_name, weekday_names
from coesfeld_desktop.domain.stages import (
    STAGES,
    StageFacts,
    StageKey,
    stage_badge,
    stage_key,
    stages_of_key,
)
from coesfeld_desktop.domain.towns import TOWN_NAMES, town_by_name, with_neighbours
from coesfeld_desktop.domain.vocabulary import TARGET_GROUPS, WEEKDAYS
from coesfeld_desktop.i18n import N_, Translate


class Widget(Enum):
    """How the filter panel shows a dimension."""

    CHOICE = "choice"  # a list: "all" and one entry per value
    CHECK = "check"  # a check box: on filters, off does not
    AGE = "age"  # a number of years, "egal" below zero


class OfferFacts(StageFacts, Protocol):
    """What the search index knows of an offer, as far as the facets read it (its ages,
    pregnancy, target groups and life phases: see :class:`StageFacts`)."""

    @property
    def towns(self) -> Sequence[str]: ...
    @property
    def topics(self) -> Sequence[str]: ...  # ids
    @property
    def languages(self) -> Sequence[str]: ...
    @property
    def free(self) -> bool: ...
    @property
    def barrier_free(self) -> bool: ...
    @property
    def weekdays(self) -> int: ...  # bit per WEEKDAYS entry, Monday = 1
    @property
    def accompanies(self) -> bool: ...  # a person goes along with the family


class DirectoryLists(Protocol):
    """The value lists that come with the directory (the store provides them)."""

    def topic_names(self, language: str) -> dict[str, str]:
        """Topic id → name in ``language``, sorted by name."""
        ...

    def offer_languages(self) -> list[str]:
        """Every language some offer is given in."""
        ...


class BadgeFacts(StageFacts, Protocol):
    """What a row's badges are read from (a result row or an offer's details)."""

    @property
    def free(self) -> bool: ...
    @property
    def barrier_free(self) -> bool: ...
    @property
    def accompanies(self) -> bool: ...


# A dimension's badge on a result row: its text for an offer, empty when it has none.
Badge = Callable[[BadgeFacts, Translate], str]


@dataclass(frozen=True)
class Choice:
    value: str  # as stored and as typed on the command line
    label: str  # in the UI language


ChoiceList = Callable[[DirectoryLists | None, str, Translate], list[Choice]]


@dataclass(frozen=True)
class Values:
    """Where a dimension's values come from: ``choices(lists, language, _)``.

    ``from_directory``: the list comes with the directory (``lists`` is needed and the list
    is read again after a sync); otherwise it is fixed and ``lists`` may be ``None``.
    """

    choices: ChoiceList
    from_directory: bool = False

    def __call__(self, lists: DirectoryLists | None, language: str,
                 _: Translate) -> list[Choice]:
        return self.choices(lists, language, _)


def _single(value: object, _filters: object) -> Sequence[str] | None:
    return (str(value),)


def _listed(key: Hashable) -> Iterable[str]:
    return key  # type: ignore[return-value]  # a tuple of values


@dataclass(frozen=True)
class Facet:
    """How a dimension lives in the search index: as facet tokens of kind :attr:`kind`.

    ``of_offer`` takes from an offer what its facet values depend on (hashable, so the
    index computes the tokens once per distinct key); ``indexed`` turns that into the facet
    values to index. ``wanted(value, filters)``: the facet values any of which an offer
    must have to pass the filter, or ``None`` when facets cannot express the value; then
    ``sql(value)`` is the condition over the index's facts row ``f`` (columns of
    ``search.index.tables.FACTS_COLUMNS``) and its parameters. ``dated_sql`` is such a
    condition for filters whose meaning moves with the calendar (they index no tokens).
    """

    kind: str
    of_offer: Callable[[OfferFacts], Hashable]
    indexed: Callable[[Hashable], Iterable[str]] = _listed
    wanted: Callable[[object, object], Sequence[str] | None] = _single
    sql: Callable[[object], tuple[str, tuple[object, ...]]] | None = None
    # a condition that depends on the desk's date, ``dated_sql(value, today)``: used
    # instead of facets and ``sql`` (the dates of courses: "in den nächsten 14 Tagen")
    dated_sql: Callable[[object, dt.date], tuple[str, tuple[object, ...]]] | None = None


@dataclass(frozen=True)
class Companion:
    """A yes/no option that refines a dimension (town: "with neighbouring towns")."""

    name: str  # the SearchFilters field
    label: str
    flag: str
    help: str
    accessible_name: str = ""  # N_


@dataclass(frozen=True)
class Dimension:
    name: str  # the SearchFilters field: also the key of "drop this filter" suggestions
    label: str  # N_: row label in the panel, name in "Ohne Filter „Stadt“"
    widget: Widget
    flag: str  # command-line option of ``angebotslotse search``
    help: str  # its --help text (the command line's help is English)
    facet: Facet
    values: Values | None = None  # CHOICE only
    any_label: str = N_("alle")  # CHOICE: the entry that does not filter
    accessible_name: str = ""  # N_: for screen readers, if the label is too short
    companion: Companion | None = None
    badge: Badge | None = None  # what a result row shows of the offer for this dimension

    @property
    def vocabulary_name(self) -> str:
        """The dimension as ``angebotslotse vocabulary`` names it: its flag without dashes."""
        return self.flag.removeprefix("--")

    def choices(self, lists: DirectoryLists | None, language: str,
                _: Translate) -> list[Choice]:
        return self.values(lists, language, _) if self.values is not None else []


# --- value lists -------------------------------------------------------------------------


def _towns(_lists: DirectoryLists | None, _language: str, _: Translate) -> list[Choice]:
    return [Choice(name, name) for name in TOWN_NAMES]


def _fixed(labels: dict[str, str]) -> ChoiceList:
    def choices(_lists: DirectoryLists | None, _language: str, _: Translate) -> list[Choice]:
        return [Choice(code, _(label)) for code, label in labels.items()]

    return choices


def _weekdays(_lists: DirectoryLists | None, language: str, _: Translate) -> list[Choice]:
    names = weekday_names(language)
    return [Choice(code, names[code]) for code in WEEKDAYS]


def _topics(lists: DirectoryLists | None, language: str, _: Translate) -> list[Choice]:
    if lists is None:
        return []
    return [Choice(tid, name) for tid, name in lists.topic_names(language).items()]


def _languages(lists: DirectoryLists | None, language: str, _: Translate) -> list[Choice]:
    if lists is None:
        return []
    named = [Choice(code, language_name(code, language)) for code in lists.offer_languages()]
    return sorted(named, key=lambda choice: choice.label.casefold())


# --- facets ------------------------------------------------------------------------------

# Ages as facets: why and how, see age_blocks. An age above MAX_AGE_FACET is filtered in SQL.
AGE_FACET_BITS = 5
MAX_AGE_FACET = (1 << AGE_FACET_BITS) - 1  # ages 0..31 are facets
# Ages are indexed as aligned blocks of up to 2**AGE_BLOCK_BITS years. 0: one token per
# year, so an age filter is one doclist. With blocks of up to 32 years (5) an offer had 2.6
# age tokens instead of 14 on the bench, but a search ORed six blocks, which FTS5 walks
# slowly: "sprach cafe" in Senden for age 2 spent 3 ms per FTS query on that OR (of 9.5).
AGE_BLOCK_BITS = 0


def age_blocks(low: int, high: int) -> list[tuple[int, int]]:
    """Aligned power-of-two blocks (start, size) of at most 2**:data:`AGE_BLOCK_BITS`
    years that exactly cover ``low..high``.

    With blocks of up to 2 years an offer for ages 3–6 is indexed as blocks 3, 4–5 and 6;
    a search for age 4 asks for any block holding 4 (:func:`age_query_blocks`).
    """
    blocks = []
    while low <= high:
        size = 1
        while (size < 1 << AGE_BLOCK_BITS and low % (size * 2) == 0
               and low + size * 2 - 1 <= high):
            size *= 2
        blocks.append((low, size))
        low += size
    return blocks


def age_query_blocks(age: int) -> list[tuple[int, int]]:
    """Every aligned block that contains ``age`` (one per block size)."""
    return [((age >> bit) << bit, 1 << bit) for bit in range(AGE_BLOCK_BITS + 1)]


def age_facet(start: int, size: int) -> str:
    """The facet value of one age block (see :func:`age_blocks`)."""
    return f"{start}+{size}"


PARENTS_FACET = "parents"  # the age facet's value of an offer for the parents (audience)


def _age_key(offer: OfferFacts) -> Hashable:
    return (offer.min_age, offer.max_age,
            for_parents(offer.min_age, offer.max_age, offer.pregnancy, offer.target_groups))


def _indexed_ages(key: Hashable) -> list[str]:
    """The facet values of an offer for ``(min_age, max_age, for_parents)`` (an open end:
    0 or 31); an offer for the parents also gets :data:`PARENTS_FACET`, which every age
    filter accepts unless it asks for offers for the child only."""
    youngest, oldest, parents = cast("tuple[int | None, int | None, bool]", key)
    low = 0 if youngest is None else max(0, int(youngest))
    high = MAX_AGE_FACET if oldest is None else min(MAX_AGE_FACET, int(oldest))
    ages = [age_facet(start, size) for start, size in age_blocks(low, high)]
    return [*ages, PARENTS_FACET] if parents else ages


def _wanted_age(value: object, filters: object) -> Sequence[str] | None:
    age = int(value)  # type: ignore[call-overload]
    if not 0 <= age <= MAX_AGE_FACET:
        return None  # an adult's age: the offers for parents cover it by their range
    wanted = [age_facet(start, size) for start, size in age_query_blocks(age)]
    return wanted if getattr(filters, "children_only", False) else [*wanted, PARENTS_FACET]


def _age_sql(value: object) -> tuple[str, tuple[object, ...]]:
    return ("(f.min_age IS NULL OR f.min_age <= ?) AND (f.max_age IS NULL OR f.max_age >= ?)",
            (value, value))


def _indexed_stages(key: Hashable) -> list[str]:
    return stages_of_key(cast("StageKey", key))


def _wanted_towns(value: object, filters: object) -> Sequence[str] | None:
    town = town_by_name(str(value))
    if town is None:  # not one of the eleven: no offer is indexed there
        return None
    if getattr(filters, "include_neighbours", False):
        return with_neighbours(town.name)
    return (town.name,)


def _town_sql(value: object) -> tuple[str, tuple[object, ...]]:
    return "instr(f.towns, ?) > 0", (f"|{str(value).strip()}|",)


def _days(mask: Hashable) -> list[str]:
    return [day for bit, day in enumerate(WEEKDAYS) if mask & (1 << bit)]  # type: ignore[operator]


def _wanted_day(value: object, _filters: object) -> Sequence[str] | None:
    return (str(value).strip().upper(),)


def _flag_badge(label: str, on: Callable[[BadgeFacts], bool]) -> Badge:
    def badge(offer: BadgeFacts, _: Translate) -> str:
        return _(label) if on(offer) else ""

    return badge


def _flag(name: str) -> Callable[[Hashable], Iterable[str]]:
    def indexed(on: Hashable) -> Iterable[str]:
        return (name,) if on else ()

    return indexed


def _wanted_flag(name: str) -> Callable[[object, object], Sequence[str] | None]:
    def wanted(_value: object, _filters: object) -> Sequence[str] | None:
        return (name,)

    return wanted


DATE_WINDOWS = {"next_14_days": N_("in den nächsten 14 Tagen"),
                "this_month": N_("diesen Monat")}


def _no_facts(_offer: OfferFacts) -> Hashable:
    return ()


def _no_facets(_value: object, _filters: object) -> Sequence[str] | None:
    return None


def _dates_sql(value: object, today: dt.date) -> tuple[str, tuple[object, ...]]:
    """Offers with a course or event date in the window (the index's ``offer_date``); an
    unknown window passes no offer, as an unknown facet value does."""
    try:
        first, last = date_window(str(value), today)
    except ValueError:
        return "0", ()
    return ("f.pk IN (SELECT pk FROM offer_date WHERE day BETWEEN ? AND ?)",
            (first.toordinal(), last.toordinal()))


# --- the registry ------------------------------------------------------------------------

DIMENSIONS: tuple[Dimension, ...] = (
    Dimension(
        "town", N_("Stadt"), Widget.CHOICE, "--town", "only offers in this town",
        Facet("town", lambda offer: tuple(offer.towns), wanted=_wanted_towns, sql=_town_sql),
        Values(_towns), any_label=N_("alle Orte"),
        companion=Companion("include_neighbours", N_("mit Nachbarorten"), "--with-neighbours",
                            "with --town: include the neighbouring towns",
                            N_("Nachbarorte einbeziehen")),
    ),
    Dimension(
        "age", N_("Alter"), Widget.AGE, "--age", "the child's age in years",
        Facet("age", _age_key, _indexed_ages, _wanted_age, _age_sql),
        accessible_name=N_("Alter des Kindes"),
        badge=_flag_badge(FOR_PARENTS, lambda offer: for_parents(
            offer.min_age, offer.max_age, offer.pregnancy, offer.target_groups)),
        # offers for the parents (domain.audience) stay under a child's age, unless ...
        companion=Companion("children_only", N_("nur für Kinder"), "--children-only",
                            "with --age: leave out the offers for parents (adult or pregnancy "
                            "age range), which an age keeps by default",
                            N_("nur Angebote für Kinder, keine für Eltern")),
    ),
    Dimension(
        "pregnancy", N_("Schwangerschaft"), Widget.CHECK, "--pregnancy",
        "only offers for the time of pregnancy",
        Facet("flag", lambda offer: offer.pregnancy, _flag("pregnancy"),
              _wanted_flag("pregnancy")),
        accessible_name=N_("Angebote in der Schwangerschaft"),
    ),
    Dimension(
        "target_group", N_("Zielgruppe"), Widget.CHOICE, "--target-group",
        "target group id, e.g. parents (see: angebotslotse vocabulary target-group)",
        Facet("group", lambda offer: tuple(offer.target_groups)), Values(_fixed(TARGET_GROUPS)),
    ),
    Dimension(
        "stage", N_("Lebensphase"), Widget.CHOICE, "--stage",
        "stage of the prevention chain, e.g. kindergarten: offers whose age range or life "
        "phases cover it (see: angebotslotse vocabulary stage)",
        Facet("stage", stage_key, _indexed_stages),
        Values(_fixed(STAGES)), accessible_name=N_("Lebensphase des Kindes"),
        badge=stage_badge,
    ),
    Dimension(
        "topic", N_("Thema"), Widget.CHOICE, "--topic",
        "topic id, e.g. early_help (see: angebotslotse topics)",
        Facet("topic", lambda offer: tuple(offer.topics)), Values(_topics, from_directory=True),
    ),
    Dimension(
        "language", N_("Sprache"), Widget.CHOICE, "--language",
        "language the offer is given in, e.g. tr (see: angebotslotse vocabulary language)",
        Facet("lang", lambda offer: tuple(offer.languages)),
        Values(_languages, from_directory=True),
    ),
    Dimension(
        "weekday", N_("Wochentag"), Widget.CHOICE, "--weekday",
        "open on this weekday: MO, TU, WE, TH, FR, SA or SU",
        Facet("day", lambda offer: offer.weekdays, _days, _wanted_day),
        Values(_weekdays), any_label=N_("egal"),
    ),
    Dimension(
        "dates", N_("Termine"), Widget.CHOICE, "--dates",
        "courses and events with a date in this window: next_14_days or this_month",
        Facet("dates", _no_facts, wanted=_no_facets, dated_sql=_dates_sql),
        Values(_fixed(DATE_WINDOWS)), any_label=N_("egal"),
        accessible_name=N_("Kurse und Termine mit Datum"),
    ),
    Dimension(
        "free_only", N_("nur kostenlos"), Widget.CHECK, "--free", "only free offers",
        Facet("flag", lambda offer: offer.free, _flag("free"), _wanted_flag("free")),
        accessible_name=N_("nur kostenlose Angebote"),
        badge=_flag_badge(N_("kostenlos"), lambda offer: offer.free),
    ),
    Dimension(
        "barrier_free_only", N_("nur barrierefrei"), Widget.CHECK, "--barrier-free",
        "only barrier-free offers",
        Facet("flag", lambda offer: offer.barrier_free, _flag("barrier_free"),
              _wanted_flag("barrier_free")),
        accessible_name=N_("nur barrierefreie Angebote"),
        badge=_flag_badge(N_("barrierefrei"), lambda offer: offer.barrier_free),
    ),
    Dimension(
        "accompanied_only", N_("begleitet persönlich"), Widget.CHECK, "--accompanied",
        "only offers where a person accompanies the family (Lotsen, Paten, Babylotsen)",
        Facet("flag", lambda offer: offer.accompanies, _flag("accompanies"),
              _wanted_flag("accompanies")),
        accessible_name=N_("nur Angebote, bei denen jemand die Familie persönlich begleitet"),
        badge=_flag_badge(N_("begleitet persönlich"), lambda offer: offer.accompanies),
    ),
)

BY_NAME: dict[str, Dimension] = {dimension.name: dimension for dimension in DIMENSIONS}
# companion option name -> the dimension it refines (an option alone filters nothing)
COMPANIONS: dict[str, Dimension] = {dimension.companion.name: dimension
                                    for dimension in DIMENSIONS if dimension.companion}


def row_badges(offer: BadgeFacts, _: Translate) -> tuple[str, ...]:
    """The badges of ``offer``'s row, in registry order: one per dimension that has one."""
    return tuple(text for dimension in DIMENSIONS if dimension.badge is not None
                 and (text := dimension.badge(offer, _)))


def dimension_label(name: str) -> str:
    """The (untranslated) label of the dimension with this SearchFilters field name."""
    dimension = BY_NAME.get(name)
    return dimension.label if dimension is not None else name
