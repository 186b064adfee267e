"""Wire settings into the main window: "Einstellungen…" in "Datei", zoom in "Ansicht".

Kept apart from ``main_window`` like the handout and sync wiring. A language change cannot
be applied to living widgets (they are built with one ``_``), so it asks the owner of the
window to rebuild it through ``rebuild_window(language)``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from coesfeld_desktop.i18n import gettext_for
from coesfeld_desktop.services import Services
from coesfeld_desktop.ui.settings_dialog import SettingsDialog
from coesfeld_desktop.ui.window_hooks import WindowHooks
from coesfeld_desktop.ui.zoom import zoom_actions


class SettingsActions(QObject):
    def __init__(self, window: WindowHooks, services: Services,
                 rebuild_window: Callable[[str], None] | None = None) -> None:
        super().__init__(window.window())
        self.window = window
        self.preferences = services.preferences
        self.rebuild_window = rebuild_window
        self.language = window.language
        _ = gettext_for(self.language)
        self.settings_action = QAction(_("Einstellungen…"), window.window())
        self.settings_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Preferences))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.open_dialog)
        window.add_menu_action(_("Datei"), self.settings_action)
        for action in zoom_actions(window.window(), self.preferences, self.language):
            window.add_menu_action(_("Ansicht"), action)
        self.dialog: SettingsDialog | None = None

    def open_dialog(self) -> SettingsDialog:
        self.dialog = SettingsDialog(self.preferences, self.language, self.window.window())
        self.dialog.languageChanged.connect(self._language_changed)
        self.dialog.open()
        return self.dialog

    def _language_changed(self, language: str) -> None:
        if self.rebuild_window is not None:
            self.rebuild_window(language)


def install_settings_actions(window: WindowHooks, services: Services,
                             rebuild_window: Callable[[str], None] | None = None
                             ) -> SettingsActions:
    return SettingsActions(window, services, rebuild_window)
