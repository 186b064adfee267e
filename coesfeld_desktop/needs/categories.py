"""The fixed categories an Anliegen is recorded in: nothing else can be stored.

Why fixed: the needs log must never hold client data. Every field is a code from a closed
list (towns, stages of the prevention chain, directory topics, languages, outcomes, reasons)
and time is the calendar week, so a record cannot carry a name, a note or a date of birth.
Labels are German source strings marked for translation.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from coesfeld_desktop.domain.stages import FAMILY_STAGE as FAMILY_STAGE  # re-exported
from coesfeld_desktop.domain.stages import STAGES as STAGES
from coesfeld_desktop.domain.towns import TOWN_NAMES
from coesfeld_desktop.domain.vocabulary import OFFER_LANGUAGES
from coesfeld_desktop.i18n import N_

# The stages of the prevention chain (and the parents themselves): domain.stages.

OUTCOMES: dict[str, str] = {
    "referred": N_("passendes Angebot weitergegeben"),
    "unreachable": N_("Angebot vorhanden, aber nicht erreichbar"),
    "no_offer": N_("kein passendes Angebot"),
}
UNREACHABLE = "unreachable"

REASONS: dict[str, str] = {
    "waiting_list": N_("Warteliste"),
    "cost": N_("Kosten"),
    "distance": N_("Weg/Entfernung"),
    "language": N_("Sprache"),
    "barriers": N_("Barrieren"),
    "times": N_("Zeiten"),
}

# A family's language: the languages offers are given in (ISO 639-1), or not recorded.
LANGUAGES: tuple[str, ...] = OFFER_LANGUAGES
UNKNOWN = ""

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_PERIOD = re.compile(r"^(\d{4})(?:-Q([1-4])|-(\d{2}))?$")


class CategoryError(ValueError):
    """A value outside the fixed categories; ``field`` names which one."""

    def __init__(self, field: str, value: str, allowed: list[str]) -> None:
        super().__init__(f"{field}: {value!r} is not one of {', '.join(allowed)}")
        self.field = field
        self.value = value
        self.allowed = allowed


def iso_week(day: dt.date) -> str:
    """The calendar week of ``day`` (``2026-W49``): the finest time the log keeps."""
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_start(week: str) -> dt.date:
    match = _WEEK.match(week)
    if not match:
        raise CategoryError("week", week, ["YYYY-Www"])
    return dt.date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)


@dataclass(frozen=True)
class Period:
    """A reporting period: a year, a quarter (``2026-Q3``) or a month (``2026-07``)."""

    label: str
    first: dt.date
    last: dt.date

    def weeks(self) -> tuple[str, str]:
        """The first and last calendar week whose Monday lies in the period."""
        return iso_week(self.first + dt.timedelta(days=(7 - self.first.weekday()) % 7)), \
            iso_week(self.last - dt.timedelta(days=self.last.weekday()))

    @classmethod
    def parse(cls, text: str) -> Period:
        match = _PERIOD.match(text.strip())
        if not match:
            raise CategoryError("period", text, ["2026", "2026-Q3", "2026-07"])
        year = int(match.group(1))
        if match.group(2):
            quarter = int(match.group(2))
            first = dt.date(year, 3 * quarter - 2, 1)
            end_month = 3 * quarter
        elif match.group(3):
            month = int(match.group(3))
            if not 1 <= month <= 12:
                raise CategoryError("period", text, ["2026-01 … 2026-12"])
            first, end_month = dt.date(year, month, 1), month
        else:
            first, end_month = dt.date(year, 1, 1), 12
        last = (dt.date(year + 1, 1, 1) if end_month == 12
                else dt.date(year, end_month + 1, 1)) - dt.timedelta(days=1)
        return cls(text.strip(), first, last)

    def contains_week(self, week: str) -> bool:
        monday = week_start(week)
        return self.first <= monday <= self.last


def quarter_of(week: str) -> str:
    monday = week_start(week)
    return f"{monday.year}-Q{(monday.month - 1) // 3 + 1}"


def check(field: str, value: str, allowed: list[str] | tuple[str, ...]) -> str:
    if value not in allowed:
        raise CategoryError(field, value, list(allowed))
    return value


def check_town(town: str) -> str:
    return check("town", town, TOWN_NAMES)
