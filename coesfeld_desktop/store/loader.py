"""Load a directory document (see ``docs/directory-format.md``) into the local store.

Why Core inserts instead of ORM objects: a district export can hold 100,000 offers;
bulk ``executemany`` keeps a full load within seconds. The whole load is one
transaction: the store is either fully the old directory or fully the new one. User
tables (Merkliste, notes, settings) are never touched.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, delete, insert

from coesfeld_desktop.store import models as m

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
    if value in (None, ""):
        return None
    try:
        parsed = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError as error:
        raise DirectoryFormatError(f"not a date and time: {value!r}") from error
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(dt.UTC).replace(tzinfo=None)
    return parsed


def parse_date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError as error:
        raise DirectoryFormatError(f"not a date: {value!r}") from error


def _require(record: Mapping[str, Any], key: str, kind: str) -> Any:
    value = record.get(key)
    if value in (None, ""):
        raise DirectoryFormatError(f"a {kind} record lacks the required field '{key}'")
    return value


def _translation_rows(
    entity_type: str, entity_id: str, translations: Any
) -> Iterable[dict[str, Any]]:
    if not translations:
        return
    if not isinstance(translations, Mapping):
        raise DirectoryFormatError(f"translations of {entity_type} {entity_id} are not an object")
    for language, fields in translations.items():
        if not isinstance(fields, Mapping):
            raise DirectoryFormatError(f"translation {language} of {entity_id} is not an object")
        flags = {flag: bool(fields.get(flag, False)) for flag in TRANSLATION_FLAGS}
        for field, value in fields.items():
            if field in TRANSLATION_FLAGS or value in (None, ""):
                continue
            yield {
                "entity_type": entity_type,
                "entity_id": entity_id,
                "field": field,
                "language": str(language),
                "text": str(value),
                **flags,
            }


class _Rows:
    """Rows per table, collected before one bulk insert each."""

    def __init__(self) -> None:
        self.by_table: dict[str, list[dict[str, Any]]] = {}

    def add(self, table: str, row: dict[str, Any]) -> None:
        self.by_table.setdefault(table, []).append(row)

    def extend(self, table: str, rows: Iterable[dict[str, Any]]) -> None:
        self.by_table.setdefault(table, []).extend(rows)


def _phone_rows(rows: _Rows, phones: Any, owner_key: str, owner_id: str) -> None:
    for phone in phones or ():
        rows.add("phone", {
            "id": _require(phone, "id", "phone"),
            "offer_id": owner_id if owner_key == "offer_id" else None,
            "contact_id": owner_id if owner_key == "contact_id" else None,
            "organization_id": owner_id if owner_key == "organization_id" else None,
            "number": _require(phone, "number", "phone"),
            "description": phone.get("description"),
        })


def collect_rows(document: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Turn a document into table rows, checking shape and references on the way."""
    rows = _Rows()
    for topic in document.get("topics") or ():
        topic_id = _require(topic, "id", "topic")
        rows.add("topic", {"id": topic_id, "name": _require(topic, "name", "topic"),
                           "parent_id": topic.get("parent_id")})
        rows.extend("translation", _translation_rows("topic", topic_id, topic.get("translations")))
    for org in document.get("organizations") or ():
        org_id = _require(org, "id", "organization")
        rows.add("organization", {
            "id": org_id, "name": _require(org, "name", "organization"),
            "description": org.get("description"), "email": org.get("email"),
            "website": org.get("website"),
        })
        _phone_rows(rows, org.get("phones"), "organization_id", org_id)
        rows.extend("translation",
                    _translation_rows("organization", org_id, org.get("translations")))
    for loc in document.get("locations") or ():
        loc_id = _require(loc, "id", "location")
        rows.add("location", {
            "id": loc_id, "organization_id": loc.get("organization_id"), "name": loc.get("name"),
            "street": loc.get("street"), "postcode": loc.get("postcode"),
            "town": _require(loc, "town", "location"), "district": loc.get("district"),
            "latitude": loc.get("latitude"), "longitude": loc.get("longitude"),
            "barrier_free": bool(loc.get("barrier_free", False)),
        })
        for item in loc.get("accessibility") or ():
            acc_id = _require(item, "id", "accessibility")
            description = _require(item, "description", "accessibility")
            rows.add("accessibility",
                     {"id": acc_id, "location_id": loc_id, "description": description})
            rows.extend("translation",
                        _translation_rows("accessibility", acc_id, item.get("translations")))
        rows.extend("translation", _translation_rows("location", loc_id, loc.get("translations")))
    for offer in document.get("offers") or ():
        _collect_offer(rows, offer)
    result = rows.by_table
    _check_references(result)
    return result


