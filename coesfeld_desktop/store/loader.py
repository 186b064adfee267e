"""Load a directory document (see ``docs/directory-format.md``) into the local store.

Why Core inserts instead of ORM objects: a district export can hold 100,000 offers;
bulk ``executemany`` keeps a full load within seconds. The whole load is one
transaction: the store is either fully the old directory or fully the new one. User
tables (Merkliste, notes, settings) are never touched.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, delete, insert

from coesfeld_desktop.domain.vocabulary import OFFER_RELATION_FIELDS
from coesfeld_desktop.store import models as m
from coesfeld_desktop.store.rows import INSERT_ORDER, Tables, column, named, text_list_json

FORMAT_NAME = "angebotslotse-directory"
SUPPORTED_FORMAT_VERSIONS = (1,)

TRANSLATION_FLAGS = ("machine_translated", "outdated")


class DirectoryFormatError(ValueError):
    """The document is not a directory we can load; the message says what is wrong."""


def read_directory_file(path: Path) -> dict[str, Any]:
    """Parse a directory JSON file, turning every failure into :class:`DirectoryFormatError`."""
    try:
        with Path(path).open(encoding="utf-8") as handle:
            document = json.load(handle)
    except FileNotFoundError as error:
        raise DirectoryFormatError(f"file not found: {path}") from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DirectoryFormatError(f"not a valid JSON file: {error}") from error
    if not isinstance(document, dict):
        raise DirectoryFormatError("the file does not contain a directory object")
    return document


def parse_datetime(value: Any) -> dt.datetime | None:
    """ISO 8601 text to a naive UTC datetime (SQLite stores no zone)."""
    if value is None or value == "":
        return None
    try:
        parsed = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError as error:
        raise DirectoryFormatError(f"not a date and time: {value!r}") from error
    zone = parsed.tzinfo
    if zone is None:
        return parsed
    if zone is not dt.UTC:  # "Z" and "+00:00" give this very object: no conversion needed
        try:
            parsed = parsed.astimezone(dt.UTC)
        except OverflowError as error:  # e.g. 0001-01-01T00:00:00+01:00
            raise DirectoryFormatError(f"not a date and time: {value!r}") from error
    # the zone dropped; not with replace(tzinfo=None): its keyword parsing costs seven times
    return dt.datetime.combine(parsed.date(), parsed.time())


def parse_date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError as error:
        raise DirectoryFormatError(f"not a date: {value!r}") from error


def _require(record: Mapping[str, Any], key: str, kind: str) -> Any:
    value = record.get(key)
    if value is None or value == "":
        raise DirectoryFormatError(f"a {kind} record lacks the required field '{key}'")
    return value


def _translation_rows(rows: _Rows, entity_type: str, entity_id: str, translations: Any) -> None:
    """Rows of an entity's translations (most entities have none)."""
    if not translations:
        return
    # (isinstance of dict first: the Mapping ABC check alone costs seven times as much)
    if not isinstance(translations, dict) and not isinstance(translations, Mapping):
        raise DirectoryFormatError(f"translations of {entity_type} {entity_id} are not an object")
    append = rows.translation
    for language, fields in translations.items():
        if not isinstance(fields, dict) and not isinstance(fields, Mapping):
            raise DirectoryFormatError(f"translation {language} of {entity_id} is not an object")
        machine_translated = bool(fields.get("machine_translated", False))
        outdated = bool(fields.get("outdated", False))
        code = str(language)
        for field, value in fields.items():
            if value is None or value == "" or field in TRANSLATION_FLAGS:
                continue
            append((entity_type, entity_id, field, code, str(value),
                                  machine_translated, outdated))


_TRANSLATABLE = ("topic", "organization", "location", "offer")  # all others are inside these


class _Rows:
    """Rows per table (plain tuples in the column order of :mod:`coesfeld_desktop.store.rows`),
    collected before one bulk insert each.

    Why a bound ``append`` per table: a district export makes ~1.5 million rows, and the
    former ``add(table, row)`` (a call and a ``setdefault`` per row) cost a tenth of the
    whole collection. Why plain tuples: a full sync inserts them as they are; building a dict
    per row (then picking its values again) cost a full apply about 3 s, and a named tuple
    per row still 2-3 s of the row worker's CPU (100,000 offers).
    """

    def __init__(self) -> None:
        self.by_table: Tables = {name: [] for name in INSERT_ORDER}
        tables = self.by_table
        self.topic = tables["topic"].append
        self.organization = tables["organization"].append
        self.location = tables["location"].append
        self.accessibility = tables["accessibility"].append
        self.offer = tables["offer"].append
        self.service_at_location = tables["service_at_location"].append
        self.contact = tables["contact"].append
        self.phone = tables["phone"].append
        self.schedule = tables["schedule"].append
        self.offer_language = tables["offer_language"].append
        self.offer_topic = tables["offer_topic"].append
        self.offer_target_group = tables["offer_target_group"].append
        self.offer_life_phase = tables["offer_life_phase"].append
        self.cost_option = tables["cost_option"].append
        self.offer_relation = tables["offer_relation"].append
        self.translation = tables["translation"].append

    def result(self) -> Tables:
        """The tables that got rows, and "translation" (maybe empty) once any record came."""
        tables = self.by_table
        result = {name: rows for name, rows in tables.items() if rows}
        if "translation" not in result and any(tables[name] for name in _TRANSLATABLE):
            result["translation"] = tables["translation"]
        return result


