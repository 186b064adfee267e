"""The warm handover sheet ("Vermittlung"): per offer who to ask for, what to bring, whether
to call first, the appointment and the way there, in the family's language with German
beneath (for the office the family shows it to).

Why a sheet of its own beside the handout (``pdf``): a handout lists offers to choose from;
this sheet sends a family to one place with a date. It reuses the handout's page, header,
fact rows, QR codes and page breaking; it only decides what an offer's block holds. The
appointment comes from :class:`~coesfeld_desktop.domain.handover.HandoverEntry` objects in
memory and is printed only: nothing here writes anywhere but the returned bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, SimpleDocTemplate, Spacer, Table
from sqlalchemy.orm import Session

from coesfeld_desktop.domain.contact_card import map_link
from coesfeld_desktop.domain.handover import HandoverEntry
from coesfeld_desktop.domain.offer import OfferDetail
from coesfeld_desktop.handout import labels as L  # noqa: N812 - L.KEY reads like the label table
from coesfeld_desktop.handout.flow import OfferFlow, Part
from coesfeld_desktop.handout.fonts import LATIN, register_fonts
from coesfeld_desktop.handout.pdf import (
    FRAME_PADDING,
    GERMAN_BOX,
    RULE,
    SOURCE_LANGUAGE,
    CentreHeader,
    HandoutContent,
    HandoutOptions,
    Layout,
    _columns,
    _embedded,
    _fact_rows,
    _header_table,
    _hours_line,
    _label_width,
    _marked,
    _numbered_canvas,
    _Page,
    _phone,
    _table_style,
)
from coesfeld_desktop.handout.qr import qr_drawing
from coesfeld_desktop.handout.text import ltr_embed, paragraph
from coesfeld_desktop.progress import NO_PROGRESS, Progress
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.offers import directory_status, offer_details

APPOINTMENT_BOX = HexColor("#e9f2ec")  # the appointment stands out: it is why the sheet exists


@dataclass(frozen=True)
class HandoverOptions:
    language: str = SOURCE_LANGUAGE  # the family's language; German is printed beneath
    large_print: bool = False


@dataclass(frozen=True)
class HandoverItem:
    """One offer on the sheet: in the family's language, in German, and what was set."""

    offer: OfferDetail
    german: OfferDetail
    entry: HandoverEntry


@dataclass(frozen=True)
class HandoverContent:
    items: Sequence[HandoverItem]
    data_as_of: dt.date | None = None
    created: dt.date = field(default_factory=dt.date.today)


def load_handover(session: Session, entries: Sequence[HandoverEntry], language: str,
                  today: dt.date | None = None) -> HandoverContent:
    """The offers of ``entries`` (in their order; offers no longer listed are left out)."""
    ids = [entry.offer_id for entry in entries]
    offers = {offer.id: offer for offer in offer_details(session, ids, language)}
    german = ({offer.id: offer for offer in offer_details(session, ids, SOURCE_LANGUAGE)}
              if language != SOURCE_LANGUAGE else offers)
    status = directory_status(session)
    items = [HandoverItem(offers[entry.offer_id], german[entry.offer_id], entry)
             for entry in entries if entry.offer_id in offers]
    return HandoverContent(items, status.published_at.date() if status else None,
                           today or dt.date.today())


def render_handover(database: Database, entries: Sequence[HandoverEntry],
                    options: HandoverOptions, centre: CentreHeader | None = None,
                    progress: Progress = NO_PROGRESS, today: dt.date | None = None) -> bytes:
    """Read the offers in a fresh (read-only) session and build the sheet."""
    with database.session() as session:
        content = load_handover(session, entries, options.language, today)
    return build_handover_pdf(content, options, centre, progress)


# --- one offer's block -----------------------------------------------------------------------


def required_documents(offer: OfferDetail) -> tuple[str, ...]:
    """What to bring (HSDS ``required_documents``), as the directory holds it (German)."""
    return offer.service.required_documents


def appointment_text(entry: HandoverEntry, labels: L.Labels) -> str:
    """``Dienstag, 8. Dezember 2026, 10:30 Uhr`` in the sheet's language."""
    day = entry.appointment_date
    if day is None:
        return ""
    weekday = labels.weekday(("MO", "TU", "WE", "TH", "FR", "SA", "SU")[day.weekday()])
    if entry.appointment_time is None:
        return labels(L.APPOINTMENT_DAY, weekday=weekday, date=labels.date(day))
    return labels(L.APPOINTMENT_AT, weekday=weekday, date=labels.date(day),
                  time=labels.time(entry.appointment_time))


