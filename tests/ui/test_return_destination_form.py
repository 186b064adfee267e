"""Settings, tab Abgleich: where the centre's messages to the district go (folder or WebDAV),
checked in place, the password kept in its own file and shown only for WebDAV."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from coesfeld_desktop.store.database import Database
from coesfeld_desktop.ui.settings_dialog import SettingsDialog
from coesfeld_desktop.userdata.keys import Key
from coesfeld_desktop.userdata.preferences import Preferences
from coesfeld_desktop.userdata.preset import Preset
from coesfeld_desktop.userdata.secret_file import SecretFile
from coesfeld_desktop.userdata.settings import SettingsService

OK = QDialogButtonBox.StandardButton.Ok


def test_destination_is_checked_saved_and_the_password_kept_apart(
        qtbot: QtBot, german_app: QApplication, tmp_path: Path) -> None:
    database = Database(tmp_path / "prefs.sqlite3")
    secret = tmp_path / "secret" / "webdav-password"
    preferences = Preferences(SettingsService(database), password_file=SecretFile(secret))
    dialog = SettingsDialog(preferences)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    form = dialog.sync_form
    usb = tmp_path / "usb"
    usb.mkdir()
    form.destination_edit.setText(str(usb))
    assert form.password_edit.isHidden()  # a folder needs no credentials
    form.destination_edit.setText("http://cloud.example.org/remote.php/dav/files/k/")
    assert not form.password_edit.isHidden()
    qtbot.mouseClick(dialog.buttons.button(OK), Qt.MouseButton.LeftButton)
    assert dialog.isVisible()  # refused: the password would travel unencrypted
    assert dialog.tabs.currentWidget() is form
    assert "https://" in form.problem_label.text()
    form.destination_edit.setText("https://cloud.example.org/remote.php/dav/files/k/")
    form.user_edit.setText("beratung-olfen")
    form.password_edit.setText("app-passwort-xyz")
    qtbot.mouseClick(dialog.buttons.button(OK), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert preferences.return_destination == "https://cloud.example.org/remote.php/dav/files/k/"
    assert preferences.return_user == "beratung-olfen"
    assert secret.read_text(encoding="utf-8") == "app-passwort-xyz"
    assert "app-passwort-xyz" not in " ".join(SettingsService(database).all().values())
    database.close()


def test_the_months_after_which_an_offer_counts_as_old_are_a_setting(
        qtbot: QtBot, german_app: QApplication, preferences: Preferences) -> None:
    dialog = SettingsDialog(preferences)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.search_form.stale_spin.value() == 12
    assert dialog.search_form.stale_spin.suffix() == " Monaten"
    dialog.search_form.stale_spin.setValue(18)
    qtbot.mouseClick(dialog.buttons.button(OK), Qt.MouseButton.LeftButton)
    assert preferences.stale_months == 18


def test_a_destination_fixed_by_it_is_shown_and_never_blocks_saving(
        qtbot: QtBot, german_app: QApplication, tmp_path: Path) -> None:
    database = Database(tmp_path / "prefs.sqlite3")
    preset = Preset(tmp_path, {Key.RETURN_DESTINATION: "/media/kreis-stick/meldungen"})
    preferences = Preferences(SettingsService(database), preset)
    dialog = SettingsDialog(preferences)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    form = dialog.sync_form
    assert form.destination_edit.text() == "/media/kreis-stick/meldungen"
    assert not form.destination_edit.isEnabled()
    qtbot.mouseClick(dialog.buttons.button(OK), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()  # saved, although that folder is not on this machine
    assert preferences.return_destination == "/media/kreis-stick/meldungen"
    database.close()