def _phone_rows(rows: _Rows, phones: Any, offer_id: str | None, contact_id: str | None,
                organization_id: str | None) -> None:
    append = rows.phone
    for phone in phones or ():
        append((_require(phone, "id", "phone"), offer_id, contact_id, organization_id,
                        _require(phone, "number", "phone"), phone.get("description")))


def collect_rows(document: Mapping[str, Any], known: Mapping[str, set[str]] | None = None
                 ) -> Tables:
    """Turn a document into table rows (plain tuples, see :mod:`coesfeld_desktop.store.rows`),
    checking shape, ids and references.

    ``known``: the ids of the topics, organizations and locations (keys are the table
    names) that references may name, when those records are not in ``document`` (a sync
    writes offers batch by batch; the rest was collected once).
    """
    rows = collect_tuples(document)
    _check_references(rows, known)
    return rows


def collect_tuples(document: Mapping[str, Any]) -> Tables:
    """:func:`collect_rows` checking shape but not ids or references (for records whose
    export passed those checks already)."""
    rows = _Rows()
    for topic in document.get("topics") or ():
        topic_id = _require(topic, "id", "topic")
        rows.topic((topic_id, _require(topic, "name", "topic"), topic.get("parent_id")))
        _translation_rows(rows, "topic", topic_id, topic.get("translations"))
    for org in document.get("organizations") or ():
        org_id = _require(org, "id", "organization")
        rows.organization((org_id, _require(org, "name", "organization"),
                                          org.get("description"), org.get("email"),
                                          org.get("website")))
        _phone_rows(rows, org.get("phones"), None, None, org_id)
        _translation_rows(rows, "organization", org_id, org.get("translations"))
    for loc in document.get("locations") or ():
        loc_id = _require(loc, "id", "location")
        rows.location((
            loc_id, loc.get("organization_id"), loc.get("name"), loc.get("street"),
            loc.get("postcode"), _require(loc, "town", "location"), loc.get("district"),
            loc.get("latitude"), loc.get("longitude"), bool(loc.get("barrier_free", False))))
        for item in loc.get("accessibility") or ():
            acc_id = _require(item, "id", "accessibility")
            description = _require(item, "description", "accessibility")
            rows.accessibility((acc_id, loc_id, description))
            _translation_rows(rows, "accessibility", acc_id, item.get("translations"))
        _translation_rows(rows, "location", loc_id, loc.get("translations"))
    for offer in document.get("offers") or ():
        _collect_offer(rows, offer)
    return rows.result()


def _check_age(offer_id: str, age: Any) -> None:
    if age is not None and (not isinstance(age, int) or isinstance(age, bool) or age < 0):
        raise DirectoryFormatError(f"offer {offer_id} has an invalid age: {age!r}")


def _collect_offer(rows: _Rows, offer: Mapping[str, Any]) -> None:
    offer_id = _require(offer, "id", "offer")
    get = offer.get
    min_age, max_age = get("min_age"), get("max_age")
    _check_age(offer_id, min_age)
    _check_age(offer_id, max_age)
    rows.offer((
        offer_id, _require(offer, "organization_id", "offer"), _require(offer, "title", "offer"),
        get("summary"), get("description"), get("url"), get("email"),
        get("status") or "active", min_age, max_age, bool(get("pregnancy", False)),
        bool(get("free", False)), get("cost"), get("application_process"),
        parse_date(get("assured_date")), parse_datetime(get("last_modified")),
        get("eligibility_description"), text_list_json(get("required_documents")),
        text_list_json(get("service_areas")), get("interpretation_services"), get("alert"),
        get("wait_time"),
        bool(get("accompanies", False)),
    ))
    append = rows.offer_language
    for language in dict.fromkeys(get("languages") or ()):
        append((offer_id, str(language)))
    for append, values in ((rows.offer_topic, get("topics")),
                           (rows.offer_target_group, get("target_groups")),
                           (rows.offer_life_phase, get("life_phases")),
                           (rows.service_at_location, get("location_ids"))):
        for value in dict.fromkeys(values or ()):
            append((offer_id, value))
    for position, contact in enumerate(get("contacts") or ()):
        contact_id = _require(contact, "id", "contact")
        rows.contact((contact_id, offer_id, _require(contact, "name", "contact"),
                                contact.get("title"), contact.get("email"), position))
        _phone_rows(rows, contact.get("phones"), None, contact_id, None)
        _translation_rows(rows, "contact", contact_id, contact.get("translations"))
    _phone_rows(rows, get("phones"), offer_id, None, None)
    for position, schedule in enumerate(get("schedules") or ()):
        schedule_id = _require(schedule, "id", "schedule")
        rule = schedule.get
        rows.schedule((schedule_id, offer_id, rule("location_id"), rule("byday") or "",
                       rule("opens_at"), rule("closes_at"), rule("description"), position,
                       rule("freq"), rule("interval"), rule("count"),
                       parse_date(rule("valid_from")), parse_date(rule("valid_to")),
                       parse_date(rule("dtstart")), parse_date(rule("until")),
                       rule("rule_byday"), rule("byweekno"), rule("bymonthday"),
                       rule("byyearday"), rule("schedule_link"), rule("attending_type"),
                       rule("notes")))
        _translation_rows(rows, "schedule", schedule_id, schedule.get("translations"))
    append = rows.cost_option
    for option in get("cost_options") or ():
        append((_require(option, "id", "cost option"), offer_id,
                             option.get("option"), option.get("amount"), option.get("currency")))
    _relation_rows(rows, offer_id, offer)
    _translation_rows(rows, "offer", offer_id, get("translations"))


