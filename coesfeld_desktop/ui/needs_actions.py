"""Wire the needs analysis into the main window: "Anliegen erfassen…" (Ctrl+J) and
"Bedarfsanalyse…" in the "Daten" menu, and the count of searches that found nothing.

Kept apart from ``main_window`` like the handout and sync wiring; it reads the window only
through its public hooks (filters, the conversation's list, the result count).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence

from coesfeld_desktop.domain.stages import stage_of_age
from coesfeld_desktop.i18n import gettext_for, translations
from coesfeld_desktop.needs.categories import CategoryError
from coesfeld_desktop.needs.service import NeedsService
from coesfeld_desktop.search.query import SearchFilters, SearchRequest, SearchResult
from coesfeld_desktop.services import Services, return_destination
from coesfeld_desktop.ui.needs_dialog import NeedsDialog, prefill_from
from coesfeld_desktop.ui.needs_view import NeedsView
from coesfeld_desktop.ui.window_hooks import WindowHooks

log = logging.getLogger(__name__)
SETTLE_MS = 4000  # a result of nothing that stands this long was the counsellor's search


class NeedsActions(QObject):
    def __init__(self, window: WindowHooks, services: Services) -> None:
        super().__init__(window.window())
        self.window = window
        self.language = window.language
        self._ = _ = gettext_for(self.language)
        self._n = translations(self.language).ngettext
        self.services = services
        self.needs = NeedsService(services.database, services.paths,
                                  services.preferences.centre.name)
        parent = window.window()
        self.record_action = QAction(_("Anliegen erfassen…"), parent)
        self.record_action.setShortcut(QKeySequence("Ctrl+J"))
        self.record_action.triggered.connect(self.open_record_dialog)
        self.view_action = QAction(_("Bedarfsanalyse…"), parent)
        self.view_action.setShortcut(QKeySequence("Ctrl+B"))
        self.view_action.triggered.connect(self.open_view)
        window.add_menu_action(_("Daten"), self.record_action)
        window.add_menu_action(_("Daten"), self.view_action)
        self.dialog: NeedsDialog | None = None
        self.view: NeedsView | None = None
        # A search that still finds nothing after a pause is counted once (not every
        # keystroke on the way to a word that does find something).
        self._empty: tuple[str, SearchFilters] | None = None
        self.settle = QTimer(self)
        self.settle.setSingleShot(True)
        self.settle.setInterval(SETTLE_MS)
        self.settle.timeout.connect(self._count_settled)
        window.search_finished.connect(self._result)

    def open_record_dialog(self) -> NeedsDialog:
        listed = self.window.conversation_offer_ids()
        prefill = prefill_from(self.window.current_filters(), self.needs.topics_of(listed),
                               len(listed))
        self.dialog = NeedsDialog(self.needs.topics(self.language), prefill, self.language,
                                  self._, self.window.window())
        self.dialog.accepted.connect(self._record)
        self.dialog.open()
        return self.dialog

    def _record(self) -> None:
        if self.dialog is None or self.dialog.anliegen is None:
            return
        try:
            count = self.needs.record(self.dialog.anliegen)
        except CategoryError:  # the dialog offers only valid choices; the directory changed
            log.exception("an Anliegen could not be recorded")
            return
        self.window.statusBar().showMessage(self._n("Anliegen erfasst ({count} Thema).",
                                             "Anliegen erfasst ({count} Themen).", count).format(
                                                 count=count), 5000)

    def open_view(self) -> NeedsView:
        self.view = NeedsView(self.needs, self.language, self._, self.window.window(),
                              lambda: return_destination(self.services.preferences),
                              self.window.runner)
        self.view.resize(1100, 700)
        self.view.show()
        return self.view

    def _result(self, request: SearchRequest, result: SearchResult) -> None:
        self.settle.stop()
        self._empty = None
        if result.total == 0 and (request.text.strip() or request.filters.active()):
            self._empty = (request.text, request.filters)
            self.settle.start()

    def _count_settled(self) -> None:
        if self._empty is not None:
            self.count_failed_search(*self._empty)
            self._empty = None

    def count_failed_search(self, text: str, filters: SearchFilters) -> None:
        """A search found nothing: count it by its filters (the words only when known)."""
        stage = ("pregnancy" if filters.pregnancy else
                 stage_of_age(filters.age) if filters.age is not None else
                 filters.stage or "") or ""
        try:
            self.needs.log.count_failed_search(
                town=filters.town or "", stage=stage, topic=filters.topic or "",
                language=filters.language or "", words=text.split(),
                known_word=self.needs.known_word)
        except CategoryError:
            log.info("a failed search with unusual filters was not counted")


def install_needs_actions(window: WindowHooks, services: Services) -> NeedsActions:
    return NeedsActions(window, services)
