"""A note typed while a sync holds the database: the window says so, waits for nothing, loses
nothing (issue 15.7)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from coesfeld_desktop.services import Services
from coesfeld_desktop.ui.main_window import MainWindow
from coesfeld_desktop.userdata.note_saver import PENDING_FILE
from tests.userdata.test_note_saver import write_lock

pytestmark = pytest.mark.gui
NOTE = "Frau K. kennt die Leiterin"


def test_a_note_typed_during_a_sync_is_kept_and_saved_when_it_ends(
        qtbot, window: MainWindow, services: Services) -> None:
    window.results.move_current(1)
    offer_id = window.current_offer_id()
    with write_lock(services):
        window.detail.note.setPlainText(NOTE)
        window.detail.flush_note()  # returns at once: no busy wait on the GUI thread
        assert window.detail.note_status.isVisibleTo(window)
        assert "nach der Aktualisierung gespeichert" in window.detail.note_status.text()
        assert (services.paths.home / PENDING_FILE).exists()
        window.results.move_current(1)  # switching away and back shows what was typed
        window.open_offer(offer_id)
        assert window.detail.note.toPlainText() == NOTE
        assert services.notes.get(offer_id) == ""
    qtbot.waitUntil(lambda: services.notes.get(offer_id) == NOTE, timeout=5000)
    assert not window.detail.note_status.isVisibleTo(window)
    assert not (services.paths.home / PENDING_FILE).exists()


def test_closing_the_window_during_a_sync_keeps_the_note_for_the_next_start(
        qtbot, make_window: Callable[..., MainWindow], services: Services) -> None:
    window = make_window()
    window.results.move_current(1)
    offer_id = window.current_offer_id()
    with write_lock(services):
        window.detail.note.setPlainText(NOTE)
        window.close()
        assert services.notes.get(offer_id) == ""
    again = make_window()
    again.open_offer(offer_id)
    assert again.detail.note.toPlainText() == NOTE
    assert services.notes.get(offer_id) == NOTE
