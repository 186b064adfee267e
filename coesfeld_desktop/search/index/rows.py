"""Reading what the index needs of offers, as :class:`IndexedOffer` records: the directory
rows of the offers (:class:`OfferTables`, from the store or from an export) put together by
one assembler (:func:`assemble`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the search runs without SQLAlchemy (see store.database)
    from sqlalchemy import Connection

from coesfeld_desktop.domain.course_dates import ScheduleRule
from coesfeld_desktop.domain.towns import town_by_name
from coesfeld_desktop.domain.vocabulary import WEEKDAYS
from coesfeld_desktop.search.index.tables import dbapi
from coesfeld_desktop.store.rows import (
    COLUMNS,
    LocationRow,
    Row,
    column,
    named,
    projection,
    stored_date,
)

WEEKDAY_BITS = {day: 1 << index for index, day in enumerate(WEEKDAYS)}


@dataclass(slots=True)
class IndexedOffer:
    pk: int
    offer_id: str
    title: str
    summary: str | None
    description: str | None
    min_age: int | None
    max_age: int | None
    pregnancy: bool
    free: bool
    provider: str
    organization_id: str
    translations: list[str] = field(default_factory=list)  # summaries in other languages
    title_translations: list[str] = field(default_factory=list)
    provider_translations: list[str] = field(default_factory=list)
    contact_titles: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)  # ids
    topic_names: list[str] = field(default_factory=list)  # every language
    topic_german: list[str] = field(default_factory=list)
    towns: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    barrier_free: bool = False
    lat: float | None = None
    lon: float | None = None
    languages: list[str] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)
    life_phases: list[str] = field(default_factory=list)
    weekdays: int = 0
    accompanies: bool = False  # a person goes along with the family (Lotsen, Paten ...)
    rules: list[ScheduleRule] | None = None  # dated schedules (courses, events)
    undated: bool = False  # has opening hours without dates (then it never ends)


def query_rows(connection: Connection, sql: str, ids: Sequence[str] | None, column: str
          ) -> Iterator[Any]:
    """Run ``sql`` (which ends in a WHERE clause) for all offers or only for ``ids``; all
    of them in insertion order (an index SQLite picks would order them by its key)."""
    cursor = dbapi(connection).cursor()
    try:
        if ids is None:
            yield from cursor.execute(sql + " 1 ORDER BY rowid")
        else:
            marks = ", ".join("?" * len(ids))
            yield from cursor.execute(f"{sql} {column} IN ({marks})", tuple(ids))
    finally:
        cursor.close()


@dataclass
class Lookups:
    """Provider, topic and place facts by id: small tables, read once per refresh."""

    providers: dict[str, tuple[str, list[str]]]  # organization id -> (name, translated names)
    topics: dict[str, list[str]]  # topic id -> names, the German one first
    places: dict[str, LocationRow]  # location id -> its row


def read_lookups(connection: Connection) -> Lookups:
    providers: dict[str, tuple[str, list[str]]] = {
        org_id: (name or "", []) for org_id, name in query_rows(
            connection, "SELECT id, name FROM organization WHERE", None, "")}
    for org_id, text in query_rows(connection, """
            SELECT entity_id, text FROM translation
            WHERE entity_type = 'organization' AND field = 'name' AND""", None, ""):
        if org_id in providers:
            providers[org_id][1].append(text)
    topics: dict[str, list[str]] = defaultdict(list)  # German name first
    for topic_id, name in query_rows(connection, "SELECT id, name FROM topic WHERE", None, ""):
        topics[topic_id].append(name)
    for topic_id, text in query_rows(connection, """
            SELECT entity_id, text FROM translation
            WHERE entity_type = 'topic' AND field = 'name' AND""", None, ""):
        topics[topic_id].append(text)
    locations = _read_table(connection, "location", "", None, "")
    places = {place.id: place for place in named("location", locations)}
    return Lookups(providers, dict(topics), places)


@dataclass
class OfferTables:
    """The directory rows of some offers, in insertion order: what the index is built from.

    Why one shape for both sources: a refresh or a rebuild reads it from the store
    (:func:`read_offer_tables`), a full sync builds it from export rows not stored yet; one
    assembler (:func:`assemble`) turns either into :class:`IndexedOffer` records, so both
    index an offer alike (tests/sync/test_apply.py compares the index they write).
    """

    offers: list[tuple[int, Row]]  # (pk, offer row)
    children: Mapping[str, Sequence[Row]]  # table name -> its rows (store.rows.Tables)


# the child tables the index reads, with what restricts them to the rows it needs (SQL; for
# rows not stored yet the assembler checks the same) and the column naming their offer
_INDEXED_CHILDREN: tuple[tuple[str, str, str], ...] = (
    ("translation", "entity_type = 'offer' AND field IN ('title', 'summary') AND", "entity_id"),
    ("offer_topic", "", "offer_id"),
    ("contact", "title IS NOT NULL AND", "offer_id"),
    ("service_at_location", "", "offer_id"),
    ("offer_language", "", "offer_id"),
    ("offer_target_group", "", "offer_id"),
    ("offer_life_phase", "", "offer_id"),
    ("schedule", "", "offer_id"),
)


def _read_table(connection: Connection, table: str, condition: str,
                ids: Sequence[str] | None, column: str) -> list[Row]:
    """Rows of ``table`` (all, or those whose ``column`` is one of ``ids``) meeting
    ``condition`` (SQL ending in AND, or ""), in insertion order."""
    columns = ", ".join(COLUMNS[table])
    params: tuple[str, ...] = ()
    if ids is None:
        sql = f"SELECT {columns} FROM {table} WHERE {condition} 1 ORDER BY rowid"
    else:  # SQLite walks the found rowids in order: no sorting
        sql = (f"SELECT {columns} FROM {table} WHERE rowid IN (SELECT rowid FROM {table} "
               f"WHERE {condition} {column} IN ({', '.join('?' * len(ids))})) ORDER BY rowid")
        params = tuple(ids)
    cursor = dbapi(connection).cursor()
    try:
        return cursor.execute(sql, params).fetchall()
    finally:
        cursor.close()


def read_offer_tables(connection: Connection, ids: Sequence[str] | None) -> OfferTables:
    """The index's view of the active offers with these stable ids (all for ``None``)."""
    found = query_rows(connection, f"SELECT pk, {', '.join(COLUMNS['offer'])} FROM offer "
                                   "WHERE status = 'active' AND", ids, "id")
    offers = [(pk, tuple(values)) for pk, *values in found]
    if not offers:
        return OfferTables([], {})
    offer_id = column("offer", "id")
    wanted = None if ids is None else [offer_id(row) for _pk, row in offers]
    return OfferTables(offers, {
        table: _read_table(connection, table, condition, wanted, id_column)
        for table, condition, id_column in _INDEXED_CHILDREN})


