"""Reading what the index needs of offers: from the store (:func:`collect`) or from
directory rows not stored yet (:func:`offers_from_rows`), as :class:`IndexedOffer` records."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection

from coesfeld_desktop.domain.towns import town_by_name
from coesfeld_desktop.domain.vocabulary import WEEKDAYS
from coesfeld_desktop.search.index.tables import dbapi
from coesfeld_desktop.store.loader import COLUMNS as TABLE_COLUMNS

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
    places: dict[str, tuple[Any, ...]]  # location id -> (town, district, name, barrier_free,
    #                                      latitude, longitude)


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
    places = {row[0]: row[1:] for row in query_rows(connection, """
            SELECT id, town, district, name, barrier_free, latitude, longitude
            FROM location WHERE""", None, "")}
    return Lookups(providers, dict(topics), places)


@dataclass
class OfferRows:
    """What the index needs of some offers, as (offer id, value) pairs in insertion order.

    Why a plain shape: it is read from the store (:func:`_read_rows`) by a refresh or a
    rebuild; :func:`offers_from_rows` builds the same offers from rows not yet stored.
    """

    # (pk, id, title, summary, description, min_age, max_age, pregnancy, free,
    #  organization_id) of active offers
    offers: list[tuple[Any, ...]] = field(default_factory=list)
    title_translations: list[tuple[str, str]] = field(default_factory=list)
    translations: list[tuple[str, str]] = field(default_factory=list)  # summaries
    topics: list[tuple[str, str]] = field(default_factory=list)  # topic ids
    contact_titles: list[tuple[str, str]] = field(default_factory=list)
    locations: list[tuple[str, str]] = field(default_factory=list)  # location ids
    languages: list[tuple[str, str]] = field(default_factory=list)
    target_groups: list[tuple[str, str]] = field(default_factory=list)
    life_phases: list[tuple[str, str]] = field(default_factory=list)
    schedules: list[tuple[str, str]] = field(default_factory=list)  # byday


# (OfferRows attribute, SQL up to its WHERE clause, column the ids filter); every query is
# in insertion order, as the rows of a sync are (ORDER BY appended by _read_rows)
_CHILD_QUERIES = (
    ("title_translations", "SELECT entity_id, text, rowid FROM translation WHERE "
                           "entity_type = 'offer' AND field = 'title' AND", "entity_id"),
    ("translations", "SELECT entity_id, text, rowid FROM translation WHERE entity_type = "
                     "'offer' AND field = 'summary' AND", "entity_id"),
    ("topics", "SELECT offer_id, topic_id, rowid FROM offer_topic WHERE", "offer_id"),
    ("contact_titles", "SELECT offer_id, title, rowid FROM contact WHERE title IS NOT NULL "
                       "AND", "offer_id"),
    ("locations", "SELECT offer_id, location_id, rowid FROM service_at_location WHERE",
     "offer_id"),
    ("languages", "SELECT offer_id, language, rowid FROM offer_language WHERE", "offer_id"),
    ("target_groups", "SELECT offer_id, code, rowid FROM offer_target_group WHERE",
     "offer_id"),
    ("life_phases", "SELECT offer_id, code, rowid FROM offer_life_phase WHERE", "offer_id"),
    ("schedules", "SELECT offer_id, byday, rowid FROM schedule WHERE", "offer_id"),
)


def _read_rows(connection: Connection, ids: Sequence[str] | None) -> OfferRows:
    """The index's view of the offers with these stable ids (all offers for ``None``)."""
    found = OfferRows(offers=list(query_rows(connection, """
            SELECT pk, id, title, summary, description, min_age, max_age, pregnancy, free,
                   organization_id
            FROM offer WHERE status = 'active' AND""", ids, "id")))
    if not found.offers:
        return found
    wanted = None if ids is None else [row[1] for row in found.offers]
    for attribute, sql, column in _CHILD_QUERIES:
        rows = sorted(query_rows(connection, sql, wanted, column), key=itemgetter(2)) \
            if wanted is not None else query_rows(connection, sql, None, column)
        getattr(found, attribute).extend((row[0], row[1]) for row in rows)
    return found


def _assemble(found: OfferRows, lookups: Lookups) -> list[IndexedOffer]:
    """One :class:`IndexedOffer` per active offer, from its rows and the small tables."""
    offers = {row[1]: IndexedOffer(row[0], row[1], row[2], row[3], row[4], row[5], row[6],
                             bool(row[7]), bool(row[8]), "", row[9]) for row in found.offers}
    for attribute in ("title_translations", "translations", "topics", "contact_titles",
                      "languages",
                      "target_groups", "life_phases"):
        for offer_id, value in getattr(found, attribute):
            offer = offers.get(offer_id)
            if offer is not None:
                getattr(offer, attribute).append(value)
    return _finish(offers, found.locations, found.schedules, lookups)


