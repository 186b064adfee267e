"""The settings dialog: what the first-run wizard asked, changeable later, in four tabs.

OK checks every tab; a problem is shown in its tab next to the field and the dialog stays
open with nothing saved. After saving, a new text size is applied at once; a new language
is applied to the application and announced with ``languageChanged`` (once control is back
in the event loop, so the receiver may safely close and rebuild the window that owns this
dialog) so the owner can rebuild the main window in that language (see
:mod:`coesfeld_desktop.ui.language`).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coesfeld_desktop.i18n import gettext_for
from coesfeld_desktop.ui.language import apply_ui_language, latin_digits
from coesfeld_desktop.ui.preference_forms import (
    CentreForm,
    DisplayForm,
    PreferenceForm,
    SearchForm,
    SyncForm,
)
from coesfeld_desktop.ui.zoom import apply_zoom
from coesfeld_desktop.userdata.preferences import Preferences


class SettingsDialog(QDialog):
    languageChanged = Signal(str)  # noqa: N815 - Qt signal naming
    zoomChanged = Signal(int)  # noqa: N815 - Qt signal naming

    def __init__(self, preferences: Preferences, language: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.preferences = preferences
        self.language = language or preferences.ui_language
        self._ = _ = gettext_for(self.language)
        self.setWindowTitle(_("Einstellungen"))
        self.centre_form = CentreForm(_)
        self.search_form = SearchForm(_)
        self.sync_form = SyncForm(_)
        self.display_form = DisplayForm(_)
        self.forms: list[PreferenceForm] = [
            self.centre_form, self.search_form, self.sync_form, self.display_form]
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Bereiche der Einstellungen"))
        for form, title in zip(self.forms, (_("Beratungsstelle"), _("Suche"), _("Abgleich"),
                                            _("Sprache & Anzeige")), strict=True):
            self.tabs.addTab(form, title.replace("&", "&&"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.buttons)
        latin_digits(self)
        self._connect()
        for form in self.forms:
            form.load(preferences)

    def _connect(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def accept(self) -> None:
        for form in self.forms:
            if not form.validate():
                self.tabs.setCurrentWidget(form)
                form.validate()  # again, so the field gets the focus on the now visible tab
                return
        old_language, old_zoom = self.preferences.ui_language, self.preferences.zoom_percent
        for form in self.forms:
            form.save(self.preferences)
        super().accept()
        app = QApplication.instance()
        new_zoom = self.preferences.zoom_percent
        if new_zoom != old_zoom:
            if isinstance(app, QApplication):
                apply_zoom(app, new_zoom)
            self.zoomChanged.emit(new_zoom)
        new_language = self.preferences.ui_language
        if new_language != old_language:
            if isinstance(app, QApplication):
                apply_ui_language(app, new_language)
            # Announced from the event loop, not from inside accept(): the receiver may
            # close and rebuild the window that owns this dialog.
            QTimer.singleShot(0, self, lambda: self.languageChanged.emit(new_language))
