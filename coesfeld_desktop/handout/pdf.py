"""Build a handout PDF from display-ready offers: reportlab, no Qt.

Why reportlab and not Qt's printing: the command line and tests build handouts without a
GUI, the output is the same on every machine (fonts embedded), and layout stays in
Python. Right-to-left handouts mirror the page: label columns, QR codes and the header
swap sides, and RTL paragraphs are shaped, reordered and right-aligned (see ``text``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Image,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from coesfeld_desktop.domain.freshness import DEFAULT_STALE_MONTHS, is_stale
from coesfeld_desktop.domain.helpline import Helpline
from coesfeld_desktop.domain.offer import LocalizedText, OfferDetail, OpeningHours
from coesfeld_desktop.handout import labels as L  # noqa: N812 - L.KEY reads like the label table
from coesfeld_desktop.handout.dates import course_date_lines
from coesfeld_desktop.handout.flow import OfferFlow, Part
from coesfeld_desktop.handout.fonts import LATIN, family_for_language, register_fonts

# the sheet's options live apart (reading the history needs no reportlab); here as before
from coesfeld_desktop.handout.options import SOURCE_LANGUAGE as SOURCE_LANGUAGE
from coesfeld_desktop.handout.options import HandoutOptions as HandoutOptions
from coesfeld_desktop.handout.options import Layout as Layout
from coesfeld_desktop.handout.qr import qr_drawing, qr_target
from coesfeld_desktop.handout.text import (
    has_rtl,
    ltr_embed,
    paragraph,
    text_width,
    wrap_long_words,
)
from coesfeld_desktop.progress import NO_PROGRESS, Progress

log = logging.getLogger(__name__)
# Binary (Flate-compressed) streams instead of ASCII85 text: smaller files, and reportlab's
# pure-Python ASCII85 encoder was a tenth of the build time.
rl_config.useA85 = 0

EASY_LANGUAGE = "de-x-easy"  # Leichte Sprache
SOURCE_LANGUAGE_FREE = "kostenfrei"  # German sources say "free" in two ways
MUTED = colors.HexColor("#555555")
WARN = colors.HexColor("#9a4a00")
RULE = colors.HexColor("#9aa7b0")
GERMAN_BOX = colors.HexColor("#f2f4f5")
CRISIS_BOX = colors.HexColor("#fff4e5")  # the window's "Hilfe in Notlagen" colours
CRISIS_EDGE = colors.HexColor("#e0a84f")
FRAME_PADDING = 6.0  # reportlab's default Frame padding


@dataclass(frozen=True)
class CentreHeader:
    """The counselling centre printed at the top of each page (from settings)."""

    name: str = ""
    address: str = ""
    phone: str = ""
    logo_path: Path | None = None

    @classmethod
    def from_settings(cls, get: Callable[[str, str], str]) -> CentreHeader:
        logo = get("centre.logo_path", "")
        return cls(name=get("centre.name", ""), address=get("centre.address", ""),
                   phone=get("centre.phone", ""), logo_path=Path(logo) if logo else None)


@dataclass(frozen=True)
class HandoutContent:
    """What a handout shows: offers in the handout language (and in German when bilingual)."""

    offers: Sequence[OfferDetail]
    german: Sequence[OfferDetail] = ()
    data_as_of: dt.date | None = None
    created: dt.date = field(default_factory=dt.date.today)
    stale_months: int = DEFAULT_STALE_MONTHS  # "zuletzt geprüft" older than this is marked


# --- styles ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Styles:
    scale: float
    floor: float = 0.0  # smallest type: Leichte Sprache asks for 14 pt throughout

    def _style(self, name: str, size: float, color: Any = colors.black,
               leading: float = 1.28, floor: float = 1.0, **extra: Any) -> ParagraphStyle:
        size = max(size * self.scale, self.floor * floor)
        return ParagraphStyle(name, fontName=LATIN, fontSize=size, leading=size * leading,
                              textColor=color, **extra)

    @property
    def body(self) -> ParagraphStyle:
        return self._style("body", 10)

    @property
    def label(self) -> ParagraphStyle:
        return self._style("label", 9, MUTED)

    @property
    def small(self) -> ParagraphStyle:
        return self._style("small", 8, MUTED)

    @property
    def warn(self) -> ParagraphStyle:
        return self._style("warn", 8.5, WARN)

    @property
    def title(self) -> ParagraphStyle:
        return self._style("title", 13, leading=1.35, spaceAfter=2)

    @property
    def heading(self) -> ParagraphStyle:
        return self._style("heading", 17, leading=1.3, spaceAfter=4)

    @property
    def header(self) -> ParagraphStyle:
        # the page header (centre, dates) is no reading text: smaller in Leichte Sprache too
        return self._style("header", 8.5, MUTED, leading=1.35, floor=0.75)


class _Page:
    """Geometry and direction of one handout."""

    def __init__(self, options: HandoutOptions, today: dt.date | None = None,
                 stale_months: int = DEFAULT_STALE_MONTHS) -> None:
        self.options = options
        self.today = today or dt.date.today()
        self.stale_months = stale_months
        self.labels = L.Labels(options.language)
        self.german = L.Labels(SOURCE_LANGUAGE)
        self.rtl = self.labels.rtl
        self.direction = "RTL" if self.rtl else "LTR"
        self.family = family_for_language(options.language)
        easy = options.language == EASY_LANGUAGE
        # Leichte Sprache reads at 14 pt or more (17 pt in large print), headings above that
        scale = (1.7 if options.large_print else 1.4) if easy else (
            1.4 if options.large_print else 1.0)
        self.styles = _Styles(scale, floor=(17.0 if options.large_print else 14.0)
                              if easy else 0.0)
        self.width, self.height = A4
        self.margin = 16 * mm
        # platypus frames keep 6 pt padding inside the margins; content uses what is left
        self.content_width = self.width - 2 * self.margin - 2 * FRAME_PADDING
        large = options.large_print or easy
        self.qr_size = (30 if large else 24) * mm
        self.label_width = (56 if large else 40) * mm  # at most; measured per sheet
        self.frame_height = 0.0  # set once the document's frame is known

    def para(self, text: str, style: ParagraphStyle, is_bold: bool = False,
             direction: str | None = None) -> Flowable:
        return paragraph(text, style, direction or self.direction, self.family, is_bold)

    def row(self, *cells: Any) -> list[Any]:
        """A table row in reading order, mirrored on RTL pages."""
        return list(reversed(cells)) if self.rtl else list(cells)

    def widths(self, *widths: float) -> list[float]:
        return list(reversed(widths)) if self.rtl else list(widths)


def _table_style(commands: list[tuple[Any, ...]]) -> TableStyle:
    """A table style whose cell font is ours (reportlab's default names Helvetica)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), LATIN), *commands])


# --- offer facts --------------------------------------------------------------------------


def _marked(text: LocalizedText, labels: L.Labels) -> str:
    """``text`` with a short note in the handout language when it is German (a fallback),
    machine-translated or older than the German text: ``Nur mit Termin (nur auf Deutsch)``.

    Why a marker after the text and not a line of its own: a fact row (hours, cost, a
    contact) may hold several such texts, and a sentence under each would crowd the page.
    """
    return f"{text.text}{_mark(text, labels)}"


def _mark(text: LocalizedText, labels: L.Labels) -> str:
    """Just the marker of :func:`_marked`, with its leading space (or ``""``)."""
    marks = []
    if text.is_fallback:
        marks.append(labels(L.MARK_GERMAN))
    if text.machine_translated:
        marks.append(labels(L.MARK_MACHINE))
    if text.outdated:
        marks.append(labels(L.MARK_OUTDATED))
    return f" ({labels.join(marks)})" if marks else ""


def _hours_line(hours: OpeningHours, labels: L.Labels) -> str:
    days = labels.join([labels.weekday(day) for day in hours.weekdays])
    if hours.opens_at and hours.closes_at:
        times = f"{labels.time(hours.opens_at)}–{labels.time(hours.closes_at)}"
        if labels.rtl:  # left to right like its numbers: bidi alone prints "17:00–15:00"
            times = ltr_embed(times)
    elif hours.opens_at:
        times = labels.time(hours.opens_at)
    else:
        times = "" if hours.note else labels(L.BY_APPOINTMENT)
    text = ": ".join(part for part in (days, times) if part)
    if hours.note:
        note = hours.note
        text = f"{text} ({note.text}){_mark(note, labels)}" if text else _marked(note, labels)
    return text


def _says_free(cost: LocalizedText, labels: L.Labels) -> bool:
    """Whether a cost text only says "free" (compared without its marker and case):
    printing it after our own "kostenlos" would say it twice."""
    said = cost.text.strip().rstrip(".").casefold()
    return said in {labels(L.FREE).strip().rstrip(".").casefold(), "kostenlos",
                    SOURCE_LANGUAGE_FREE}


def _dependent_facts(offer: OfferDetail, labels: L.Labels, today: dt.date | None = None
                     ) -> list[tuple[str, str]]:
    """Facts whose wording depends on the language: a course's dates (from ``today``, the
    sheet's date), hours, cost, age, languages, access."""
    facts: list[tuple[str, str]] = []
    dates = course_date_lines(offer, labels, today or dt.date.today())
    if dates:
        facts.append((labels(L.DATES), dates))
    if offer.opening_hours:
        facts.append((labels(L.HOURS), "\n".join(_hours_line(h, labels)
                                                  for h in offer.opening_hours)))
    cost = []
    if offer.free:
        cost.append(labels(L.FREE))
    if offer.cost and not _says_free(offer.cost, labels):
        cost.append(_marked(offer.cost, labels))
    if cost:
        facts.append((labels(L.COST), " – ".join(dict.fromkeys(cost))))
    age = labels.age(offer.min_age, offer.max_age, offer.pregnancy)
    if age:
        facts.append((labels(L.AGE), age))
    if offer.languages:
        facts.append((labels(L.LANGUAGES),
                      labels.join([labels.language_name(code) for code in offer.languages])))
    if offer.application_process:
        facts.append((labels(L.APPLY), _marked(offer.application_process, labels)))
    access = [_marked(text, labels) for place in offer.places for text in place.accessibility]
    if offer.barrier_free and not access:
        access.append(labels(L.BARRIER_FREE))
    if access:
        facts.append((labels(L.ACCESSIBILITY), "; ".join(dict.fromkeys(access))))
    return facts


def _neutral_facts(offer: OfferDetail, page: _Page) -> list[tuple[str, str, bool]]:
    """Provider, address, contacts, phone, e-mail, web: (label, value, keep left-to-right).

    On bilingual sheets each label carries the German word too (``Adresse``), beneath the
    family-language label when both would not fit on one line of the label column.
    """
    def label(message: str) -> str:
        text = page.labels(message)
        german = page.german(message)
        if page.options.bilingual and text != german:
            return f"{text} · {german}"
        return text

    facts: list[tuple[str, str, bool]] = [(label(L.PROVIDER), offer.provider, False)]
    addresses = []
    for place in offer.places:
        line = place.one_line()
        addresses.append(f"{place.name}, {line}" if place.name else line)
    if addresses:
        facts.append((label(L.ADDRESS), "\n".join(dict.fromkeys(addresses)), False))
    for contact in offer.contacts:
        value = _embedded(contact.name, page)
        if contact.role:
            role = _embedded(f"{contact.name} ({contact.role.text})", page)
            value = f"{role}{_mark(contact.role, page.labels)}"
        notes = dict(contact.phone_notes)
        extras = [_phone(number, notes, page) for number in contact.phones]
        extras += [ltr_embed(contact.email)] if contact.email else []
        if extras:
            value += "\n" + "\n".join(extras)
        facts.append((label(L.CONTACT), value, False))
    if offer.phones:
        notes = dict(offer.phone_notes)
        numbers = [_phone(number, notes, page) for number in offer.phones]
        facts.append((label(L.PHONE), "\n".join(numbers), not notes))
    if offer.email:
        facts.append((label(L.EMAIL), offer.email, True))
    web = offer.url or offer.provider_website
    if web:
        facts.append((label(L.WEB), web, True))
    if offer.assured_date:
        checked = page.labels.date(offer.assured_date)
        if is_stale(offer.assured_date, page.today, page.stale_months):
            checked += " – " + page.labels(L.CHECKED_LONG_AGO)
        facts.append((label(L.CHECKED), checked, False))
    return facts


def _phone(number: str, notes: dict[str, LocalizedText], page: _Page) -> str:
    """A number with what it is for: ``02541 18-5300 (Terminvereinbarung)``."""
    note = notes.get(number)
    if note is None:
        return ltr_embed(number)
    if page.rtl and not has_rtl(note.text):
        # One left-to-right run: the note's parentheses stay with it, not with the digits.
        return f"{ltr_embed(f'{number} ({note.text})')}{_mark(note, page.labels)}"
    return f"{ltr_embed(number)} ({note.text}){_mark(note, page.labels)}"


def _embedded(text: str, page: _Page) -> str:
    """Latin ``text`` (a name, a German role) kept left-to-right inside a right-to-left
    line, so that its parentheses stay with it: ``(Sergej Wagner (Stillberatung``."""
    return ltr_embed(text) if page.rtl and not has_rtl(text) else text


def _label_width(labels: Sequence[str], page: _Page, width: float) -> float:
    """The label column: each label on one line where the limit allows, a bilingual label
    that would not fit on two (family language above German)."""
    size = page.styles.label.fontSize
    limit = min(page.label_width, width * 0.4)
    needed = 0.0
    for text in labels:
        whole = text_width(text, page.family, True, size)
        if whole + 6 > limit:
            whole = max(text_width(line, page.family, True, size)
                        for line in _label_lines(text))
        needed = max(needed, whole)
    return float(min(max(needed + 6, 18 * mm), limit))


def _label_lines(label: str) -> list[str]:
    """A bilingual label ``مثال · Beispiel`` may stand on two lines; a plain one on one."""
    return label.split(" · ") if " · " in label else [label]


def _label_cell(label: str, page: _Page, width: float, direction: str) -> Flowable:
    size = page.styles.label.fontSize
    if text_width(label, page.family, True, size) > width - 5:
        label = "\n".join(_label_lines(label))
    return paragraph(label, page.styles.label, direction, page.family, is_bold=True)


def _fact_rows(rows: list[tuple[str, str, bool]], page: _Page, width: float,
               labels: L.Labels | None = None, label_width: float | None = None
               ) -> list[Flowable]:
    """One table per fact (label | value), so that a page breaks between facts only."""
    styles = page.styles
    direction = "RTL" if (labels or page.labels).rtl else "LTR"
    mirrored = direction == "RTL"
    if label_width is None:
        label_width = _label_width([name for name, _, _ in rows], page, width)
    widths = [label_width, width - label_width]
    flowables: list[Flowable] = []
    for name, value, keep_ltr in rows:
        label_cell = _label_cell(name, page, label_width, direction)
        value_style = styles.body
        if keep_ltr:  # a long URL wraps after "/" (or "-", "."), not mid-word
            value = wrap_long_words(value, width - label_width - 5, LATIN, value_style.fontSize)
            value_cell = paragraph(value, value_style, "LTR", LATIN,
                                   alignment=TA_RIGHT if mirrored else TA_LEFT)
        else:
            value_cell = paragraph(value, value_style, direction, page.family)
        cells = [label_cell, value_cell]
        table = Table([list(reversed(cells)) if mirrored else cells],
                      colWidths=list(reversed(widths)) if mirrored else widths, splitInRow=1)
        table.setStyle(_table_style([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]))
        flowables.append(table)
    return flowables


def _text_notes(texts: Sequence[LocalizedText | None], labels: L.Labels) -> list[str]:
    present = [text for text in texts if text is not None]
    notes = []
    if any(text.is_fallback for text in present):
        notes.append(labels(L.ONLY_GERMAN))
    if any(text.machine_translated for text in present):
        notes.append(labels(L.MACHINE))
    if any(text.outdated for text in present):
        notes.append(labels(L.OUTDATED))
    return notes


def _head(offer: OfferDetail, page: _Page, labels: L.Labels,
          title_style: ParagraphStyle | None = None) -> list[Flowable]:
    """Title, notes about the texts and the summary, in one language."""
    styles = page.styles
    direction = "RTL" if labels.rtl else "LTR"
    family = family_for_language(labels.language)
    summary = offer.summary or offer.description
    flow: list[Flowable] = [paragraph(offer.title.text, title_style or styles.title, direction,
                                      family, is_bold=True)]
    for note in _text_notes((offer.title, summary), labels):
        flow.append(paragraph(note, styles.warn, direction, family))
    if summary:
        flow.append(Spacer(1, 2))
        flow.append(paragraph(summary.text, styles.body, direction, family))
    return flow


def _dependent_rows(offer: OfferDetail, labels: L.Labels, today: dt.date
                   ) -> list[tuple[str, str, bool]]:
    return [(name, value, False) for name, value in _dependent_facts(offer, labels, today)]


def _qr_cell(offer: OfferDetail, page: _Page) -> list[Flowable]:
    target = qr_target(offer)
    if target is None:
        return []
    kind, data = target
    caption = page.labels({"contact": L.QR_CONTACT, "web": L.QR_WEB}.get(kind, L.QR_MAP))
    return [qr_drawing(data, page.qr_size),
            paragraph(caption, page.styles.small, page.direction, page.family,
                      alignment=TA_CENTER)]


_PLAIN = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
          ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
          ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]