_LISTS = (("topics", "offer_topic", "topic_id"), ("languages", "offer_language", "language"),
          ("target_groups", "offer_target_group", "code"),
          ("life_phases", "offer_life_phase", "code"))


def assemble(tables: OfferTables, lookups: Lookups) -> list[IndexedOffer]:
    """One :class:`IndexedOffer` per active offer, from its rows and the small tables."""
    offers: dict[str, IndexedOffer] = {}
    fields = projection("offer", "id", "organization_id", "title", "summary", "description",
                        "status", "min_age", "max_age", "pregnancy", "free", "accompanies")
    for pk, row in tables.offers:
        (offer_id, organization_id, title, summary, description, status, min_age, max_age,
         pregnancy, free, accompanies) = fields(row)
        if status == "active":
            offers[offer_id] = IndexedOffer(pk, offer_id, title, summary, description, min_age,
                                            max_age, bool(pregnancy), bool(free), "",
                                            organization_id, accompanies=bool(accompanies))
    get = offers.get
    children = tables.children
    translated = projection("translation", "entity_type", "entity_id", "field", "text")
    for kind, entity_id, field_name, text in map(translated, children.get("translation", ())):
        if kind == "offer" and field_name in ("title", "summary"):
            found = get(entity_id)
            if found is not None:
                (found.title_translations if field_name == "title"
                 else found.translations).append(text)
    for offer_id, role in map(projection("contact", "offer_id", "title"),
                              children.get("contact", ())):
        if role is not None:
            found = get(offer_id)
            if found is not None:
                found.contact_titles.append(role)
    for attribute, table, name in _LISTS:
        for offer_id, value in map(projection(table, "offer_id", name), children.get(table, ())):
            found = get(offer_id)
            if found is not None:
                getattr(found, attribute).append(value)
    for offer_id, location_id in map(projection("service_at_location", "offer_id",
                                                "location_id"),
                                     children.get("service_at_location", ())):
        found = get(offer_id)
        place = lookups.places.get(location_id)
        if found is None or place is None:
            continue
        town = town_by_name(place.town)
        found.towns.append(town.name if town else place.town)
        found.places.extend(text for text in (place.town, place.district, place.name) if text)
        found.barrier_free = found.barrier_free or bool(place.barrier_free)
        if found.lat is None and place.latitude is not None and place.longitude is not None:
            found.lat, found.lon = float(place.latitude), float(place.longitude)
    schedule = projection("schedule", "offer_id", "byday", "dtstart", "valid_from")
    for row in children.get("schedule", ()):
        offer_id, byday, dtstart, valid_from = schedule(row)
        found = get(offer_id)
        if found is None:
            continue
        if byday:
            found.weekdays |= weekday_mask(byday.split(","))
        if dtstart is None and valid_from is None:
            found.undated = True
        else:
            if found.rules is None:
                found.rules = []
            found.rules.append(_rule(row))
    for offer in offers.values():
        offer.provider, offer.provider_translations = lookups.providers.get(
            offer.organization_id, ("", []))
        names = [lookups.topics.get(topic_id, ()) for topic_id in offer.topics]
        offer.topic_names = [name for per_topic in names for name in per_topic]
        offer.topic_german = [per_topic[0] for per_topic in names if per_topic]
    return list(offers.values())


def collect(connection: Connection, ids: Sequence[str] | None,
            lookups: Lookups | None = None) -> list[IndexedOffer]:
    """The index records of the stored active offers with these ids (all for ``None``)."""
    return assemble(read_offer_tables(connection, ids), lookups or read_lookups(connection))


_RULE_FIELDS = projection("schedule", "freq", "interval", "rule_count", "dtstart", "until",
                          "valid_from", "valid_to", "byday", "rule_byday", "byweekno",
                          "bymonthday", "byyearday")


def _rule(row: Row) -> ScheduleRule:
    (freq, interval, count, dtstart, until, valid_from, valid_to, byday, rule_byday,
     byweekno, bymonthday, byyearday) = _RULE_FIELDS(row)
    return ScheduleRule(freq, interval, count, stored_date(dtstart), stored_date(until),
                        stored_date(valid_from), stored_date(valid_to),
                        tuple(day for day in (byday or "").split(",") if day),
                        rule_byday, byweekno, bymonthday, byyearday)


def weekday_mask(days: Iterable[str]) -> int:
    """Bits of ``WEEKDAYS`` codes ("MO".."SU"); unknown codes are ignored."""
    mask = 0
    for day in days:
        mask |= WEEKDAY_BITS.get(day.strip().upper()[-2:], 0)
    return mask