def _relation_rows(rows: _Rows, offer_id: str, offer: Mapping[str, Any]) -> None:
    """Rows of the offers this one names ("danach", "gemeinsam mit"), in the given order;
    the offer itself and repeats are dropped. The named ids are not checked: an offer may
    name one that is missing from this directory (it is not shown)."""
    append = rows.offer_relation
    for kind, key in OFFER_RELATION_FIELDS.items():
        named_ids = offer.get(key)
        if not named_ids:
            continue
        if not isinstance(named_ids, list):
            raise DirectoryFormatError(f"{key} of offer {offer_id} is not a list")
        wanted = dict.fromkeys(str(other) for other in named_ids if other)
        wanted.pop(offer_id, None)
        for position, other in enumerate(wanted):
            append((offer_id, kind, other, position))


def _ids(rows: Tables, table: str) -> set[str]:
    ids = list(map(column(table, "id"), rows.get(table, ())))
    unique = set(ids)
    if len(unique) != len(ids):
        raise DirectoryFormatError(f"duplicate ids among the {table} records")
    return unique


def _check_references(rows: Tables, known: Mapping[str, set[str]] | None = None) -> None:
    organizations = _ids(rows, "organization") if known is None else known["organization"]
    locations = _ids(rows, "location") if known is None else known["location"]
    topics = _ids(rows, "topic") if known is None else known["topic"]
    for table in ("offer", "contact", "phone", "schedule", "accessibility", "cost_option"):
        _ids(rows, table)
    checks = (
        ("offer", "organization_id", organizations),
        ("service_at_location", "location_id", locations),
        ("offer_topic", "topic_id", topics),
    )
    for table, name, ids in checks:
        for value in map(column(table, name), rows.get(table, ())):
            if value not in ids:
                raise DirectoryFormatError(
                    f"{table} refers to an unknown {name.removesuffix('_id')}: {value}"
                )
    for location in named("location", rows.get("location", ())):
        if location.organization_id is not None and location.organization_id not in organizations:
            raise DirectoryFormatError(f"location {location.id} refers to an unknown organization")


def directory_info_row(document: Mapping[str, Any]) -> dict[str, Any]:
    """The Datenstand row of a document, checking its header."""
    if document.get("format") != FORMAT_NAME:
        raise DirectoryFormatError("this file is not an Angebotslotse directory")
    if document.get("format_version") not in SUPPORTED_FORMAT_VERSIONS:
        raise DirectoryFormatError(
            f"unsupported directory format version: {document.get('format_version')!r}"
        )
    published = parse_datetime(_require(document, "published_at", "directory"))
    return {
        "id": 1,
        "directory_id": str(_require(document, "directory_id", "directory")),
        "title": str(document.get("title") or document["directory_id"]),
        "published_at": published,
        "sequence": int(document.get("sequence") or 0),
        "is_demo": bool(document.get("is_demo", False)),
        "source_language": str(document.get("source_language") or "de"),
        "imported_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
    }


def replace_directory(connection: Connection, document: Mapping[str, Any]) -> int:
    """Replace every directory table with ``document`` inside the caller's transaction.

    Everything is parsed and checked before the first row is deleted. Returns the number
    of offers loaded. The search index is *not* refreshed here: call
    :func:`coesfeld_desktop.search.index.rebuild_index` in the same transaction.
    """
    info = directory_info_row(document)
    rows = collect_rows(document)
    tables = m.Base.metadata.tables
    for name in reversed(("directory_info", *INSERT_ORDER)):
        connection.execute(delete(tables[name]))
    connection.execute(insert(tables["directory_info"]), [info])
    for name in INSERT_ORDER:
        if rows.get(name):
            connection.execute(insert(tables[name]),
                               [row._asdict() for row in named(name, rows[name])])
    return len(rows.get("offer", ()))
