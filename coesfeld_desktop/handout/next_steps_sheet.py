"""The next-steps sheet („Ihre nächsten Schritte“): a family's next twelve months on paper,
in the family's language: per milestone the month (babel, the family's language), what to
do, the offers that help with their contact person and phone, the Lotse, and a QR code.

Why its own module: the offer handout (:mod:`.pdf`) lists offers; this sheet is organised
by time. It reuses that module's page (header, fonts, right-to-left mirroring, page
numbers) and is built to fit one A4 page for a typical family: one row per milestone, the
QR code of the step's first offer beside it.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, SimpleDocTemplate, Spacer, Table
from sqlalchemy.orm import Session

from coesfeld_desktop.domain.formatting import month_text
from coesfeld_desktop.domain.offer import OfferDetail
from coesfeld_desktop.domain.timeline import Month, NextStepsPlan, Person, Step
from coesfeld_desktop.handout import labels as L  # noqa: N812 - L.KEY reads like the label table
from coesfeld_desktop.handout.family_card import SCAN
from coesfeld_desktop.handout.fonts import LATIN, register_fonts

# the offer handout's page: header, styles, mirrored rows, "page X of Y"
from coesfeld_desktop.handout.pdf import (
    RULE,
    CentreHeader,
    HandoutContent,
    HandoutOptions,
    _header_table,
    _numbered_canvas,
    _Page,
    _table_style,
)
from coesfeld_desktop.handout.qr import qr_drawing, qr_target
from coesfeld_desktop.handout.text import ltr_embed
from coesfeld_desktop.i18n import N_
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.offers import directory_status, offer_details

TITLE = N_("Ihre nächsten Schritte")
CHILD = N_("Kind {number}")
BABY = N_("Ihr Baby")
NOW = N_("jetzt")
ABOUT = N_("etwa {month}")
ASK_DATE = N_("Den genauen Termin sagt Ihnen die Stadt.")
HELP = N_("Hier bekommen Sie Hilfe")
GUIDE = N_("Begleitung")
NEXT_STEPS_WORDS: tuple[str, ...] = (TITLE, CHILD, BABY, NOW, ABOUT, ASK_DATE, HELP, GUIDE)
"""Every string this module adds to the ``handout`` domain (the catalog test checks them)."""

QR_SIZE = 16 * mm


@dataclass(frozen=True)
class NextStepsSheet:
    """What the sheet prints: the plan, the offers in the family's language, the dates."""

    plan: NextStepsPlan
    offers: dict[str, OfferDetail]
    data_as_of: dt.date | None
    created: dt.date


def load_sheet(session: Session, plan: NextStepsPlan, language: str,
               today: dt.date | None = None) -> NextStepsSheet:
    """The plan's offers read in ``language`` (German where a text is missing)."""
    details = offer_details(session, plan.offer_ids(), language)
    status = directory_status(session)
    return NextStepsSheet(plan, {detail.id: detail for detail in details},
                          status.published_at.date() if status else None,
                          today or dt.date.today())


def person_text(person: Person, labels: L.Labels) -> str:
    if person.expected:
        return labels(BABY)
    return labels(CHILD, number=labels.digits(str(person.index + 1)))


def when_text(step: Step, labels: L.Labels) -> str:
    """``Oktober 2026``, ``jetzt`` (already due, still open), ``etwa Juni 2027``."""
    if step.month > step.due:
        return labels(NOW)
    month = labels.digits(month_text(step.month.year, step.month.month, labels.language))
    return labels(ABOUT, month=month) if step.approximate else month


def _offer_line(offer: OfferDetail, labels: L.Labels, rtl: bool) -> str:
    """``Title – Anna Beispiel, 02594 000-170`` (the first contact and number)."""
    contact = next(iter(offer.contacts), None)
    phone = next(iter([*offer.phones, *(p for c in offer.contacts for p in c.phones)]), None)
    reach = [contact.name if contact else "", ltr_embed(_unbroken(phone)) if phone else ""]
    who = ", ".join(part for part in reach if part)
    if rtl and who:
        who = ltr_embed(who)
    town = offer.places[0].town_and_district() if offer.places else ""
    if rtl and town:
        town = ltr_embed(town)
    title = offer.title.text + (f" ({town})" if town else "")
    return f"{title} – {who}" if who else title