def _columns(page: _Page, cells: list[Any], widths: list[float],
             extra: Sequence[tuple[Any, ...]] = ()) -> Table:
    """Cells side by side in reading order (mirrored on RTL pages), no padding."""
    table = Table([page.row(*cells)], colWidths=page.widths(*widths), splitInRow=1)
    table.setStyle(_table_style([*_PLAIN, *extra]))
    return table


def _already_german(offer: OfferDetail) -> bool:
    summary = offer.summary or offer.description
    return offer.title.is_fallback and (summary is None or summary.is_fallback)


def _offer_parts(offer: OfferDetail, german: OfferDetail | None, page: _Page) -> list[Part]:
    """An offer as parts a page may break between (see :mod:`flow`)."""
    width = page.content_width
    qr = _qr_cell(offer, page)
    qr_width = page.qr_size + 12 if qr else 0
    # the QR code keeps to the outer edge of its column, away from the text
    qr_align = ("ALIGN", (0, 0), (0, 0), "LEFT") if page.rtl else (
        "ALIGN", (-1, 0), (-1, 0), "RIGHT")
    if german is not None and _already_german(offer):
        german = None  # the family text is the German fallback: no second German copy
    layout = page.options.layout if german is not None else Layout.SINGLE
    parts: list[Part] = []
    neutral = _neutral_facts(offer, page)
    if layout is Layout.SIDE_BY_SIDE and german is not None:
        gap = 14.0
        column = (width - qr_width - gap) / 2
        cells = [_head(offer, page, page.labels), "", _head(german, page, page.german)]
        widths = [column, gap, column]
        head = _columns(page, [*cells, qr] if qr else cells,
                        [*widths, qr_width] if qr else widths, [qr_align])
        parts.append(Part(head, keep_with_next=True, splittable=True, titled=True))
        family_rows = _dependent_rows(offer, page.labels, page.today)
        german_rows = _dependent_rows(german, page.german, page.today)
        label_width = _label_width([n for n, _, _ in family_rows + german_rows], page,
                                   (width - gap) / 2)
        pair_column = (width - gap) / 2
        family_cells = _fact_rows(family_rows, page, pair_column, page.labels, label_width)
        german_cells = _fact_rows(german_rows, page, pair_column, page.german, label_width)
        for index in range(max(len(family_cells), len(german_cells))):
            cells = [family_cells[index] if index < len(family_cells) else "", "",
                     german_cells[index] if index < len(german_cells) else ""]
            parts.append(Part(_columns(page, cells, [pair_column, gap, pair_column])))
        rows = neutral
    else:
        rows = _dependent_rows(offer, page.labels, page.today) + neutral
    label_width = _label_width([name for name, _, _ in rows], page, width)
    if layout is not Layout.SIDE_BY_SIDE or german is None:
        # the QR code stands beside the title, the summary and the first facts; the facts
        # below it use the full width
        text = _head(offer, page, page.labels)
        text_width_ = width - qr_width
        qr_height = sum(flowable.wrap(qr_width, page.height)[1] for flowable in qr)
        used = sum(flowable.wrap(text_width_, page.height)[1] for flowable in text)
        beside = 0
        if qr:
            text.append(Spacer(1, 3))
            for row in _fact_rows(rows, page, text_width_, label_width=label_width):
                if used >= qr_height:
                    break
                text.append(row)
                used += row.wrap(text_width_, page.height)[1]
                beside += 1
        head = _columns(page, [text, qr], [text_width_, qr_width] if qr else [width],
                        [qr_align])
        parts.append(Part(head, keep_with_next=True, splittable=True, titled=True))
        rows = rows[beside:]
    if rows:
        parts.append(Part(Spacer(1, 3)))
        parts += [Part(row) for row in _fact_rows(rows, page, width, label_width=label_width)]
    if layout is Layout.BENEATH and german is not None:
        parts += _german_box(german, page, width)
    rule = HRFlowable(width="100%", thickness=0.6, color=RULE, spaceBefore=0, spaceAfter=0)
    parts += [Part(Spacer(1, 3), trailing=True), Part(rule, trailing=True),
              Part(Spacer(1, 6), trailing=True)]
    return parts