def _contact_rows(offer: OfferDetail, page: _Page, labels: L.Labels
                  ) -> list[tuple[str, str, bool]]:
    """The person to ask for (with their numbers), else the offer's own phone and e-mail."""
    rows: list[tuple[str, str, bool]] = []
    for contact in offer.contacts[:2]:
        value = _embedded(contact.name, page)
        if contact.role:
            value = _embedded(f"{contact.name} ({contact.role.text})", page)
        notes = dict(contact.phone_notes)
        value += "".join("\n" + _phone(number, notes, page) for number in contact.phones)
        if contact.email:
            value += "\n" + ltr_embed(contact.email)
        rows.append((labels(L.YOUR_CONTACT), value, False))
    if offer.phones and not any(contact.phones for contact in offer.contacts):
        notes = dict(offer.phone_notes)
        rows.append((labels(L.PHONE), "\n".join(_phone(n, notes, page) for n in offer.phones),
                     not notes))
    if offer.email and not any(contact.email for contact in offer.contacts):
        rows.append((labels(L.EMAIL), offer.email, True))
    return rows


def _rows(item: HandoverItem, offer: OfferDetail, page: _Page, labels: L.Labels
          ) -> list[tuple[str, str, bool]]:
    """The block's facts in the order a family needs them on the way."""
    entry = item.entry
    rows: list[tuple[str, str, bool]] = []
    if entry.call_first:
        numbers = [number for contact in offer.contacts for number in contact.phones]
        numbers = list(dict.fromkeys([*offer.phones, *numbers]))[:2]
        text = labels(L.CALL_FIRST_TEXT)
        rows.append((labels(L.CALL_FIRST),
                     "\n".join([text, *(ltr_embed(number) for number in numbers)]), False))
    rows += _contact_rows(offer, page, labels)
    documents = required_documents(offer)
    if documents:
        mark = f" ({labels(L.MARK_GERMAN)})" if labels.language != SOURCE_LANGUAGE else ""
        rows.append((labels(L.BRING), "\n".join(f"• {text}" for text in documents) + mark,
                     False))
    places = [f"{place.name}\n{place.one_line()}" if place.name else place.one_line()
              for place in offer.places]
    if places:
        rows.append((labels(L.WAY), "\n".join(dict.fromkeys(places)), False))
    if offer.opening_hours:
        rows.append((labels(L.HOURS), "\n".join(_hours_line(hours, labels)
                                                 for hours in offer.opening_hours), False))
    if offer.application_process and not entry.has_appointment:
        rows.append((labels(L.APPLY), _marked(offer.application_process, labels), False))
    return rows


def _map_qr(offer: OfferDetail, page: _Page) -> list[Flowable]:
    """A QR code of the place on OpenStreetMap (the way there), with its caption."""
    place = next((p for p in offer.places
                  if p.latitude is not None and p.longitude is not None), None)
    if place is None or place.latitude is None or place.longitude is None:
        return []
    return [qr_drawing(map_link(place.latitude, place.longitude), page.qr_size),
            paragraph(page.labels(L.QR_WAY), page.styles.small, page.direction, page.family,
                      alignment=TA_CENTER)]