def _todo(step: Step, labels: L.Labels) -> str:
    """What to do; where the town sets the date, that the town says it (the district has
    not confirmed a date for the whole Kreis)."""
    todo = step.milestone.todo.get(labels.language)
    return f"{todo} {labels(ASK_DATE)}" if step.milestone.confirm else todo


def _unbroken(text: str) -> str:
    """A phone number never breaks across lines."""
    return text.replace(" ", "\xa0").replace("-", "\u2011")


def _step_row(step: Step, sheet: NextStepsSheet, page: _Page, widths: Sequence[float]
              ) -> Table:
    labels, styles = page.labels, page.styles
    help_ = sheet.plan.help_for(step)
    milestone = step.milestone
    when = [page.para(when_text(step, labels), styles.body, is_bold=True),
            page.para(person_text(step.person, labels), styles.label)]
    text: list[Flowable] = [page.para(milestone.title.get(labels.language), styles.body,
                                      is_bold=True),
                            page.para(_todo(step, labels), styles.small)]
    note = milestone.note_for((sheet.plan.town,) if sheet.plan.town else ())
    if note is not None:
        text.append(page.para(note.get(labels.language), styles.small))
    guide = sheet.offers.get(help_.guide) if help_.guide else None
    # the best offer (and the Lotse): a row stays about as tall as its QR code, and a
    # typical family's year fits one page; the offer handout has the rest
    offers = [sheet.offers[oid] for oid in help_.offers if oid in sheet.offers][:1]
    if offers:
        lines = "\n".join(_offer_line(offer, labels, page.rtl) for offer in offers)
        text.append(page.para(f"{labels(HELP)}: {lines}", styles.small))
    if guide is not None:
        text.append(page.para(f"{labels(GUIDE)}: {_offer_line(guide, labels, page.rtl)}",
                              styles.small))
    qr: list[Flowable] = []
    first = offers[0] if offers else guide
    target = qr_target(first) if first is not None else None
    if target is not None:
        qr = [qr_drawing(target[1], QR_SIZE)]
    table = Table([page.row(when, text, qr)], colWidths=page.widths(*widths), splitInRow=0)
    table.setStyle(_table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ]))
    return table


def build_next_steps_pdf(sheet: NextStepsSheet, language: str,
                         centre: CentreHeader | None = None, large_print: bool = False
                         ) -> bytes:
    """The sheet as PDF bytes in ``language`` (any handout language, right to left too)."""
    register_fonts()
    page = _Page(HandoutOptions(language=language, large_print=large_print))
    labels, styles = page.labels, page.styles
    dates = HandoutContent(offers=(), data_as_of=sheet.data_as_of, created=sheet.created)
    header = _header_table(centre or CentreHeader(), dates, page)
    _, header_height = header.wrap(page.content_width, page.height)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=page.margin, rightMargin=page.margin,
        topMargin=10 * mm + header_height + 5 * mm, bottomMargin=16 * mm,
        title=labels(TITLE), author=(centre.name if centre else "") or "Angebotslotse",
        creator="Angebotslotse", lang=language, initialFontName=LATIN)
    qr_width = QR_SIZE + 6
    when_width = (34 if large_print else 23) * mm
    widths = (when_width, page.content_width - when_width - qr_width, qr_width)
    timeline = sheet.plan.timeline
    story: list[Flowable] = [page.para(labels(TITLE), styles.heading, is_bold=True)]
    first, last = timeline.start, timeline.end
    span = f"{_month(first, labels)} – {_month(last, labels)}"
    story.append(page.para(f"{span} · {labels(SCAN)}", styles.label))
    story.append(Spacer(1, 3))
    story.append(HRFlowable(width="100%", thickness=0.8, color=RULE, spaceAfter=0))
    story += [_step_row(step, sheet, page, widths) for step in timeline.steps]
    if not timeline.steps:
        story.append(page.para(labels(L.NO_OFFERS), styles.body))
    doc.build(story, canvasmaker=_numbered_canvas(page, header))
    return buffer.getvalue()


def _month(month: Month, labels: L.Labels) -> str:
    return labels.digits(month_text(month.year, month.month, labels.language))


def render_next_steps(database: Database, plan: NextStepsPlan, language: str,
                      centre: CentreHeader | None = None, today: dt.date | None = None,
                      large_print: bool = False) -> bytes:
    """Read the offers in a fresh session and build the sheet (safe on a worker thread)."""
    with database.session() as session:
        sheet = load_sheet(session, plan, language, today)
    return build_next_steps_pdf(sheet, language, centre, large_print)

