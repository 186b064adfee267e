"""Wire the warm handover sheet ("Vermittlung…") into the main window: the button under the
Gesprächsliste and a menu entry open one dialog; "Neues Gespräch" empties it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence

from coesfeld_desktop.i18n import gettext_for
from coesfeld_desktop.services import Services
from coesfeld_desktop.ui.handover_dialog import HandoverDialog
from coesfeld_desktop.ui.tasks import TaskRunner
from coesfeld_desktop.ui.window_hooks import WindowHooks


class HandoverActions(QObject):
    def __init__(self, window: WindowHooks, services: Services,
                 runner: TaskRunner | None = None) -> None:
        super().__init__(window.window())
        self.window = window
        self.services = services
        self.runner = runner or window.runner
        self.language = window.language
        self._ = _ = gettext_for(self.language)
        self.dialog: HandoverDialog | None = None
        self.open_action = QAction(_("Vermittlung…"), window.window())
        self.open_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.open_action.triggered.connect(self.open_dialog)
        window.add_menu_action(_("Handzettel"), self.open_action)
        window.handover_requested.connect(self.open_dialog)
        window.conversation_cleared.connect(self._conversation_cleared)

    def open_dialog(self) -> HandoverDialog:
        if self.dialog is None:
            self.dialog = HandoverDialog(self.services, self.runner, self._,
                                         self.window.window(), self.language)
        else:
            self.dialog.refresh()
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    def _conversation_cleared(self) -> None:
        if self.dialog is not None:
            self.dialog.forget()

    def shutdown(self) -> None:
        if self.dialog is not None:
            self.dialog.close()


def install_handover_actions(window: WindowHooks, services: Services,
                             runner: TaskRunner | None = None) -> HandoverActions:
    """Add the handover actions to ``window`` (the window's widget keeps them alive)."""
    actions = HandoverActions(window, services, runner)
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(actions.shutdown)  # no PDF work left running at exit
    return actions
