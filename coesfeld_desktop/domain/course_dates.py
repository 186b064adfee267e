"""The dates of courses and events: HSDS schedule rules expanded into days (RFC 5545).

A schedule with a start (``dtstart`` or ``valid_from``) is *dated*; with an end as well
(``until``, ``valid_to`` or ``count``) it is a course or event with a known list of dates
("8 Termine ab Di 3. März"). Schedules without a start are weekly opening hours.
Why here: the index (ended courses leave the lists, the "in den nächsten 14 Tagen" filter),
the rows, the detail pane, the handouts and the ``.ics`` file all need the same dates.
The rules are expanded by ``python-dateutil``'s ``rrule`` (the RFC 5545 reference
behaviour), never by hand.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Protocol

from dateutil import rrule

MAX_DATES = 500  # a course lists at most this many dates (a daily rule over a year and more)
HORIZON_YEARS = 10  # a rule is never followed further than this past its start

_FREQUENCIES = {"DAILY": rrule.DAILY, "WEEKLY": rrule.WEEKLY, "MONTHLY": rrule.MONTHLY,
                "YEARLY": rrule.YEARLY}
_WEEKDAYS = {"MO": rrule.MO, "TU": rrule.TU, "WE": rrule.WE, "TH": rrule.TH, "FR": rrule.FR,
             "SA": rrule.SA, "SU": rrule.SU}
_RULE_DAY = re.compile(r"^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")


@dataclass(frozen=True)
class ScheduleRule:
    """The RFC 5545 part of an HSDS schedule (what makes "Tuesdays" into dates)."""

    freq: str | None = None
    interval: int | None = None
    count: int | None = None
    dtstart: dt.date | None = None
    until: dt.date | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    weekdays: tuple[str, ...] = ()  # byday of a weekly or daily rule: MO … SU
    rule_byday: str | None = None  # a monthly or yearly rule's byday: "2TU", "-1FR"
    byweekno: str | None = None
    bymonthday: str | None = None
    byyearday: str | None = None

    @property
    def start(self) -> dt.date | None:
        """The first day the rule may give: the later of ``dtstart`` and ``valid_from``."""
        found = [day for day in (self.dtstart, self.valid_from) if day is not None]
        return max(found) if found else None

    @property
    def end(self) -> dt.date | None:
        """The last day the rule may give (``until`` or ``valid_to``, the earlier)."""
        found = [day for day in (self.until, self.valid_to) if day is not None]
        return min(found) if found else None

    @property
    def dated(self) -> bool:
        """Whether the rule has a start: a course or event rather than opening hours."""
        return self.start is not None

    @property
    def finite(self) -> bool:
        """Dated with an end or a count: its dates can be listed."""
        return self.dated and (self.end is not None or bool(self.count))


def _numbers(text: str | None, low: int, high: int) -> tuple[int, ...]:
    """``"41,42"`` -> (41, 42); values out of range or not numbers are left out."""
    found = []
    for part in (text or "").split(","):
        try:
            value = int(part.strip())
        except ValueError:
            continue
        if low <= abs(value) <= high:
            found.append(value)
    return tuple(found)


def _rule_weekdays(rule: ScheduleRule) -> tuple[rrule.weekday, ...]:
    if rule.freq in ("MONTHLY", "YEARLY") and rule.rule_byday:
        days = []
        for part in rule.rule_byday.upper().split(","):
            match = _RULE_DAY.match(part.strip())
            if match is None:
                continue
            weekday = _WEEKDAYS[match.group(2)]
            days.append(weekday(int(match.group(1))) if match.group(1) else weekday)
        return tuple(days)
    return tuple(_WEEKDAYS[day] for day in rule.weekdays if day in _WEEKDAYS)


@lru_cache(maxsize=4096)
def rule_dates(rule: ScheduleRule) -> tuple[dt.date, ...]:
    """Every date of a dated rule, up to :data:`MAX_DATES` (a rule without an end: the
    first ones, up to :data:`HORIZON_YEARS` after its start); () for an undated one."""
    start = rule.start
    if start is None:
        return ()
    rule_start = rule.dtstart or start
    last = rule.end
    horizon = rule_start.replace(year=min(dt.MAXYEAR, rule_start.year + HORIZON_YEARS))
    stop = min(last, horizon) if last is not None else horizon
    if stop < start:
        return ()
    by_day = _rule_weekdays(rule)
    options: dict[str, object] = {
        "dtstart": dt.datetime.combine(rule_start, dt.time()),
        "interval": max(1, rule.interval or 1),
        "until": dt.datetime.combine(stop, dt.time()),
    }
    if by_day:
        options["byweekday"] = by_day
    for key, text, high in (("byweekno", rule.byweekno, 53),
                            ("bymonthday", rule.bymonthday, 31),
                            ("byyearday", rule.byyearday, 366)):
        numbers = _numbers(text, 1, high)
        if numbers:
            options[key] = numbers
    frequency = _FREQUENCIES.get((rule.freq or "WEEKLY").upper(), rrule.WEEKLY)
    try:
        found = rrule.rrule(frequency, **options)
    except ValueError:  # a rule dateutil cannot follow: no dates rather than wrong ones
        return ()
    limit = min(rule.count, MAX_DATES) if rule.count else MAX_DATES
    # count counts from dtstart (RFC 5545); valid_from may then cut the first ones off
    dates = (moment.date() for moment in islice(found, limit))
    return tuple(day for day in dates if day >= start)


class Timed(Protocol):
    """A schedule line as the domain shows it (``domain.offer.OpeningHours``)."""

    @property
    def rule(self) -> ScheduleRule | None: ...
    @property
    def opens_at(self) -> dt.time | None: ...
    @property
    def closes_at(self) -> dt.time | None: ...


@dataclass(frozen=True)
class Session:
    """One date of a course, with its times if the schedule gives them."""

    day: dt.date
    opens_at: dt.time | None = None
    closes_at: dt.time | None = None


@dataclass(frozen=True)
class CourseDates:
    """The listed dates of an offer's courses and events, and where ``today`` stands."""

    sessions: tuple[Session, ...]  # in time order
    today: dt.date

    @property
    def days(self) -> tuple[dt.date, ...]:
        return tuple(dict.fromkeys(session.day for session in self.sessions))

    @property
    def upcoming(self) -> tuple[Session, ...]:
        return tuple(session for session in self.sessions if session.day >= self.today)

    @property
    def next_session(self) -> Session | None:
        upcoming = self.upcoming
        return upcoming[0] if upcoming else None

    @property
    def started(self) -> bool:
        return bool(self.sessions) and self.sessions[0].day < self.today

    @property
    def over(self) -> bool:
        return bool(self.sessions) and self.sessions[-1].day < self.today


