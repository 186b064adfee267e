"""The lists districts really keep: an Excel (``.xlsx``) or CSV table of offers, one row per
offer, turned into a directory document through a column-mapping file.

Why a mapping file: every district's list names its columns differently ("Träger",
"Anbieter", "Einrichtung"); the mapping says once which column holds which field and how
yes/no and topics are written, so the list itself is used as the office keeps it.

All or nothing: every row is checked, every row that cannot be used is reported with its line
number (as Excel shows it) and the reason, and then nothing is published - a half list would
drop offers from every desk at the next sync. Excel through ``openpyxl`` (read-only), CSV in
whatever encoding and separator Excel wrote.

The mapping (TOML, see ``docs/table-import.md``)::

    [list]
    sheet = "Angebote"        # .xlsx: the sheet (default: the first)
    header_row = 1            # the row with the column names
    directory_id = "kreis-coesfeld"
    title = "Angebotsverzeichnis Kreis Coesfeld"

    [columns]                 # field = column name in the list
    id = "Nr."
    title = "Angebot"
    provider = "Träger"
    town = "Ort"
    ...

    [yes]                     # words that mean yes in yes/no columns (default: ja, x, yes, 1)
    words = ["ja", "x"]

    [topics]                  # the list's topic names -> topic ids (optional)
    "Frühe Hilfen" = "early_help"
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coesfeld_desktop.domain.towns import town_by_name
from coesfeld_desktop.sync.hsds_read import decode_text
from coesfeld_desktop.sync.hsds_values import (
    date_of,
    language_code,
    number_of,
    split_phone,
    stable_id,
    text_of,
)

REQUIRED = ("id", "title", "provider", "town")
TEXT_FIELDS = ("summary", "description", "cost", "application_process", "url", "email",
               "street", "postcode", "district", "location_name", "contact_name")
FIELDS = (*REQUIRED, *TEXT_FIELDS, "phone", "min_age", "max_age", "free", "pregnancy",
          "barrier_free", "languages", "topics", "assured_date", "last_modified")
DEFAULT_YES = ("ja", "x", "yes", "1", "true", "wahr", "j")
DEFAULT_NO = ("nein", "", "no", "0", "false", "falsch", "n", "-")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_POSTCODE = re.compile(r"^\d{5}$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$")
_SLUG = re.compile(r"[^a-z0-9]+")


class MappingError(ValueError):
    """The mapping file cannot be used (the message names the file and the field)."""


@dataclass(frozen=True)
class Problem:
    line: int  # as the spreadsheet numbers it (the header row counts)
    reason: str

    def __str__(self) -> str:
        return f"Zeile {self.line}: {self.reason}"


@dataclass
class TableImport:
    """The document made from the list, or the problems that keep it from being used."""

    document: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0

    @property
    def usable(self) -> bool:
        return not self.problems and self.rows > 0


@dataclass(frozen=True)
class ColumnMapping:
    columns: Mapping[str, str]  # field -> column name
    sheet: str | None
    header_row: int
    directory_id: str
    title: str
    yes: frozenset[str]
    no: frozenset[str]
    topics: Mapping[str, str]  # folded list label -> topic id
    separator: str


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def read_mapping(path: Path) -> ColumnMapping:
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise MappingError(f"{path}: {error}") from error
    listing = document.get("list", {})
    columns = document.get("columns", {})
    if not isinstance(columns, dict) or not columns:
        raise MappingError(f"{path}: [columns] is missing: which column holds which field")
    unknown = sorted(set(columns) - set(FIELDS))
    if unknown:
        raise MappingError(f"{path}: [columns] unknown field(s) {', '.join(unknown)}; "
                           f"known: {', '.join(FIELDS)}")
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise MappingError(f"{path}: [columns] needs {', '.join(missing)}")
    if not all(isinstance(value, str) and value.strip() for value in columns.values()):
        raise MappingError(f"{path}: [columns] each field names a column (text)")
    yes = document.get("yes", {}).get("words", list(DEFAULT_YES))
    no = document.get("no", {}).get("words", list(DEFAULT_NO))
    topics = document.get("topics", {})
    header_row = listing.get("header_row", 1)
    if not isinstance(header_row, int) or header_row < 1:
        raise MappingError(f"{path}: [list] header_row must be a row number (1, 2, …)")
    return ColumnMapping(
        columns={key: str(value).strip() for key, value in columns.items()},
        sheet=listing.get("sheet"), header_row=header_row,
        directory_id=str(listing.get("directory_id", "")),
        title=str(listing.get("title", "Angebotsverzeichnis")),
        yes=frozenset(_fold(str(word)) for word in yes),
        no=frozenset(_fold(str(word)) for word in no),
        topics={_fold(str(label)): str(topic) for label, topic in topics.items()},
        separator=str(listing.get("separator", ",;/")))


# --- reading the list ---------------------------------------------------------------------


def _xlsx_rows(path: Path, sheet: str | None) -> Iterator[list[Any]]:
    from openpyxl import load_workbook  # noqa: PLC0415 - only for Excel lists

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # zipfile, XML, openpyxl's own: "not a workbook"
        raise MappingError(f"{path.name}: not a readable Excel file ({error})") from error
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise MappingError(f"{path.name}: no sheet {sheet!r}; sheets: "
                               f"{', '.join(book.sheetnames)}")
        worksheet = book[sheet] if sheet is not None else book.worksheets[0]
        for row in worksheet.iter_rows(values_only=True):
            yield list(row)
    finally:
        book.close()


def _csv_rows(path: Path) -> Iterator[list[Any]]:
    try:
        text = decode_text(path)
    except ValueError as error:
        raise MappingError(str(error)) from error
    first = text.split("\n", 1)[0]
    try:
        dialect: Any = csv.Sniffer().sniff(first, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    yield from csv.reader(io.StringIO(text, newline=""), dialect)


def read_rows(path: Path, mapping: ColumnMapping) -> Iterator[tuple[int, dict[str, Any]]]:
    """(spreadsheet line, field -> cell) for every non-empty row below the header."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        rows = _xlsx_rows(path, mapping.sheet)
    elif suffix in (".csv", ".txt"):
        rows = _csv_rows(path)
    else:
        raise MappingError(f"{path.name}: import .xlsx or .csv")
    header: list[str] | None = None
    positions: dict[str, int] = {}
    for line, values in enumerate(rows, start=1):
        if line < mapping.header_row:
            continue
        if header is None:
            header = [_fold(str(value or "")).lstrip("\ufeff") for value in values]
            missing = [f"{name} ({column!r})" for name, column in mapping.columns.items()
                       if _fold(column) not in header]
            if missing:
                raise MappingError(f"{path.name}: row {line} lacks the column(s) "
                                   f"{', '.join(missing)}")
            positions = {name: header.index(_fold(column))
                         for name, column in mapping.columns.items()}
            continue
        if not any(text_of(value) for value in values):
            continue
        yield line, {name: values[index] if index < len(values) else None
                     for name, index in positions.items()}


