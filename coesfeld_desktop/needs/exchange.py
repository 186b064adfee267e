"""A centre's suppressed tables as a message payload, and the district's merge of them.

Why suppressed before sending: nothing that could single out a family leaves the desk, even if
a file goes astray. The district adds up what the centres show; a merged value to which any
centre contributed a hidden value stays hidden, and the suppression rule runs again on the
merged tables (a district total can be small too).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from coesfeld_desktop.channel.envelope import Message
from coesfeld_desktop.needs.categories import Period
from coesfeld_desktop.needs.report import NeedsReport, PublishedTable, table_specs
from coesfeld_desktop.needs.suppression import DEFAULT_MINIMUM, suppress_extended

KIND = "needs-report"


def to_payload(report: NeedsReport) -> dict[str, Any]:
    """The report's tables by code (not label), as they are published."""
    tables = {}
    for table in report.tables:
        t = table.table
        tables[table.spec.key] = {
            "rows": list(t.rows), "columns": list(t.columns),
            "cells": [list(line) for line in t.cells], "row_totals": list(t.row_totals),
            "column_totals": list(t.column_totals), "total": t.total,
        }
    return {"minimum": report.minimum, "data_as_of": report.data_as_of,
            "records": None, "tables": tables}




def _merge_table(parts: list[Mapping[str, Any]]) -> tuple[list[str], list[str],
                                                         list[list[int | None]]]:
    rows: list[str] = list(dict.fromkeys(code for part in parts for code in part["rows"]))
    columns: list[str] = list(dict.fromkeys(code for part in parts for code in part["columns"]))
    grid: list[list[int | None]] = [[0] * (len(columns) + 1) for _ in range(len(rows) + 1)]

    def add(r: int, c: int, value: object) -> None:
        if grid[r][c] is None:
            return
        if value is None:
            grid[r][c] = None
        elif isinstance(value, int) and value >= 0:
            grid[r][c] = (grid[r][c] or 0) + value
        else:
            raise ValueError(f"not a count: {value!r}")

    for part in parts:
        r_index = [rows.index(code) for code in part["rows"]]
        c_index = [columns.index(code) for code in part["columns"]]
        for r, line in zip(r_index, part["cells"], strict=True):
            for c, value in zip(c_index, line, strict=True):
                add(r, c, value)
        for r, value in zip(r_index, part["row_totals"], strict=True):
            add(r, len(columns), value)
        for c, value in zip(c_index, part["column_totals"], strict=True):
            add(len(rows), c, value)
        add(len(rows), len(columns), part["total"])
    return rows, columns, grid


def merge(messages: Iterable[Message], period: Period, *, topics: Mapping[str, str],
          minimum: int = DEFAULT_MINIMUM, created: dt.date | None = None) -> NeedsReport:
    """The district report from every centre's latest message for ``period``.

    A resubmission by the same centre for the same period replaces its earlier one (the
    newest ``created`` wins).
    """
    latest: dict[str, Message] = {}
    for message in messages:
        if message.kind != KIND or message.period != period.label:
            continue
        known = latest.get(message.centre_key)
        if known is None or message.created >= known.created:
            latest[message.centre_key] = message
    specs = {spec.key: spec for spec in table_specs(dict(topics))}
    published = []
    for key, spec in specs.items():
        parts = [m.payload["tables"][key] for m in latest.values()
                 if key in m.payload.get("tables", {})]
        if not parts:
            continue
        rows, columns, grid = _merge_table(parts)
        table = suppress_extended(rows, columns, grid, minimum)
        published.append(PublishedTable(spec, tuple(spec.rows.label(code) for code in rows),
                                        tuple(spec.columns.label(code) for code in columns),
                                        table))
    stands = sorted({str(m.payload.get("data_as_of", "")) for m in latest.values()} - {""})
    return NeedsReport(period, created or dt.date.today(), ", ".join(stands), minimum,
                       len(latest), tuple(published))

