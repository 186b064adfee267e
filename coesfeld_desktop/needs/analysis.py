"""The analysis grid: needs and offers per town and stage, with the gaps flagged.

Why one grid: team leads and planners read a town × stage heat map per topic (or per family
language); each cell combines what the directory offers with what the desk recorded, and the
flags name the three kinds of gap the district plans against. Local counts only: this view
stays on the desk; what leaves it goes through ``report``'s suppression.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from coesfeld_desktop.domain.stages import STAGES
from coesfeld_desktop.domain.towns import TOWN_NAMES
from coesfeld_desktop.i18n import N_
from coesfeld_desktop.needs.categories import UNREACHABLE, quarter_of
from coesfeld_desktop.needs.coverage import Coverage, CoverageCell
from coesfeld_desktop.needs.log import NeedRow

UNREACHABLE_SHARE = 0.3  # "offers, but not reachable" above this share of a cell's needs
MIN_NEEDS_FOR_SHARE = 3  # ... and "no fitting offer" flagged: from this many needs on


class Gap(enum.Enum):
    NO_OFFER = N_("kein Angebot")
    UNREACHABLE = N_("Angebote oft nicht erreichbar")
    UNMET = N_("Bedarf ohne passendes Angebot")


@dataclass
class Cell:
    town: str
    stage: str
    offers: CoverageCell
    needs: int = 0
    no_offer: int = 0
    unreachable: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    population: int | None = None

    @property
    def gaps(self) -> list[Gap]:
        found = []
        if self.offers.offers == 0:
            found.append(Gap.NO_OFFER)
        if self.needs >= MIN_NEEDS_FOR_SHARE and self.unreachable / self.needs > \
                UNREACHABLE_SHARE:
            found.append(Gap.UNREACHABLE)
        if self.no_offer >= MIN_NEEDS_FOR_SHARE:
            found.append(Gap.UNMET)
        return found

    @property
    def offers_per_thousand(self) -> float | None:
        if not self.population:
            return None
        return 1000 * self.offers.offers / self.population


@dataclass
class Analysis:
    """Every town × stage cell for one topic (or all) and one family language (or all)."""

    topic: str | None
    language: str | None
    towns: tuple[str, ...]
    stages: tuple[str, ...]
    cells: dict[tuple[str, str], Cell]
    quarters: dict[str, int]  # needs per quarter, oldest first

    def cell(self, town: str, stage: str) -> Cell:
        return self.cells[(town, stage)]


def analyse(coverage: Coverage, rows: Iterable[NeedRow], *, language: str | None = None,
            population: dict[tuple[str, str], int] | None = None) -> Analysis:
    towns, stages = tuple(TOWN_NAMES), tuple(STAGES)
    cells = {(town, stage): Cell(town, stage, coverage.cell(town, stage),
                                 population=(population or {}).get((town, stage)))
             for town in towns for stage in stages}
    # first added up per week and per place (tens of thousands of rows, a few hundred keys),
    # then spread over quarters and cells
    by_week: Counter[str] = Counter()
    by_place: Counter[tuple[str, str, str, str]] = Counter()
    for week, town, stage, topic, family_language, outcome, reason, count in rows:
        if coverage.topic is not None and topic != coverage.topic:
            continue
        if language is not None and family_language != language:
            continue
        if week:
            by_week[week] += count
        by_place[(town, stage, outcome, reason)] += count
    quarters: Counter[str] = Counter()
    for week, count in by_week.items():
        quarters[quarter_of(week)] += count
    for (town, stage, outcome, reason), count in by_place.items():
        cell = cells.get((town, stage))
        if cell is None:  # town or stage not given (or a row of weeks only): the trend only
            continue
        cell.needs += count
        if outcome == "no_offer":
            cell.no_offer += count
        if outcome == UNREACHABLE:
            cell.unreachable += count
            cell.reasons[reason] += count
    return Analysis(coverage.topic, language, towns, stages, cells,
                    dict(sorted(quarters.items())))
