"""The report formats by file suffix: PDF for the committee, XLSX and CSV for the planners."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from coesfeld_desktop.i18n import Translate
from coesfeld_desktop.needs.pdf import write_pdf
from coesfeld_desktop.needs.report import NeedsReport, write_csv, write_xlsx

WRITERS: dict[str, Callable[[NeedsReport, Path, Translate], None]] = {
    ".pdf": write_pdf, ".xlsx": write_xlsx, ".csv": write_csv}
