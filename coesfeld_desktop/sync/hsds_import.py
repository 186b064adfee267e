"""Convert an Open Referral HSDS 3.0 dataset into our directory document.

Accepted inputs:

* HSDS JSON: one service (``service_full``), a list or a page (``{"contents": [...]}``) of
  services, one organization with nested ``services`` (``organization_full``), or a
  ``tabular.json`` (table name -> rows);
* the HSDS CSV tabular package: a folder with ``services.csv``, ``organizations.csv``, ...

Both end in the same nested service shape, converted by :func:`services_to_document`.
HSDS allows one record (a phone, a contact, a schedule) to be shared by several owners; our
store gives each row one owner, so a repeated id gets a stable owner suffix
(``<id>@<owner id>``). What HSDS has and we do not model is listed in
``docs/export-format.md`` and returned as :attr:`HsdsImport.warnings` when data was dropped.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CSV_TABLES = ("organizations", "services", "locations", "addresses", "service_at_location",
              "contacts", "phones", "schedules", "languages", "cost_options", "accessibility",
              "taxonomy_terms", "attributes")


@dataclass
class HsdsImport:
    document: dict[str, Any]
    warnings: list[str] = field(default_factory=list)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _int(value: Any) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(float(value))
    except (TypeError, ValueError):
        return None
    return number if 0 <= number <= 150 else None


def _float(value: Any) -> float | None:
    if value in (None, ""):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _time(value: Any) -> str | None:
    text = _text(value)
    return text[:5] if text and len(text) >= 5 and text[2] == ":" else text


# --- reading ------------------------------------------------------------------------------


def read_csv_package(folder: Path) -> dict[str, list[dict[str, Any]]]:
    """The tables of an HSDS CSV package (missing tables are empty)."""
    tables: dict[str, list[dict[str, Any]]] = {}
    for name in CSV_TABLES:
        path = Path(folder) / f"{name}.csv"
        if path.is_file():
            with path.open(encoding="utf-8-sig", newline="") as handle:
                tables[name] = [{k: (v if v != "" else None) for k, v in row.items()}
                                for row in csv.DictReader(handle)]
    if "services" not in tables:
        raise ValueError(f"{folder} has no services.csv: not an HSDS tabular package")
    return tables


def tables_to_services(tables: Mapping[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Nest the flat HSDS tables into service objects shaped like ``service_full``."""

    def by(table: str, column: str) -> dict[str, list[dict[str, Any]]]:
        index: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in tables.get(table, ()):
            if row.get(column):
                index[row[column]].append(row)
        return index

    organizations = {row["id"]: dict(row) for row in tables.get("organizations", ())}
    terms = {row["id"]: row for row in tables.get("taxonomy_terms", ())}
    phones_of = {col: by("phones", col) for col in
                 ("service_id", "organization_id", "contact_id", "location_id")}
    contacts_of = by("contacts", "service_id")
    for org_id, org in organizations.items():
        org["phones"] = phones_of["organization_id"].get(org_id, [])
    locations = {}
    addresses = by("addresses", "location_id")
    accessibility = by("accessibility", "location_id")
    for row in tables.get("locations", ()):
        locations[row["id"]] = {**row, "addresses": addresses.get(row["id"], []),
                                "accessibility": accessibility.get(row["id"], [])}
    sal_of = by("service_at_location", "service_id")
    schedules_of = by("schedules", "service_id")
    languages_of = by("languages", "service_id")
    costs_of = by("cost_options", "service_id")
    attributes_of = by("attributes", "link_id")
    services = []
    for row in tables["services"]:
        sid = row["id"]
        service = dict(row)
        service["organization"] = organizations.get(row.get("organization_id") or "")
        service["phones"] = phones_of["service_id"].get(sid, [])
        service["contacts"] = [
            {**c, "phones": phones_of["contact_id"].get(c["id"], [])}
            for c in contacts_of.get(sid, [])]
        service["schedules"] = schedules_of.get(sid, [])
        service["languages"] = languages_of.get(sid, [])
        service["cost_options"] = costs_of.get(sid, [])
        service["service_at_locations"] = [
            {**sal, "location": locations.get(sal.get("location_id") or "")}
            for sal in sal_of.get(sid, [])]
        service["attributes"] = [
            {**attr, "taxonomy_term": terms.get(attr.get("taxonomy_term_id") or "")}
            for attr in attributes_of.get(sid, [])]
        service["_topics"] = list(terms.values())
        services.append(service)
    return services


