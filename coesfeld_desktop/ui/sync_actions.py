"""Wire sync into the main window: "Jetzt abgleichen…" (Ctrl+R) in the menu "Daten", and the
optional quiet check at start-up.

Kept apart from ``main_window``: the window offers ``add_menu_action``, ``open_offer`` and
``reload_directory``; this module owns the dialog and the background check.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from coesfeld_desktop.i18n import gettext_for, translations
from coesfeld_desktop.services import Services
from coesfeld_desktop.sync.apply import SyncOutcome
from coesfeld_desktop.sync.errors import SourceUnavailable, SyncError
from coesfeld_desktop.ui.sync_dialog import SyncDialog, run_sync
from coesfeld_desktop.ui.sync_messages import error_message, outcome_message
from coesfeld_desktop.ui.tasks import TaskHandle, TaskRunner
from coesfeld_desktop.ui.window_hooks import WindowHooks
from coesfeld_desktop.userdata.sync_source import is_url


class SyncActions(QObject):
    def __init__(self, window: WindowHooks, services: Services,
                 runner: TaskRunner | None = None) -> None:
        super().__init__(window.window())
        self.window = window
        self.services = services
        self.runner = runner or window.runner
        self.dialog: SyncDialog | None = None
        self._ = _ = gettext_for(window.language)
        self.sync_action = QAction(_("Jetzt abgleichen…"), window.window())
        self.sync_action.setShortcut(QKeySequence("Ctrl+R"))
        self.sync_action.setStatusTip(_("Das Angebotsverzeichnis mit dem Kreis abgleichen"))
        self.sync_action.triggered.connect(self.open_dialog)
        window.add_menu_action(_("Daten"), self.sync_action)

    def open_dialog(self) -> SyncDialog:
        if self.dialog is None:
            self.dialog = SyncDialog(self.services, self.runner, self._, self.window.window(),
                                     self.window.language)
            self.dialog.applied.connect(self._applied)
            self.dialog.open_offer.connect(self.window.open_offer)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    def _applied(self, _outcome: SyncOutcome) -> None:
        self.window.reload_directory()

    def check_at_startup(self) -> TaskHandle | None:
        """If set up: a quiet sync from the saved https address; offline says nothing loud."""
        preferences = self.services.preferences
        source = preferences.sync_source
        if not preferences.sync_check_at_startup or not is_url(source):
            return None
        before = self.services.directory.status()
        was_demo = before is not None and before.is_demo
        return self.runner.run(lambda progress: run_sync(self.services, source, False,
                                                         progress),
                               on_done=lambda outcome: self._startup_done(outcome, was_demo),
                               on_error=self._startup_failed)

    def _startup_done(self, outcome: SyncOutcome, was_demo: bool = False) -> None:
        if outcome.applied:
            self.window.reload_directory()
            after = self.services.directory.status()
            language = self.window.language
            self.window.statusBar().showMessage(outcome_message(
                outcome, was_demo, after.offer_count if after else 0, language, self._,
                translations(language).ngettext), 10000)

    def _startup_failed(self, error: BaseException) -> None:
        if isinstance(error, SourceUnavailable):
            self.window.statusBar().showMessage(self._("Offline – vorhandener Datenstand."),
                                                6000)
        elif isinstance(error, SyncError):
            self.window.statusBar().showMessage(error_message(error, self._), 15000)


def install_sync_actions(window: WindowHooks, services: Services,
                         runner: TaskRunner | None = None) -> SyncActions:
    """Add the sync menu entry to ``window`` and start the optional start-up check."""
    actions = SyncActions(window, services, runner)
    actions.check_at_startup()
    return actions
