"""The district's list of corrections: every centre's verified reports, one line per offer
and kind of problem, written as XLSX and CSV for the editors.

Why grouped by offer and kind: the editors fix an offer once, and "reported by three
centres" says how urgent it is. A resubmitted file (same centre, same message) counts once.
Text from outside is written so that no spreadsheet runs it as a formula. The list is for
the district office's editors and is written in German (the source language of the labels).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from coesfeld_desktop.channel.envelope import Message
from coesfeld_desktop.corrections.kinds import KINDS, MAX_TEXT
from coesfeld_desktop.corrections.service import KIND

COLUMNS = ("Angebots-ID", "Angebot", "Träger", "Was stimmt nicht?", "zuerst gemeldet",
           "zuletzt gemeldet", "Beratungsstellen", "Meldungen", "Hinweise", "gemeldet von")


@dataclass
class CorrectionLine:
    """All reports of one kind for one offer."""

    offer_id: str
    offer_title: str
    provider: str
    kind: str
    first: str
    last: str
    centres: set[str] = field(default_factory=set)  # centre key ids
    centre_names: set[str] = field(default_factory=set)
    reports: int = 0
    texts: list[str] = field(default_factory=list)


def collect(messages: Iterable[Message]) -> list[CorrectionLine]:
    """The lines for the editors, most centres first, then the most recent."""
    seen: set[tuple[str, str]] = set()
    lines: dict[tuple[str, str], CorrectionLine] = {}
    for message in messages:
        if message.kind != KIND or (message.centre_key, message.period) in seen:
            continue
        seen.add((message.centre_key, message.period))
        payload = message.payload
        offer_id, kind = str(payload.get("offer_id", "")), str(payload.get("kind", ""))
        if not offer_id or kind not in KINDS:
            continue
        day = str(payload.get("reported_on", message.created))[:10]
        line = lines.get((offer_id, kind))
        if line is None:
            line = lines[(offer_id, kind)] = CorrectionLine(
                offer_id, "", "", kind, day, day)
        if day >= line.last or not line.offer_title:  # the newest title and provider
            line.offer_title = str(payload.get("offer_title", ""))[:300]
            line.provider = str(payload.get("provider", ""))[:300]
        line.first, line.last = min(line.first, day), max(line.last, day)
        line.centres.add(message.centre_key)
        if message.centre_name:
            line.centre_names.add(message.centre_name[:200])
        line.reports += 1
        text = " ".join(str(payload.get("text", "")).split())[:MAX_TEXT]
        if text:
            line.texts.append(f"{day}: {text}")
    return sorted(lines.values(), key=lambda line: (-len(line.centres), _desc(line.last),
                                                    line.offer_title, line.kind))


def _desc(day: str) -> str:
    return "".join(chr(0x10FFFF - ord(c)) for c in day)  # sorts the newest day first


def _cell(value: object) -> object:
    """A text that a spreadsheet would take as a formula is quoted."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def rows(lines: list[CorrectionLine]) -> list[list[object]]:
    return [[_cell(value) for value in (
        line.offer_id, line.offer_title, line.provider, KINDS[line.kind], line.first,
        line.last, len(line.centres), line.reports, " | ".join(line.texts),
        ", ".join(sorted(line.centre_names)))] for line in lines]


def _write(path: Path, data: bytes) -> None:
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(data)
    os.replace(partial, path)


def write_csv(lines: list[CorrectionLine], path: Path) -> None:
    """UTF-8 with BOM and ';', as Excel expects in German locales."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows(lines))
    _write(path, buffer.getvalue().encode("utf-8-sig"))


def write_xlsx(lines: list[CorrectionLine], path: Path) -> None:
    from openpyxl import Workbook  # noqa: PLC0415 - only when writing XLSX
    from openpyxl.styles import Font  # noqa: PLC0415

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Korrekturen"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for line in rows(lines):
        sheet.append(line)
    for letter, width in zip("ABCDEFGHIJ", (18, 40, 30, 28, 14, 14, 10, 10, 60, 40),
                             strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    book.save(buffer)
    _write(path, buffer.getvalue())


WRITERS = {".csv": write_csv, ".xlsx": write_xlsx}
