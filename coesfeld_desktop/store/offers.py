"""Read offers out of the store as display-ready domain objects in one language.

Why here and not in the views: the UI, the handouts and the command line all need the
same "every fact, German fallback flagged" view of an offer; one reader serves them all.
Result rows are read apart, with plain SQL (:mod:`.summaries`), which this module shares
the translation fallback and the schedule rules with.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from coesfeld_desktop.domain.offer import (
    ContactPerson,
    DirectoryStatus,
    LocalizedText,
    OfferDetail,
    Place,
    RelatedOffer,
    ServiceFacts,
)
from coesfeld_desktop.store import models as m
from coesfeld_desktop.store.rows import text_list
from coesfeld_desktop.store.summaries import SOURCE_LANGUAGE, Translations, opening_hours


class TranslationLookup(Translations):
    """Translations of many records in one language, fetched in one query per kind."""

    def __init__(self, session: Session, language: str, entities: Iterable[tuple[str, str]]):
        super().__init__(language)
        if language == SOURCE_LANGUAGE:
            return
        wanted: dict[str, set[str]] = defaultdict(set)
        for entity_type, entity_id in entities:
            wanted[entity_type].add(entity_id)
        for entity_type, ids in wanted.items():
            stmt = select(m.Translation).where(
                m.Translation.entity_type == entity_type,
                m.Translation.entity_id.in_(ids),
                m.Translation.language == language,
            )
            for row in session.scalars(stmt):
                self.add(row.entity_type, row.entity_id, row.field,
                         (row.text, row.machine_translated, row.outdated))


def _load_offers(session: Session, offer_ids: Sequence[str], with_related: bool = True
                 ) -> list[m.Offer]:
    stmt = (
        select(m.Offer)
        .where(m.Offer.id.in_(offer_ids))
        .options(
            selectinload(m.Offer.organization),
            selectinload(m.Offer.locations).selectinload(m.Location.accessibility),
            selectinload(m.Offer.contacts).selectinload(m.Contact.phones),
            selectinload(m.Offer.phones),
            selectinload(m.Offer.schedules),
            selectinload(m.Offer.languages),
            selectinload(m.Offer.topics),
            selectinload(m.Offer.target_groups),
            selectinload(m.Offer.life_phases),
        )
    )
    if with_related:
        stmt = stmt.options(selectinload(m.Offer.relations))
    by_id = {offer.id: offer for offer in session.scalars(stmt)}
    return [by_id[offer_id] for offer_id in offer_ids if offer_id in by_id]


def _entities(offers: Sequence[m.Offer]) -> Iterable[tuple[str, str]]:
    for offer in offers:
        yield "offer", offer.id
        yield "organization", offer.organization_id
        for topic in offer.topics:
            yield "topic", topic.id
        for schedule in offer.schedules:
            yield "schedule", schedule.id
        for contact in offer.contacts:
            yield "contact", contact.id
        for location in offer.locations:
            yield "location", location.id
            for item in location.accessibility:
                yield "accessibility", item.id


def offer_details(session: Session, offer_ids: Sequence[str], language: str = SOURCE_LANGUAGE,
                  with_related: bool = True) -> list[OfferDetail]:
    """Details of several offers in ``language``, in the order asked; unknown ids are skipped.

    ``with_related=False`` leaves out the offers they name (result rows do not show them).
    """
    offers = _load_offers(session, offer_ids, with_related)
    tr = TranslationLookup(session, language, _entities(offers))
    related = _related_offers(session, offers, language) if with_related else {}
    return [_detail(offer, tr, related) for offer in offers]


def _related_offers(session: Session, offers: Sequence[m.Offer], language: str
                    ) -> dict[tuple[str, str], RelatedOffer]:
    """The offers named by relations of ``offers`` that are listed and active, by (kind,
    id): a relation to an offer that is missing or inactive is not shown."""
    wanted = {(relation.kind, relation.related_id)
              for offer in offers for relation in offer.relations}
    if not wanted:
        return {}
    ids = sorted({related_id for _kind, related_id in wanted})
    stmt = (select(m.Offer).where(m.Offer.id.in_(ids), m.Offer.status == "active")
            .options(selectinload(m.Offer.organization), selectinload(m.Offer.locations)))
    found = {offer.id: offer for offer in session.scalars(stmt)}
    tr = TranslationLookup(session, language, [
        *(("offer", offer_id) for offer_id in found),
        *(("organization", offer.organization_id) for offer in found.values())])
    result = {}
    for kind, related_id in wanted:
        other = found.get(related_id)
        if other is None:
            continue
        result[(kind, related_id)] = RelatedOffer(
            kind, other.id, tr.plain("offer", other.id, "title", other.title),
            tr.plain("organization", other.organization_id, "name", other.organization.name),
            tuple(dict.fromkeys(location.town for location in other.locations)))
    return result


def offer_detail(session: Session, offer_id: str, language: str = SOURCE_LANGUAGE
                 ) -> OfferDetail | None:
    found = offer_details(session, [offer_id], language)
    return found[0] if found else None


def _phone_notes(tr: TranslationLookup, phones: Iterable[m.Phone]
                 ) -> tuple[tuple[str, LocalizedText], ...]:
    """(number, what it is for) for the numbers whose record says what they are for."""
    notes = []
    for phone in phones:
        note = tr.text("phone", phone.id, "description", phone.description)
        if note is not None:
            notes.append((phone.number, note))
    return tuple(notes)


def _detail(offer: m.Offer, tr: TranslationLookup,
            related: Mapping[tuple[str, str], RelatedOffer]) -> OfferDetail:
    places = tuple(
        Place(
            name=tr.plain("location", loc.id, "name", loc.name) if loc.name else None,
            street=loc.street, postcode=loc.postcode, town=loc.town, district=loc.district,
            latitude=loc.latitude, longitude=loc.longitude, barrier_free=loc.barrier_free,
            accessibility=tuple(
                text for item in loc.accessibility
                if (text := tr.text("accessibility", item.id, "description", item.description))
            ),
        )
        for loc in offer.locations
    )
    contacts = tuple(
        ContactPerson(
            name=contact.name,
            role=tr.text("contact", contact.id, "title", contact.title),
            email=contact.email,
            phones=tuple(phone.number for phone in contact.phones),
            phone_notes=_phone_notes(tr, contact.phones),
        )
        for contact in offer.contacts
    )
    hours = tuple(opening_hours(s, tr) for s in offer.schedules)
    service = ServiceFacts(
        eligibility=tr.text("offer", offer.id, "eligibility_description",
                            offer.eligibility_description),
        required_documents=text_list(offer.required_documents),
        service_areas=text_list(offer.service_areas),
        interpretation=tr.text("offer", offer.id, "interpretation_services",
                               offer.interpretation_services),
        alert=tr.text("offer", offer.id, "alert", offer.alert),
        wait_time=tr.text("offer", offer.id, "wait_time", offer.wait_time),
    )
    title = tr.text("offer", offer.id, "title", offer.title)
    assert title is not None  # title is required by the loader
    return OfferDetail(
        id=offer.id,
        title=title,
        summary=tr.text("offer", offer.id, "summary", offer.summary),
        description=tr.text("offer", offer.id, "description", offer.description),
        provider=tr.plain("organization", offer.organization_id, "name", offer.organization.name),
        provider_id=offer.organization_id,
        provider_website=offer.organization.website,
        places=places,
        contacts=contacts,
        phones=tuple(phone.number for phone in offer.phones),
        phone_notes=_phone_notes(tr, offer.phones),
        email=offer.email,
        url=offer.url,
        opening_hours=hours,
        min_age=offer.min_age,
        max_age=offer.max_age,
        pregnancy=offer.pregnancy,
        free=offer.free,
        cost=tr.text("offer", offer.id, "cost", offer.cost),
        application_process=tr.text("offer", offer.id, "application_process",
                                    offer.application_process),
        languages=tuple(sorted(lang.language for lang in offer.languages)),
        topics=tuple(tr.plain("topic", t.id, "name", t.name) for t in offer.topics),
        topic_ids=tuple(t.id for t in offer.topics),
        target_groups=tuple(g.code for g in offer.target_groups),
        life_phases=tuple(p.code for p in offer.life_phases),
        assured_date=offer.assured_date,
        last_modified=offer.last_modified,
        barrier_free=any(place.barrier_free for place in places),
        towns=tuple(dict.fromkeys(place.town for place in places)),
        accompanies=offer.accompanies,
        related=tuple(found for relation in offer.relations  # ordered by position
                      if (found := related.get((relation.kind, relation.related_id))))
        if related else (),  # (no lazy load of relations that were not asked for)
        service=service,
    )


def directory_status(session: Session) -> DirectoryStatus | None:
    """The loaded directory's Datenstand, or None when the store is empty."""
    info = session.get(m.DirectoryInfo, 1)
    if info is None:
        return None
    count = session.scalar(select(func.count()).select_from(m.Offer)) or 0
    return DirectoryStatus(info.directory_id, info.title, info.published_at, info.sequence,
                           info.is_demo, count)


def topic_names(session: Session, language: str = SOURCE_LANGUAGE) -> dict[str, str]:
    """Topic id → name in ``language`` (German fallback), sorted by name, for filter lists."""
    topics = list(session.scalars(select(m.Topic)))
    tr = TranslationLookup(session, language, (("topic", t.id) for t in topics))
    names = {t.id: tr.plain("topic", t.id, "name", t.name) for t in topics}
    return dict(sorted(names.items(), key=lambda item: item[1].casefold()))


def offer_languages(session: Session) -> list[str]:
    """Every language some offer is given in, for the language filter."""
    stmt = select(m.OfferLanguage.language).distinct().order_by(m.OfferLanguage.language)
    return list(session.scalars(stmt))
