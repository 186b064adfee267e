"""Convert an Open Referral HSDS 3.0 dataset, as vendors really deliver it, into our directory
document, with one report of everything that was changed, dropped or skipped.

Accepted inputs:

* HSDS JSON: one service (``service_full``), a list or a page (``{"contents": [...]}``) of
  services, one organization with nested ``services`` (``organization_full``), a page of
  organizations, a ``service_at_location``, or a ``tabular.json`` (table name -> rows). A page
  with ``total_pages`` > 1 is read with its sibling pages (every ``*.json`` page in the same
  folder); a missing page is an error. JSON that holds no service (a location, a taxonomy, an
  organization list without services) is refused, not turned into bogus offers.
* the HSDS CSV tabular package: a folder with ``services.csv``, ``organizations.csv``, ...
  in any encoding (detected with ``charset-normalizer``), comma or semicolon separated
  (Excel's German default), headers in any case.

Vendors' values are normalised: language codes and names with ``langcodes`` (``deu``,
``de-DE``, "Deutsch" -> ``de``), weekdays ("Mo,Do", "monday", "Di-Fr" -> ``MO,TH``...),
times ("9:30", "9.30 Uhr" -> ``09:30``), ages ("6 Jahre"), coordinates ("51,83"), German
dates ("01.02.2025"), child records without ids (stable ids from owner and position), a
0-EUR cost option (-> ``free``), phone numbers too long for the field (the note beside the
number moves to the description). What cannot be kept is listed in :class:`ImportReport`:
one note per dropped value; a record that does not fit the export format is skipped whole
(with its name and line) or, with ``strict``, refuses the import. Never half a record.

HSDS allows one record (a phone, a contact, a schedule) to be shared by several owners; our
store gives each row one owner, so a repeated id gets a stable owner suffix
(``<id>@<owner id>``).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import langcodes
from charset_normalizer import from_bytes

from coesfeld_desktop.store.loader import DirectoryFormatError, parse_date, parse_datetime
from coesfeld_desktop.sync.schema import record_checkers

CSV_TABLES = ("organizations", "services", "locations", "addresses", "service_at_location",
              "contacts", "phones", "schedules", "languages", "cost_options", "accessibility",
              "taxonomy_terms", "attributes")
PHONE_CHARS = 50  # the export's phone number field
_LINE = "_line"  # where a CSV row came from: "services.csv:12"


class HsdsImportError(ValueError):
    """The input cannot be imported at all, or (``strict``) a record could not be kept."""


@dataclass(frozen=True)
class Note:
    """One entry of the import report: what happened to which record, and where it was."""

    record: str  # "service", "location", ...
    record_id: str
    name: str
    where: str  # "services.csv:12", "page-2.json#3" or ""
    message: str

    def __str__(self) -> str:
        place = f" ({self.where})" if self.where else ""
        name = f" \"{self.name}\"" if self.name else ""
        return f"{self.record} {self.record_id}{name}{place}: {self.message}"


@dataclass
class ImportReport:
    """Everything the import changed, dropped or skipped (shown and written beside the
    export by ``angebotslotse-publish import-hsds``)."""

    dropped: list[Note] = field(default_factory=list)  # a value that could not be kept
    skipped: list[Note] = field(default_factory=list)  # a whole record left out
    counts: dict[str, int] = field(default_factory=dict)

    def text(self) -> str:
        lines = ["HSDS import report", ""]
        lines += [f"imported: {', '.join(f'{n} {k}' for k, n in self.counts.items())}", ""]
        lines.append(f"skipped records: {len(self.skipped)}")
        lines += [f"  - {note}" for note in self.skipped]
        lines += ["", f"dropped or changed values: {len(self.dropped)}"]
        lines += [f"  - {note}" for note in self.dropped]
        return "\n".join(lines) + "\n"


@dataclass
class HsdsImport:
    document: dict[str, Any]
    report: ImportReport = field(default_factory=ImportReport)

    @property
    def warnings(self) -> list[str]:
        return [str(note) for note in (*self.report.skipped, *self.report.dropped)]


# --- small value parsers ------------------------------------------------------------------


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    text = str(value).strip()
    return text or None


def _number(value: Any) -> float | None:
    """A number also when written the German way ("51,83") or with a unit ("6 Jahre")."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    text = _text(value)
    if text is None:
        return None
    match = re.match(r"^[^\d+-]*([+-]?\d+(?:[.,]\d+)?)", text)
    if match is None:
        raise ValueError(text)
    return float(match.group(1).replace(",", "."))


