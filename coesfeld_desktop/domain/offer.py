"""What the UI, the handouts and the command line show about an offer.

Plain frozen dataclasses, already resolved into one display language (with the German
fallback flagged), so that views and PDF code never touch the database or SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from coesfeld_desktop.domain.audience import for_parents
from coesfeld_desktop.domain.course_dates import ScheduleRule


@dataclass(frozen=True)
class LocalizedText:
    """A text in the requested language, or the German original when none exists."""

    text: str
    language: str
    is_fallback: bool = False  # German shown because the requested language is missing
    machine_translated: bool = False
    outdated: bool = False  # translation older than the German text


@dataclass(frozen=True)
class Place:
    name: str | None
    street: str | None
    postcode: str | None
    town: str
    district: str | None
    latitude: float | None
    longitude: float | None
    barrier_free: bool
    accessibility: tuple[LocalizedText, ...] = ()

    def town_and_district(self) -> str:
        """``Dülmen-Hiddingsel``: the town, and the Ortsteil when it differs."""
        if self.district and self.district != self.town:
            return f"{self.town}-{self.district}"
        return self.town

    def one_line(self) -> str:
        """``Street 1, 48653 Coesfeld-Lette`` style address."""
        place = " ".join(part for part in (self.postcode, self.town_and_district()) if part)
        return ", ".join(part for part in (self.street, place) if part)


@dataclass(frozen=True)
class ContactPerson:
    name: str
    role: LocalizedText | None
    email: str | None
    phones: tuple[str, ...] = ()
    # what a number is for ("Terminvereinbarung"), for the numbers that say so
    phone_notes: tuple[tuple[str, LocalizedText], ...] = ()


@dataclass(frozen=True)
class OpeningHours:
    """One schedule line: weekdays (``MO``…``SU``) with times; with a dated ``rule`` the
    dates of a course or event (``domain.course_dates``)."""

    weekdays: tuple[str, ...]
    opens_at: dt.time | None
    closes_at: dt.time | None
    note: LocalizedText | None = None
    rule: ScheduleRule | None = None  # None: weekly opening hours without dates
    link: str | None = None  # HSDS schedule_link: where to sign up or read more
    attending: LocalizedText | None = None  # HSDS attending_type ("in person", "online")
    notes: LocalizedText | None = None  # HSDS notes


@dataclass(frozen=True)
class RelatedOffer:
    """An offer this one names (Vernetzte Angebote), enough for a link that selects it."""

    kind: str  # "follow_up" ("danach") or "partner" ("gemeinsam mit"), see vocabulary
    id: str
    title: str  # in the display language (German if not translated)
    provider: str
    towns: tuple[str, ...] = ()


@dataclass(frozen=True)
class OfferDetail:
    """Every fact about one offer, in one display language."""

    id: str
    title: LocalizedText
    summary: LocalizedText | None
    description: LocalizedText | None
    provider: str
    provider_id: str
    provider_website: str | None
    places: tuple[Place, ...]
    contacts: tuple[ContactPerson, ...]
    phones: tuple[str, ...]
    email: str | None
    url: str | None
    opening_hours: tuple[OpeningHours, ...]
    min_age: int | None
    max_age: int | None
    pregnancy: bool
    free: bool
    cost: LocalizedText | None
    application_process: LocalizedText | None
    languages: tuple[str, ...]
    topics: tuple[str, ...]  # topic names in the display language
    topic_ids: tuple[str, ...]
    target_groups: tuple[str, ...]  # codes, see domain.vocabulary
    life_phases: tuple[str, ...]
    assured_date: dt.date | None
    last_modified: dt.datetime | None
    barrier_free: bool = False
    towns: tuple[str, ...] = field(default=())
    # what a number is for ("Terminvereinbarung"), for the numbers that say so
    phone_notes: tuple[tuple[str, LocalizedText], ...] = field(default=())
    accompanies: bool = False  # a person goes along with the family ("begleitet persönlich")
    related: tuple[RelatedOffer, ...] = ()  # listed offers it names, in the given order
    service: ServiceFacts = field(default_factory=lambda: ServiceFacts())

    def related_of(self, kind: str) -> tuple[RelatedOffer, ...]:
        return tuple(other for other in self.related if other.kind == kind)

    @property
    def for_parents(self) -> bool:
        """Meant for the parents, not a child of some age (kept under an age filter)."""
        return for_parents(self.min_age, self.max_age, self.pregnancy, self.target_groups)


@dataclass(frozen=True)
class ServiceFacts:
    """What to know before sending a family (HSDS service fields): who may come, what to
    bring, where from, interpreting, an alert, the wait."""

    eligibility: LocalizedText | None = None
    required_documents: tuple[str, ...] = ()
    service_areas: tuple[str, ...] = ()
    interpretation: LocalizedText | None = None
    alert: LocalizedText | None = None
    wait_time: LocalizedText | None = None

    def __bool__(self) -> bool:
        return any((self.eligibility, self.required_documents, self.service_areas,
                    self.interpretation, self.alert, self.wait_time))


@dataclass(frozen=True)
class OfferSummary:
    """One row of a result list: small, cheap, enough to decide whether to look closer."""

    id: str
    title: str
    provider: str
    towns: tuple[str, ...]
    min_age: int | None
    max_age: int | None
    pregnancy: bool
    languages: tuple[str, ...]
    topics: tuple[str, ...]
    free: bool
    barrier_free: bool
    distance_km: float | None = None
    places: tuple[str, ...] = ()  # "Dülmen-Hiddingsel": town and Ortsteil of each location
    phone: str | None = None  # the first number to call (the offer's, else a contact's)
    cost: str | None = None  # the cost text in the display language
    opening_hours: tuple[OpeningHours, ...] = ()
    target_groups: tuple[str, ...] = ()  # codes, see domain.vocabulary
    life_phases: tuple[str, ...] = ()
    accompanies: bool = False  # "begleitet persönlich" badge
    assured_date: dt.date | None = None  # "zuletzt geprüft" (HSDS assured_date)
    machine_translated: bool = False  # the shown texts were translated by a machine
    translation_outdated: bool = False  # ... or are older than the German text

    @property
    def for_parents(self) -> bool:
        """Meant for the parents, not a child of some age: the "für Eltern" badge."""
        return for_parents(self.min_age, self.max_age, self.pregnancy, self.target_groups)

    def where(self) -> tuple[str, ...]:
        """Town and Ortsteil of each location, else the towns (an offer without a place)."""
        return self.places or self.towns


@dataclass(frozen=True)
class DirectoryStatus:
    """The Datenstand shown in the status bar."""

    directory_id: str
    title: str
    published_at: dt.datetime
    sequence: int
    is_demo: bool
    offer_count: int


def age_range_text(min_age: int | None, max_age: int | None) -> str:
    """A compact, language-neutral age range such as ``0–3``, ``14+`` or ``0``.

    A missing lower bound starts at birth; a range that is one year is one number.
    """
    if min_age is None and max_age is None:
        return ""
    if max_age is None:
        return f"{min_age}+"
    low = 0 if min_age is None else min_age
    return str(low) if low == max_age else f"{low}–{max_age}"
