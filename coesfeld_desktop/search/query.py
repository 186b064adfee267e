"""What a search asks for and what it answers: the contract between search and its callers.

The window, the command line and the benchmarks all build a :class:`SearchRequest` and get a
:class:`SearchResult` holding only offer ids (rows are fetched lazily for display).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from coesfeld_desktop.domain.dimensions import COMPANIONS
from coesfeld_desktop.search.crisis import CrisisHelp

MAX_LIMIT = 100_000  # far more offers than a district lists; SQLite takes 64-bit LIMITs only
MAX_AGE = 120


class InvalidSearchRequest(ValueError):
    """A request with an out-of-range or non-integer number: refused before any SQL."""


def _check_int(name: str, value: object, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidSearchRequest(f"{name} must be a whole number, not {value!r}")
    if not low <= value <= high:
        raise InvalidSearchRequest(f"{name} must be between {low} and {high}, not {value}")


@dataclass(frozen=True)
class SearchFilters:
    """Hard constraints on the result; ``None``/``False`` means "don't filter"."""

    town: str | None = None
    include_neighbours: bool = False
    age: int | None = None  # the child's age in years: offers whose range covers it
    # with age: leave out the offers for the parents (domain.audience), kept by default
    children_only: bool = False
    pregnancy: bool = False  # pregnancy as its own stage, before age 0
    target_group: str | None = None  # code from domain.vocabulary.TARGET_GROUPS
    stage: str | None = None  # code from domain.stages.STAGES: its ages or life phases
    topic: str | None = None  # topic id
    language: str | None = None  # language the offer is given in
    free_only: bool = False
    barrier_free_only: bool = False
    weekday: str | None = None  # "MO".."SU": open on that weekday
    accompanied_only: bool = False  # only offers where a person goes along (Lotsen, Paten)
    dates: str | None = None  # a course or event date in: "next_14_days", "this_month"

    def __post_init__(self) -> None:
        if self.age is not None:
            _check_int("age", self.age, 0, MAX_AGE)

    def active(self) -> dict[str, object]:
        """The filters that are set, by field name (for "broaden your filter" hints)."""
        defaults = SearchFilters()
        return {
            name: getattr(self, name)
            for name in self.__dataclass_fields__
            if name not in COMPANIONS and getattr(self, name) != getattr(defaults, name)
        }


@dataclass(frozen=True)
class SearchRequest:
    text: str = ""
    filters: SearchFilters = field(default_factory=SearchFilters)
    limit: int = 500

    def __post_init__(self) -> None:
        _check_int("limit", self.limit, 0, MAX_LIMIT)


MatchKind = Literal["word", "synonym", "spelling"]
MATCH_KINDS: tuple[MatchKind, ...] = ("word", "synonym", "spelling")


@dataclass(frozen=True)
class SearchHit:
    offer_id: str
    score: float  # higher is better
    distance_km: float | None = None
    # how the offer matched the words: as typed or a form of them ("word"), only through a
    # related term of the synonym list ("synonym"), only through a spelling variant
    # ("spelling", see SearchResult.spelling_variants); "word" when there are no words
    match: MatchKind = "word"


SuggestionKind = Literal["spelling", "synonym", "drop_filter"]


@dataclass(frozen=True)
class Suggestion:
    """A way out of an empty (or thin) result.

    ``spelling``/``synonym``: ``value`` is a replacement search text.
    ``drop_filter``: ``value`` is the :class:`SearchFilters` field name to clear; ``count``
    says how many offers that would give.
    """

    kind: SuggestionKind
    value: str
    count: int = 0


@dataclass(frozen=True)
class SearchResult:
    # the service hands a lazy sequence (search.hits.Hits): a hit is built when read
    hits: Sequence[SearchHit]
    total: int  # all matches, even beyond ``limit`` (see ``total_is_estimate``)
    suggestions: tuple[Suggestion, ...] = ()
    # True when a search matched more than ``total`` offers and stopped counting there
    # (SearchTuning.count_cap, 10,000): show "mehr als 10.000", not an exact number
    total_is_estimate: bool = False
    # the words a typed word was read as when it matched nothing itself, as the offers
    # write them ("Schuldnerberatung" for "Schuldnerbertung"): what a "spelling" hit
    # matched, for the "ähnliche Schreibweise" mark; empty when no hit is one
    spelling_variants: tuple[str, ...] = ()
    # the search names a crisis (violence, abuse, suicide ...): show these helplines first
    crisis: CrisisHelp | None = None

    @property
    def offer_ids(self) -> list[str]:
        read = getattr(self.hits, "offer_ids", None)  # without building the hits
        if callable(read):
            return list(read())
        return [hit.offer_id for hit in self.hits]

    def marked_matches(self) -> dict[str, MatchKind]:
        """Offer id -> how it matched, for the hits not matched as typed (their mark)."""
        read = getattr(self.hits, "marked", None)  # without building the hits
        if callable(read):
            return dict(read())
        return {hit.offer_id: hit.match for hit in self.hits if hit.match != "word"}
