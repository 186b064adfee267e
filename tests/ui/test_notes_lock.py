"""The notes passphrase from the window: protect, lock, unlock (issue 15.12)."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from coesfeld_desktop.i18n import gettext_for
from coesfeld_desktop.services import Services
from coesfeld_desktop.ui.main_window import MainWindow
from coesfeld_desktop.ui.notes_lock_actions import install_notes_lock_actions
from coesfeld_desktop.userdata.note_lock import PREFIX

pytestmark = pytest.mark.gui
PASSPHRASE = "Kiebitz am Ufer 7"


def _answer(texts: list[str]) -> None:
    """Type each text into the next passphrase dialog; close message boxes."""

    def step() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QInputDialog) and texts:
            box.setTextValue(texts.pop(0))
            box.accept()
        elif isinstance(box, QMessageBox):
            box.accept()
        if texts or box is not None:
            QTimer.singleShot(10, step)

    QTimer.singleShot(0, step)


def test_protect_lock_and_unlock_from_the_menu(qtbot, window: MainWindow,
                                               services: Services) -> None:
    actions = install_notes_lock_actions(window, services, gettext_for("de"))
    window.results.move_current(1)
    offer_id = window.current_offer_id()
    window.detail.note.setPlainText("Familie Zorlu ruft an")
    window.detail.flush_note()
    assert not actions.unlock_action.isEnabled()

    _answer([PASSPHRASE, PASSPHRASE])
    actions.change_passphrase()
    with sqlite3.connect(services.paths.database) as raw:
        assert raw.execute("SELECT text FROM note").fetchone()[0].startswith(PREFIX)

    services.notes.lock.forget_key()  # as after a new start
    window.detail.refresh_note_lock()
    assert window.detail.note.isReadOnly() and window.detail.note.toPlainText() == ""
    assert "Passwort" in window.detail.note_status.text()

    _answer(["falsch und lang", PASSPHRASE])  # a wrong one first: told, asked again
    assert actions.unlock()
    assert not window.detail.note.isReadOnly()
    assert window.detail.note.toPlainText() == "Familie Zorlu ruft an"
    assert services.notes.get(offer_id) == "Familie Zorlu ruft an"
