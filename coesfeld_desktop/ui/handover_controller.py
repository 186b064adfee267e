"""What the handover dialog does without its widgets: build the sheet and its preview off
the GUI thread (newest request only), save the PDF the counsellor saw, print it.

Why no history here, unlike the handout: the sheet carries the family's appointment. It is
built from the entries the dialog holds in memory and written only where the counsellor
saves it; nothing goes into the database or the settings (tests/ui/test_handover.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter

from coesfeld_desktop.domain.handover import HandoverEntry
from coesfeld_desktop.handout.handover import HandoverOptions, render_handover
from coesfeld_desktop.handout.pdf import CentreHeader
from coesfeld_desktop.progress import Progress
from coesfeld_desktop.services import Services
from coesfeld_desktop.ui.handout_controller import DEBOUNCE_MS, PREVIEW_DPI, PRINT_DPI
from coesfeld_desktop.ui.handout_pages import print_pages, render_pages
from coesfeld_desktop.ui.tasks import LatestWins, TaskRunner


class BuiltSheet(NamedTuple):
    """The sheet in the preview: what is saved and printed is exactly this."""

    entries: tuple[HandoverEntry, ...]
    options: HandoverOptions
    pdf: bytes
    pages: list[QImage]


class HandoverController(QObject):
    building = Signal()
    built = Signal(object)  # BuiltSheet
    failed = Signal(object)  # the exception of a build or a print

    def __init__(self, services: Services, runner: TaskRunner,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._runner = runner
        self._latest = LatestWins(runner, DEBOUNCE_MS, self)
        self.current: BuiltSheet | None = None

    def schedule(self, entries: Sequence[HandoverEntry], options: HandoverOptions,
                 now: bool = False) -> bool:
        """Rebuild the preview (shortly, or at once); False when there is no offer."""
        self.current = None
        if not entries:
            self._latest.cancel()
            return False
        database = self.services.database
        centre = CentreHeader.from_settings(self.services.preferences.value)
        frozen = tuple(entries)

        def work(progress: Progress) -> BuiltSheet:
            pdf = render_handover(database, frozen, options, centre, progress)
            progress.check()
            return BuiltSheet(frozen, options, pdf, render_pages(pdf, PREVIEW_DPI))

        request = self._latest.request_now if now else self._latest.request
        request(work, self._built, self.failed.emit, self.building.emit)
        return True

    def _built(self, sheet: BuiltSheet) -> None:
        self.current = sheet
        self.built.emit(sheet)

    def cancel(self) -> None:
        self._latest.cancel()

    def save(self, path: Path) -> Path:
        """Write the previewed sheet to ``path`` (only there)."""
        if self.current is None:
            raise RuntimeError("no sheet has been built yet")
        path = Path(path)
        path.write_bytes(self.current.pdf)
        return path

    def print_to(self, printer: QPrinter, printed: Callable[[], None]) -> None:
        """Print the previewed sheet at the printer's resolution (300–600 dpi)."""
        sheet = self.current
        if sheet is None:
            return
        dpi = max(PRINT_DPI, min(printer.resolution(), 600))

        def work(_progress: Progress) -> list[QImage]:
            return render_pages(sheet.pdf, dpi)

        def done(images: list[QImage]) -> None:
            print_pages(images, printer)
            printed()

        self._runner.run(work, on_done=done, on_error=self.failed.emit)
