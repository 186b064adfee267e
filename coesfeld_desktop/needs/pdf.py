"""The needs report as PDF for the Jugendhilfeplanung: notes, then per table a heat map drawn
as vector graphics and the numbers beneath it.

Why vector drawings: the committee's print-out stays sharp at any size and the PDF stays
small. The handouts' bundled fonts are used, so the report looks the same on every machine.
Hidden values (minimum cell size) print as "." in the map and the table alike.
"""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from coesfeld_desktop.handout.fonts import LATIN, bold, register_fonts
from coesfeld_desktop.i18n import Translate
from coesfeld_desktop.needs.report import (
    HIDDEN,
    NeedsReport,
    PublishedTable,
    notes,
    write_atomically,
)

LOW, HIGH = colors.HexColor("#f1f6fb"), colors.HexColor("#1d4f91")
PAGE = landscape(A4)
MARGIN = 14 * mm


def _colour(share: float) -> colors.Color:
    return colors.Color(LOW.red + (HIGH.red - LOW.red) * share,
                        LOW.green + (HIGH.green - LOW.green) * share,
                        LOW.blue + (HIGH.blue - LOW.blue) * share)


def heat_map(table: PublishedTable, width: float, _: Translate) -> Drawing:
    """The table's cells as coloured squares with their numbers; hidden cells hatched grey."""
    t = table.table
    label_w = 46 * mm
    cell_w = (width - label_w) / max(1, len(table.column_labels))
    cell_h = 6.2 * mm
    header = 12 * mm
    height = header + cell_h * len(table.row_labels)
    drawing = Drawing(width, height)
    values = [v for line in t.cells for v in line if v is not None]
    top = max(values, default=0)
    for c, label in enumerate(table.column_labels):
        lines = simpleSplit(_(label), LATIN, 6.5, cell_w - 1.5 * mm)[:3]
        for i, line in enumerate(lines):
            drawing.add(String(label_w + cell_w * (c + 0.5),
                               height - header + 1.5 * mm + (len(lines) - 1 - i) * 3.2 * mm,
                               line, fontName=LATIN, fontSize=6.5, textAnchor="middle"))
    for r, label in enumerate(table.row_labels):
        y = height - header - cell_h * (r + 1)
        drawing.add(String(label_w - 2 * mm, y + cell_h / 2 - 1.2 * mm, _(label),
                           fontName=LATIN, fontSize=8, textAnchor="end"))
        for c, value in enumerate(t.cells[r]):
            x = label_w + cell_w * c
            if value is None:
                fill, text, ink = colors.HexColor("#d9d9d9"), HIDDEN, colors.black
            else:
                share = value / top if top else 0.0
                fill, text = _colour(share), str(value)
                ink = colors.white if share > 0.55 else colors.black
            drawing.add(Rect(x + 0.4, y + 0.4, cell_w - 0.8, cell_h - 0.8, fillColor=fill,
                             strokeColor=None))
            drawing.add(String(x + cell_w / 2, y + cell_h / 2 - 1.2 * mm, text,
                               fontName=LATIN, fontSize=8, textAnchor="middle", fillColor=ink))
    return drawing


def _number_table(table: PublishedTable, _: Translate, body: ParagraphStyle) -> Table:
    t = table.table

    def shown(value: int | None) -> str:
        return HIDDEN if value is None else str(value)

    small = ParagraphStyle("small", parent=body, fontSize=6.5, leading=8)
    header = [Paragraph("", small), *(Paragraph(_(label), small)
                                      for label in table.column_labels),
              Paragraph(_("Summe"), small)]
    rows = [header]
    for label, cells, total in zip(table.row_labels, t.cells, t.row_totals, strict=True):
        rows.append([_(label), *(shown(v) for v in cells), shown(total)])
    rows.append([_("Summe"), *(shown(v) for v in t.column_totals), shown(t.total)])
    first = 46 * mm
    rest = (PAGE[0] - 2 * MARGIN - first) / (len(table.column_labels) + 1)
    grid = Table(rows, colWidths=[first, *([rest] * (len(table.column_labels) + 1))],
                 repeatRows=1)
    grid.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), LATIN, 7.5),
        ("FONT", (0, -1), (-1, -1), bold(LATIN), 7.5),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
        ("LINEABOVE", (0, -1), (-1, -1), 0.6, colors.black),
        ("ROWBACKGROUNDS", (0, 1), (-1, -2), [colors.white, colors.HexColor("#f4f4f4")]),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
    ]))
    return grid


def write_pdf(report: NeedsReport, path: Path, _: Translate = lambda text: text) -> None:
    """The report as one PDF: title, the notes (period, data stand, rule), every table."""
    register_fonts()
    title = ParagraphStyle("title", fontName=bold(LATIN), fontSize=16, leading=20,
                           spaceAfter=4 * mm)
    heading = ParagraphStyle("heading", fontName=bold(LATIN), fontSize=11, leading=14,
                             spaceBefore=5 * mm, spaceAfter=2 * mm)
    body = ParagraphStyle("body", fontName=LATIN, fontSize=8.5, leading=11)
    story: list[object] = [
        Paragraph(_("Bedarfsanalyse: Anliegen und Angebote – {period}").format(
            period=report.period.label), title)]
    story += [Paragraph(line, body) for line in notes(report, _)]
    width = PAGE[0] - 2 * MARGIN
    for table in report.tables:
        story.append(CondPageBreak(60 * mm))
        story.append(KeepTogether([Paragraph(_(table.spec.title), heading),
                                   heat_map(table, width, _), Spacer(1, 3 * mm)]))
        story.append(_number_table(table, _, body))
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN,
                                 topMargin=MARGIN, bottomMargin=MARGIN,
                                 title=_("Bedarfsanalyse"), author="Angebotslotse")

    def footer(canvas: Canvas, _doc: object) -> None:
        canvas.setFont(LATIN, 7)
        canvas.drawString(MARGIN, 8 * mm, _("Angebotslotse – Bedarfsanalyse {period} – "
                                            "Seite {page}").format(period=report.period.label,
                                                                   page=canvas.getPageNumber()))

    document.build(story, onFirstPage=footer, onLaterPages=footer)
    write_atomically(path, buffer.getvalue())
