"""The district's list of corrections: every centre's verified reports, one line per offer
and kind of problem, written as XLSX and CSV for the editors.

Why grouped by offer and kind: the editors fix an offer once, and "reported by three
centres" says how urgent it is. A resubmitted file (same centre, same message) counts once.
Text from outside is written so that no spreadsheet runs it as a formula. The list is for
the district office's editors and is written in German (the source language of the labels).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from coesfeld_desktop.channel.envelope import Message
from coesfeld_desktop.corrections.kinds import KINDS, MAX_TEXT
from coesfeld_desktop.corrections.service import KIND
from coesfeld_desktop.sync.table_file import write_table

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


def rows(lines: list[CorrectionLine]) -> list[list[object]]:
    return [[line.offer_id, line.offer_title, line.provider, KINDS[line.kind], line.first,
             line.last, len(line.centres), line.reports, " | ".join(line.texts),
             ", ".join(sorted(line.centre_names))] for line in lines]


def write_list(lines: list[CorrectionLine], path: Path) -> None:
    """The editors' list as ``.xlsx`` or ``.csv``."""
    write_table(path, COLUMNS, rows(lines), "Korrekturen",
                (18, 40, 30, 28, 14, 14, 10, 10, 60, 40))