def json_to_services(data: Any) -> list[dict[str, Any]]:
    """Services from any of the accepted HSDS JSON shapes."""
    if isinstance(data, dict) and any(str(k).endswith(".csv") for k in data):
        return tables_to_services({k.removesuffix(".csv"): v for k, v in data.items()})
    if isinstance(data, dict) and "contents" in data:
        return json_to_services(data["contents"])
    if isinstance(data, list):
        return [s for item in data for s in json_to_services(item)]
    if isinstance(data, dict) and isinstance(data.get("services"), list):  # organization
        org = {k: v for k, v in data.items() if k != "services"}
        return [{**s, "organization": s.get("organization") or org} for s in data["services"]]
    if isinstance(data, dict) and "service" in data and "location" in data:  # s_a_l
        service = dict(data["service"])
        service.setdefault("service_at_locations", [
            {k: v for k, v in data.items() if k != "service"}])
        return [service]
    if isinstance(data, dict) and "name" in data and "id" in data:
        return [data]
    raise ValueError("no HSDS services found in this JSON")


def read_hsds(path: Path) -> list[dict[str, Any]]:
    path = Path(path)
    if path.is_dir():
        return tables_to_services(read_csv_package(path))
    with path.open(encoding="utf-8") as handle:
        return json_to_services(json.load(handle))


# --- converting ---------------------------------------------------------------------------


class _Ids:
    """Gives each row one owner: a repeated HSDS id gets a stable ``@owner`` suffix."""

    def __init__(self) -> None:
        self.seen: dict[str, set[str]] = defaultdict(set)
        self.owned: set[tuple[str, str, str]] = set()

    def take(self, table: str, record_id: str, owner: str) -> str | None:
        """The id to use, or None if this owner already has this record."""
        if (table, record_id, owner) in self.owned:
            return None
        self.owned.add((table, record_id, owner))
        seen = self.seen[table]
        candidate = record_id if record_id not in seen else f"{record_id}@{owner}"[:100]
        seen.add(candidate)
        return candidate


