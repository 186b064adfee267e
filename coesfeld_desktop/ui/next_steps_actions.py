"""Wire „Was kommt als Nächstes?“ (F7, menu "Handzettel") into the main window.

Kept apart from ``main_window`` like the other features: it reads the window only through
its hooks (the town filter to start from, the offer to open) and puts offers on the
Gesprächsliste through the saved-list service.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from coesfeld_desktop.domain.formatting import offer_count_text
from coesfeld_desktop.handout.labels import HANDOUT_LANGUAGES
from coesfeld_desktop.i18n import gettext_for, translations
from coesfeld_desktop.services import Services
from coesfeld_desktop.ui.next_steps_sheet_dialog import NextStepsSheetDialog
from coesfeld_desktop.ui.next_steps_view import NextStepsView
from coesfeld_desktop.ui.window_hooks import WindowHooks


class NextStepsActions(QObject):
    def __init__(self, window: WindowHooks, services: Services,
                 today: dt.date | None = None) -> None:
        super().__init__(window.window())
        self.window = window
        self.services = services
        self.language = window.language
        self._ = _ = gettext_for(self.language)
        self._n = translations(self.language).ngettext
        self.today = today
        self.view: NextStepsView | None = None
        self.sheet: NextStepsSheetDialog | None = None
        self.open_action = QAction(_("Was kommt als Nächstes?"), window.window())
        self.open_action.setShortcut(QKeySequence("F7"))
        self.open_action.triggered.connect(self.open_view)
        window.add_menu_action(_("Handzettel"), self.open_action)
        window.conversation_cleared.connect(self._conversation_cleared)

    def open_view(self) -> NextStepsView:
        if self.view is None:
            town = self.window.current_filters().town or self.services.preferences.default_town
            self.view = NextStepsView(self.services, self.window.runner, self.language, self._,
                                      self._n, town or None, self.window.window(), self.today)
            self.view.add_offers.connect(self.add_offers)
            self.view.open_offer.connect(self.window.open_offer)
            self.view.handout_requested.connect(self.open_sheet)
        self.view.show()
        self.view.raise_()
        self.view.activateWindow()
        return self.view

    def open_sheet(self) -> NextStepsSheetDialog | None:
        """The „Nächste Schritte“ sheet of the plan on screen, in the family's language (the
        window's language filter, if it is a handout language)."""
        if self.view is None or self.view.plan is None:
            return None
        wanted = self.window.current_filters().language or self.language
        language = wanted if wanted in HANDOUT_LANGUAGES else "de"
        if self.sheet is not None:
            self.sheet.close()
        self.sheet = NextStepsSheetDialog(self.services, self.window.runner, self.view.plan,
                                          language, self.language, self._, self.view,
                                          self.today)
        self.sheet.show()
        return self.sheet

    def add_offers(self, offer_ids: list[str]) -> int:
        """Put offers on the Gesprächsliste (those already there stay where they are)."""
        added = self.services.saved_list.add_offers(offer_ids)
        count = len(self.services.saved_list.offer_ids())
        self.window.statusBar().showMessage(
            self._n("{count} Angebot neu auf der Gesprächsliste",
                    "{count} Angebote neu auf der Gesprächsliste", added).format(count=added)
            + " – " + self._("Gesprächsliste: {offers}").format(
                offers=offer_count_text(count, self._n, self.language)), 5000)
        return added

    def _conversation_cleared(self) -> None:
        """A new family: the view forgets the last one's children."""
        if self.sheet is not None:
            self.sheet.close()
            self.sheet = None
        if self.view is not None:
            self.view.close()
            self.view.deleteLater()
            self.view = None


def install_next_steps_actions(window: WindowHooks, services: Services) -> NextStepsActions:
    return NextStepsActions(window, services)
