"""The next time an offer is open, relative to now: "heute 15–17 Uhr", "Mi 09:00–12:00".

Why here: the result rows, the detail pane and tests need the same answer, and the answer
depends on the clock. Every function takes ``now`` (local wall-clock time of the desk), so
tests are deterministic and the UI passes :func:`local_now`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_time

from coesfeld_desktop.domain.course_dates import runs_on
from coesfeld_desktop.domain.formatting import time_range_text, weekday_names
from coesfeld_desktop.domain.offer import OpeningHours
from coesfeld_desktop.domain.vocabulary import WEEKDAYS
from coesfeld_desktop.i18n import Translate, babel_locale

LOCAL_TIMEZONE = "Europe/Berlin"
LOOKAHEAD_DAYS = 7


def _identity(text: str) -> str:
    return text


@dataclass(frozen=True)
class NextOpening:
    """One coming (or current) opening: ``days_ahead`` 0 is today, 1 tomorrow."""

    days_ahead: int
    weekday: str  # MO … SU
    opens_at: dt.time | None
    closes_at: dt.time | None
    open_now: bool


def local_now() -> dt.datetime:
    """The desk's wall-clock time (Kreis Coesfeld), naive; the system's if tzdata is missing."""
    now = dt.datetime.now().astimezone()
    with contextlib.suppress(ZoneInfoNotFoundError):
        now = now.astimezone(ZoneInfo(LOCAL_TIMEZONE))
    return now.replace(tzinfo=None)


def local_today() -> dt.date:
    """The desk's date: what decides whether a course is over."""
    return local_now().date()


def next_opening(hours: Iterable[OpeningHours], now: dt.datetime) -> NextOpening | None:
    """The opening that is running at ``now`` or comes next within a week.

    Lines without an opening time cannot be placed on the clock and are skipped; an opening
    that already closed today is skipped, one that is running counts as "open now".
    """
    schedule = [item for item in hours if item.opens_at is not None]
    clock = now.time().replace(tzinfo=None)
    for days_ahead in range(LOOKAHEAD_DAYS + 1):
        weekday = WEEKDAYS[(now.weekday() + days_ahead) % 7]
        day = now.date() + dt.timedelta(days=days_ahead)
        # a course's line counts on its dates only (domain.course_dates)
        slots = sorted((item for item in schedule
                        if weekday in item.weekdays and runs_on(item.rule, day)),
                       key=lambda item: item.opens_at or dt.time.min)
        for item in slots:
            opens = item.opens_at or dt.time.min
            if days_ahead == 0:
                end = item.closes_at or opens
                if end <= clock and not (item.closes_at is None and opens > clock):
                    continue  # over for today
                if opens <= clock and item.closes_at is None:
                    continue  # started without a known end: not something to go to now
            open_now = days_ahead == 0 and opens <= clock
            return NextOpening(days_ahead, weekday, item.opens_at, item.closes_at, open_now)
    return None


Clock = Callable[[dt.time], str]
"""How a time of day is written; by default the language's own short format."""


def _clock_text(value: dt.time, language: str, clock: Clock | None = None) -> str:
    if clock is not None:
        return clock(value)
    return str(format_time(value, "short", locale=babel_locale(language)))


def time_span_text(opens: dt.time | None, closes: dt.time | None, language: str,
                   clock: Clock | None = None) -> str:
    """``15:00–17:00`` in the UI language's clock format (``3:00 PM–5:00 PM``)."""
    opens_text, closes_text = (_clock_text(value, language, clock) if value is not None
                               else "" for value in (opens, closes))
    return time_range_text(opens_text, closes_text, language)


def next_opening_text(hours: Iterable[OpeningHours], now: dt.datetime, language: str,
                      _: Translate = _identity, clock: Clock | None = None) -> str:
    """``heute 15:00–17:00``, ``jetzt geöffnet bis 17:00``, ``morgen …``, ``Mi …``; or ``""``.

    ``clock`` writes the times (the family view: 24 hours, as on German signs)."""
    found = next_opening(hours, now)
    if found is None:
        return ""
    times = time_span_text(found.opens_at, found.closes_at, language, clock)
    if found.open_now and found.closes_at is not None:
        return _("jetzt geöffnet bis {time}").format(
            time=_clock_text(found.closes_at, language, clock))
    if found.days_ahead == 0:
        return _("heute {times}").format(times=times)
    if found.days_ahead == 1:
        return _("morgen {times}").format(times=times)
    day = weekday_names(language, "abbreviated")[found.weekday]
    if found.days_ahead == LOOKAHEAD_DAYS:  # the same weekday next week
        return _("nächste Woche {day} {times}").format(day=day, times=times)
    return _("{day} {times}").format(day=day, times=times)