# --- one row -> records ---------------------------------------------------------------------


def _slug(text: str) -> str:
    folded = text.casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    return _SLUG.sub("-", folded.replace("ß", "ss")).strip("-")[:60] or "x"


def _flag(value: Any, mapping: ColumnMapping, name: str) -> bool:
    word = _fold(text_of(value) or "")
    if word in mapping.yes:
        return True
    if word in mapping.no:
        return False
    raise ValueError(f"{name}: {value!r} ist weder ja noch nein")


def _age(value: Any, name: str) -> int | None:
    try:
        number = number_of(value)
    except ValueError as error:
        raise ValueError(f"{name}: {value!r} ist kein Alter") from error
    if number is None:
        return None
    if number != int(number) or not 0 <= number <= 120:
        raise ValueError(f"{name}: {value!r} ist kein Alter in Jahren")
    return int(number)


def _date(value: Any, name: str) -> str | None:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return date_of(value)
    except ValueError as error:
        raise ValueError(f"{name}: {value!r} ist kein Datum") from error


def _split(value: Any, separators: str) -> list[str]:
    text = text_of(value) or ""
    return [part.strip() for part in re.split(f"[{re.escape(separators)}]", text)
            if part.strip()]


class _Builder:
    """Collects the document's records; one row at a time, all-or-nothing per row."""

    def __init__(self, mapping: ColumnMapping) -> None:
        self.mapping = mapping
        self.organizations: dict[str, dict[str, Any]] = {}
        self.locations: dict[str, dict[str, Any]] = {}
        self.topics: dict[str, str] = {}  # id -> name
        self.offers: list[dict[str, Any]] = []
        self.ids: dict[str, int] = {}  # offer id -> line

    def row(self, line: int, cells: Mapping[str, Any]) -> list[str]:
        """The reasons this row cannot be used; [] when it was added."""
        reasons: list[str] = []
        get = {name: text_of(value) for name, value in cells.items()}
        for name in REQUIRED:
            if not get.get(name):
                reasons.append(f"{self.mapping.columns[name]!r} ist leer")
        offer_id = get.get("id") or ""
        if offer_id and not _ID.match(offer_id):
            reasons.append(f"Nr. {offer_id!r}: nur Buchstaben, Ziffern, - _ . : erlaubt")
        elif offer_id in self.ids:
            reasons.append(f"Nr. {offer_id!r} steht schon in Zeile {self.ids[offer_id]}")
        town = town_by_name(get.get("town") or "") if get.get("town") else None
        if get.get("town") and town is None:
            reasons.append(f"Ort {get['town']!r} ist keine Stadt oder Gemeinde im Kreis "
                           "Coesfeld")
        postcode = get.get("postcode")
        if postcode and not _POSTCODE.match(postcode.split(".")[0]):
            reasons.append(f"PLZ {postcode!r} hat nicht fünf Ziffern")
        email = get.get("email")
        if email and not _EMAIL.match(email):
            reasons.append(f"E-Mail {email!r} ist keine E-Mail-Adresse")
        url = get.get("url")
        if url and not url.startswith(("https://", "http://")):
            url = "https://" + url if "." in url and " " not in url else url
            if not url.startswith("https://"):
                reasons.append(f"Internet {get['url']!r} ist keine Adresse")
        values: dict[str, Any] = {}
        for name, convert in (("min_age", _age), ("max_age", _age),
                              ("assured_date", _date), ("last_modified", _date)):
            if name in cells:
                try:
                    values[name] = convert(cells[name], self.mapping.columns[name])
                except ValueError as error:
                    reasons.append(str(error))
        for name in ("free", "pregnancy", "barrier_free"):
            if name in cells:
                try:
                    values[name] = _flag(cells[name], self.mapping, self.mapping.columns[name])
                except ValueError as error:
                    reasons.append(str(error))
        if values.get("min_age") is not None and values.get("max_age") is not None \
                and values["min_age"] > values["max_age"]:
            reasons.append(f"Alter von {values['min_age']} ist größer als Alter bis "
                           f"{values['max_age']}")
        languages = []
        for part in _split(cells.get("languages"), self.mapping.separator):
            try:
                languages.append(language_code(part))
            except ValueError:
                reasons.append(f"Sprache {part!r} ist unbekannt")
        topics = []
        for part in _split(cells.get("topics"), self.mapping.separator):
            topic = self.mapping.topics.get(_fold(part))
            if topic is None and self.mapping.topics:
                reasons.append(f"Thema {part!r} steht nicht in der Zuordnung [topics]")
                continue
            topics.append(topic or _slug(part))
            self.topics.setdefault(topic or _slug(part), part)
        if reasons:
            return reasons
        self.ids[offer_id] = line
        self._add(offer_id, get, values, url, languages, topics, town.name if town else "")
        return []

    def _add(self, offer_id: str, get: Mapping[str, str | None], values: Mapping[str, Any],
             url: str | None, languages: list[str], topics: list[str], town: str) -> None:
        provider = str(get["provider"])
        org_id = "org-" + _slug(provider)
        self.organizations.setdefault(org_id, {"id": org_id, "name": provider,
                                               "phones": [], "translations": {}})
        place = (get.get("location_name"), get.get("street"), get.get("postcode"), town,
                 get.get("district"))
        location_id = stable_id("loc", _slug(provider), _slug(" ".join(p or "" for p in place)))
        self.locations.setdefault(location_id, {
            "id": location_id, "organization_id": org_id, "name": get.get("location_name"),
            "street": get.get("street"), "postcode": (get.get("postcode") or "").split(".")[0]
            or None, "town": town, "district": get.get("district"),
            "barrier_free": bool(values.get("barrier_free")), "accessibility": [],
            "translations": {}})
        phones = []
        if get.get("phone"):
            number, note = split_phone(str(get["phone"]))
            phones.append({"id": f"ph-{offer_id}", "number": number, "description": note})
        contacts: list[dict[str, Any]] = []
        if get.get("contact_name"):
            contacts.append({"id": f"ct-{offer_id}", "name": get["contact_name"],
                             "title": None, "email": None, "phones": []})
        self.offers.append({
            "id": offer_id, "organization_id": org_id, "title": get["title"],
            "summary": get.get("summary"), "description": get.get("description"),
            "url": url, "email": get.get("email"), "status": "active",
            "min_age": values.get("min_age"), "max_age": values.get("max_age"),
            "pregnancy": bool(values.get("pregnancy")), "free": bool(values.get("free")),
            "cost": get.get("cost"), "cost_options": [],
            "application_process": get.get("application_process"),
            "languages": list(dict.fromkeys(languages)), "topics": list(dict.fromkeys(topics)),
            "target_groups": [], "life_phases": [], "location_ids": [location_id],
            "contacts": contacts, "phones": phones, "schedules": [],
            "assured_date": values.get("assured_date"),
            "last_modified": (values["last_modified"] + "T00:00:00Z"
                              if values.get("last_modified") else None),
            "translations": {}})


def import_table(source: Path, mapping: ColumnMapping, published_at: str) -> TableImport:
    """Read the whole list; the document is complete only when no row has a problem."""
    builder = _Builder(mapping)
    problems: list[Problem] = []
    rows = 0
    for line, cells in read_rows(source, mapping):
        rows += 1
        problems += [Problem(line, reason) for reason in builder.row(line, cells)]
    if rows == 0:
        problems.append(Problem(mapping.header_row + 1, "die Liste enthält keine Angebote"))
    document = {
        "format": "angebotslotse-directory", "format_version": 1,
        "directory_id": mapping.directory_id, "title": mapping.title,
        "published_at": published_at, "sequence": 0, "is_demo": False,
        "source_language": "de",
        "topics": [{"id": topic, "name": name, "parent_id": None, "translations": {}}
                   for topic, name in sorted(builder.topics.items())],
        "organizations": list(builder.organizations.values()),
        "locations": list(builder.locations.values()),
        "offers": builder.offers,
    }
    return TableImport(document, problems, rows)