class _Converter:
    def __init__(self) -> None:
        self.ids = _Ids()
        self.topics: dict[str, dict[str, Any]] = {}
        self.organizations: dict[str, dict[str, Any]] = {}
        self.locations: dict[str, dict[str, Any]] = {}
        self.offers: dict[str, dict[str, Any]] = {}
        self.warnings: list[str] = []

    def phones(self, phones: Iterable[Mapping[str, Any]] | None, owner: str
               ) -> list[dict[str, Any]]:
        result = []
        for phone in phones or ():
            number = _text(phone.get("number"))
            if not phone.get("id") or not number:
                continue
            phone_id = self.ids.take("phone", str(phone["id"]), owner)
            if phone_id is None:
                continue
            number = number.strip('"')
            if phone.get("extension") not in (None, ""):
                number = f"{number} ext. {phone['extension']}"
            result.append({"id": phone_id,
                           "number": number[:50], "description": _text(phone.get("description"))})
        return result

    def organization(self, org: Mapping[str, Any] | None) -> str:
        if not org or not org.get("id"):
            org_id = "hsds-unknown-organization"
            self.organizations.setdefault(org_id, {"id": org_id, "name": "Unbekannter Träger",
                                                   "phones": []})
            self.warnings.append("a service without organization got a placeholder provider")
            return org_id
        org_id = str(org["id"])
        if org_id not in self.organizations:
            self.organizations[org_id] = {
                "id": org_id, "name": _text(org.get("name")) or org_id,
                "description": _text(org.get("description")), "email": _text(org.get("email")),
                "website": _text(org.get("website")),
                "phones": self.phones(org.get("phones"), org_id), "translations": {}}
        return org_id

    def location(self, loc: Mapping[str, Any]) -> str:
        loc_id = str(loc["id"])
        if loc_id in self.locations:
            return loc_id
        address = next((a for a in loc.get("addresses") or () if a.get("address_type")
                        in (None, "physical")), None) or next(iter(loc.get("addresses") or ()),
                                                              None) or {}
        lat, lon = _float(loc.get("latitude")), _float(loc.get("longitude"))
        if (lat is not None and not -90 <= lat <= 90) or \
                (lon is not None and not -180 <= lon <= 180):
            self.warnings.append(f"location {loc_id}: coordinates out of range dropped")
            lat = lon = None
        street = ", ".join(p for p in (_text(address.get("address_1")),) if p) or None
        org_id = _text(loc.get("organization_id"))
        self.locations[loc_id] = {
            "id": loc_id, "organization_id": org_id, "name": _text(loc.get("name")),
            "street": street, "postcode": (_text(address.get("postal_code")) or "")[:10] or None,
            "town": _text(address.get("city")) or "unbekannt",
            "district": _text(address.get("address_2")),
            "latitude": lat, "longitude": lon, "barrier_free": False,
            "accessibility": [
                {"id": self.ids.take("accessibility", str(a["id"]), loc_id),
                 "description": " ".join(p for p in (_text(a.get("description")),
                                                     _text(a.get("details"))) if p) or "-"}
                for a in loc.get("accessibility") or () if a.get("id")],
            "translations": {},
        }
        return loc_id

    def topic(self, term: Mapping[str, Any] | None) -> str | None:
        if not term or not term.get("id"):
            return None
        term_id = str(term["id"])
        self.topics.setdefault(term_id, {"id": term_id,
                                         "name": _text(term.get("name")) or term_id,
                                         "parent_id": _text(term.get("parent_id"))})
        return term_id

    def schedules(self, schedules: Iterable[Mapping[str, Any]] | None, owner: str,
                  location_id: str | None, seen: set[str]) -> list[dict[str, Any]]:
        result = []
        for item in schedules or ():
            if not item.get("id") or str(item["id"]) in seen:
                continue
            seen.add(str(item["id"]))
            if item.get("freq") not in (None, "WEEKLY"):
                self.warnings.append(f"schedule {item['id']}: only weekly schedules are kept")
                continue
            result.append({
                "id": self.ids.take("schedule", str(item["id"]), owner),
                "byday": _text(item.get("byday")) or "", "opens_at": _time(item.get("opens_at")),
                "closes_at": _time(item.get("closes_at")),
                "description": _text(item.get("description")),
                "location_id": location_id or _text(item.get("location_id")),
            })
        return result

    def contacts(self, contacts: Iterable[Mapping[str, Any]] | None, owner: str,
                 seen: set[str]) -> list[dict[str, Any]]:
        result = []
        for contact in contacts or ():
            if not contact.get("id") or str(contact["id"]) in seen:
                continue
            seen.add(str(contact["id"]))
            contact_id = self.ids.take("contact", str(contact["id"]), owner)
            if contact_id is None:
                continue
            result.append({
                "id": contact_id, "name": _text(contact.get("name")) or "-",
                "title": _text(contact.get("title")), "email": _text(contact.get("email")),
                "phones": self.phones(contact.get("phones"), contact_id)})
        return result

    def service(self, service: Mapping[str, Any]) -> None:
        offer_id = str(service["id"])
        if offer_id in self.offers:
            return
        for term in service.get("_topics") or ():
            self.topic(term)
        org_id = self.organization(service.get("organization")
                                   or ({"id": service["organization_id"]}
                                       if service.get("organization_id") else None))
        contacts_seen: set[str] = set()
        schedules_seen: set[str] = set()
        contacts = self.contacts(service.get("contacts"), offer_id, contacts_seen)
        phones = self.phones(service.get("phones"), offer_id)
        schedules = self.schedules(service.get("schedules"), offer_id, None, schedules_seen)
        location_ids: list[str] = []
        for sal in service.get("service_at_locations") or ():
            loc = sal.get("location")
            loc_id = self.location(loc) if loc and loc.get("id") else None
            if loc_id:
                location_ids.append(loc_id)
            contacts += self.contacts(sal.get("contacts"), offer_id, contacts_seen)
            phones += self.phones(sal.get("phones"), offer_id)
            schedules += self.schedules(sal.get("schedules"), offer_id, loc_id, schedules_seen)
        costs = [{"id": self.ids.take("cost_option", str(c["id"]), offer_id),
                  "option": " ".join(p for p in (_text(c.get("option")),
                                                 _text(c.get("amount_description"))) if p)
                  or None,
                  "amount": _float(c.get("amount")),
                  "currency": (_text(c.get("currency")) or "")[:3].upper() or None}
                 for c in service.get("cost_options") or () if c.get("id")]
        topics = [t for t in (self.topic(a.get("taxonomy_term"))
                              for a in service.get("attributes") or ()) if t]
        fees = _text(service.get("fees_description"))
        self.offers[offer_id] = {
            "id": offer_id, "organization_id": org_id,
            "title": (_text(service.get("name")) or offer_id)[:300],
            "summary": _text(service.get("alternate_name")),
            "description": _text(service.get("description")),
            "url": _text(service.get("url")), "email": _text(service.get("email")),
            "status": service.get("status") if service.get("status") in (
                "active", "inactive", "defunct", "temporarily closed") else "active",
            "min_age": _int(service.get("minimum_age")),
            "max_age": _int(service.get("maximum_age")),
            "pregnancy": False, "free": False, "cost": fees, "cost_options": costs,
            "application_process": _text(service.get("application_process")),
            "languages": list(dict.fromkeys(
                str(lang["code"]) for lang in service.get("languages") or ()
                if lang.get("code"))),
            "topics": list(dict.fromkeys(topics)), "target_groups": [], "life_phases": [],
            "location_ids": list(dict.fromkeys(location_ids)), "contacts": contacts,
            "phones": phones, "schedules": schedules,
            "assured_date": _text(service.get("assured_date")),
            "last_modified": _text(service.get("last_modified")),
            "translations": {},
        }

    def finish(self) -> None:
        for loc in self.locations.values():
            if loc["organization_id"] and loc["organization_id"] not in self.organizations:
                self.warnings.append(f"location {loc['id']}: unknown organization dropped")
                loc["organization_id"] = None


def services_to_document(services: Iterable[Mapping[str, Any]], directory_id: str,
                         title: str, sequence: int = 1,
                         published_at: str | None = None) -> HsdsImport:
    converter = _Converter()
    for service in services:
        converter.service(service)
    converter.finish()
    published = published_at or dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    document = {
        "format": "angebotslotse-directory", "format_version": 1,
        "directory_id": directory_id, "title": title, "published_at": published,
        "sequence": sequence, "is_demo": False, "source_language": "de",
        "topics": list(converter.topics.values()),
        "organizations": list(converter.organizations.values()),
        "locations": list(converter.locations.values()),
        "offers": list(converter.offers.values()),
    }
    return HsdsImport(document, list(dict.fromkeys(converter.warnings)))


def import_hsds(path: Path, directory_id: str = "hsds-import", title: str = "HSDS-Import",
                sequence: int = 1, published_at: str | None = None) -> HsdsImport:
    """Read an HSDS JSON file or CSV package folder and convert it."""
    return services_to_document(read_hsds(path), directory_id, title, sequence, published_at)
