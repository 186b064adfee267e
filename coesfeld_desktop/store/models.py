"""The local SQLite schema, modelled on Open Referral HSDS 3.0.

Directory tables (replaced by imports and syncs) mirror HSDS: organization (provider),
service (offer), location, service_at_location, contact, phone, schedule, language,
taxonomy term (topic), cost option, accessibility. What HSDS lacks and counsellors need
is added: target groups, life phases, town/district, pregnancy as an age stage, and
translations of every text field.

User tables (saved lists, notes, settings) refer to offers by their stable string id
*without* a foreign key, so a sync that removes an offer never deletes a counsellor's
note; the UI marks such entries "no longer listed".
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from coesfeld_desktop.store.schema import USER_TABLES as _USER_TABLES


class Base(DeclarativeBase):
    pass


# --- directory metadata -----------------------------------------------------------------


class DirectoryInfo(Base):
    """One row: which directory is loaded and how old it is (the Datenstand)."""

    __tablename__ = "directory_info"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    directory_id: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(300))
    published_at: Mapped[dt.datetime] = mapped_column(DateTime)
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    source_language: Mapped[str] = mapped_column(String(20), default="de")
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime)


# --- directory records --------------------------------------------------------------------


class Organization(Base):
    """A provider (Träger)."""

    __tablename__ = "organization"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(String(300))
    website: Mapped[str | None] = mapped_column(String(500))

    offers: Mapped[list[Offer]] = relationship(back_populates="organization")
    phones: Mapped[list[Phone]] = relationship(
        back_populates="organization", cascade="all, delete-orphan"
    )


class Location(Base):
    """A place where offers happen (Standort)."""

    __tablename__ = "location"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    organization_id: Mapped[str | None] = mapped_column(ForeignKey("organization.id"))
    name: Mapped[str | None] = mapped_column(String(300))
    street: Mapped[str | None] = mapped_column(String(300))
    postcode: Mapped[str | None] = mapped_column(String(10))
    town: Mapped[str] = mapped_column(String(100), index=True)
    district: Mapped[str | None] = mapped_column(String(100))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    barrier_free: Mapped[bool] = mapped_column(Boolean, default=False)

    accessibility: Mapped[list[Accessibility]] = relationship(
        back_populates="location", cascade="all, delete-orphan"
    )


class Accessibility(Base):
    """HSDS accessibility: a described feature of a location (step-free access, lift, ...)."""

    __tablename__ = "accessibility"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    location_id: Mapped[str] = mapped_column(ForeignKey("location.id"), index=True)
    description: Mapped[str] = mapped_column(Text)

    location: Mapped[Location] = relationship(back_populates="accessibility")


class Topic(Base):
    """A taxonomy term (Thema)."""

    __tablename__ = "topic"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    parent_id: Mapped[str | None] = mapped_column(String(100))


class Offer(Base):
    """A support offer (HSDS service).

    ``pk`` is a compact integer key for the search index; ``id`` is the stable id from the
    central directory that everything else (sync, notes, handouts) uses.
    """

    __tablename__ = "offer"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(100), unique=True)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organization.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(String(500))
    email: Mapped[str | None] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(20), default="active")
    min_age: Mapped[int | None] = mapped_column(Integer)
    max_age: Mapped[int | None] = mapped_column(Integer)
    pregnancy: Mapped[bool] = mapped_column(Boolean, default=False)
    free: Mapped[bool] = mapped_column(Boolean, default=False)
    cost: Mapped[str | None] = mapped_column(Text)
    application_process: Mapped[str | None] = mapped_column(Text)
    assured_date: Mapped[dt.date | None] = mapped_column(Date)
    last_modified: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # HSDS service fields a counsellor reads before sending a family (schema version 6);
    # the two lists are JSON lists of texts (store.rows.text_list)
    eligibility_description: Mapped[str | None] = mapped_column(Text)
    required_documents: Mapped[str | None] = mapped_column(Text)
    service_areas: Mapped[str | None] = mapped_column(Text)
    interpretation_services: Mapped[str | None] = mapped_column(Text)
    alert: Mapped[str | None] = mapped_column(Text)
    wait_time: Mapped[str | None] = mapped_column(Text)
    # (ext) a person accompanies the family (Lotsen, Paten, Babylotsen ...): "begleitet
    # persönlich"; a server default because version 9 adds the column to filled tables
    accompanies: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    organization: Mapped[Organization] = relationship(back_populates="offers")
    locations: Mapped[list[Location]] = relationship(secondary="service_at_location")
    contacts: Mapped[list[Contact]] = relationship(
        back_populates="offer", cascade="all, delete-orphan", order_by="Contact.position"
    )
    phones: Mapped[list[Phone]] = relationship(
        back_populates="offer", cascade="all, delete-orphan"
    )
    schedules: Mapped[list[Schedule]] = relationship(
        back_populates="offer", cascade="all, delete-orphan", order_by="Schedule.position"
    )
    languages: Mapped[list[OfferLanguage]] = relationship(cascade="all, delete-orphan")
    topics: Mapped[list[Topic]] = relationship(secondary="offer_topic")
    target_groups: Mapped[list[OfferTargetGroup]] = relationship(cascade="all, delete-orphan")
    life_phases: Mapped[list[OfferLifePhase]] = relationship(cascade="all, delete-orphan")
    cost_options: Mapped[list[CostOption]] = relationship(cascade="all, delete-orphan")
    relations: Mapped[list[OfferRelation]] = relationship(
        cascade="all, delete-orphan", order_by="OfferRelation.position"
    )


class ServiceAtLocation(Base):
    __tablename__ = "service_at_location"

    offer_id: Mapped[str] = mapped_column(
        ForeignKey("offer.id", ondelete="CASCADE"), primary_key=True
    )
    location_id: Mapped[str] = mapped_column(ForeignKey("location.id"), primary_key=True)


class Contact(Base):
    """A named person to turn to (Ansprechperson)."""

    __tablename__ = "contact"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    offer_id: Mapped[str] = mapped_column(ForeignKey("offer.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(300))
    position: Mapped[int] = mapped_column(Integer, default=0)

    offer: Mapped[Offer] = relationship(back_populates="contacts")
    phones: Mapped[list[Phone]] = relationship(
        back_populates="contact", cascade="all, delete-orphan"
    )


class Phone(Base):
    """A phone number of an offer, a contact or a provider."""

    __tablename__ = "phone"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    offer_id: Mapped[str | None] = mapped_column(
        ForeignKey("offer.id", ondelete="CASCADE"), index=True
    )
    contact_id: Mapped[str | None] = mapped_column(
        ForeignKey("contact.id", ondelete="CASCADE"), index=True
    )
    organization_id: Mapped[str | None] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[str] = mapped_column(String(50))
    description: Mapped[str | None] = mapped_column(String(300))

    offer: Mapped[Offer | None] = relationship(back_populates="phones")
    contact: Mapped[Contact | None] = relationship(back_populates="phones")
    organization: Mapped[Organization | None] = relationship(back_populates="phones")


class Schedule(Base):
    """Opening hours or the dates of a course: an HSDS schedule (RFC 5545 rule fields).

    ``byday`` holds weekdays only (the weekday filter reads it); a monthly or yearly rule's
    ``2TU`` is ``rule_byday``. A rule with ``dtstart``/``valid_from`` and ``until``,
    ``count`` or ``valid_to`` has dates (``domain.course_dates``).
    """

    __tablename__ = "schedule"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    offer_id: Mapped[str] = mapped_column(ForeignKey("offer.id", ondelete="CASCADE"), index=True)
    location_id: Mapped[str | None] = mapped_column(String(100))
    byday: Mapped[str] = mapped_column(String(40))  # e.g. "MO,WE"
    opens_at: Mapped[str | None] = mapped_column(String(8))  # "09:00"
    closes_at: Mapped[str | None] = mapped_column(String(8))
    description: Mapped[str | None] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)
    freq: Mapped[str | None] = mapped_column(String(10))  # DAILY, WEEKLY, MONTHLY, YEARLY
    interval: Mapped[int | None] = mapped_column(Integer)
    rule_count: Mapped[int | None] = mapped_column(Integer)  # HSDS count (a tuple has .count)
    valid_from: Mapped[dt.date | None] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)
    dtstart: Mapped[dt.date | None] = mapped_column(Date)
    until: Mapped[dt.date | None] = mapped_column(Date)
    rule_byday: Mapped[str | None] = mapped_column(String(200))
    byweekno: Mapped[str | None] = mapped_column(String(200))
    bymonthday: Mapped[str | None] = mapped_column(String(200))
    byyearday: Mapped[str | None] = mapped_column(String(200))
    schedule_link: Mapped[str | None] = mapped_column(String(500))
    attending_type: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)

    offer: Mapped[Offer] = relationship(back_populates="schedules")


class OfferLanguage(Base):
    """A language an offer is delivered in (ISO 639 code)."""

    __tablename__ = "offer_language"

    offer_id: Mapped[str] = mapped_column(
        ForeignKey("offer.id", ondelete="CASCADE"), primary_key=True
    )
    language: Mapped[str] = mapped_column(String(20), primary_key=True)


class OfferTopic(Base):
    __tablename__ = "offer_topic"

    offer_id: Mapped[str] = mapped_column(
        ForeignKey("offer.id", ondelete="CASCADE"), primary_key=True
    )
    topic_id: Mapped[str] = mapped_column(ForeignKey("topic.id"), primary_key=True)


class OfferTargetGroup(Base):
    __tablename__ = "offer_target_group"

    offer_id: Mapped[str] = mapped_column(
        ForeignKey("offer.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(40), primary_key=True)


class OfferLifePhase(Base):
    __tablename__ = "offer_life_phase"

    offer_id: Mapped[str] = mapped_column(
        ForeignKey("offer.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(40), primary_key=True)


class CostOption(Base):
    """HSDS cost option: an amount and what it is for."""

    __tablename__ = "cost_option"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    offer_id: Mapped[str] = mapped_column(ForeignKey("offer.id", ondelete="CASCADE"), index=True)
    option: Mapped[str | None] = mapped_column(Text)
    amount: Mapped[float | None] = mapped_column(Float)
    currency: Mapped[str | None] = mapped_column(String(3))


class OfferRelation(Base):
    """(ext) Vernetzte Angebote: an offer names a follow-up offer ("danach", ``follow_up``)
    or a partner offer ("gemeinsam mit", ``partner``).

    ``related_id`` is the other offer's stable id without a foreign key: a relation to an
    offer that is not (or no longer) in the directory is kept and simply not shown.
    """

    __tablename__ = "offer_relation"

    offer_id: Mapped[str] = mapped_column(
        ForeignKey("offer.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    related_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Translation(Base):
    """A text field of a record in another language.

    ``machine_translated`` and ``outdated`` (older than the German text) are shown to the
    reader, on screen and on handouts.
    """

    __tablename__ = "translation"
    # no index of its own on (entity_type, entity_id): the primary key starts with both

    entity_type: Mapped[str] = mapped_column(String(20), primary_key=True)  # offer, topic, ...
    entity_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    field: Mapped[str] = mapped_column(String(40), primary_key=True)
    language: Mapped[str] = mapped_column(String(20), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    machine_translated: Mapped[bool] = mapped_column(Boolean, default=False)
    outdated: Mapped[bool] = mapped_column(Boolean, default=False)


# --- user data: never touched by import or sync ------------------------------------------


class SavedList(Base):
    """A Merkliste."""

    __tablename__ = "saved_list"
    __table_args__ = (UniqueConstraint("name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)

    entries: Mapped[list[SavedListEntry]] = relationship(
        cascade="all, delete-orphan", order_by="SavedListEntry.position"
    )


class SavedListEntry(Base):
    __tablename__ = "saved_list_entry"

    list_id: Mapped[int] = mapped_column(
        ForeignKey("saved_list.id", ondelete="CASCADE"), primary_key=True
    )
    offer_id: Mapped[str] = mapped_column(String(100), primary_key=True)  # no FK on purpose
    offer_title: Mapped[str] = mapped_column(String(300))  # kept for "no longer listed"
    position: Mapped[int] = mapped_column(Integer, default=0)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Note(Base):
    """A counsellor's own note on an offer (local only, never synced away)."""

    __tablename__ = "note"

    offer_id: Mapped[str] = mapped_column(String(100), primary_key=True)  # no FK on purpose
    offer_title: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Setting(Base):
    """A key/value setting stored with the data (centre name for handouts, sync source...)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


DIRECTORY_TABLES = (
    "directory_info", "organization", "location", "accessibility", "topic", "offer",
    "service_at_location", "contact", "phone", "schedule", "offer_language", "offer_topic",
    "offer_target_group", "offer_life_phase", "cost_option", "offer_relation", "translation",
)
USER_TABLES = _USER_TABLES  # defined Qt- and ORM-free in store/schema.py for start-up