def _appointment_box(item: HandoverItem, page: _Page, width: float) -> list[Part]:
    """The appointment, large, in the family's language (German is in the box beneath)."""
    when = appointment_text(item.entry, page.labels)
    if not when:
        return []
    label = page.para(page.labels(L.APPOINTMENT), page.styles.label, is_bold=True)
    text = page.para(when, page.styles.title, is_bold=True)
    box = Table([[[label, text]]], colWidths=[width], splitInRow=1)
    box.setStyle(_table_style([("BACKGROUND", (0, 0), (-1, -1), APPOINTMENT_BOX),
                               ("LEFTPADDING", (0, 0), (-1, -1), 6),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                               ("TOPPADDING", (0, 0), (-1, -1), 4),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    return [Part(box, keep_with_next=True), Part(Spacer(1, 4), keep_with_next=True)]


def _german_box(item: HandoverItem, page: _Page, width: float) -> list[Part]:
    """The same block in German, for the office the family shows the sheet to."""
    german = item.german
    labels = page.german
    title = paragraph(f"{labels(L.IN_GERMAN)}: {german.title.text}", page.styles.body, "LTR",
                      LATIN, is_bold=True)
    block: list[Flowable] = [title]
    when = appointment_text(item.entry, labels)
    if when:
        block.append(paragraph(f"{labels(L.APPOINTMENT)}: {when}", page.styles.body, "LTR",
                               LATIN, is_bold=True))
    rows = _rows(item, german, page, labels)
    inner = width - 12
    label_width = _label_width([name for name, _, _ in rows], page, inner)
    block += _fact_rows(rows, page, inner, labels, label_width)
    box = Table([[block]], colWidths=[width], splitInRow=1)
    box.setStyle(_table_style([("BACKGROUND", (0, 0), (-1, -1), GERMAN_BOX),
                               ("LEFTPADDING", (0, 0), (-1, -1), 6),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                               ("TOPPADDING", (0, 0), (-1, -1), 3),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    return [Part(Spacer(1, 4), keep_with_next=True), Part(box, splittable=True)]


def _item_parts(item: HandoverItem, page: _Page) -> list[Part]:
    width = page.content_width
    offer = item.offer
    qr = _map_qr(offer, page)
    qr_width = page.qr_size + 12 if qr else 0
    head: list[Flowable] = [page.para(offer.title.text, page.styles.title, is_bold=True),
                            page.para(offer.provider, page.styles.label)]
    if page.options.language != SOURCE_LANGUAGE and offer.title.text != item.german.title.text:
        head.insert(1, paragraph(item.german.title.text, page.styles.small, "LTR", LATIN,
                                 alignment=TA_RIGHT if page.rtl else TA_LEFT))
    qr_align = ("ALIGN", (0, 0), (0, 0), "LEFT") if page.rtl else (
        "ALIGN", (-1, 0), (-1, 0), "RIGHT")
    rows = _rows(item, offer, page, page.labels)
    text_width = width - qr_width
    label_width = _label_width([name for name, _, _ in rows], page, text_width)
    facts = _fact_rows(rows, page, text_width, label_width=label_width)
    column: list[Flowable] = [*head, Spacer(1, 3)]
    appointment = _appointment_box(item, page, width)
    if qr and not appointment:  # the first facts beside the QR code, not a gap
        qr_height = sum(flowable.wrap(qr_width, page.height)[1] for flowable in qr)
        used = sum(flowable.wrap(text_width, page.height)[1] for flowable in column)
        while facts and used < qr_height:
            used += facts[0].wrap(text_width, page.height)[1]
            column.append(facts.pop(0))
    top = _columns(page, [column, qr], [text_width, qr_width] if qr else [width], [qr_align])
    parts = [Part(top, keep_with_next=True, titled=True)]
    parts += appointment
    parts += [Part(row) for row in facts]
    if page.options.language != SOURCE_LANGUAGE:
        parts += _german_box(item, page, width)
    rule = HRFlowable(width="100%", thickness=0.6, color=RULE, spaceBefore=0, spaceAfter=0)
    parts += [Part(Spacer(1, 4), trailing=True), Part(rule, trailing=True),
              Part(Spacer(1, 8), trailing=True)]
    return parts


def build_handover_pdf(content: HandoverContent, options: HandoverOptions,
                       centre: CentreHeader | None = None,
                       progress: Progress = NO_PROGRESS) -> bytes:
    """The sheet as PDF bytes; one step per offer, ``Cancelled`` on cancel."""
    register_fonts()
    centre = centre or CentreHeader()
    page = _Page(HandoutOptions(options.language, Layout.BENEATH, options.large_print))
    header = _header_table(centre, HandoutContent((), (), content.data_as_of, content.created),
                           page)
    _, header_height = header.wrap(page.content_width, page.height)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=page.margin, rightMargin=page.margin,
        topMargin=10 * mm + header_height + 6 * mm, bottomMargin=18 * mm,
        title=page.labels(L.HANDOVER_TITLE), author=centre.name or "Angebotslotse",
        creator="Angebotslotse", lang=options.language, initialFontName=LATIN)
    page.frame_height = doc.height - 2 * FRAME_PADDING
    styles = page.styles
    lead = [Part(page.para(page.labels(L.HANDOVER_TITLE), styles.heading, is_bold=True),
                 keep_with_next=True)]
    if options.language != SOURCE_LANGUAGE:
        lead.append(Part(paragraph(page.german(L.HANDOVER_TITLE), styles.body, "LTR", LATIN,
                                   alignment=TA_RIGHT if page.rtl else TA_LEFT),
                         keep_with_next=True))
    lead.append(Part(page.para(page.labels(L.HANDOVER_INTRO), styles.body),
                     keep_with_next=True))
    lead.append(Part(Spacer(1, 6), keep_with_next=True))
    story: list[Flowable] = []
    total = len(content.items)
    if not total:
        lead.append(Part(page.para(page.labels(L.NO_OFFERS), styles.body)))
        story.append(OfferFlow(lead, page.frame_height))
    for index, item in enumerate(content.items):
        progress.step(index, total + 1, item.offer.title.text)
        parts = _item_parts(item, page)
        story.append(OfferFlow(lead + parts if index == 0 else parts, page.frame_height))
    progress.step(total, total + 1, "PDF")
    doc.build(story, canvasmaker=_numbered_canvas(page, header))
    progress.step(total + 1, total + 1, "")
    return buffer.getvalue()
