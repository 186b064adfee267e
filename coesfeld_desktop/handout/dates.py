"""A course's coming dates on the handout, in the family's language.

Why grouped by time: eight Tuesday evenings print as one line ("18:00–20:00: Di 2. März,
Di 9. März … und Di 20. April"), not eight, so a sheet stays short; dates and weekdays come
from babel (CLDR) through :class:`~coesfeld_desktop.handout.labels.Labels`.
"""

from __future__ import annotations

import datetime as dt

from coesfeld_desktop.domain.course_dates import course_dates
from coesfeld_desktop.domain.offer import OfferDetail
from coesfeld_desktop.handout import labels as L  # noqa: N812 - L.KEY reads like the label table

MAX_PRINTED_DATES = 12  # more: "und 20 weitere Termine"


def course_date_lines(offer: OfferDetail, labels: L.Labels, today: dt.date) -> str:
    """The coming dates of ``offer``'s courses and events, one line per time of day
    ("" when it has none)."""
    dates = course_dates(offer.opening_hours, today)
    if dates is None:
        return ""
    upcoming = dates.upcoming
    groups: dict[str, list[str]] = {}
    for session in upcoming[:MAX_PRINTED_DATES]:
        times = "–".join(labels.time(value) for value in (session.opens_at, session.closes_at)
                         if value is not None)
        groups.setdefault(times, []).append(labels.day(session.day, today))
    lines = [f"{times}: {labels.join(days)}" if times else labels.join(days)
             for times, days in groups.items()]
    more = len(upcoming) - MAX_PRINTED_DATES
    if more > 0:
        lines.append(labels.plural(L.MORE_DATES, more, number=labels.number(more)))
    return "\n".join(lines)
