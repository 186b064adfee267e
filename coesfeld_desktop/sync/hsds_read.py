"""Read HSDS 3.0 input as vendors deliver it into nested service objects (``service_full``).

Accepted: HSDS JSON (one ``service``, a list or a page ``{"contents": [...]}`` of services,
an ``organization`` with nested ``services``, a page of organizations, a
``service_at_location``, a ``tabular.json``), a folder of JSON files (pages of services and,
for instance, a list of locations), and the CSV tabular package (a folder with
``services.csv``, ``organizations.csv``, ...). A page with ``total_pages`` > 1 is read with its
sibling pages (every page JSON in the same folder); a missing page is an error. JSON that
holds no service (a location, a taxonomy, an organization list without services) is refused.

Files come in any encoding (UTF-8 with or without BOM, else detected with
``charset-normalizer``), CSV with comma or semicolon, headers in any case. Every row keeps
where it came from (:data:`LINE_KEY`: "services.csv:12", "page-2.json#3") for the report.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

CSV_TABLES = ("organizations", "services", "locations", "addresses", "service_at_location",
              "contacts", "phones", "schedules", "languages", "cost_options", "accessibility",
              "taxonomy_terms", "attributes", "required_documents", "service_areas")
LINE_KEY = "_line"  # where a record came from: "services.csv:12", "page-2.json#3"


class HsdsImportError(ValueError):
    """The input cannot be imported at all, or (``strict``) a record could not be kept."""


def _decode(path: Path) -> str:
    """A text file in whatever encoding it came in (UTF-8 with or without BOM, cp1252 ...)."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    matches = from_bytes(data)
    # Excel on a German Windows writes cp1252: among the decodings that fit, prefer it (a
    # short file with one umlaut fits cp850 just as well, and would read "D³lmen")
    if any("cp1252" in match.could_be_from_charset for match in matches):
        return data.decode("cp1252", errors="replace")
    best = matches.best()
    if best is None:
        raise HsdsImportError(f"{path.name}: the text encoding could not be recognised")
    return str(best)


def decode_text(path: Path) -> str:
    """:func:`_decode` for other importers (the table import reads CSV the same way)."""
    return _decode(path)


