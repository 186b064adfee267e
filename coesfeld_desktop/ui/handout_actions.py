"""Wire handouts into the main window: "Auswahl auf die Gesprächsliste" and "Handzettel…".

Kept apart from ``main_window``: the window only offers ``add_menu_action``,
``current_offer_id`` and ``selected_offer_ids``; this module owns the basket and the dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence

from coesfeld_desktop.domain.formatting import offer_count_text
from coesfeld_desktop.handout.basket import HandoutBasket
from coesfeld_desktop.i18n import gettext_for, translations
from coesfeld_desktop.search.query import SearchRequest, SearchResult
from coesfeld_desktop.services import Services
from coesfeld_desktop.ui.handout_dialog import HandoutDialog
from coesfeld_desktop.ui.tasks import TaskRunner
from coesfeld_desktop.ui.window_hooks import WindowHooks


class HandoutActions(QObject):
    def __init__(self, window: WindowHooks, services: Services,
                 runner: TaskRunner | None = None) -> None:
        super().__init__(window.window())
        self.window = window
        self.services = services
        self.runner = runner or window.runner
        self.basket = HandoutBasket(services.saved_list)  # the Gesprächsliste
        self.dialog: HandoutDialog | None = None
        self.language = window.language
        self._ = _ = gettext_for(self.language)
        self._n = translations(self.language).ngettext
        menu = _("Handzettel")
        # the handout is printed from the Gesprächsliste: adding means adding to the list
        self.add_action = QAction(_("Auswahl auf die Gesprächsliste"), window.window())
        self.add_action.setShortcut(QKeySequence("Ctrl+H"))
        self.add_action.triggered.connect(self.add_current)
        self.open_action = QAction(_("Handzettel…"), window.window())
        self.open_action.setShortcut(QKeySequence("Ctrl+P"))
        self.open_action.triggered.connect(self.open_dialog)
        window.add_menu_action(menu, self.add_action)
        window.add_menu_action(menu, self.open_action)
        window.handout_requested.connect(self.open_dialog)
        window.conversation_cleared.connect(self._conversation_cleared)
        window.search_finished.connect(self._search_finished)

    def add_current(self) -> int:
        """Add the selected offers (or the one in the detail pane); returns how many were new."""
        ids = list(self.window.selected_offer_ids())
        current = self.window.current_offer_id()
        if not ids and current:
            ids = [current]
        added = self.basket.extend(ids)
        self.window.statusBar().showMessage(
            self._("Gesprächsliste: {offers}").format(
                offers=offer_count_text(len(self.basket), self._n, self.language)), 4000)
        if self.dialog is not None:
            self.dialog.refresh_basket()
        return added

    def _search_finished(self, _request: SearchRequest, result: SearchResult) -> None:
        if result.crisis is not None and not self.basket.crisis_seen:
            self.basket.crisis_seen = True  # the handout offers to print the helplines
            if self.dialog is not None:
                self.dialog.refresh_basket()

    def _conversation_cleared(self) -> None:
        self.basket.note = ""  # the note belonged to the family that just left
        self.basket.crisis_seen = False
        if self.dialog is not None:
            self.dialog.refresh_basket()

    def open_dialog(self) -> HandoutDialog:
        if self.dialog is None:
            self.dialog = HandoutDialog(self.services, self.basket, self.runner, self._,
                                        self.window.window(), self.language)
        self.dialog.refresh_basket()
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    def shutdown(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.runner.wait_all(10000)


def install_handout_actions(window: WindowHooks, services: Services,
                            runner: TaskRunner | None = None) -> HandoutActions:
    """Add the handout actions to ``window`` (the window's widget keeps them alive)."""
    actions = HandoutActions(window, services, runner)
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(actions.shutdown)  # no PDF work left running at exit
    return actions