def offers_from_rows(rows: Mapping[str, Sequence[tuple[Any, ...]]],
                     lookups: Lookups) -> list[IndexedOffer]:
    """What :func:`_assemble` gives for offers from directory rows about to be inserted:
    a full apply's batches, which index what they insert. ``rows`` are tuples as
    :func:`coesfeld_desktop.store.loader.collect_tuples` builds them, each offer row with
    its ``pk`` in front. The same values in the same order as reading the rows back
    (tests/sync/test_apply.py checks it)."""
    pk, oid, org, title, summary, text, status, low, high, pregnancy, free = _at(
        ("pk", *TABLE_COLUMNS["offer"]), "pk", "id", "organization_id", "title", "summary",
        "description", "status", "min_age", "max_age", "pregnancy", "free")
    offers = {row[oid]: IndexedOffer(row[pk], row[oid], row[title], row[summary], row[text],
                               row[low], row[high], bool(row[pregnancy]), bool(row[free]), "",
                               row[org])
              for row in rows.get("offer", ()) if row[status] == "active"}
    get = offers.get
    kind, entity, field_at, value = _at(TABLE_COLUMNS["translation"], "entity_type", "entity_id",
                                        "field", "text")
    for row in rows.get("translation", ()):
        if row[kind] == "offer" and row[field_at] in ("title", "summary"):
            offer = get(row[entity])
            if offer is not None:
                (offer.title_translations if row[field_at] == "title"
                 else offer.translations).append(row[value])
    owner, role = _at(TABLE_COLUMNS["contact"], "offer_id", "title")
    for row in rows.get("contact", ()):
        if row[role] is not None:
            offer = get(row[owner])
            if offer is not None:
                offer.contact_titles.append(row[role])
    for attribute, table, column in (("topics", "offer_topic", "topic_id"),
                                     ("languages", "offer_language", "language"),
                                     ("target_groups", "offer_target_group", "code"),
                                     ("life_phases", "offer_life_phase", "code")):
        owner, value = _at(TABLE_COLUMNS[table], "offer_id", column)
        for row in rows.get(table, ()):
            offer = get(row[owner])
            if offer is not None:
                getattr(offer, attribute).append(row[value])
    owner, place = _at(TABLE_COLUMNS["service_at_location"], "offer_id", "location_id")
    locations = [(row[owner], row[place]) for row in rows.get("service_at_location", ())]
    owner, days = _at(TABLE_COLUMNS["schedule"], "offer_id", "byday")
    schedules = [(row[owner], row[days]) for row in rows.get("schedule", ())]
    return _finish(offers, locations, schedules, lookups)


def _at(columns: Sequence[str], *names: str) -> list[int]:
    """Where ``names`` are in rows of these columns."""
    return [columns.index(name) for name in names]


def _finish(offers: dict[str, IndexedOffer], locations: Iterable[tuple[str, str]],
            schedules: Iterable[tuple[str, str]], lookups: Lookups) -> list[IndexedOffer]:
    """Places, weekdays, provider and topic names: what the offers take from elsewhere."""
    for offer_id, location_id in locations:
        offer = offers.get(offer_id)
        place = lookups.places.get(location_id)
        if offer is None or place is None:
            continue
        town = town_by_name(place[0])
        offer.towns.append(town.name if town else place[0])
        offer.places.extend(text for text in place[0:3] if text)
        offer.barrier_free = offer.barrier_free or bool(place[3])
        if offer.lat is None and place[4] is not None and place[5] is not None:
            offer.lat, offer.lon = float(place[4]), float(place[5])
    for offer_id, byday in schedules:
        offer = offers.get(offer_id)
        if offer is not None and byday:
            offer.weekdays |= weekday_mask(byday.split(","))
    for offer in offers.values():
        offer.provider, offer.provider_translations = lookups.providers.get(
            offer.organization_id, ("", []))
        names = [lookups.topics.get(topic_id, ()) for topic_id in offer.topics]
        offer.topic_names = [name for per_topic in names for name in per_topic]
        offer.topic_german = [per_topic[0] for per_topic in names if per_topic]
    return list(offers.values())


def collect(connection: Connection, ids: Sequence[str] | None,
             lookups: Lookups | None = None) -> list[IndexedOffer]:
    return _assemble(_read_rows(connection, ids), lookups or read_lookups(connection))


def weekday_mask(days: Iterable[str]) -> int:
    """Bits of ``WEEKDAYS`` codes ("MO".."SU"); unknown codes are ignored."""
    mask = 0
    for day in days:
        mask |= WEEKDAY_BITS.get(day.strip().upper()[-2:], 0)
    return mask
