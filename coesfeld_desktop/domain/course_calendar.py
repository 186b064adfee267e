"""Course dates for the family's phone: an ``.ics`` file and the text of a QR code.

Why ``icalendar``: it writes and reads RFC 5545 correctly (escaping, line folding, time
zones); ``dateutil`` checks that a repeating rule gives exactly the listed dates.

* The ``.ics`` file holds one event per date, in Europe/Berlin time (with its VTIMEZONE),
  so every calendar program imports the same dates the desk shows.
* The QR code must stay small enough to scan from paper or a screen: one event per course
  line with its coming dates as a rule (``RRULE:FREQ=WEEKLY;COUNT=5``, checked against the
  dates) or else as a date list (``RDATE``), in floating local time (no time-zone table: a
  phone in Germany reads it as German time, also across the change to summer time).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar
from dateutil import rrule

from coesfeld_desktop.domain.course_dates import ScheduleRule, Session, course_dates, rule_dates
from coesfeld_desktop.domain.offer import OfferDetail, OpeningHours

PRODUCT_ID = "-//Kreis Coesfeld//Angebotslotse//DE"
TIMEZONE = "Europe/Berlin"
_FREQUENCIES = {"DAILY": rrule.DAILY, "WEEKLY": rrule.WEEKLY, "MONTHLY": rrule.MONTHLY,
                "YEARLY": rrule.YEARLY}


def has_course_dates(detail: OfferDetail, today: dt.date) -> bool:
    """Whether ``detail`` has course or event dates from ``today`` on."""
    dates = course_dates(detail.opening_hours, today)
    return dates is not None and bool(dates.upcoming)


def _where(detail: OfferDetail) -> str:
    place = detail.places[0] if detail.places else None
    if place is None:
        return ""
    return ", ".join(part for part in (place.name, place.one_line()) if part)


def _contact(detail: OfferDetail) -> str:
    phone = next(iter(detail.phones or [p for c in detail.contacts for p in c.phones]), "")
    return " · ".join(part for part in (detail.provider, phone) if part)


def _zone() -> dt.tzinfo | None:
    try:
        return ZoneInfo(TIMEZONE)
    except ZoneInfoNotFoundError:  # no tz database: floating local time
        return None


def _times(session: Session, zone: dt.tzinfo | None
           ) -> tuple[dt.date | dt.datetime, dt.date | dt.datetime]:
    """Start and end of a session: an all-day event without times, else the times
    (an end before the start, or none: one hour)."""
    if session.opens_at is None:
        return session.day, session.day + dt.timedelta(days=1)
    start = dt.datetime.combine(session.day, session.opens_at, tzinfo=zone)
    end = (dt.datetime.combine(session.day, session.closes_at, tzinfo=zone)
           if session.closes_at is not None else None)
    if end is None or end <= start:
        end = start + dt.timedelta(hours=1)
    return start, end


def _calendar() -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    return calendar


def _event(detail: OfferDetail, uid: str, start: dt.date | dt.datetime,
           end: dt.date | dt.datetime, stamp: dt.datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp.astimezone(dt.UTC) if stamp.tzinfo else
              stamp.replace(tzinfo=dt.UTC))
    event.add("summary", detail.title.text)
    event.add("dtstart", start)
    event.add("dtend", end)
    where = _where(detail)
    if where:
        event.add("location", where)
    contact = _contact(detail)
    if contact:
        event.add("description", contact)
    return event


def course_ics(detail: OfferDetail, today: dt.date, stamp: dt.datetime | None = None
               ) -> bytes:
    """An iCalendar file with every coming date of ``detail``'s courses, one event each
    (empty of events when there are none). ``stamp``: when it is made (default now)."""
    stamp = stamp or dt.datetime.now(dt.UTC)
    calendar = _calendar()
    dates = course_dates(detail.opening_hours, today)
    zone = _zone()
    for session in dates.upcoming if dates is not None else ():
        start, end = _times(session, zone)
        clock = session.opens_at.strftime("%H%M") if session.opens_at else ""
        uid = f"{detail.id}-{session.day:%Y%m%d}{clock}@angebotslotse"
        calendar.add_component(_event(detail, uid, start, end, stamp))
    if zone is not None:
        calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def _line_sessions(line: OpeningHours, today: dt.date) -> list[Session]:
    rule = line.rule
    if rule is None or not rule.finite:
        return []
    return [Session(day, line.opens_at, line.closes_at) for day in rule_dates(rule)
            if day >= today]


def _repeat(rule: ScheduleRule, days: Sequence[dt.date]) -> dict[str, object] | None:
    """An RRULE from the first of ``days`` that gives exactly ``days``, or None."""
    frequency = _FREQUENCIES.get((rule.freq or "WEEKLY").upper())
    if frequency is None or len(days) < 2:
        return None
    interval = max(1, rule.interval or 1)
    start = dt.datetime.combine(days[0], dt.time())
    if frequency == rrule.WEEKLY and len({day.weekday() for day in days}) > 1:
        weekdays = sorted({day.weekday() for day in days})
        found = rrule.rrule(frequency, dtstart=start, interval=interval, count=len(days),
                            byweekday=weekdays)
        by_day = [("MO", "TU", "WE", "TH", "FR", "SA", "SU")[index] for index in weekdays]
    else:
        found = rrule.rrule(frequency, dtstart=start, interval=interval, count=len(days))
        by_day = []
    if [moment.date() for moment in found] != list(days):
        return None
    repeat: dict[str, object] = {"freq": rule.freq or "WEEKLY", "count": len(days)}
    if interval > 1:
        repeat["interval"] = interval
    if by_day:
        repeat["byday"] = by_day
    return repeat


def course_qr_text(detail: OfferDetail, today: dt.date, stamp: dt.datetime | None = None
                   ) -> str:
    """A small iCalendar text for a QR code: one event per course line with its coming
    dates ("" when there are none)."""
    stamp = stamp or dt.datetime.now(dt.UTC)
    calendar = _calendar()
    for index, line in enumerate(detail.opening_hours):
        sessions = _line_sessions(line, today)
        if not sessions or line.rule is None:
            continue
        start, end = _times(sessions[0], None)
        event = _event(detail, f"{detail.id}-{index}@angebotslotse", start, end, stamp)
        days = [session.day for session in sessions]
        repeat = _repeat(line.rule, days)
        if repeat is not None:
            event.add("rrule", repeat)
        elif len(sessions) > 1:
            event.add("rdate", [_times(session, None)[0] for session in sessions[1:]])
        calendar.add_component(event)
    if not calendar.subcomponents:
        return ""
    return bytes(calendar.to_ical()).decode("utf-8")