def _german_box(german: OfferDetail, page: _Page, width: float) -> list[Part]:
    """The German texts beneath an offer: title and summary, then the facts run in."""
    styles = page.styles
    title_style = ParagraphStyle("german-title", parent=styles.body)
    title = paragraph(f"{page.german(L.IN_GERMAN)}: {german.title.text}", title_style, "LTR",
                      LATIN, is_bold=True)
    facts = "  ·  ".join(f"{name}: {value.replace(chr(10), '; ')}"
                         for name, value in _dependent_facts(german, page.german,
                                                             page.today))
    block: list[Flowable] = [title, *_head(german, page, page.german)[1:]]
    if facts:
        block += [Spacer(1, 2), paragraph(facts, styles.small, "LTR", LATIN)]
    box = Table([[block]], colWidths=[width], splitInRow=1)
    box.setStyle(_table_style([("BACKGROUND", (0, 0), (-1, -1), GERMAN_BOX),
                               ("LEFTPADDING", (0, 0), (-1, -1), 6),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                               ("TOPPADDING", (0, 0), (-1, -1), 3),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    return [Part(Spacer(1, 3), keep_with_next=True), Part(box, splittable=True)]


def _crisis_box(helplines: Sequence[Helpline], page: _Page) -> Flowable:
    """"Hilfe in Notlagen": each helpline's number (left to right, the start side) and
    its name and note in the handout language (German beneath on bilingual sheets)."""
    styles = page.styles
    numbers = [ltr_embed(line.number) for line in helplines]
    size = styles.body.fontSize
    number_width = max(text_width(number, LATIN, True, size) for number in numbers) + 10
    text_width_ = page.content_width - 12 - number_width
    rows = []
    for line, number in zip(helplines, numbers, strict=True):
        text = _helpline_text(line, page.labels)
        cell = [page.para(text, styles.body)]
        german = _helpline_text(line, page.german)
        if page.options.bilingual and german != text:
            cell.append(paragraph(german, styles.small, "LTR", LATIN,
                                  alignment=TA_RIGHT if page.rtl else TA_LEFT))
        rows.append(page.row(paragraph(number, styles.body, "LTR", LATIN, is_bold=True,
                                       alignment=TA_RIGHT if page.rtl else TA_LEFT), cell))
    lines = Table(rows, colWidths=page.widths(number_width, text_width_))
    lines.setStyle(_table_style([*_PLAIN, ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]))
    title = page.para(page.labels(L.CRISIS), styles.title, is_bold=True)
    box = Table([[[title, Spacer(1, 2), lines]]], colWidths=[page.content_width])
    box.setStyle(_table_style([("BACKGROUND", (0, 0), (-1, -1), CRISIS_BOX),
                               ("BOX", (0, 0), (-1, -1), 0.8, CRISIS_EDGE),
                               ("LEFTPADDING", (0, 0), (-1, -1), 6),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                               ("TOPPADDING", (0, 0), (-1, -1), 4),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    return box


def _helpline_text(line: Helpline, labels: L.Labels) -> str:
    """``Hilfetelefon Gewalt gegen Frauen – rund um die Uhr``, in ``labels``' language (a
    line the district added and nobody translated stays German)."""
    name = labels(line.name)
    return f"{name} – {labels(line.note)}" if line.note else name


def _continued(offer: OfferDetail, page: _Page) -> Callable[[], list[Part]]:
    """The repeated title over an offer's continuation: ``Titel (Fortsetzung)``."""
    def parts() -> list[Part]:
        text = f"{_embedded(offer.title.text, page)} ({page.labels(L.CONTINUED)})"
        title = page.para(text, page.styles.title, is_bold=True)
        return [Part(title, keep_with_next=True, titled=True)]
    return parts


# --- page header and footer --------------------------------------------------------------


def _header_table(centre: CentreHeader, content: HandoutContent, page: _Page) -> Flowable:
    styles = page.styles
    near = TA_RIGHT if page.rtl else TA_LEFT
    far = TA_LEFT if page.rtl else TA_RIGHT
    lines: list[Flowable] = []
    if centre.name:
        lines.append(paragraph(centre.name, styles.body, page.direction, LATIN, is_bold=True,
                               alignment=near))
    for text in (centre.address, centre.phone):
        if text:
            lines.append(paragraph(text, styles.header, page.direction, LATIN, alignment=near))
    dates = [page.labels(L.CREATED, date=page.labels.date(content.created))]
    if content.data_as_of:
        dates.append(page.labels(L.DATA_AS_OF, date=page.labels.date(content.data_as_of)))
    date_cells = [paragraph(text, styles.header, page.direction, page.family, alignment=far)
                  for text in dates]
    logo: list[Flowable] = []
    if centre.logo_path and centre.logo_path.is_file():
        try:
            image = Image(str(centre.logo_path))
            ratio = min(24 * mm / image.imageWidth, 16 * mm / image.imageHeight)
            image.drawWidth, image.drawHeight = image.imageWidth * ratio, image.imageHeight * ratio
            logo = [image]
        except Exception:  # a broken logo must not stop the handout
            log.warning("centre logo %s could not be read", centre.logo_path, exc_info=True)
    logo_width = 26 * mm if logo else 0
    dates_width = (80 if page.options.large_print or page.styles.floor else 62) * mm
    widths = [logo_width, page.content_width - logo_width - dates_width, dates_width]
    table = Table([page.row(logo, lines, date_cells)], colWidths=page.widths(*widths))
    table.setStyle(_table_style([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.6, RULE),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    return table


def _numbered_canvas(page: _Page, header: Flowable) -> type[Canvas]:
    """A canvas that draws header and "page X of Y" once the page count is known."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type hints
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab API
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._decorate(number, total)
                super().showPage()
            super().save()

        def _decorate(self, number: int, total: int) -> None:
            _, header_height = header.wrapOn(self, page.content_width, page.height)
            header.drawOn(self, page.margin + FRAME_PADDING,
                          page.height - 10 * mm - header_height)
            text = page.labels(L.PAGE, page=page.labels.number(number),
                               pages=page.labels.number(total))
            footer = paragraph(text, page.styles.small, page.direction, page.family,
                               alignment=TA_CENTER)
            footer.wrapOn(self, page.content_width, 20 * mm)
            footer.drawOn(self, page.margin + FRAME_PADDING, 9 * mm)

    return NumberedCanvas


# --- the document ---------------------------------------------------------------------------


def build_pdf(content: HandoutContent, options: HandoutOptions,
              centre: CentreHeader | None = None, progress: Progress = NO_PROGRESS) -> bytes:
    """The handout as PDF bytes. Reports one step per offer; raises ``Cancelled`` on cancel."""
    register_fonts()
    centre = centre or CentreHeader()
    page = _Page(options, content.created, content.stale_months)
    german_by_id = {offer.id: offer for offer in content.german} if options.bilingual else {}
    header = _header_table(centre, content, page)
    _, header_height = header.wrap(page.content_width, page.height)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=page.margin, rightMargin=page.margin,
        topMargin=10 * mm + header_height + 6 * mm, bottomMargin=18 * mm,
        title=page.labels(L.TITLE), author=centre.name or "Angebotslotse",
        creator="Angebotslotse", lang=options.language,
        initialFontName=LATIN,  # else every page names an unembedded Helvetica
    )
    page.frame_height = doc.height - 2 * FRAME_PADDING
    styles = page.styles
    lead = [Part(page.para(page.labels(L.TITLE), styles.heading, is_bold=True),
                 keep_with_next=True)]
    if options.bilingual and page.labels(L.TITLE) != page.german(L.TITLE):
        lead.append(Part(paragraph(page.german(L.TITLE), styles.body, page.direction, LATIN),
                         keep_with_next=True))
    note = options.note.replace("\r\n", "\n").strip("\n ")
    if note:
        box = Table([[[page.para(page.labels(L.NOTE), styles.label, is_bold=True),
                       page.para(note, styles.body)]]],
                    colWidths=[page.content_width], splitInRow=1)
        box.setStyle(_table_style([("BOX", (0, 0), (-1, -1), 0.6, RULE),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 6),
                                 ("RIGHTPADDING", (0, 0), (-1, -1), 6)]))
        lead.append(Part(box, keep_with_next=True, splittable=True))
    if options.crisis:
        lead += [Part(Spacer(1, 4), keep_with_next=True),
                 Part(_crisis_box(options.crisis, page), keep_with_next=True)]
    lead.append(Part(Spacer(1, 4), keep_with_next=True))
    story: list[Flowable] = []
    total = len(content.offers)
    if not total:
        lead.append(Part(page.para(page.labels(L.NO_OFFERS), styles.body)))
        story.append(OfferFlow(lead, page.frame_height))
    for index, offer in enumerate(content.offers):
        progress.step(index, total + 1, offer.title.text)
        parts = _offer_parts(offer, german_by_id.get(offer.id), page)
        story.append(OfferFlow(lead + parts if index == 0 else parts, page.frame_height,
                               _continued(offer, page)))
    progress.step(total, total + 1, "PDF")
    doc.build(story, canvasmaker=_numbered_canvas(page, header))
    progress.step(total + 1, total + 1, "")
    return buffer.getvalue()


class OutputProblem(StrEnum):
    """Why a handout cannot be written where asked (the caller words the message)."""

    EMPTY = "empty"
    DIRECTORY = "directory"
    NOT_WRITABLE = "not_writable"


class OutputError(Exception):
    """The PDF cannot be written to ``path``; ``reason`` is the system's own wording."""

    def __init__(self, problem: OutputProblem, path: Path, reason: str = "") -> None:
        super().__init__(f"{problem.value}: {path} {reason}".strip())
        self.problem = problem
        self.path = path
        self.reason = reason


def write_pdf(path: Path, content: HandoutContent, options: HandoutOptions,
              centre: CentreHeader | None = None, progress: Progress = NO_PROGRESS) -> Path:
    """Build the handout and write it to ``path`` (atomically: a temp file, then rename).

    The target is tried before the (slower) build: an empty name, a folder or a place
    that cannot be written raises :class:`OutputError` at once, and no temp file is left.
    """
    if not str(path).strip() or Path(path) == Path():
        raise OutputError(OutputProblem.EMPTY, Path(path))
    path = Path(path)
    if path.is_dir() or str(path).endswith(("/", "\\")):
        raise OutputError(OutputProblem.DIRECTORY, path)
    temporary = path.with_name(f".{path.name}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(b"")
    except OSError as error:
        _remove(temporary)
        raise OutputError(OutputProblem.NOT_WRITABLE, path,
                          error.strerror or str(error)) from error
    try:
        data = build_pdf(content, options, centre, progress)
        temporary.write_bytes(data)
        temporary.replace(path)
    except OSError as error:
        raise OutputError(OutputProblem.NOT_WRITABLE, path,
                          error.strerror or str(error)) from error
    finally:
        _remove(temporary)
    return path


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):  # nothing to clean up where nothing could be written
        path.unlink(missing_ok=True)