_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?(?::\d{2})?\s*(?:uhr|h)?$", re.IGNORECASE)


def _time(value: Any) -> str | None:
    """"9:30", "09:30:00", "9.30 Uhr", "9 Uhr" -> "09:30" / "09:00"."""
    text = _text(value)
    if text is None:
        return None
    match = _TIME.match(text)
    if match is None or int(match.group(1)) > 24 or int(match.group(2) or 0) > 59:
        raise ValueError(text)
    return f"{int(match.group(1)):02d}:{match.group(2) or '00'}"


_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAY_NAMES = {
    **{code.lower(): code for code in _DAYS},
    "mo": "MO", "di": "TU", "mi": "WE", "do": "TH", "fr": "FR", "sa": "SA", "so": "SU",
    "mon": "MO", "tue": "TU", "wed": "WE", "thu": "TH", "fri": "FR", "sat": "SA", "sun": "SU",
    "monday": "MO", "tuesday": "TU", "wednesday": "WE", "thursday": "TH", "friday": "FR",
    "saturday": "SA", "sunday": "SU", "montag": "MO", "dienstag": "TU", "mittwoch": "WE",
    "donnerstag": "TH", "freitag": "FR", "samstag": "SA", "sonnabend": "SA", "sonntag": "SU",
}


def _weekdays(value: Any) -> str:
    """"Mo,Do", "monday", "Di-Fr", "MO,TH" -> RFC 5545 ``BYDAY`` ("MO,TH")."""
    text = _text(value)
    if text is None:
        return ""
    days: list[str] = []
    for part in re.split(r"[,;/\s]+|\bund\b|\band\b|&", text.lower()):
        part = part.strip(" .")
        if not part:
            continue
        if "-" in part or "–" in part:
            first, _sep, last = part.replace("–", "-").partition("-")
            start, end = _DAY_NAMES.get(first.strip(" .")), _DAY_NAMES.get(last.strip(" ."))
            if start is None or end is None:
                raise ValueError(text)
            span = _DAYS[_DAYS.index(start):_DAYS.index(end) + 1]
            days += span
            continue
        day = _DAY_NAMES.get(part)
        if day is None:
            raise ValueError(text)
        days.append(day)
    return ",".join(dict.fromkeys(days))


_GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def _date(value: Any) -> str | None:
    """ISO dates as given; German "1.2.2025" -> "2025-02-01"; else ValueError."""
    text = _text(value)
    if text is None:
        return None
    match = _GERMAN_DATE.match(text)
    if match:
        text = dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1))).isoformat()
    try:
        parse_date(text)
    except DirectoryFormatError as error:
        raise ValueError(text) from error
    return text


def _datetime(value: Any) -> str | None:
    text = _text(value)
    if text is None:
        return None
    try:
        parse_datetime(text)
    except DirectoryFormatError:
        return _date(text)  # a date alone is a time of that day
    return text


def language_code(value: Any) -> str:
    """A BCP 47 base language for a code (``deu``, ``de-DE``, ``ger``) or a name ("Deutsch",
    "Arabisch", "German"), via ``langcodes``; ValueError when it names no language."""
    text = _text(value)
    if text is None:
        raise ValueError("")
    try:
        if langcodes.tag_is_valid(text.replace("_", "-")):
            return str(langcodes.Language.get(text.replace("_", "-")).language)
        return str(langcodes.find(text).language)
    except (LookupError, ValueError) as error:
        raise ValueError(text) from error