def course_dates(lines: Iterable[Timed], today: dt.date) -> CourseDates | None:
    """The dates of the finite dated schedule ``lines`` (None if there are none)."""
    sessions: set[Session] = set()
    for line in lines:
        rule = line.rule
        if rule is not None and rule.finite:
            sessions.update(Session(day, line.opens_at, line.closes_at)
                            for day in rule_dates(rule))
    if not sessions:
        return None
    ordered = sorted(sessions, key=lambda s: (s.day, s.opens_at or dt.time.min,
                                              s.closes_at or dt.time.min))
    return CourseDates(tuple(ordered), today)


def ends_on(rules: Sequence[ScheduleRule | None]) -> dt.date | None:
    """The day after which an offer is over: when every schedule it has is a finite dated
    rule, the last of their dates (a rule without dates: its end); else ``None`` (opening
    hours, or an open-ended rule, never end by themselves)."""
    if not rules or any(rule is None or not rule.finite for rule in rules):
        return None
    last: list[dt.date] = []
    for rule in rules:
        assert rule is not None
        dates = rule_dates(rule)
        if dates:
            last.append(dates[-1])
        elif rule.end is not None:
            last.append(rule.end)
        elif rule.start is not None:  # a count, but no date fits: over at its start
            last.append(rule.start)
    return max(last) if last else None


def runs_on(rule: ScheduleRule | None, day: dt.date) -> bool:
    """Whether a schedule line applies on ``day``: opening hours always (their weekdays
    decide), a dated rule only on its dates (finite) or within its validity."""
    if rule is None or not rule.dated:
        return True
    if rule.finite:
        return day in rule_dates(rule)
    start = rule.start
    return start is not None and start <= day


NEXT_DAYS = 14  # "in den nächsten 14 Tagen": today and the 14 days after it


def date_window(name: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of a date filter's window: ``next_14_days`` (today and
    the next :data:`NEXT_DAYS` days) or ``this_month`` (today to the month's last day)."""
    if name == "this_month":
        following = (today.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return today, following - dt.timedelta(days=1)
    if name == "next_14_days":
        return today, today + dt.timedelta(days=NEXT_DAYS)
    raise ValueError(f"unknown date window: {name!r}")
