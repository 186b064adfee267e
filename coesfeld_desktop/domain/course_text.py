"""Course and event dates as text in one language: "nächster Termin: Di 3. März, 8 Termine".

Why apart from :mod:`.course_dates`: the dates are facts (the index needs them without any
wording); the rows, the detail pane and the handouts word them in the UI or the family's
language with babel (CLDR month names, day order and plural rules).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from babel.dates import format_skeleton
from babel.numbers import format_decimal

from coesfeld_desktop.domain.course_dates import CourseDates, Session
from coesfeld_desktop.domain.formatting import weekday_names
from coesfeld_desktop.domain.opening import time_span_text
from coesfeld_desktop.domain.vocabulary import WEEKDAYS
from coesfeld_desktop.i18n import Translate, babel_locale, translations

Plural = Callable[[str, str, int], str]


def _identity(text: str) -> str:
    return text


def date_label(day: dt.date, language: str, today: dt.date | None = None) -> str:
    """``Di 3. März`` (``Tue March 3``); with the year when it is not ``today``'s year."""
    skeleton = "MMMMd" if today is None or day.year == today.year else "yMMMMd"
    date = format_skeleton(skeleton, day, locale=babel_locale(language))
    weekday = weekday_names(language, "abbreviated")[WEEKDAYS[day.weekday()]]
    return f"{weekday} {date}"


def session_label(session: Session, language: str, today: dt.date | None = None) -> str:
    """``Di 3. März 18:00–20:00``: the date, and the times if the schedule gives them."""
    times = time_span_text(session.opens_at, session.closes_at, language)
    date = date_label(session.day, language, today)
    return f"{date} {times}" if times else date


def _count(number: int, language: str) -> str:
    return str(format_decimal(number, locale=babel_locale(language)))


def next_date_text(dates: CourseDates, language: str, _: Translate = _identity,
                   n_: Plural | None = None) -> str:
    """What a row says of a course: ``nächster Termin: Di 3. März, 8 Termine``, once it
    runs ``…, noch 5 von 8 Terminen``, a single date ``Termin: Sa 14. März``, after the last
    date ``vorbei (letzter Termin: Di 21. April)``."""
    ngettext = n_ or translations(language).ngettext
    days = dates.days
    total = len(days)
    upcoming = dates.upcoming
    if not upcoming:
        return _("vorbei (letzter Termin: {date})").format(
            date=date_label(days[-1], language, dates.today))
    date = date_label(upcoming[0].day, language, dates.today)
    if total == 1:
        return _("Termin: {date}").format(date=date)
    if not dates.started:
        count = ngettext("{count} Termin", "{count} Termine", total).format(
            count=_count(total, language))
    else:
        left = len({session.day for session in upcoming})
        count = ngettext("noch {left} von {count} Termin", "noch {left} von {count} Terminen",
                       total).format(left=_count(left, language), count=_count(total, language))
    return _("nächster Termin: {date}, {count}").format(date=date, count=count)
