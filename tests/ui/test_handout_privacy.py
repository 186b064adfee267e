"""Handout privacy (issue 15.12): the note only when asked for, a history that can be cleared
and forgets by itself, a save folder outside the data folder, no folder history in Qt's
settings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox

from coesfeld_desktop.handout.pdf import HandoutOptions, Layout
from coesfeld_desktop.services import Services
from coesfeld_desktop.ui.file_dialogs import QT_SETTINGS_ORGANISATION, documents_folder
from coesfeld_desktop.ui.handout_actions import install_handout_actions
from coesfeld_desktop.ui.main_window import MainWindow
from coesfeld_desktop.userdata.preferences import DEFAULT_RETENTION_DAYS
from tests.ui.test_handout_dialog import _select_first_results, _wait_built

pytestmark = pytest.mark.gui


def test_print_note_is_off_by_default_and_the_wording_says_so(
        qtbot, window: MainWindow, services: Services) -> None:
    actions = install_handout_actions(window, services)
    _select_first_results(window, 1)
    actions.add_current()
    dialog = actions.open_dialog()
    assert not dialog.print_note.isChecked()
    assert "Notiz drucken" in dialog.note.placeholderText()
    assert "wird nicht gespeichert" not in dialog.note.placeholderText()
    dialog.note.setPlainText("Familie Zorlu")
    assert dialog.options().note == ""
    dialog.print_note.setChecked(True)
    assert dialog.options().note == "Familie Zorlu"
    actions.shutdown()


def test_clear_history_asks_and_deletes_every_entry(
        qtbot, window: MainWindow, services: Services) -> None:
    history = services.handout_history
    history.record(["off-1"], ["A"], HandoutOptions("ar", Layout.SINGLE, False, ""))
    actions = install_handout_actions(window, services)
    dialog = actions.open_dialog()
    assert dialog.history_list.count() == 1

    def answer_yes() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.button(QMessageBox.StandardButton.Yes).click()
        else:
            QTimer.singleShot(10, answer_yes)

    QTimer.singleShot(0, answer_yes)
    dialog.clear_history_button.click()
    assert history.entries() == [] and dialog.history_list.count() == 0
    actions.shutdown()


def test_history_entries_older_than_the_retention_are_deleted(
        qtbot, window: MainWindow, services: Services) -> None:
    history = services.handout_history
    options = HandoutOptions("tr", Layout.SINGLE, False, "")
    now = dt.datetime.now()
    history.record(["off-1"], ["Alt"], options, when=now - dt.timedelta(days=100))
    history.record(["off-2"], ["Neu"], options, when=now - dt.timedelta(days=10))
    assert services.preferences.handout_history_days == DEFAULT_RETENTION_DAYS == 90
    assert history.forget_older_than(services.preferences.handout_history_days) == 1
    assert [entry.titles for entry in history.entries()] == [("Neu",)]
    actions = install_handout_actions(window, services)
    dialog = actions.open_dialog()
    dialog.retention.setValue(5)  # configurable in the history tab
    assert services.preferences.handout_history_days == 5
    assert history.entries() == []
    actions.shutdown()


def test_the_save_dialog_starts_in_documents_and_leaves_no_folder_history(
        qtbot, window: MainWindow, services: Services, tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "qt-settings"))
    actions = install_handout_actions(window, services)
    _select_first_results(window, 1)
    actions.add_current()
    dialog = actions.open_dialog()
    _wait_built(qtbot, dialog)
    target = tmp_path / "Dokumente-Zorlu"
    target.mkdir()
    seen: list[str] = []

    def fill_in() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QFileDialog):
            QTimer.singleShot(10, fill_in)
            return
        seen.append(box.directory().absolutePath())
        box.setDirectory(str(target))  # the counsellor goes to a folder named for a client
        box.findChild(QLineEdit).setText("handzettel.pdf")
        box.accept()

    QTimer.singleShot(0, fill_in)
    dialog.save_with_dialog()
    assert Path(seen[0]) == documents_folder()
    assert services.paths.home not in Path(seen[0]).parents
    assert (target / "handzettel.pdf").read_bytes().startswith(b"%PDF")
    qt = QSettings(QSettings.Scope.UserScope, QT_SETTINGS_ORGANISATION)
    assert Path(qt.fileName()).is_relative_to(tmp_path)  # the test's own Qt settings
    assert "Zorlu" not in repr([qt.value(key) for key in qt.allKeys()])
    assert "Zorlu" not in Path(qt.fileName()).read_text(encoding="utf-8")
    actions.shutdown()
