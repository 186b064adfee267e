"""The settings dialog: loads, saves on OK, validates in place, switches language and size."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import delete as shiboken_delete

from coesfeld_desktop.store.database import Database
from coesfeld_desktop.ui.language import current_ui_language
from coesfeld_desktop.ui.settings_dialog import SettingsDialog
from coesfeld_desktop.userdata.preferences import CentreDetails, Preferences
from coesfeld_desktop.userdata.preset import read_preset
from coesfeld_desktop.userdata.settings import SettingsService

OK = QDialogButtonBox.StandardButton.Ok
CANCEL = QDialogButtonBox.StandardButton.Cancel


def _dialog(qtbot: QtBot, prefs: Preferences) -> SettingsDialog:
    dialog = SettingsDialog(prefs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _click(qtbot: QtBot, dialog: SettingsDialog, which: QDialogButtonBox.StandardButton) -> None:
    qtbot.mouseClick(dialog.buttons.button(which), Qt.MouseButton.LeftButton)


def test_tabs_show_the_stored_values(
    qtbot: QtBot, german_app: QApplication, preferences: Preferences, logo: Path,
) -> None:
    preferences.centre = CentreDetails("Beratungsstelle Olfen", "Kirchstraße 5", "02595 1",
                                       str(logo))
    preferences.default_town = "Olfen"
    preferences.zoom_percent = 150
    dialog = _dialog(qtbot, preferences)
    assert [dialog.tabs.tabText(i).replace("&&", "&") for i in range(dialog.tabs.count())] == [
        "Beratungsstelle", "Suche", "Abgleich", "Sprache & Anzeige"]
    assert dialog.centre_form.name_edit.text() == "Beratungsstelle Olfen"
    assert dialog.centre_form.logo_edit.text() == str(logo)
    assert dialog.search_form.town_combo.currentText() == "Olfen"
    assert dialog.display_form.zoom_spin.value() == 150
    assert dialog.buttons.button(CANCEL).text() == "Abbrechen"  # Qt's own strings, in German


def test_ok_saves_and_cancel_does_not(
    qtbot: QtBot, german_app: QApplication, preferences: Preferences,
) -> None:
    dialog = _dialog(qtbot, preferences)
    dialog.centre_form.phone_edit.setText("02541 18-0")
    dialog.sync_form.source_edit.setText("https://kreis-coesfeld.example/angebote.zip")
    _click(qtbot, dialog, CANCEL)
    assert preferences.centre.phone == "" and preferences.sync_source == ""

    dialog = _dialog(qtbot, preferences)
    dialog.centre_form.phone_edit.setText("02541 18-0")
    dialog.search_form.town_combo.setCurrentText("Senden")
    dialog.sync_form.source_edit.setText("https://kreis-coesfeld.example/angebote.zip")
    _click(qtbot, dialog, OK)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert preferences.centre.phone == "02541 18-0"
    assert preferences.default_town == "Senden"
    assert preferences.sync_source == "https://kreis-coesfeld.example/angebote.zip"


def test_invalid_logo_shows_a_message_and_keeps_the_old_value(
    qtbot: QtBot, german_app: QApplication, preferences: Preferences, logo: Path,
    tmp_path: Path,
) -> None:
    preferences.centre = CentreDetails(name="Alt", logo_path=str(logo))
    dialog = _dialog(qtbot, preferences)
    dialog.tabs.setCurrentWidget(dialog.display_form)  # the problem must bring its tab back
    dialog.centre_form.name_edit.setText("Neu")
    dialog.centre_form.logo_edit.setText(str(tmp_path / "gibt-es-nicht.png"))
    _click(qtbot, dialog, OK)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.tabs.currentWidget() is dialog.centre_form
    message = dialog.centre_form.problem_label
    assert message.isVisible()
    assert message.text() == "⚠ Die Logo-Datei wurde nicht gefunden."
    assert preferences.centre == CentreDetails(name="Alt", logo_path=str(logo))

    dialog.centre_form.logo_edit.setText(str(tmp_path / "logo.gif"))
    _click(qtbot, dialog, OK)
    assert "PNG" in message.text() and preferences.centre.name == "Alt"

    dialog.centre_form.logo_edit.clear()  # typing hides the old message; no logo is fine
    assert not message.isVisible()
    _click(qtbot, dialog, OK)
    assert preferences.centre == CentreDetails(name="Neu")


def test_invalid_sync_source_shows_a_message(
    qtbot: QtBot, german_app: QApplication, preferences: Preferences,
) -> None:
    dialog = _dialog(qtbot, preferences)
    dialog.sync_form.source_edit.setText("https://")
    _click(qtbot, dialog, OK)
    assert dialog.tabs.currentWidget() is dialog.sync_form
    assert "https://" in dialog.sync_form.problem_label.text()
    assert preferences.sync_source == ""


def test_switching_to_arabic_lays_the_application_out_right_to_left(
    qtbot: QtBot, german_app: QApplication, preferences: Preferences,
) -> None:
    dialog = _dialog(qtbot, preferences)
    dialog.display_form.set_language("ar")
    with qtbot.waitSignal(dialog.languageChanged) as signal:
        _click(qtbot, dialog, OK)
    assert signal.args == ["ar"]
    assert preferences.ui_language == "ar"
    assert current_ui_language(german_app) == "ar"
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft

    rebuilt = _dialog(qtbot, preferences)  # what the window owner does on languageChanged
    assert rebuilt.windowTitle() == "الإعدادات"
    assert rebuilt.isRightToLeft()
    assert rebuilt.buttons.button(CANCEL).text() != "Cancel"  # Qt's own text, in Arabic

    rebuilt.display_form.set_language("de")
    _click(qtbot, rebuilt, OK)
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_same_language_emits_nothing_and_zoom_applies_at_once(
    qtbot: QtBot, german_app: QApplication, preferences: Preferences,
) -> None:
    base = german_app.font().pointSizeF()
    dialog = _dialog(qtbot, preferences)
    dialog.display_form.zoom_spin.setValue(200)
    with qtbot.assertNotEmitted(dialog.languageChanged), qtbot.waitSignal(dialog.zoomChanged):
        _click(qtbot, dialog, OK)
    assert preferences.zoom_percent == 200
    assert german_app.font().pointSizeF() == 2 * base


def test_the_owner_may_rebuild_its_window_when_the_language_changes(
    qtbot: QtBot, german_app: QApplication, preferences: Preferences,
) -> None:
    """``languageChanged`` arrives after accept() returned: deleting the owner is safe."""
    owner = QWidget()
    owner.show()
    dialog = SettingsDialog(preferences, parent=owner)
    dialog.open()
    rebuilt: list[str] = []

    def rebuild(language: str) -> None:
        owner.close()
        shiboken_delete(owner)  # the dialog, its child, goes with it at once
        rebuilt.append(language)

    dialog.languageChanged.connect(rebuild)
    dialog.display_form.set_language("uk")
    _click(qtbot, dialog, OK)
    assert rebuilt == []  # not from inside accept()
    qtbot.waitUntil(lambda: rebuilt == ["uk"])


def test_values_fixed_by_the_preset_are_shown_read_only(
    qtbot: QtBot, german_app: QApplication, tmp_path: Path,
) -> None:
    folder = tmp_path / "preset"
    folder.mkdir()
    (folder / "preset.toml").write_text(
        '[sync]\nsource = "https://verzeichnis.example.org/export.zip"\n'
        '[search]\ndefault_town = "Olfen"\n', encoding="utf-8")
    database = Database(tmp_path / "prefs.sqlite3")
    try:
        preferences = Preferences(SettingsService(database), read_preset(folder))
        dialog = SettingsDialog(preferences, "de")
        qtbot.addWidget(dialog)
        dialog.show()
        sync = dialog.sync_form
        assert sync.source_edit.text() == "https://verzeichnis.example.org/export.zip"
        assert not sync.source_edit.isEnabled() and not sync.source_button.isEnabled()
        assert sync.check_box.isEnabled()  # not fixed: the desk may choose
        assert sync.source_edit.toolTip() == "Von der IT-Abteilung festgelegt"
        assert not sync.preset_note.isHidden()  # (its tab is not the current one)
        assert not dialog.search_form.town_combo.isEnabled()
        assert dialog.search_form.town_combo.currentText() == "Olfen"
        assert dialog.centre_form.name_edit.isEnabled()
        assert dialog.centre_form.preset_note.isHidden()
        sync.check_box.setChecked(True)
        dialog.accept()
        assert preferences.sync_check_at_startup is True
        assert preferences.sync_source == "https://verzeichnis.example.org/export.zip"
    finally:
        database.close()
