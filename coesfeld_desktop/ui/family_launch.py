"""Open the family view from the window: which offers, which screen, back to the desk.

Why apart from the window: the window only says which offers the counsellor means; this
owns the read-aloud service (one per window, started on first use) and the family's
language for the rest of the conversation — in memory only, forgotten with "Neues Gespräch".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from coesfeld_desktop.speech.engine import SpeechEngine, SystemVoices
from coesfeld_desktop.speech.reader import ReadAloud
from coesfeld_desktop.ui.family_view import FamilyView

if TYPE_CHECKING:
    from coesfeld_desktop.services import Services


class FamilyLauncher(QObject):
    """Opens one family view at a time; ``returned`` gives the offer the family saw last."""

    returned = Signal(str)

    def __init__(self, services: Services, parent: QWidget,
                 make_engine: Callable[[], SpeechEngine] = SystemVoices) -> None:
        super().__init__(parent)
        self._services = services
        self._parent = parent
        self.make_engine = make_engine
        self.reader: ReadAloud | None = None
        self.language = "de"  # the family's, while this conversation lasts
        self.view: FamilyView | None = None

    def open(self, offer_ids: Sequence[str], start: int = 0,
             full_screen: bool = True) -> FamilyView | None:
        """Show ``offer_ids`` from ``start``; None when there is nothing to show."""
        listed = {s.id for s in self._services.directory.summaries(list(offer_ids))}
        wanted = [offer_id for offer_id in offer_ids if offer_id in listed]  # not the removed
        if not wanted:
            return None
        start = wanted.index(offer_ids[start]) if 0 <= start < len(offer_ids) and \
            offer_ids[start] in listed else 0
        offer_ids = wanted
        if self.view is not None:
            self.view.close()
        if self.reader is None:
            self.reader = ReadAloud(self.make_engine)
        view = FamilyView(self._services, offer_ids, start, self.language, self.reader,
                          parent=self._parent)
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        view.closed.connect(lambda offer_id: self._closed(view, offer_id))
        self.view = view
        if full_screen:
            view.open_full_screen()
        else:
            view.show()
        return view

    def forget_family(self) -> None:
        """"Neues Gespräch": the next family starts in German."""
        self.language = "de"

    def shutdown(self) -> None:
        if self.view is not None:
            self.view.close()
        if self.reader is not None:
            self.reader.shutdown()

    def _closed(self, view: FamilyView, offer_id: str) -> None:
        self.language = view.language
        if self.view is view:
            self.view = None
        self.returned.emit(offer_id)
