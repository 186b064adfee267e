"""How fresh an offer's facts are: "zuletzt geprüft" (HSDS ``assured_date``) and when that is
too long ago to pass on without a second look.

Why one module: the result rows, the detail pane, the handouts and the planner's list of
stale offers must agree on what "stale" means. A month is a calendar month: an offer checked
on 14 September 2025 is stale after 14 September 2026 with the default of 12 months.
"""

from __future__ import annotations

import calendar
import datetime as dt

from babel.dates import format_date

from coesfeld_desktop.domain.formatting import Plural
from coesfeld_desktop.i18n import Translate, babel_locale

DEFAULT_STALE_MONTHS = 12
MIN_STALE_MONTHS, MAX_STALE_MONTHS = 1, 60


def parse_stale_months(text: str | None) -> int:
    """A stored setting as months, inside the allowed range (the default when unusable)."""
    try:
        months = int(text or DEFAULT_STALE_MONTHS)
    except ValueError:
        return DEFAULT_STALE_MONTHS
    return min(max(months, MIN_STALE_MONTHS), MAX_STALE_MONTHS)


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier (the month's last day if shorter)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def is_stale(assured: dt.date | None, today: dt.date,
             months: int = DEFAULT_STALE_MONTHS) -> bool:
    """Checked longer ago than ``months``; an offer without a date is not called stale
    here (nothing is known), the planner's list names it separately."""
    return assured is not None and assured < months_before(today, months)


def months_since(assured: dt.date, today: dt.date) -> int:
    """Whole calendar months from ``assured`` to ``today`` (0 in the same month)."""
    months = (today.year - assured.year) * 12 + today.month - assured.month
    return max(0, months - (1 if today.day < assured.day else 0))


def month_text(day: dt.date, language: str) -> str:
    """``09/2026``: short enough for a result row, in the language's digits."""
    return format_date(day, "MM/y", locale=babel_locale(language))


def short_date_text(day: dt.date, language: str) -> str:
    """``03.12.26`` / ``12/3/26``: a day in a result row."""
    return format_date(day, "short", locale=babel_locale(language))


def row_checked_text(assured: dt.date | None, today: dt.date, language: str, _: Translate,
                     months: int = DEFAULT_STALE_MONTHS) -> str:
    """The row's short freshness: ``geprüft 09/2026``; stale: ``⚠ geprüft 03/2025`` (a sign
    and words, never colour alone); "" without a date."""
    if assured is None:
        return ""
    if is_stale(assured, today, months):
        return "⚠ " + _("geprüft {month}").format(month=month_text(assured, language))
    return _("geprüft {month}").format(month=month_text(assured, language))


def stale_warning(months: int, ngettext: Plural) -> str:
    """What the stale mark means, for the detail pane."""
    return ngettext("Älter als {months} Monat: Angaben vor der Weitergabe bitte kurz prüfen.",
                    "Älter als {months} Monate: Angaben vor der Weitergabe bitte kurz "
                    "prüfen.", months).format(months=months)
