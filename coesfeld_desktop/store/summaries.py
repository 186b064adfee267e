"""Result rows (:class:`~coesfeld_desktop.domain.offer.OfferSummary`) read with plain SQL.

Why not through the ORM like an offer's details: the first result list at start-up must be
on screen 0.3 s after the window's first paint, and importing and configuring SQLAlchemy
and the ORM alone costs more (≈ 0.45 s of CPU). A row needs a dozen columns of eight
tables; read by plain SQL on the ``sqlite3`` driver they cost a few milliseconds, and the
ORM loads later, when something first needs it. The rules every reader shares — a
translation or the German text flagged as fallback, a schedule's dated rule, a time of day
— are declared here and used by :mod:`.offers` too; a test compares every row with the
details the ORM reads (``tests/store/test_summaries.py``).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Protocol

from coesfeld_desktop.domain.course_dates import ScheduleRule
from coesfeld_desktop.domain.offer import LocalizedText, OfferSummary, OpeningHours, Place
from coesfeld_desktop.store.id_lists import id_chunks, in_list, marks
from coesfeld_desktop.store.rows import COLUMNS, ScheduleRow, stored_date

SOURCE_LANGUAGE = "de"

_Key = tuple[str, str, str]  # entity_type, entity_id, field
_Found = tuple[str, bool, bool]  # text, machine_translated, outdated


class Translations:
    """Translations of many records in one language: a translated text, or the German one
    flagged as fallback. Filled by the reader that fetched them (plain SQL here, the ORM
    in :class:`~coesfeld_desktop.store.offers.TranslationLookup`)."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._found: dict[_Key, _Found] = {}

    def add(self, entity_type: str, entity_id: str, field: str, found: _Found) -> None:
        self._found[(entity_type, entity_id, field)] = found

    def text(self, entity_type: str, entity_id: str, field: str, german: str | None
             ) -> LocalizedText | None:
        """The translated text, or the German one flagged as fallback; None if both empty."""
        if not german:
            return None
        if self.language == SOURCE_LANGUAGE:
            return LocalizedText(german, SOURCE_LANGUAGE)
        found = self._found.get((entity_type, entity_id, field))
        if found is None:
            return LocalizedText(german, SOURCE_LANGUAGE, is_fallback=True)
        text, machine, outdated = found
        return LocalizedText(text, self.language, machine_translated=machine, outdated=outdated)

    def plain(self, entity_type: str, entity_id: str, field: str, german: str) -> str:
        found = self.text(entity_type, entity_id, field, german)
        return found.text if found else german


class StoredSchedule(Protocol):
    """A stored schedule as a line of opening hours reads it, with its dated rule (an ORM
    row or a plain one)."""

    @property
    def id(self) -> str: ...
    @property
    def opens_at(self) -> str | None: ...
    @property
    def closes_at(self) -> str | None: ...
    @property
    def description(self) -> str | None: ...
    @property
    def schedule_link(self) -> str | None: ...
    @property
    def attending_type(self) -> str | None: ...
    @property
    def notes(self) -> str | None: ...
    @property
    def freq(self) -> str | None: ...
    @property
    def interval(self) -> int | None: ...
    @property
    def rule_count(self) -> int | None: ...
    @property
    def dtstart(self) -> dt.date | None: ...
    @property
    def until(self) -> dt.date | None: ...
    @property
    def valid_from(self) -> dt.date | None: ...
    @property
    def valid_to(self) -> dt.date | None: ...
    @property
    def byday(self) -> str: ...
    @property
    def rule_byday(self) -> str | None: ...
    @property
    def byweekno(self) -> str | None: ...
    @property
    def bymonthday(self) -> str | None: ...
    @property
    def byyearday(self) -> str | None: ...


def _weekdays(byday: str) -> tuple[str, ...]:
    return tuple(day.strip() for day in byday.split(",") if day.strip())


