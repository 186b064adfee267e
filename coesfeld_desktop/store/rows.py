"""The rows of the directory tables, declared once: one ``NamedTuple`` per table.

Each row type's fields are its table's columns, in the order of every INSERT and SELECT
built from :data:`COLUMNS`; the models (``store/models.py``) hold the same columns
(``tests/store/test_rows.py`` compares them). An offer row has no ``pk``: the store assigns
it; where a key is known in advance (a sync), rows travel as ``(pk, row)`` pairs.

Rows travel as plain tuples in that order (:data:`Tables`), read by column name: in bulk
loops through :func:`column` and :func:`projection` (a C-level getter per name), elsewhere
as named rows (:func:`named`). Why not named tuples throughout: a full sync builds about
1.8 million rows for 100,000 offers, and making each a named tuple cost the sync's row worker
2-3 s of CPU (and turning them back into tuples for ``marshal`` more), beyond the margin of
its 30 s target (docs/performance.md).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from functools import cache
from operator import itemgetter
from typing import Any, NamedTuple


class TopicRow(NamedTuple):
    id: str
    name: str
    parent_id: str | None


class OrganizationRow(NamedTuple):
    id: str
    name: str
    description: str | None
    email: str | None
    website: str | None


class LocationRow(NamedTuple):
    id: str
    organization_id: str | None
    name: str | None
    street: str | None
    postcode: str | None
    town: str
    district: str | None
    latitude: float | None
    longitude: float | None
    barrier_free: bool


class AccessibilityRow(NamedTuple):
    id: str
    location_id: str
    description: str


class OfferRow(NamedTuple):
    id: str
    organization_id: str
    title: str
    summary: str | None
    description: str | None
    url: str | None
    email: str | None
    status: str
    min_age: int | None
    max_age: int | None
    pregnancy: bool
    free: bool
    cost: str | None
    application_process: str | None
    assured_date: dt.date | None
    last_modified: dt.datetime | None
    eligibility_description: str | None
    required_documents: str | None  # JSON list of texts (text_list)
    service_areas: str | None  # JSON list of texts
    interpretation_services: str | None
    alert: str | None
    wait_time: str | None
    accompanies: bool  # (ext) a person goes along with the family: Lotsen, Paten, ...


class ServiceAtLocationRow(NamedTuple):
    offer_id: str
    location_id: str


class ContactRow(NamedTuple):
    id: str
    offer_id: str
    name: str
    title: str | None
    email: str | None
    position: int


class PhoneRow(NamedTuple):
    id: str
    offer_id: str | None
    contact_id: str | None
    organization_id: str | None
    number: str
    description: str | None


class ScheduleRow(NamedTuple):
    id: str
    offer_id: str
    location_id: str | None
    byday: str
    opens_at: str | None
    closes_at: str | None
    description: str | None
    position: int
    freq: str | None
    interval: int | None
    rule_count: int | None  # HSDS ``count`` (a tuple's ``count`` is taken)
    valid_from: dt.date | None
    valid_to: dt.date | None
    dtstart: dt.date | None
    until: dt.date | None
    rule_byday: str | None
    byweekno: str | None
    bymonthday: str | None
    byyearday: str | None
    schedule_link: str | None
    attending_type: str | None
    notes: str | None


class OfferLanguageRow(NamedTuple):
    offer_id: str
    language: str


class OfferTopicRow(NamedTuple):
    offer_id: str
    topic_id: str


class OfferTargetGroupRow(NamedTuple):
    offer_id: str
    code: str


class OfferLifePhaseRow(NamedTuple):
    offer_id: str
    code: str


class CostOptionRow(NamedTuple):
    id: str
    offer_id: str
    option: str | None
    amount: Any  # a number as the directory gives it; stored as REAL
    currency: str | None


class OfferRelationRow(NamedTuple):
    """(ext) An offer names another: ``follow_up`` ("danach") or ``partner`` ("gemeinsam
    mit"). ``related_id`` has no foreign key: the named offer may be missing or come later."""

    offer_id: str
    kind: str
    related_id: str
    position: int


class TranslationRow(NamedTuple):
    entity_type: str
    entity_id: str
    field: str
    language: str
    text: str
    machine_translated: bool
    outdated: bool


# every directory table in the order foreign keys need for inserting
ROW_TYPES: dict[str, type[tuple[Any, ...]]] = {
    "topic": TopicRow,
    "organization": OrganizationRow,
    "location": LocationRow,
    "accessibility": AccessibilityRow,
    "offer": OfferRow,
    "service_at_location": ServiceAtLocationRow,
    "contact": ContactRow,
    "phone": PhoneRow,
    "schedule": ScheduleRow,
    "offer_language": OfferLanguageRow,
    "offer_topic": OfferTopicRow,
    "offer_target_group": OfferTargetGroupRow,
    "offer_life_phase": OfferLifePhaseRow,
    "cost_option": CostOptionRow,
    "offer_relation": OfferRelationRow,
    "translation": TranslationRow,
}
INSERT_ORDER: tuple[str, ...] = tuple(ROW_TYPES)
COLUMNS: dict[str, tuple[str, ...]] = {
    table: row_type._fields for table, row_type in ROW_TYPES.items()  # type: ignore[attr-defined]
}

Row = tuple[Any, ...]
Tables = dict[str, list[Row]]
"""Rows by table name: plain tuples in the order of the table's :data:`COLUMNS`."""


@cache
def column(table: str, name: str) -> Callable[[Row], Any]:
    """The getter of column ``name`` of ``table``'s plain rows."""
    return itemgetter(COLUMNS[table].index(name))


@cache
def projection(table: str, *names: str) -> Callable[[Row], tuple[Any, ...]]:
    """The getter of several columns of ``table``'s plain rows, as a tuple in ``names``
    order (to unpack them by name)."""
    if len(names) < 2:
        raise ValueError("a projection needs at least two columns; use column()")
    return itemgetter(*(COLUMNS[table].index(name) for name in names))


def text_list_json(texts: Any) -> str | None:
    """A list of texts (required documents, service areas) as stored: JSON, or ``None``
    when empty."""
    if not texts:
        return None
    return json.dumps([str(text) for text in texts], ensure_ascii=False)


def text_list(stored: str | None) -> tuple[str, ...]:
    """The texts of a stored list (:func:`text_list_json`); a damaged value reads as none."""
    if not stored:
        return ()
    try:
        texts = json.loads(stored)
    except ValueError:
        return ()
    return tuple(str(text) for text in texts) if isinstance(texts, list) else ()


def stored_date(value: Any) -> dt.date | None:
    """A date column as SQLite hands it back (ISO text, ``YYYY-MM-DD``; of a date and time
    its day), or as an export row holds it (a date)."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def named(table: str, rows: Iterable[Row]) -> list[Any]:
    """``rows`` of ``table`` as its named row type (outside the bulk loops)."""
    return list(map(ROW_TYPES[table]._make, rows))  # type: ignore[attr-defined]