def _collect_offer(rows: _Rows, offer: Mapping[str, Any]) -> None:
    offer_id = _require(offer, "id", "offer")
    min_age, max_age = offer.get("min_age"), offer.get("max_age")
    for age in (min_age, max_age):
        if age is not None and (not isinstance(age, int) or isinstance(age, bool) or age < 0):
            raise DirectoryFormatError(f"offer {offer_id} has an invalid age: {age!r}")
    rows.add("offer", {
        "id": offer_id,
        "organization_id": _require(offer, "organization_id", "offer"),
        "title": _require(offer, "title", "offer"),
        "summary": offer.get("summary"), "description": offer.get("description"),
        "url": offer.get("url"), "email": offer.get("email"),
        "status": offer.get("status") or "active",
        "min_age": min_age, "max_age": max_age,
        "pregnancy": bool(offer.get("pregnancy", False)),
        "free": bool(offer.get("free", False)), "cost": offer.get("cost"),
        "application_process": offer.get("application_process"),
        "assured_date": parse_date(offer.get("assured_date")),
        "last_modified": parse_datetime(offer.get("last_modified")),
    })
    for language in dict.fromkeys(offer.get("languages") or ()):
        rows.add("offer_language", {"offer_id": offer_id, "language": str(language)})
    for topic_id in dict.fromkeys(offer.get("topics") or ()):
        rows.add("offer_topic", {"offer_id": offer_id, "topic_id": topic_id})
    for code in dict.fromkeys(offer.get("target_groups") or ()):
        rows.add("offer_target_group", {"offer_id": offer_id, "code": code})
    for code in dict.fromkeys(offer.get("life_phases") or ()):
        rows.add("offer_life_phase", {"offer_id": offer_id, "code": code})
    for location_id in dict.fromkeys(offer.get("location_ids") or ()):
        rows.add("service_at_location", {"offer_id": offer_id, "location_id": location_id})
    for position, contact in enumerate(offer.get("contacts") or ()):
        contact_id = _require(contact, "id", "contact")
        rows.add("contact", {
            "id": contact_id, "offer_id": offer_id, "name": _require(contact, "name", "contact"),
            "title": contact.get("title"), "email": contact.get("email"), "position": position,
        })
        _phone_rows(rows, contact.get("phones"), "contact_id", contact_id)
        rows.extend("translation", _translation_rows("contact", contact_id,
                                                     contact.get("translations")))
    _phone_rows(rows, offer.get("phones"), "offer_id", offer_id)
    for position, schedule in enumerate(offer.get("schedules") or ()):
        schedule_id = _require(schedule, "id", "schedule")
        rows.add("schedule", {
            "id": schedule_id, "offer_id": offer_id, "location_id": schedule.get("location_id"),
            "byday": schedule.get("byday") or "", "opens_at": schedule.get("opens_at"),
            "closes_at": schedule.get("closes_at"), "description": schedule.get("description"),
            "position": position,
        })
        rows.extend("translation", _translation_rows("schedule", schedule_id,
                                                     schedule.get("translations")))
    for option in offer.get("cost_options") or ():
        rows.add("cost_option", {
            "id": _require(option, "id", "cost option"), "offer_id": offer_id,
            "option": option.get("option"), "amount": option.get("amount"),
            "currency": option.get("currency"),
        })
    rows.extend("translation", _translation_rows("offer", offer_id, offer.get("translations")))


def _ids(rows: dict[str, list[dict[str, Any]]], table: str) -> set[str]:
    ids = [row["id"] for row in rows.get(table, ())]
    unique = set(ids)
    if len(unique) != len(ids):
        raise DirectoryFormatError(f"duplicate ids among the {table} records")
    return unique


def _check_references(rows: dict[str, list[dict[str, Any]]]) -> None:
    organizations = _ids(rows, "organization")
    locations = _ids(rows, "location")
    topics = _ids(rows, "topic")
    for table in ("offer", "contact", "phone", "schedule", "accessibility", "cost_option"):
        _ids(rows, table)
    checks = (
        ("offer", "organization_id", organizations),
        ("service_at_location", "location_id", locations),
        ("offer_topic", "topic_id", topics),
    )
    for table, column, known in checks:
        for row in rows.get(table, ()):
            if row[column] not in known:
                raise DirectoryFormatError(
                    f"{table} refers to an unknown {column.removesuffix('_id')}: {row[column]}"
                )
    for row in rows.get("location", ()):
        if row["organization_id"] is not None and row["organization_id"] not in organizations:
            raise DirectoryFormatError(f"location {row['id']} refers to an unknown organization")


INSERT_ORDER = (
    "topic", "organization", "location", "accessibility", "offer", "service_at_location",
    "contact", "phone", "schedule", "offer_language", "offer_topic", "offer_target_group",
    "offer_life_phase", "cost_option", "translation",
)


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
            connection.execute(insert(tables[name]), rows[name])
    return len(rows.get("offer", ()))