def schedule_rule(schedule: StoredSchedule) -> ScheduleRule | None:
    """The dated rule of a stored schedule; ``None`` for opening hours (no start)."""
    if schedule.dtstart is None and schedule.valid_from is None:
        return None
    return ScheduleRule(
        freq=schedule.freq, interval=schedule.interval, count=schedule.rule_count,
        dtstart=schedule.dtstart, until=schedule.until, valid_from=schedule.valid_from,
        valid_to=schedule.valid_to, weekdays=_weekdays(schedule.byday),
        rule_byday=schedule.rule_byday, byweekno=schedule.byweekno,
        bymonthday=schedule.bymonthday, byyearday=schedule.byyearday)


def time_of_day(value: str | None) -> dt.time | None:
    if not value:
        return None
    try:
        return dt.time.fromisoformat(value)
    except ValueError:
        return None


_DATE_COLUMNS = frozenset({"valid_from", "valid_to", "dtstart", "until"})


def _schedule(values: Sequence[object]) -> ScheduleRow:
    """A stored schedule as its row type, its dates as dates."""
    return ScheduleRow._make(
        stored_date(value) if name in _DATE_COLUMNS else value
        for name, value in zip(COLUMNS["schedule"], values, strict=True))


def opening_hours(schedule: StoredSchedule, tr: Translations) -> OpeningHours:
    """One line of opening hours (or a course's dates) in the lookup's language."""
    return OpeningHours(
        weekdays=_weekdays(schedule.byday),
        opens_at=time_of_day(schedule.opens_at), closes_at=time_of_day(schedule.closes_at),
        note=tr.text("schedule", schedule.id, "description", schedule.description),
        rule=schedule_rule(schedule),
        link=schedule.schedule_link,
        attending=tr.text("schedule", schedule.id, "attending_type", schedule.attending_type),
        notes=tr.text("schedule", schedule.id, "notes", schedule.notes),
    )


def _by_offer(connection: sqlite3.Connection, sql: str, ids: Sequence[str]
              ) -> dict[str, list[tuple[object, ...]]]:
    """Rows of ``sql`` (its first column the offer id, ``{ids}`` the id list) per offer."""
    found: dict[str, list[tuple[object, ...]]] = defaultdict(list)
    for offer_id, *rest in connection.execute(sql.format(ids=marks(len(ids))), tuple(ids)):
        found[str(offer_id)].append(tuple(rest))
    return found


def _translations(connection: sqlite3.Connection, language: str,
                  entities: Iterable[tuple[str, str]]) -> Translations:
    tr = Translations(language)
    if language == SOURCE_LANGUAGE:
        return tr
    wanted: dict[str, set[str]] = defaultdict(set)
    for entity_type, entity_id in entities:
        wanted[entity_type].add(entity_id)
    for entity_type, entity_ids in wanted.items():
        for chunk in id_chunks(sorted(entity_ids)):
            rows = connection.execute(
                "SELECT entity_id, field, text, machine_translated, outdated FROM translation "
                f"WHERE entity_type = ? AND {in_list('entity_id', chunk)} AND language = ?",
                (entity_type, *chunk, language))
            for entity_id, field, text, machine, outdated in rows:
                tr.add(entity_type, str(entity_id), str(field),
                       (str(text), bool(machine), bool(outdated)))
    return tr


def read_summaries(connection: sqlite3.Connection, offer_ids: Sequence[str],
                   language: str = SOURCE_LANGUAGE) -> list[OfferSummary]:
    """Result-row data for ``offer_ids`` in the order given (unknown ids skipped), read
    :data:`~.id_lists.IDS_PER_LIST` offers at a time (a search may list 100,000)."""
    return [summary for chunk in id_chunks(list(dict.fromkeys(offer_ids)))
            for summary in _read_chunk(connection, chunk, language)]


