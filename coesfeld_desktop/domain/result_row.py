"""The text of one result row: what a family asks first, in the UI language (Qt-free).

Why apart from the painting delegate: the window, the screen-reader text and tests read the
same lines, and the next opening depends on the clock, which tests fix with ``now``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from coesfeld_desktop.domain.course_dates import course_dates
from coesfeld_desktop.domain.course_text import next_date_text
from coesfeld_desktop.domain.dimensions import row_badges
from coesfeld_desktop.domain.formatting import (
    LTR_ISOLATE,
    POP_ISOLATE,
    age_text,
    language_names,
    list_text,
)
from coesfeld_desktop.domain.freshness import (
    DEFAULT_STALE_MONTHS,
    is_stale,
    row_checked_text,
    short_date_text,
)
from coesfeld_desktop.domain.offer import OfferSummary
from coesfeld_desktop.domain.opening import next_opening_text
from coesfeld_desktop.domain.translation_mark import translation_mark
from coesfeld_desktop.i18n import Translate, is_rtl

SEPARATOR = " · "


def ltr(text: str, language: str) -> str:
    """Keep a phone number in order inside right-to-left text (a Unicode isolate)."""
    return f"{LTR_ISOLATE}{text}{POP_ISOLATE}" if text and is_rtl(language) else text


@dataclass(frozen=True)
class RowLines:
    """Title; where and who; when, phone and cost; ages and languages; badges; alerts (what
    asks for care: facts not checked for long, a report of the desk still open)."""

    title: str
    where: str
    reach: str
    facts: str
    badges: tuple[str, ...]
    alerts: tuple[str, ...] = ()

    def one_line(self) -> str:
        """Everything in one line, for screen readers and tooltips."""
        parts = (self.title, self.where, self.reach, *self.alerts, self.facts, *self.badges)
        return " — ".join(part for part in parts if part)


def where_text(summary: OfferSummary, language: str) -> str:
    """``Dülmen-Hiddingsel · Familienwerk e. V.``: the place first, it is cut last."""
    return SEPARATOR.join(part for part in (list_text(summary.where(), language),
                                            summary.provider) if part)


def cost_text(summary: OfferSummary, _: Translate) -> str:
    """The directory's cost text; "kostenlos" for a free offer without one."""
    if summary.cost:
        return summary.cost
    return _("kostenlos") if summary.free else ""


def row_lines(summary: OfferSummary, language: str, _: Translate,
              now: dt.datetime, stale_months: int = DEFAULT_STALE_MONTHS,
              reported_on: dt.date | None = None) -> RowLines:
    """The lines of ``summary``'s row at the desk's time ``now``.

    The facts line says how the texts were translated (first: a narrow row cuts the end) and
    when the offer was last checked (last). A check older than ``stale_months`` and a report
    of the desk the district's export does not cover yet (``reported_on``) are alerts: drawn
    like badges, never cut off."""
    where = where_text(summary, language)
    opening = next_opening_text(summary.opening_hours, now, language, _)
    dates = course_dates(summary.opening_hours, now.date())
    course = next_date_text(dates, language, _) if dates is not None else ""
    cost = cost_text(summary, _)
    free_badge = summary.free and cost == _("kostenlos")  # said once, as the badge
    reach = SEPARATOR.join(part for part in (
        course, opening, ltr(summary.phone or "", language), "" if free_badge else cost)
        if part)
    checked = row_checked_text(summary.assured_date, now.date(), language, _, stale_months)
    stale = is_stale(summary.assured_date, now.date(), stale_months)
    alerts = tuple(alert for alert in (
        checked if stale else "",
        "⚑ " + _("gemeldet am {date}").format(date=short_date_text(reported_on, language))
        if reported_on is not None else "") if alert)
    facts = SEPARATOR.join(part for part in (
        translation_mark(summary.machine_translated, summary.translation_outdated, _),
        age_text(summary.min_age, summary.max_age, summary.pregnancy, _),
        list_text(language_names(summary.languages, language), language),
        "" if stale else checked,
    ) if part)
    return RowLines(summary.title, where, reach, facts, row_badges(summary, _), alerts)
