"""Convert an Open Referral HSDS 3.0 dataset, as vendors really deliver it, into our directory
document, with one report of everything that was changed, dropped or skipped.

Reading the many input shapes is :mod:`hsds_read`, normalising single values
:mod:`hsds_values`. Here each service becomes one offer (with its provider, locations and
topics): child records without ids get stable ids, a 0-EUR cost option sets ``free``, a phone
number too long for the field keeps the number and moves its note to the description, and a
schedule narrowed beyond its weekdays keeps those limits as text. What cannot be kept is
listed in :class:`ImportReport`: one note per dropped value; a record that does not fit the
export format is skipped whole (with its name and line) or, with ``strict``, refuses the
import. Never half a record.

HSDS allows one record (a phone, a contact, a schedule) to be shared by several owners; our
store gives each row one owner, so a repeated id gets a stable owner suffix.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coesfeld_desktop.domain.vocabulary import OFFER_RELATION_FIELDS
from coesfeld_desktop.sync.hsds_read import LINE_KEY, HsdsImportError, read_hsds_source
from coesfeld_desktop.sync.hsds_values import (
    ACCOMPANIES_TERM,
    RELATION_TERMS,
    date_of,
    datetime_of,
    ids_of,
    language_code,
    marker_term,
    number_of,
    split_phone,
    stable_id,
    text_of,
    time_of,
    true_of,
    weekdays_of,
)
from coesfeld_desktop.sync.schema import record_checkers

PHONE_CHARS = 50  # the export's phone number field
_FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
__all__ = ["HsdsImport", "HsdsImportError", "ImportReport", "Note", "import_hsds",
           "language_code", "services_to_document"]


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
        candidate = record_id if record_id not in seen else stable_id(record_id, owner)
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
            number = text_of(phone.get("number"))
            if not number:
                self.drop(f"phone {index} without a number dropped")
                continue
            phone_id = self.ids.take("phone", str(phone.get("id") or stable_id(
                owner, "phone", str(index))), owner)
            if phone_id is None:
                continue
            number = number.strip('"')
            description = text_of(phone.get("description"))
            if phone.get("extension") not in (None, ""):
                number = f"{number} ext. {phone['extension']}"
            if len(number) > PHONE_CHARS:
                number, note = split_phone(number)
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
            raw_id = str(item.get("id") or stable_id(owner, "schedule",
                                                      location_id or "", str(index)))
            if raw_id in seen:
                continue
            seen.add(raw_id)
            freq = (text_of(item.get("freq")) or "WEEKLY").upper()
            if freq not in _FREQUENCIES:
                self.drop(f"schedule {raw_id}: the frequency {freq[:20]!r} is unknown; dropped")
                continue
            # the weekday facet and the "open on" filter read byday as weekdays: only a weekly
            # (or daily) rule's byday is that; a monthly "2TU" goes into the text
            byday = self.value(weekdays_of, item.get("byday"), "weekdays") or "" \
                if freq in ("WEEKLY", "DAILY") else ""
            limits = self._schedule_limits(item, freq)
            description = text_of(item.get("description"))
            if limits:
                description = f"{limits}. {description}" if description else limits
                self.drop(f"schedule {raw_id}: {limits} (kept as rule fields, and as text for "
                          "desks that show weekdays only)")
            record: dict[str, Any] = {
                "id": self.ids.take("schedule", raw_id, owner),
                "byday": byday,
                "opens_at": self.value(time_of, item.get("opens_at"), "opening time"),
                "closes_at": self.value(time_of, item.get("closes_at"), "closing time"),
                "description": description,
                "location_id": location_id or text_of(item.get("location_id")),
                "freq": freq,
            }
            for key in ("valid_from", "valid_to", "dtstart", "until"):
                record[key] = self.value(date_of, item.get(key), key.replace("_", " "))
            for key in ("interval", "count"):
                number = self.value(number_of, item.get(key), key)
                record[key] = int(number) if number is not None and number >= 1 else None
            for key in ("byweekno", "bymonthday", "byyearday"):
                record[key] = (text_of(item.get(key)) or "")[:200] or None
            # a monthly or yearly rule's byday ("2TU", "-1FR"): kept as given for the dates
            record["rule_byday"] = (text_of(item.get("byday")) or "").upper()[:200] or None \
                if freq in ("MONTHLY", "YEARLY") else None
            record["schedule_link"] = (text_of(item.get("schedule_link")) or "")[:500] or None
            record["attending_type"] = text_of(item.get("attending_type"))
            record["notes"] = text_of(item.get("notes"))
            result.append(record)
        return result

    @staticmethod
    def _schedule_limits(item: Mapping[str, Any], freq: str) -> str:
        """What narrows a schedule beyond its weekdays, as German text (desks that know
        weekdays and times only show this in the description)."""
        parts = []
        if freq != "WEEKLY":
            rhythm = {"DAILY": "täglich", "MONTHLY": "monatlich", "YEARLY": "jährlich"}[freq]
            rule = text_of(item.get("byday"))
            parts.append(f"{rhythm} ({rule})" if rule and freq != "DAILY" else rhythm)
        start = text_of(item.get("valid_from")) or text_of(item.get("dtstart"))
        end = text_of(item.get("valid_to")) or text_of(item.get("until"))
        if start or end:
            parts.append(f"gültig {'ab ' + start if start else ''}"
                         f"{' ' if start and end else ''}{'bis ' + end if end else ''}")
        if text_of(item.get("byweekno")):
            parts.append(f"nur in den Kalenderwochen {item['byweekno']}")
        if text_of(item.get("bymonthday")):
            parts.append(f"nur an den Monatstagen {item['bymonthday']}")
        interval = text_of(item.get("interval"))
        if interval and interval not in ("1", "1.0"):
            parts.append(f"jede {interval}. Woche")
        if text_of(item.get("count")):
            parts.append(f"{item['count']} Termine")
        return "; ".join(parts)

    @staticmethod
    def _texts(items: Any, key: str) -> list[str]:
        """HSDS lists of objects (``required_documents[].document``, ``service_areas[].name``)
        or of plain strings, as a list of texts."""
        if isinstance(items, str):
            items = [items]
        found = []
        for item in items or ():
            value = text_of(item.get(key) or item.get("description")) \
                if isinstance(item, Mapping) else text_of(item)
            if value:
                found.append(value[:2000])
        return list(dict.fromkeys(found))

    def contacts(self, contacts: Iterable[Any] | None, owner: str,
                 seen: set[str]) -> list[dict[str, Any]]:
        result = []
        for index, contact in enumerate(contacts or (), 1):
            if not isinstance(contact, Mapping):
                continue
            raw_id = str(contact.get("id") or stable_id(owner, "contact", str(index)))
            if raw_id in seen:
                continue
            seen.add(raw_id)
            contact_id = self.ids.take("contact", raw_id, owner)
            if contact_id is None:
                continue
            result.append({
                "id": contact_id, "name": text_of(contact.get("name")) or "-",
                "title": text_of(contact.get("title")), "email": text_of(contact.get("email")),
                "phones": self.phones(contact.get("phones"), contact_id)})
        return result

    def languages(self, languages: Iterable[Any] | None) -> list[str]:
        codes = []
        for language in languages or ():
            if isinstance(language, Mapping):
                raw = text_of(language.get("code")) or text_of(language.get("name"))
            else:
                raw = text_of(language)
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
            cost_id = self.ids.take("cost_option", str(cost.get("id") or stable_id(
                owner, "cost", str(index))), owner)
            amount = self.value(number_of, cost.get("amount"), "amount")
            text = " ".join(p for p in (text_of(cost.get("option")),
                                        text_of(cost.get("amount_description"))) if p) or None
            result.append({"id": cost_id, "option": text, "amount": amount,
                           "currency": (text_of(cost.get("currency")) or "")[:3].upper() or None})
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
            self._record = ("organization", org_id, text_of(org.get("name")) or "",
                            str(org.get(LINE_KEY) or where))
            record: dict[str, Any] = {
                "id": org_id, "name": text_of(org.get("name")) or org_id,
                "description": text_of(org.get("description")), "email": text_of(org.get("email")),
                "website": text_of(org.get("website")),
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
        self._record = ("location", loc_id, text_of(loc.get("name")) or "",
                        str(loc.get(LINE_KEY) or ""))
        addresses = [a for a in loc.get("addresses") or () if isinstance(a, Mapping)]
        address = next((a for a in addresses if a.get("address_type") in (None, "physical")),
                       None) or next(iter(addresses), None) or {}
        lat = self.value(number_of, loc.get("latitude"), "latitude")
        lon = self.value(number_of, loc.get("longitude"), "longitude")
        if (lat is not None and not -90 <= lat <= 90) or \
                (lon is not None and not -180 <= lon <= 180):
            self.drop(f"coordinates {lat}, {lon} out of range dropped")
            lat = lon = None
        org_id = text_of(loc.get("organization_id"))
        record = {
            "id": loc_id, "organization_id": org_id, "name": text_of(loc.get("name")),
            "street": text_of(address.get("address_1")),
            "postcode": (text_of(address.get("postal_code")) or "")[:10] or None,
            "town": text_of(address.get("city")) or "unbekannt",
            "district": text_of(address.get("address_2")),
            "latitude": lat, "longitude": lon, "barrier_free": False,
            "accessibility": [
                {"id": self.ids.take("accessibility", str(a.get("id") or stable_id(
                    loc_id, "access", str(n))), loc_id),
                 "description": " ".join(p for p in (text_of(a.get("description")),
                                                     text_of(a.get("details"))) if p) or "-"}
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
        """The topic of an ordinary taxonomy term (our marker terms are no topics)."""
        if not term or not term.get("id") or marker_term(dict(term)) is not None:
            return None
        term_id = str(term["id"])
        if term_id not in self.topics:
            record: dict[str, Any] = {"id": term_id,
                                      "name": text_of(term.get("name")) or term_id,
                      "parent_id": text_of(term.get("parent_id"))}
            self.check("topic", record)
            self.topics[term_id] = record
        return term_id

    def service(self, service: Mapping[str, Any]) -> None:
        where = str(service.get(LINE_KEY) or "")
        name = text_of(service.get("name")) or ""
        raw_id = text_of(service.get("id"))
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
        attributes = [a for a in service.get("attributes") or () if isinstance(a, Mapping)]
        topics = [t for t in (self.topic(a.get("taxonomy_term")) for a in attributes) if t]
        accompanies, related = self.marks(attributes, offer_id)
        status = service.get("status")
        if status not in (None, "active", "inactive", "defunct", "temporarily closed"):
            self.drop(f"status {str(status)[:40]!r} unknown: taken as active")
        ages = [self.value(number_of, service.get(key), key.replace("_", " "))
                for key in ("minimum_age", "maximum_age")]
        ages = [None if a is None else int(a) for a in ages]
        for index, age in enumerate(ages):
            if age is not None and not 0 <= age <= 150:
                self.drop(f"age {age} out of range dropped")
                ages[index] = None
        offer = {
            "id": offer_id, "organization_id": org_id, "title": name,
            "summary": text_of(service.get("alternate_name")),
            "description": text_of(service.get("description")),
            "url": text_of(service.get("url")), "email": text_of(service.get("email")),
            "status": status if status in ("active", "inactive", "defunct",
                                           "temporarily closed") else "active",
            "min_age": ages[0], "max_age": ages[1],
            "pregnancy": False, "accompanies": accompanies,
            **{OFFER_RELATION_FIELDS[kind]: ids for kind, ids in related.items()},
            "free": free, "cost": text_of(service.get("fees_description")),
            "cost_options": costs,
            "application_process": text_of(service.get("application_process")),
            "languages": self.languages(service.get("languages")),
            "topics": list(dict.fromkeys(topics)), "target_groups": [], "life_phases": [],
            "location_ids": list(dict.fromkeys(location_ids)), "contacts": contacts,
            "phones": phones, "schedules": schedules,
            "eligibility_description": text_of(service.get("eligibility_description")),
            "required_documents": self._texts(service.get("required_documents"), "document"),
            "service_areas": self._texts(service.get("service_areas"), "name"),
            "interpretation_services": text_of(service.get("interpretation_services")),
            "alert": text_of(service.get("alert")),
            "wait_time": text_of(service.get("wait_time")),
            "assured_date": self.value(date_of, service.get("assured_date"), "assured date"),
            "last_modified": self.value(datetime_of, service.get("last_modified"),
                                        "last modified"),
            "translations": {},
        }
        self.check("offer", offer)
        return offer

    def marks(self, attributes: Iterable[Mapping[str, Any]], offer_id: str
              ) -> tuple[bool, dict[str, list[str]]]:
        """Our extensions among a service's attributes (see ``hsds_values.marker_term``):
        whether it accompanies in person, and the services it names by relation kind."""
        accompanies = False
        related: dict[str, list[str]] = {kind: [] for kind in OFFER_RELATION_FIELDS}
        for attribute in attributes:
            term = attribute.get("taxonomy_term")
            if not isinstance(term, Mapping):  # a bare taxonomy_term_id names the term too
                term = {"id": attribute.get("taxonomy_term_id")}
            marker = marker_term(dict(term))
            if marker == ACCOMPANIES_TERM:
                accompanies = accompanies or true_of(attribute.get("value"))
            elif marker is not None:
                found = ids_of(attribute.get("value"))
                if not found:
                    self.drop(f"'{marker}' attribute without a service id in its value dropped")
                related[RELATION_TERMS[marker]] += [i for i in found if i != offer_id]
        return accompanies, {kind: list(dict.fromkeys(ids))
                             for kind, ids in related.items() if ids}

    def finish(self) -> None:
        for offer in self.offers.values():  # only now is every service known
            for key in OFFER_RELATION_FIELDS.values():
                named = offer.get(key)
                if not named:
                    continue
                missing = [i for i in named if i not in self.offers]
                if missing:
                    self._record = ("service", offer["id"], offer["title"], "")
                    self.drop(f"{key}: {', '.join(missing)[:200]} not among the imported "
                              "services; dropped")
                    offer[key] = [i for i in named if i in self.offers]
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