def _read_chunk(connection: sqlite3.Connection, ids: list[str], language: str
                ) -> list[OfferSummary]:
    offers = {str(row[0]): row for row in connection.execute(
        "SELECT o.id, o.title, o.organization_id, org.name, o.min_age, o.max_age, "
        "o.pregnancy, o.free, o.cost, o.accompanies, o.assured_date "
        "FROM offer o JOIN organization org ON org.id = o.organization_id "
        f"WHERE {in_list('o.id', ids)}", tuple(ids))}
    ids = [offer_id for offer_id in ids if offer_id in offers]
    if not ids:
        return []
    places = _by_offer(connection, (
        "SELECT sal.offer_id, l.town, l.district, l.barrier_free FROM offer o "
        "JOIN service_at_location sal ON o.id = sal.offer_id "
        "JOIN location l ON l.id = sal.location_id WHERE o.id IN ({ids})"), ids)
    topics = _by_offer(connection, (
        "SELECT ot.offer_id, t.id, t.name FROM offer o "
        "JOIN offer_topic ot ON o.id = ot.offer_id "
        "JOIN topic t ON t.id = ot.topic_id WHERE o.id IN ({ids})"), ids)
    schedules = _by_offer(connection, (
        f"SELECT offer_id, {', '.join(COLUMNS['schedule'])} FROM schedule "
        "WHERE offer_id IN ({ids}) ORDER BY position"), ids)
    offer_phones = _by_offer(connection, "SELECT offer_id, number FROM phone "
                                         "WHERE offer_id IN ({ids})", ids)
    contact_phones = _by_offer(connection, (
        "SELECT c.offer_id, p.number FROM contact c JOIN phone p ON p.contact_id = c.id "
        "WHERE c.offer_id IN ({ids}) ORDER BY c.position, p.rowid"), ids)
    languages = _by_offer(connection, "SELECT offer_id, language FROM offer_language "
                                      "WHERE offer_id IN ({ids})", ids)
    groups = _by_offer(connection, "SELECT offer_id, code FROM offer_target_group "
                                   "WHERE offer_id IN ({ids})", ids)
    phases = _by_offer(connection, "SELECT offer_id, code FROM offer_life_phase "
                                   "WHERE offer_id IN ({ids})", ids)
    rows = {offer_id: [_schedule(values) for values in schedules.get(offer_id, ())]
            for offer_id in ids}
    tr = _translations(connection, language, [
        *(("offer", offer_id) for offer_id in ids),
        *(("organization", str(offers[offer_id][2])) for offer_id in ids),
        *(("topic", str(topic[0])) for found in topics.values() for topic in found),
        *(("schedule", schedule.id) for found in rows.values() for schedule in found)])
    summaries = []
    for offer_id in ids:
        (_id, title, organization_id, provider, min_age, max_age, pregnancy, free, cost,
         accompanies, assured) = offers[offer_id]
        at = [Place(None, None, None, str(town), None if district is None else str(district),
                    None, None, bool(barrier_free))
              for town, district, barrier_free in places.get(offer_id, ())]
        shown = [text for text in (tr.text("offer", offer_id, "title", str(title)),
                                   tr.text("offer", offer_id, "cost",
                                           None if cost is None else str(cost)))
                 if text is not None]
        phone = next(iter([*offer_phones.get(offer_id, ()),
                           *contact_phones.get(offer_id, ())]), None)
        summaries.append(OfferSummary(
            id=offer_id, title=shown[0].text,
            provider=tr.plain("organization", str(organization_id), "name", str(provider)),
            towns=tuple(dict.fromkeys(place.town for place in at)),
            min_age=None if min_age is None else int(str(min_age)),
            max_age=None if max_age is None else int(str(max_age)),
            pregnancy=bool(pregnancy),
            languages=tuple(sorted(str(row[0]) for row in languages.get(offer_id, ()))),
            topics=tuple(tr.plain("topic", str(topic_id), "name", str(name))
                         for topic_id, name in topics.get(offer_id, ())),
            free=bool(free), barrier_free=any(place.barrier_free for place in at),
            places=tuple(dict.fromkeys(place.town_and_district() for place in at)),
            phone=None if phone is None else str(phone[0]),
            cost=shown[1].text if cost else None,
            opening_hours=tuple(opening_hours(schedule, tr) for schedule in rows[offer_id]),
            target_groups=tuple(str(row[0]) for row in groups.get(offer_id, ())),
            life_phases=tuple(str(row[0]) for row in phases.get(offer_id, ())),
            accompanies=bool(accompanies),
            assured_date=stored_date(assured),
            machine_translated=any(text.machine_translated for text in shown),
            translation_outdated=any(text.outdated for text in shown),
        ))
    return summaries
