"""A course of eight dates from an HSDS file to the counsellor's list and the family's phone
(issue #18 point 3, done-when): import, signed export served on 127.0.0.1, sync, the next date
in the row, the date filter, gone after the last date, back with a new run, the ``.ics``."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import icalendar
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from coesfeld_desktop.domain.course_calendar import course_ics, course_qr_text
from coesfeld_desktop.domain.result_row import row_lines
from coesfeld_desktop.search.query import SearchFilters, SearchRequest
from coesfeld_desktop.search.service import SearchService
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.directory_reads import DirectoryReads
from coesfeld_desktop.sync.hsds_import import import_hsds
from coesfeld_desktop.sync.publisher import build_export
from coesfeld_desktop.sync.service import SyncService
from tests.sync.conftest import ExportServer

COURSE = Path(__file__).parents[1] / "fixtures" / "hsds-courses" / "geburtsvorbereitung.json"
FIRST, LAST = dt.date(2027, 3, 2), dt.date(2027, 4, 20)  # eight Tuesdays


class Clock:
    """The desk's date, set by the test (no sleeping, no real calendar)."""

    def __init__(self, today: dt.date) -> None:
        self.day = today

    def __call__(self) -> dt.date:
        return self.day


def _document(sequence: int) -> dict[str, Any]:
    return import_hsds(COURSE, "kreis-coesfeld", "Kreis Coesfeld", sequence=sequence,
                       published_at="2027-02-01T08:00:00Z").document


def _publish(server: ExportServer, tmp_path: Path, key: Ed25519PrivateKey,
             document: dict[str, Any], tag: str) -> str:
    archive = tmp_path / f"{tag}.zip"
    build_export(document, key, archive)
    server.put("/export.zip", archive.read_bytes(), etag=f'"{tag}"')
    return server.url("/export.zip")


def _found(search: SearchService, text: str = "", **filters: Any) -> list[str]:
    request = SearchRequest(text, SearchFilters(**filters))
    return list(search.search(request).offer_ids)


def test_a_course_of_eight_dates_round_trips_shows_its_next_date_and_ends(
        sync: SyncService, database: Database, export_server: ExportServer, tmp_path: Path,
        key: Ed25519PrivateKey) -> None:
    document = _document(1)
    (offer_id,) = [offer["id"] for offer in document["offers"]]
    outcome = sync.sync(_publish(export_server, tmp_path, key, document, "run-1"),
                        allow_http=True)
    assert outcome.applied

    clock = Clock(dt.date(2027, 2, 10))
    search = SearchService(database, today=clock)
    reads = DirectoryReads(database)
    assert _found(search, "Geburtsvorbereitung") == [offer_id]

    # the row says when it starts and how many dates there are
    (summary,) = reads.summaries([offer_id])
    evening = dt.datetime.combine(clock.day, dt.time(9, 0))
    assert "nächster Termin: Di 2. März, 8 Termine" in row_lines(summary, "de", str,
                                                                  evening).reach
    # ... in the UI's other languages through babel (English month names and weekdays)
    assert "Tue March 2" in row_lines(summary, "en", str, evening).reach
    # a weekly course line is no "open tomorrow" before it starts
    assert "morgen" not in row_lines(summary, "de", str, evening).reach

    # the date filter: nothing in the next 14 days yet, then its first evening is
    assert _found(search, dates="next_14_days") == []
    clock.day = dt.date(2027, 2, 16)  # the 14 days after it reach Tuesday 2 March
    assert _found(search, dates="next_14_days") == [offer_id]
    assert _found(search, dates="this_month") == []  # February: no date left in it
    clock.day = dt.date(2027, 3, 20)
    assert _found(search, "kurs", dates="this_month") == [offer_id]
    (summary,) = reads.summaries([offer_id])
    assert "noch 5 von 8 Terminen" in row_lines(
        summary, "de", str, dt.datetime.combine(clock.day, dt.time(9))).reach

    # the .ics file holds the coming dates at 18:00 Berlin time, and icalendar reads it
    detail = reads.detail(offer_id)
    assert detail is not None
    calendar = icalendar.Calendar.from_ical(course_ics(detail, clock.day))
    starts = sorted(event.decoded("dtstart") for event in calendar.walk("VEVENT"))
    assert [start.date() for start in starts] == [dt.date(2027, 3, 23), dt.date(2027, 3, 30),
                                                  dt.date(2027, 4, 6), dt.date(2027, 4, 13),
                                                  LAST]
    assert all(start.hour == 18 and start.utcoffset() in (dt.timedelta(hours=1),
                                                          dt.timedelta(hours=2))
               for start in starts)
    assert {str(event["summary"]) for event in calendar.walk("VEVENT")} == {
        "Geburtsvorbereitungskurs für Paare"}
    # the QR code's text: one event that repeats weekly for the five coming dates
    qr = icalendar.Calendar.from_ical(course_qr_text(detail, clock.day))
    (event,) = qr.walk("VEVENT")
    assert event.decoded("dtstart") == dt.datetime(2027, 3, 23, 18, 0)
    assert dict(event["rrule"]) == {"FREQ": ["WEEKLY"], "COUNT": [5]}

    # on the last evening it is still listed; the day after, it has left every list
    clock.day = LAST
    assert _found(search, "Geburtsvorbereitung") == [offer_id]
    clock.day = LAST + dt.timedelta(days=1)
    assert _found(search, "Geburtsvorbereitung") == []
    assert offer_id not in _found(search)  # browsing without words too
    assert _found(search, dates="this_month") == []

    # the district publishes a new run in autumn: the course is back with its new dates
    second = copy.deepcopy(_document(2))
    second["offers"][0]["schedules"][0]["dtstart"] = "2027-09-07"
    outcome = sync.sync(_publish(export_server, tmp_path, key, second, "run-2"),
                        allow_http=True)
    assert outcome.applied and not outcome.full
    assert _found(search, "Geburtsvorbereitung") == [offer_id]
    (summary,) = reads.summaries([offer_id])
    assert "nächster Termin: Di 7. September, 8 Termine" in row_lines(
        summary, "de", str, dt.datetime.combine(clock.day, dt.time(9))).reach