def _split_phone(text: str) -> tuple[str, str | None]:
    """A number and the note after it ("02541 12345 (nur vormittags)")."""
    match = re.match(r"^[\s+()\d/.-]*\d(?:\s*(?:ext\.?|durchwahl|dw\.?)\s*\d+)?", text,
                     re.IGNORECASE)
    if match is None:
        return text, None
    rest = text[match.end():].strip(" ,;:-")
    return match.group(0).strip(), rest or None


def _stable_id(*parts: str) -> str:
    """An id for a child record that has none: the same input gives the same id."""
    text = "-".join(part for part in parts if part)
    if len(text) <= 100:
        return text
    return f"{text[:80]}-{hashlib.sha256(text.encode()).hexdigest()[:16]}"


# --- reading ------------------------------------------------------------------------------


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
        row[_LINE] = f"{path.name}:{reader.line_num}"
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
class _Source:
    """Services found in the input, with the locations given apart from them."""

    services: list[dict[str, Any]] = field(default_factory=list)
    locations: dict[str, dict[str, Any]] = field(default_factory=dict)
    kinds: set[str] = field(default_factory=set)


def _collect_json(data: Any, where: str, found: _Source) -> None:
    if isinstance(data, list):
        for index, item in enumerate(data, 1):
            _collect_json(item, f"{where}#{index}", found)
        return
    if not isinstance(data, dict):
        return
    if any(str(k).endswith(".csv") for k in data):
        tables = {k.removesuffix(".csv").lower(): [
            {**row, _LINE: f"{where} {k} row {n}"} for n, row in enumerate(v or [], 1)]
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
        found.services.append({**data, _LINE: where})
    elif kind == "organization":
        org = {k: v for k, v in data.items() if k != "services"}
        for location in data.get("locations") or ():
            if isinstance(location, dict) and location.get("id"):
                found.locations[str(location["id"])] = location
        for index, service in enumerate(data.get("services") or (), 1):
            if isinstance(service, dict):
                found.services.append({**service, "organization": service.get("organization")
                                       or org, _LINE: f"{where} service {index}"})
    elif kind == "service_at_location":
        service = dict(data["service"])
        service.setdefault("service_at_locations",
                           [{k: v for k, v in data.items() if k != "service"}])
        found.services.append({**service, _LINE: where})
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


def read_hsds_source(path: Path) -> _Source:
    path = Path(path)
    found = _Source()
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
            found = _Source()
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
        service["_topics"] = list(terms.values())
        services.append(service)
    return services


def json_to_services(data: Any) -> list[dict[str, Any]]:
    """Services from any of the accepted HSDS JSON shapes (one document, no paging)."""
    found = _Source()
    _collect_json(data, "", found)
    if not found.services:
        raise HsdsImportError("no HSDS services found in this JSON")
    return found.services


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
        candidate = record_id if record_id not in seen else _stable_id(record_id, owner)
        seen.add(candidate)
        return candidate


class _SkipRecord(Exception):
    """This record cannot be kept whole: leave it out (or refuse, when strict)."""


class _Converter:
    def __init__(self, strict: bool) -> None:
        self.strict = strict
        self.ids = _Ids()
        self.topics: dict[str, dict[str, Any]] = {}
        self.organizations: dict[str, dict[str, Any]] = {}
        self.locations: dict[str, dict[str, Any]] = {}
        self.known_locations: dict[str, dict[str, Any]] = {}
        self.offers: dict[str, dict[str, Any]] = {}
        self.report = ImportReport()
        self.checkers = record_checkers()
        self._record: tuple[str, str, str, str] = ("", "", "", "")  # kind, id, name, where

    # -- reporting --

    def drop(self, message: str) -> None:
        kind, record_id, name, where = self._record
        self.report.dropped.append(Note(kind, record_id, name, where, message))

    def skip(self, kind: str, record_id: str, name: str, where: str, message: str) -> None:
        note = Note(kind, record_id, name, where, message)
        if self.strict:
            raise HsdsImportError(f"{note} (--strict: nothing was published)")
        self.report.skipped.append(note)

    def value(self, parse: Any, raw: Any, what: str) -> Any:
        """``parse(raw)``, or None with a note when the value cannot be read."""
        try:
            return parse(raw)
        except (ValueError, TypeError, OverflowError):
            self.drop(f"{what} {str(raw)[:60]!r} could not be read and was dropped")
            return None

    def check(self, kind: str, record: Mapping[str, Any]) -> None:
        problem = self.checkers[kind](record)
        if problem is not None:
            raise _SkipRecord(f"does not fit the export format: {problem[:200]}")

    # -- children --

    def phones(self, phones: Iterable[Any] | None, owner: str) -> list[dict[str, Any]]:
        result = []
        for index, phone in enumerate(phones or (), 1):
            if not isinstance(phone, Mapping):
                continue
            number = _text(phone.get("number"))
            if not number:
                self.drop(f"phone {index} without a number dropped")
                continue
            phone_id = self.ids.take("phone", str(phone.get("id") or _stable_id(
                owner, "phone", str(index))), owner)
            if phone_id is None:
                continue
            number = number.strip('"')
            description = _text(phone.get("description"))
            if phone.get("extension") not in (None, ""):
                number = f"{number} ext. {phone['extension']}"
            if len(number) > PHONE_CHARS:
                number, note = _split_phone(number)
                if len(number) > PHONE_CHARS:
                    self.drop(f"phone number {number[:60]!r} longer than {PHONE_CHARS} "
                              "characters dropped")
                    continue
                if note:
                    description = f"{note}; {description}" if description else note
            result.append({"id": phone_id, "number": number, "description": description})
        return result

    def schedules(self, schedules: Iterable[Any] | None, owner: str,
                  location_id: str | None, seen: set[str]) -> list[dict[str, Any]]:
        result = []
        for index, item in enumerate(schedules or (), 1):
            if not isinstance(item, Mapping):
                continue
            raw_id = str(item.get("id") or _stable_id(owner, "schedule",
                                                      location_id or "", str(index)))
            if raw_id in seen:
                continue
            seen.add(raw_id)
            freq = (_text(item.get("freq")) or "WEEKLY").upper()
            if freq != "WEEKLY":
                self.drop(f"schedule {raw_id}: a {freq.lower()} schedule is not modelled; "
                          "dropped")
                continue
            byday = self.value(_weekdays, item.get("byday"), "weekdays") or ""
            limits = self._schedule_limits(item)
            description = _text(item.get("description"))
            if limits:
                description = f"{limits}. {description}" if description else limits
                self.drop(f"schedule {raw_id}: {limits} kept only as text")
            result.append({
                "id": self.ids.take("schedule", raw_id, owner),
                "byday": byday,
                "opens_at": self.value(_time, item.get("opens_at"), "opening time"),
                "closes_at": self.value(_time, item.get("closes_at"), "closing time"),
                "description": description,
                "location_id": location_id or _text(item.get("location_id")),
            })
        return result

    @staticmethod
    def _schedule_limits(item: Mapping[str, Any]) -> str:
        """What narrows a weekly schedule beyond its weekdays, as German text (the store
        models weekdays and times only)."""
        parts = []
        start = _text(item.get("valid_from")) or _text(item.get("dtstart"))
        end = _text(item.get("valid_to")) or _text(item.get("until"))
        if start or end:
            parts.append(f"gültig {'ab ' + start if start else ''}"
                         f"{' ' if start and end else ''}{'bis ' + end if end else ''}")
        if _text(item.get("byweekno")):
            parts.append(f"nur in den Kalenderwochen {item['byweekno']}")
        if _text(item.get("bymonthday")):
            parts.append(f"nur an den Monatstagen {item['bymonthday']}")
        interval = _text(item.get("interval"))
        if interval and interval not in ("1", "1.0"):
            parts.append(f"jede {interval}. Woche")
        if _text(item.get("count")):
            parts.append(f"{item['count']} Termine")
        return "; ".join(parts)

    def contacts(self, contacts: Iterable[Any] | None, owner: str,
                 seen: set[str]) -> list[dict[str, Any]]:
        result = []
        for index, contact in enumerate(contacts or (), 1):
            if not isinstance(contact, Mapping):
                continue
            raw_id = str(contact.get("id") or _stable_id(owner, "contact", str(index)))
            if raw_id in seen:
                continue
            seen.add(raw_id)
            contact_id = self.ids.take("contact", raw_id, owner)
            if contact_id is None:
                continue
            result.append({
                "id": contact_id, "name": _text(contact.get("name")) or "-",
                "title": _text(contact.get("title")), "email": _text(contact.get("email")),
                "phones": self.phones(contact.get("phones"), contact_id)})
        return result

    def languages(self, languages: Iterable[Any] | None) -> list[str]:
        codes = []
        for language in languages or ():
            if isinstance(language, Mapping):
                raw = _text(language.get("code")) or _text(language.get("name"))
            else:
                raw = _text(language)
            if raw is None:
                continue
            code = self.value(language_code, raw, "language")
            if code:
                codes.append(code)
        return list(dict.fromkeys(codes))

    def costs(self, options: Iterable[Any] | None, owner: str
              ) -> tuple[list[dict[str, Any]], bool]:
        """The cost options and whether they say "free of charge" (every one costs 0)."""
        result = []
        for index, cost in enumerate(options or (), 1):
            if not isinstance(cost, Mapping):
                continue
            cost_id = self.ids.take("cost_option", str(cost.get("id") or _stable_id(
                owner, "cost", str(index))), owner)
            amount = self.value(_number, cost.get("amount"), "amount")
            text = " ".join(p for p in (_text(cost.get("option")),
                                        _text(cost.get("amount_description"))) if p) or None
            result.append({"id": cost_id, "option": text, "amount": amount,
                           "currency": (_text(cost.get("currency")) or "")[:3].upper() or None})
        free = bool(result) and all(
            c["amount"] == 0 or (c["amount"] is None and c["option"] and re.search(
                r"kostenlos|kostenfrei|gebührenfrei|gratis|\bfree\b", c["option"], re.I))
            for c in result)
        return result, free

    # -- records --

    def organization(self, org: Mapping[str, Any] | None, where: str) -> str:
        if not org or not org.get("id"):
            org_id = "hsds-unknown-organization"
            self.organizations.setdefault(org_id, {"id": org_id, "name": "Unbekannter Träger",
                                                   "phones": []})
            self.drop("no organization: a placeholder provider was used")
            return org_id
        org_id = str(org["id"])
        if org_id not in self.organizations:
            saved = self._record
            self._record = ("organization", org_id, _text(org.get("name")) or "",
                            str(org.get(_LINE) or where))
            record: dict[str, Any] = {
                "id": org_id, "name": _text(org.get("name")) or org_id,
                "description": _text(org.get("description")), "email": _text(org.get("email")),
                "website": _text(org.get("website")),
                "phones": self.phones(org.get("phones"), org_id), "translations": {}}
            self._record = saved
            self.check("organization", record)
            self.organizations[org_id] = record
        return org_id

    def location(self, loc: Mapping[str, Any]) -> str:
        loc_id = str(loc["id"])
        if loc_id in self.locations:
            return loc_id
        saved = self._record
        self._record = ("location", loc_id, _text(loc.get("name")) or "",
                        str(loc.get(_LINE) or ""))
        addresses = [a for a in loc.get("addresses") or () if isinstance(a, Mapping)]
        address = next((a for a in addresses if a.get("address_type") in (None, "physical")),
                       None) or next(iter(addresses), None) or {}
        lat = self.value(_number, loc.get("latitude"), "latitude")
        lon = self.value(_number, loc.get("longitude"), "longitude")
        if (lat is not None and not -90 <= lat <= 90) or \
                (lon is not None and not -180 <= lon <= 180):
            self.drop(f"coordinates {lat}, {lon} out of range dropped")
            lat = lon = None
        org_id = _text(loc.get("organization_id"))
        record = {
            "id": loc_id, "organization_id": org_id, "name": _text(loc.get("name")),
            "street": _text(address.get("address_1")),
            "postcode": (_text(address.get("postal_code")) or "")[:10] or None,
            "town": _text(address.get("city")) or "unbekannt",
            "district": _text(address.get("address_2")),
            "latitude": lat, "longitude": lon, "barrier_free": False,
            "accessibility": [
                {"id": self.ids.take("accessibility", str(a.get("id") or _stable_id(
                    loc_id, "access", str(n))), loc_id),
                 "description": " ".join(p for p in (_text(a.get("description")),
                                                     _text(a.get("details"))) if p) or "-"}
                for n, a in enumerate(loc.get("accessibility") or (), 1)
                if isinstance(a, Mapping)],
            "translations": {},
        }
        if record["town"] == "unbekannt":
            self.drop("no town in the address: shown as 'unbekannt'")
        self._record = saved
        self.check("location", record)
        self.locations[loc_id] = record
        return loc_id

    def topic(self, term: Mapping[str, Any] | None) -> str | None:
        if not term or not term.get("id"):
            return None
        term_id = str(term["id"])
        if term_id not in self.topics:
            record: dict[str, Any] = {"id": term_id,
                                      "name": _text(term.get("name")) or term_id,
                      "parent_id": _text(term.get("parent_id"))}
            self.check("topic", record)
            self.topics[term_id] = record
        return term_id

    def service(self, service: Mapping[str, Any]) -> None:
        where = str(service.get(_LINE) or "")
        name = _text(service.get("name")) or ""
        raw_id = _text(service.get("id"))
        if raw_id is None:
            self.skip("service", "(no id)", name, where, "a service without an id is skipped")
            return
        if raw_id in self.offers:
            self.skip("service", raw_id, name, where,
                      "the same service id came before: this later one is skipped")
            return
        if not name:
            self.skip("service", raw_id, name, where, "a service without a name is skipped")
            return
        # everything of one service, or nothing: work on copies of the shared tables
        state = (dict(self.topics), dict(self.organizations), dict(self.locations),
                 len(self.report.dropped))
        self._record = ("service", raw_id, name, where)
        try:
            self.offers[raw_id] = self._offer(service, raw_id, name, where)
        except _SkipRecord as reason:
            self.topics, self.organizations, self.locations = state[0], state[1], state[2]
            del self.report.dropped[state[3]:]
            self.skip("service", raw_id, name, where, str(reason))

    def _offer(self, service: Mapping[str, Any], offer_id: str, name: str,
               where: str) -> dict[str, Any]:
        for term in service.get("_topics") or ():
            self.topic(term)
        org = service.get("organization")
        org_id = self.organization(
            org if isinstance(org, Mapping) else ({"id": service["organization_id"]}
                                                  if service.get("organization_id") else None),
            where)
        contacts_seen: set[str] = set()
        schedules_seen: set[str] = set()
        contacts = self.contacts(service.get("contacts"), offer_id, contacts_seen)
        phones = self.phones(service.get("phones"), offer_id)
        schedules = self.schedules(service.get("schedules"), offer_id, None, schedules_seen)
        location_ids: list[str] = []
        for sal in service.get("service_at_locations") or ():
            if not isinstance(sal, Mapping):
                continue
            loc = sal.get("location")
            if not isinstance(loc, Mapping) or not loc.get("id"):
                loc = self.known_locations.get(str(sal.get("location_id") or ""))
            if loc is None:
                if sal.get("location_id"):
                    self.drop(f"location {sal['location_id']} is not in the input: not linked")
                loc_id = None
            else:
                loc_id = self.location(loc)
                location_ids.append(loc_id)
            contacts += self.contacts(sal.get("contacts"), offer_id, contacts_seen)
            phones += self.phones(sal.get("phones"), offer_id)
            schedules += self.schedules(sal.get("schedules"), offer_id, loc_id, schedules_seen)
        costs, free = self.costs(service.get("cost_options"), offer_id)
        topics = [t for t in (self.topic(a.get("taxonomy_term"))
                              for a in service.get("attributes") or ()
                              if isinstance(a, Mapping)) if t]
        status = service.get("status")
        if status not in (None, "active", "inactive", "defunct", "temporarily closed"):
            self.drop(f"status {str(status)[:40]!r} unknown: taken as active")
        ages = [self.value(_number, service.get(key), key.replace("_", " "))
                for key in ("minimum_age", "maximum_age")]
        ages = [None if a is None else int(a) for a in ages]
        for index, age in enumerate(ages):
            if age is not None and not 0 <= age <= 150:
                self.drop(f"age {age} out of range dropped")
                ages[index] = None
        offer = {
            "id": offer_id, "organization_id": org_id, "title": name,
            "summary": _text(service.get("alternate_name")),
            "description": _text(service.get("description")),
            "url": _text(service.get("url")), "email": _text(service.get("email")),
            "status": status if status in ("active", "inactive", "defunct",
                                           "temporarily closed") else "active",
            "min_age": ages[0], "max_age": ages[1],
            "pregnancy": False, "free": free, "cost": _text(service.get("fees_description")),
            "cost_options": costs,
            "application_process": _text(service.get("application_process")),
            "languages": self.languages(service.get("languages")),
            "topics": list(dict.fromkeys(topics)), "target_groups": [], "life_phases": [],
            "location_ids": list(dict.fromkeys(location_ids)), "contacts": contacts,
            "phones": phones, "schedules": schedules,
            "assured_date": self.value(_date, service.get("assured_date"), "assured date"),
            "last_modified": self.value(_datetime, service.get("last_modified"),
                                        "last modified"),
            "translations": {},
        }
        self.check("offer", offer)
        return offer

    def finish(self) -> None:
        for loc in self.locations.values():
            if loc["organization_id"] and loc["organization_id"] not in self.organizations:
                self._record = ("location", loc["id"], loc.get("name") or "", "")
                self.drop(f"unknown organization {loc['organization_id']} dropped")
                loc["organization_id"] = None
        self.report.counts = {"topics": len(self.topics),
                              "organizations": len(self.organizations),
                              "locations": len(self.locations), "offers": len(self.offers)}


def services_to_document(services: Iterable[Mapping[str, Any]], directory_id: str,
                         title: str, sequence: int = 1, published_at: str | None = None,
                         strict: bool = False,
                         locations: Mapping[str, Mapping[str, Any]] | None = None
                         ) -> HsdsImport:
    converter = _Converter(strict)
    converter.known_locations = {k: dict(v) for k, v in (locations or {}).items()}
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
    return HsdsImport(document, converter.report)


def import_hsds(path: Path, directory_id: str = "hsds-import", title: str = "HSDS-Import",
                sequence: int = 1, published_at: str | None = None,
                strict: bool = False) -> HsdsImport:
    """Read an HSDS JSON file, a folder of JSON pages or a CSV package folder and convert
    it; raises :class:`HsdsImportError` (a ``ValueError``) when nothing can be imported."""
    source = read_hsds_source(path)
    return services_to_document(source.services, directory_id, title, sequence, published_at,
                                strict, source.locations)
