"""The needs tables for a period: counted, suppressed, written as CSV or XLSX.

Why the same tables for a desk and for the district: a centre's report, the aggregate it sends
and the district's merged report are built by one function from rows of categories, so the
suppression rule is applied the same way everywhere (and again after merging).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from coesfeld_desktop.domain.towns import TOWN_NAMES
from coesfeld_desktop.i18n import N_, Translate
from coesfeld_desktop.needs.categories import (
    OUTCOMES,
    REASONS,
    STAGES,
    UNKNOWN,
    UNREACHABLE,
    Period,
)
from coesfeld_desktop.needs.log import NeedRow
from coesfeld_desktop.needs.suppression import DEFAULT_MINIMUM, SuppressedTable, suppress

HIDDEN = "."  # as in official German statistics: "Zahlenwert geheim zu halten"
NOT_GIVEN = N_("nicht angegeben")



@dataclass(frozen=True)
class Axis:
    """One dimension of a table: which field of a row, its codes and their labels."""

    field: str
    codes: tuple[str, ...]
    label: Callable[[str], str]  # code -> source label (translated by the writer)


def _axis(field: str, labels: dict[str, str]) -> Axis:
    return Axis(field, (*labels, UNKNOWN), lambda code: labels.get(code, NOT_GIVEN))


TOWN_AXIS = Axis("town", (*TOWN_NAMES, UNKNOWN), lambda code: code or NOT_GIVEN)
STAGE_AXIS = _axis("stage", STAGES)
OUTCOME_AXIS = Axis("outcome", tuple(OUTCOMES), lambda code: OUTCOMES[code])
REASON_AXIS = Axis("reason", tuple(REASONS), lambda code: REASONS[code])


@dataclass(frozen=True)
class TableSpec:
    """A published table: its title, its two axes and which rows it counts."""

    key: str
    title: str
    rows: Axis
    columns: Axis
    keep: Callable[[NeedRow], bool] = lambda _row: True


TABLES: tuple[TableSpec, ...] = (
    TableSpec("town_stage", N_("Anliegen nach Ort und Lebensphase"), TOWN_AXIS, STAGE_AXIS),
    TableSpec("town_outcome", N_("Anliegen nach Ort und Ergebnis"), TOWN_AXIS, OUTCOME_AXIS),
    TableSpec("stage_outcome", N_("Anliegen nach Lebensphase und Ergebnis"), STAGE_AXIS,
              OUTCOME_AXIS),
    TableSpec("no_offer_town_stage",
              N_("Kein passendes Angebot: nach Ort und Lebensphase"), TOWN_AXIS, STAGE_AXIS,
              lambda row: row.outcome == "no_offer"),
    TableSpec("unreachable_town_reason",
              N_("Angebot nicht erreichbar: Gründe nach Ort"), TOWN_AXIS, REASON_AXIS,
              lambda row: row.outcome == UNREACHABLE),
)


@dataclass(frozen=True)
class PublishedTable:
    spec: TableSpec
    row_labels: tuple[str, ...]
    column_labels: tuple[str, ...]
    table: SuppressedTable


@dataclass(frozen=True)
class NeedsReport:
    """What a report states besides its tables: period, data stand, the suppression rule."""

    period: Period
    created: dt.date
    data_as_of: str
    minimum: int
    records: int
    tables: tuple[PublishedTable, ...]
    examples: bool = False  # made from the demo's synthetic needs


def topic_axis(topics: dict[str, str]) -> Axis:
    return Axis("topic", tuple(topics), lambda code: topics.get(code, code))


def table_specs(topics: dict[str, str]) -> tuple[TableSpec, ...]:
    """Every published table, the topic table labelled with ``topics`` (id -> name)."""
    return (*TABLES, TableSpec("topic_outcome", N_("Anliegen nach Thema und Ergebnis"),
                               topic_axis(topics), OUTCOME_AXIS))


def build_report(rows: Iterable[NeedRow], period: Period, *, topics: dict[str, str],
                 data_as_of: str = "", minimum: int = DEFAULT_MINIMUM,
                 created: dt.date | None = None, examples: bool = False) -> NeedsReport:
    """Count ``rows`` of ``period`` into every table and suppress each."""
    first, last = period.weeks()
    kept = [row for row in rows if first <= row.week <= last]
    published = []
    for spec in table_specs(topics):
        counts: Counter[tuple[str, str]] = Counter()
        for row in kept:
            if spec.keep(row):
                counts[(getattr(row, spec.rows.field), getattr(row, spec.columns.field))] += \
                    row.count
        row_codes = [code for code in spec.rows.codes
                     if code or any(key[0] == code for key in counts)]
        column_codes = list(spec.columns.codes)
        grid = [[counts.get((r, c), 0) for c in column_codes] for r in row_codes]
        published.append(PublishedTable(
            spec, tuple(spec.rows.label(code) for code in row_codes),
            tuple(spec.columns.label(code) for code in column_codes),
            suppress(row_codes, column_codes, grid, minimum)))
    return NeedsReport(period, created or dt.date.today(), data_as_of, minimum,
                       sum(row.count for row in kept), tuple(published), examples)


def _value(value: int | None) -> str:
    return HIDDEN if value is None else str(value)


def notes(report: NeedsReport, _: Translate) -> list[str]:
    """The lines every export states: period, data stand, the rule, what "." means."""
    return [
        _("Zeitraum: {period}").format(period=report.period.label),
        _("Erstellt am: {date}").format(date=report.created.isoformat()),
        _("Datenstand des Angebotsverzeichnisses: {stand}").format(
            stand=report.data_as_of or _(NOT_GIVEN)),
        _("Geheimhaltung: Werte unter {minimum} und Werte, aus denen sie sich errechnen "
          "ließen, sind durch „{hidden}“ ersetzt.").format(minimum=report.minimum,
                                                         hidden=HIDDEN),
        _("Gezählt werden Anliegen nach festen Kategorien; personenbezogene Daten werden "
          "nicht erfasst."),
    ] + ([_("Beispieldaten: erfundene Anliegen zum Demo-Verzeichnis, keine echten Zahlen.")]
         if report.examples else [])


def _table_lines(table: PublishedTable, _: Translate) -> list[list[str]]:
    t = table.table
    lines = [[_(table.spec.title), *(_(label) for label in table.column_labels), _("Summe")]]
    for label, cells, total in zip(table.row_labels, t.cells, t.row_totals, strict=True):
        lines.append([_(label), *(_value(v) for v in cells), _value(total)])
    lines.append([_("Summe"), *(_value(v) for v in t.column_totals), _value(t.total)])
    return lines


def write_csv(report: NeedsReport, path: Path, _: Translate = lambda text: text) -> None:
    """One CSV file: the notes, then every table under its title (UTF-8 with BOM, ';' as
    Excel expects in German locales)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for line in notes(report, _):
        writer.writerow([line])
    for table in report.tables:
        writer.writerow([])
        writer.writerows(_table_lines(table, _))
    write_atomically(path, buffer.getvalue().encode("utf-8-sig"))


def write_xlsx(report: NeedsReport, path: Path, _: Translate = lambda text: text) -> None:
    """An XLSX workbook: a sheet of notes and one sheet per table (openpyxl)."""
    from openpyxl import Workbook  # noqa: PLC0415 - only when writing XLSX
    from openpyxl.styles import Alignment, Font  # noqa: PLC0415

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Hinweise")[:31]
    for note in notes(report, _):
        sheet.append([note])
    sheet.column_dimensions["A"].width = 100
    for number, table in enumerate(report.tables, start=1):
        page = book.create_sheet(f"{number} {_(table.spec.title)}"[:31].replace("/", "-")
                                 .replace(":", ""))
        for values in _table_lines(table, _):
            page.append([int(value) if value.isdigit() else value for value in values])
        for cell in page[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True)
        page.column_dimensions["A"].width = 34
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomically(path, buffer.getvalue())


def write_atomically(path: Path, data: bytes) -> None:
    partial = path.with_name(path.name + ".part")
    try:
        partial.write_bytes(data)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
