"""What the handout dialog does, without its widgets: the preview, saving, printing, history.

Why apart from :mod:`.handout_dialog`: the dialog lays out and shows; this builds the PDF
and its page images off the GUI thread (debounced, newest request only, through
:class:`~.tasks.LatestWins`), writes and prints the handout the counsellor saw, and keeps
the history. It speaks no language: the dialog turns its signals into words.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter

from coesfeld_desktop.handout.basket import HandoutBasket
from coesfeld_desktop.handout.compose import render_handout
from coesfeld_desktop.handout.fonts import unprintable
from coesfeld_desktop.handout.history import HistoryEntry
from coesfeld_desktop.handout.pdf import CentreHeader, HandoutOptions
from coesfeld_desktop.progress import Progress
from coesfeld_desktop.search.crisis import sheet_crisis_help
from coesfeld_desktop.services import Services
from coesfeld_desktop.ui.handout_pages import print_pages, render_pages
from coesfeld_desktop.ui.tasks import LatestWins, TaskRunner

PREVIEW_DPI = 60
PRINT_DPI = 300
DEBOUNCE_MS = 250


class BuiltHandout(NamedTuple):
    """The handout shown in the preview: what is saved and printed is exactly this."""

    offer_ids: list[str]
    options: HandoutOptions
    pdf: bytes


class Preview(NamedTuple):
    handout: BuiltHandout
    pages: list[QImage]
    unprintable: list[str]  # characters of the printed note that no bundled font has


class HandoutController(QObject):
    building = Signal()  # a build started
    built = Signal(object)  # Preview
    failed = Signal(object)  # the exception of a build or a print

    def __init__(self, services: Services, basket: HandoutBasket, runner: TaskRunner,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.basket = basket
        self.history = services.handout_history
        self._runner = runner
        self._latest = LatestWins(runner, DEBOUNCE_MS, self)
        self.current: BuiltHandout | None = None

    # --- the preview ------------------------------------------------------------------------
    def schedule(self, options: HandoutOptions) -> None:
        """Rebuild the preview shortly (typing in the note does not start a build per key)."""
        self.current = None
        self._build(options, now=False)

    def build_now(self, options: HandoutOptions) -> bool:
        """Rebuild at once; False (and nothing built) when the basket is empty."""
        self.current = None
        return self._build(options, now=True)

    def _build(self, options: HandoutOptions, now: bool) -> bool:
        ids = list(self.basket.offer_ids)
        if not ids:
            self._latest.cancel()
            return False
        database = self.services.database
        centre = CentreHeader.from_settings(self.services.preferences.value)

        def work(progress: Progress) -> Preview:
            pdf = render_handout(database, ids, options, centre, progress)
            progress.check()
            return Preview(BuiltHandout(ids, options, pdf), render_pages(pdf, PREVIEW_DPI),
                           unprintable(options.note))

        request = self._latest.request_now if now else self._latest.request
        request(work, self._built, self.failed.emit, self.building.emit)
        return True

    def _built(self, preview: Preview) -> None:
        self.current = preview.handout
        self.built.emit(preview)

    def cancel(self) -> None:
        self._latest.cancel()

    # --- output -----------------------------------------------------------------------------
    def save(self, path: Path) -> Path:
        """Write the previewed handout to ``path`` and remember it in the history."""
        if self.current is None:
            raise RuntimeError("no handout has been built yet")
        path = Path(path)
        path.write_bytes(self.current.pdf)
        self.remember(self.current)
        return path

    def print_to(self, printer: QPrinter, printed: Callable[[], None]) -> None:
        """Print the previewed handout at the printer's resolution (300–600 dpi), rendering
        the pages off the GUI thread; ``printed`` once the pages went to the printer."""
        handout = self.current
        if handout is None:
            return
        dpi = max(PRINT_DPI, min(printer.resolution(), 600))

        def work(_progress: Progress) -> list[QImage]:
            return render_pages(handout.pdf, dpi)

        def done(images: list[QImage]) -> None:
            print_pages(images, printer)
            self.remember(handout)
            printed()

        self._runner.run(work, on_done=done, on_error=self.failed.emit)

    # --- history ----------------------------------------------------------------------------
    def remember(self, handout: BuiltHandout) -> None:
        titles = [row.title for row in self.services.directory.summaries(handout.offer_ids)]
        self.history.record(handout.offer_ids, titles, handout.options)

    def keep_history_for(self, days: int) -> None:
        self.services.preferences.handout_history_days = days
        self.history.forget_older_than(days)

    def reuse(self, entry: HistoryEntry) -> None:
        """Put a remembered handout's offers back into the basket."""
        self.basket.replace(entry.offer_ids)

    def touches_crisis(self) -> bool:
        """Whether the conversation touched a crisis: a search showed "Hilfe in Notlagen" or
        an offer on the list is about one (then the sheet prints the helplines, unless the
        counsellor decides otherwise: a sheet may end up in the wrong hands)."""
        if self.basket.crisis_seen:
            return True
        rows = self.services.directory.summaries(self.basket.offer_ids)
        return sheet_crisis_help((row.title, row.topics) for row in rows) is not None

    def titles(self) -> dict[str, str]:
        """The basket's offers' German titles (offers no longer listed are missing)."""
        return {row.id: row.title
                for row in self.services.directory.summaries(self.basket.offer_ids)}
