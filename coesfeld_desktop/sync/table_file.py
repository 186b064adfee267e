"""One table as a CSV or XLSX file for the district's editors and planners.

Why one writer: the list of corrections, the list of stale offers and the import reports are
all "a header and rows" that people open in Excel. CSV is UTF-8 with BOM and ``;`` (what
Excel expects in German locales); XLSX has a bold, frozen header and a filter. Text that a
spreadsheet would run as a formula is written as text (it may come from outside).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from pathlib import Path

SUFFIXES = (".csv", ".xlsx")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """A text that a spreadsheet would take as a formula, quoted; other values unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_atomically(path: Path, data: bytes) -> None:
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(data)
    os.replace(partial, path)


def write_table(path: Path, header: Sequence[str], rows: Sequence[Sequence[object]],
                title: str = "Tabelle", widths: Sequence[int] = ()) -> None:
    """Write ``rows`` under ``header`` as ``.csv`` or ``.xlsx`` (by the suffix)."""
    cleaned = [[safe_cell(value) for value in row] for row in rows]
    suffix = path.suffix.lower()
    if suffix == ".csv":
        text = io.StringIO()
        writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(cleaned)
        write_atomically(path, text.getvalue().encode("utf-8-sig"))
        return
    if suffix != ".xlsx":
        raise ValueError(f"write .csv or .xlsx, not {suffix!r}")
    from openpyxl import Workbook  # noqa: PLC0415 - only when writing XLSX
    from openpyxl.styles import Font  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in cleaned:
        sheet.append(row)
    for number, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomically(path, buffer.getvalue())