def _read_csv(path: Path) -> list[dict[str, Any]]:
    text = _decode(path)
    first = text.split("\n", 1)[0]
    try:
        dialect: Any = csv.Sniffer().sniff(first, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = [name.strip().lower().lstrip("\ufeff") for name in next(reader)]
    except StopIteration:
        return []
    rows = []
    for values in reader:
        if not any(value.strip() for value in values):
            continue
        row: dict[str, Any] = {name: (value if value.strip() != "" else None)
                               for name, value in zip(header, values, strict=False)}
        row[LINE_KEY] = f"{path.name}:{reader.line_num}"
        rows.append(row)
    return rows


def read_csv_package(folder: Path) -> dict[str, list[dict[str, Any]]]:
    """The tables of an HSDS CSV package (missing tables are empty); file names in any case."""
    files = {path.name.lower(): path for path in Path(folder).iterdir() if path.is_file()}
    tables: dict[str, list[dict[str, Any]]] = {}
    for name in CSV_TABLES:
        path = files.get(f"{name}.csv")
        if path is not None:
            tables[name] = _read_csv(path)
    if "services" not in tables:
        raise HsdsImportError(f"{folder} has no services.csv: not an HSDS tabular package")
    return tables


def _kind_of(record: Mapping[str, Any]) -> str:
    """What an HSDS JSON object is: service, organization, location, taxonomy ..."""
    if "location_type" in record or ("addresses" in record and "status" not in record):
        return "location"
    if "taxonomy_detail" in record or "term_uri" in record or (
            "code" in record and "taxonomy" in record):
        return "taxonomy_term"
    if "uri" in record and "version" in record and "status" not in record:
        return "taxonomy"
    if isinstance(record.get("services"), list):
        return "organization"
    if "service" in record and "location" in record:
        return "service_at_location"
    if "id" in record and ("status" in record or "organization" in record
                           or "organization_id" in record
                           or "service_at_locations" in record):
        return "service"
    if {"legal_status", "tax_status", "year_incorporated", "website"} & set(record):
        return "organization"
    return "unknown"


@dataclass
class HsdsSource:
    """Services found in the input, with the locations given apart from them."""

    services: list[dict[str, Any]] = field(default_factory=list)
    locations: dict[str, dict[str, Any]] = field(default_factory=dict)
    kinds: set[str] = field(default_factory=set)


def _collect_json(data: Any, where: str, found: HsdsSource) -> None:
    if isinstance(data, list):
        for index, item in enumerate(data, 1):
            _collect_json(item, f"{where}#{index}", found)
        return
    if not isinstance(data, dict):
        return
    if any(str(k).endswith(".csv") for k in data):
        tables = {k.removesuffix(".csv").lower(): [
            {**row, LINE_KEY: f"{where} {k} row {n}"} for n, row in enumerate(v or [], 1)]
            for k, v in data.items()}
        found.services += tables_to_services(tables)
        found.kinds.add("service")
        return
    if isinstance(data.get("contents"), list):
        _collect_json(data["contents"], where, found)
        return
    kind = _kind_of(data)
    found.kinds.add(kind)
    if kind == "service":
        found.services.append({**data, LINE_KEY: where})
    elif kind == "organization":
        org = {k: v for k, v in data.items() if k != "services"}
        for location in data.get("locations") or ():
            if isinstance(location, dict) and location.get("id"):
                found.locations[str(location["id"])] = location
        for index, service in enumerate(data.get("services") or (), 1):
            if isinstance(service, dict):
                found.services.append({**service, "organization": service.get("organization")
                                       or org, LINE_KEY: f"{where} service {index}"})
    elif kind == "service_at_location":
        service = dict(data["service"])
        service.setdefault("service_at_locations",
                           [{k: v for k, v in data.items() if k != "service"}])
        found.services.append({**service, LINE_KEY: where})
    elif kind == "location" and data.get("id"):
        found.locations[str(data["id"])] = data


def _load_json(path: Path) -> Any:
    try:
        return json.loads(_decode(path))
    except ValueError as error:
        raise HsdsImportError(f"{path.name}: not valid JSON ({error})") from error


def _pages(path: Path, data: Mapping[str, Any]) -> list[tuple[Path, Any]]:
    """A page and its sibling pages, in page order; every page must be there."""
    total = int(data.get("total_pages") or 1)
    if total <= 1:
        return [(path, data)]
    pages: dict[int, tuple[Path, Any]] = {}
    for sibling in sorted(path.parent.glob("*.json")):
        other = data if sibling == path else _load_json(sibling)
        if isinstance(other, dict) and isinstance(other.get("contents"), list) and \
                int(other.get("total_pages") or 1) == total:
            pages.setdefault(int(other.get("page_number") or 1), (sibling, other))
    first = min(pages) if pages else 1
    missing = [n for n in range(first, first + total) if n not in pages]
    if missing:
        raise HsdsImportError(f"{path.name} is page {data.get('page_number')} of {total}; "
                              f"missing pages {missing} (put every page into {path.parent})")
    return [pages[n] for n in range(first, first + total)]


def read_hsds_source(path: Path) -> HsdsSource:
    path = Path(path)
    found = HsdsSource()
    if path.is_dir():
        if any(p.name.lower() == "services.csv" for p in path.iterdir()):
            found.services = tables_to_services(read_csv_package(path))
            return found
        files = sorted(path.glob("*.json"))
        if not files:
            raise HsdsImportError(f"{path} holds neither services.csv nor JSON files")
        seen: set[Path] = set()
        for file in files:
            if file in seen:
                continue
            data = _load_json(file)
            pages = _pages(file, data) if isinstance(data, dict) else [(file, data)]
            for page_path, page in pages:
                seen.add(page_path)
                _collect_json(page, page_path.name, found)
    else:
        data = _load_json(path)
        _collect_json(data, path.name, found)  # what kind of records, before any paging
        if found.services and isinstance(data, dict) and int(data.get("total_pages") or 1) > 1:
            found = HsdsSource()
            for page_path, page in _pages(path, data):
                _collect_json(page, page_path.name, found)
    if not found.services:
        kinds = ", ".join(sorted(found.kinds - {"unknown"})) or "no HSDS records"
        raise HsdsImportError(f"{path.name}: no HSDS services found (it holds {kinds}); "
                              "give a service file, a service list or a CSV package")
    return found


def read_hsds(path: Path) -> list[dict[str, Any]]:
    return read_hsds_source(path).services


def tables_to_services(tables: Mapping[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Nest the flat HSDS tables into service objects shaped like ``service_full``."""

    def by(table: str, column: str) -> dict[str, list[dict[str, Any]]]:
        index: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in tables.get(table, ()):
            if row.get(column):
                index[str(row[column])].append(row)
        return index

    organizations = {str(row["id"]): dict(row) for row in tables.get("organizations", ())
                     if row.get("id")}
    terms = {str(row["id"]): row for row in tables.get("taxonomy_terms", ()) if row.get("id")}
    phones_of = {col: by("phones", col) for col in
                 ("service_id", "organization_id", "contact_id", "location_id")}
    contacts_of = by("contacts", "service_id")
    for org_id, org in organizations.items():
        org["phones"] = phones_of["organization_id"].get(org_id, [])
    locations = {}
    addresses = by("addresses", "location_id")
    accessibility = by("accessibility", "location_id")
    for row in tables.get("locations", ()):
        if row.get("id"):
            locations[str(row["id"])] = {**row, "addresses": addresses.get(str(row["id"]), []),
                                         "accessibility": accessibility.get(str(row["id"]), [])}
    sal_of = by("service_at_location", "service_id")
    schedules_of = by("schedules", "service_id")
    languages_of = by("languages", "service_id")
    costs_of = by("cost_options", "service_id")
    attributes_of = by("attributes", "link_id")
    documents_of = by("required_documents", "service_id")
    areas_of = by("service_areas", "service_id")
    services = []
    for row in tables["services"]:
        sid = str(row.get("id") or "")
        service = dict(row)
        service["organization"] = organizations.get(str(row.get("organization_id") or ""))
        service["phones"] = phones_of["service_id"].get(sid, [])
        service["contacts"] = [
            {**c, "phones": phones_of["contact_id"].get(str(c.get("id")), [])
             if c.get("id") else []}
            for c in contacts_of.get(sid, [])]
        service["schedules"] = schedules_of.get(sid, [])
        service["languages"] = languages_of.get(sid, [])
        service["cost_options"] = costs_of.get(sid, [])
        service["service_at_locations"] = [
            {**sal, "location": locations.get(str(sal.get("location_id") or ""))}
            for sal in sal_of.get(sid, [])]
        service["attributes"] = [
            {**attr, "taxonomy_term": terms.get(str(attr.get("taxonomy_term_id") or ""))}
            for attr in attributes_of.get(sid, [])]
        service["required_documents"] = documents_of.get(sid, [])
        service["service_areas"] = areas_of.get(sid, [])
        service["_topics"] = list(terms.values())
        services.append(service)
    return services


def json_to_services(data: Any) -> list[dict[str, Any]]:
    """Services from any of the accepted HSDS JSON shapes (one document, no paging)."""
    found = HsdsSource()
    _collect_json(data, "", found)
    if not found.services:
        raise HsdsImportError("no HSDS services found in this JSON")
    return found.services


# --- converting ---------------------------------------------------------------------------
