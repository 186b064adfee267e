"""The "Vermittlung" dialog (issue #17 point 7) on real widgets: opened from the button under
the Gesprächsliste, an appointment typed in, the sheet previewed, saved and read back; the
appointment is never written to the database, the settings or any file of the data folder,
and "Neues Gespräch" forgets it."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QApplication, QCheckBox, QStyle, QStyleOptionButton

from coesfeld_desktop.services import Services
from coesfeld_desktop.ui.handover_actions import install_handover_actions
from coesfeld_desktop.ui.handover_dialog import HandoverDialog
from coesfeld_desktop.ui.main_window import MainWindow
from tests.handout.pdfread import read_pdf, squash

pytestmark = pytest.mark.gui

HEBAMME = "off-duelmen-0070"  # Hebammenhilfe (Dülmen)
BABYLOTSEN = "off-duelmen-0017"


def _snapshot(services: Services) -> tuple[list[str], dict[str, str]]:
    """The database's content and every other file of the data folder, by content."""
    with sqlite3.connect(services.paths.database) as raw:
        dump = list(raw.iterdump())
    files = {}
    for path in sorted(services.paths.home.rglob("*")):
        if path.is_file() and not path.name.startswith(services.paths.database.name):
            files[str(path.relative_to(services.paths.home))] = hashlib.sha256(
                path.read_bytes()).hexdigest()
    return dump, files


def _wait_built(qtbot, dialog: HandoverDialog) -> None:
    qtbot.waitUntil(lambda: dialog.controller.current is not None
                    and dialog.controller.current.entries == tuple(dialog.entries())
                    and dialog.controller.current.options == dialog.options(), timeout=30000)


def _tick(qtbot, box: QCheckBox) -> None:
    """Click the check box's indicator, where the style draws it."""
    option = QStyleOptionButton()
    box.initStyleOption(option)
    indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=indicator.center())


def _open(qtbot, window: MainWindow, services: Services) -> HandoverDialog:
    actions = install_handover_actions(window, services)
    qtbot.mouseClick(window.conversation.handover_button, Qt.MouseButton.LeftButton)
    dialog = actions.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitExposed(dialog)
    return dialog


def test_an_appointment_is_printed_in_arabic_with_german_beneath_and_stored_nowhere(
        qtbot, window: MainWindow, services: Services,
        tmp_path_factory: pytest.TempPathFactory) -> None:
    services.saved_list.add(HEBAMME, "Hebammenhilfe")
    services.saved_list.add(BABYLOTSEN, "Babylotsen")
    window.conversation.refresh()
    before = _snapshot(services)
    dialog = _open(qtbot, window, services)
    assert [row.offer_id for row in dialog.rows] == [HEBAMME, BABYLOTSEN]
    row = dialog.rows[0]
    assert not row.date.isEnabled()  # no appointment until one is ticked
    _tick(qtbot, row.has_date)
    assert row.has_date.isChecked() and row.date.isEnabled()
    row.date.setDate(QDate(2026, 12, 8))
    _tick(qtbot, row.has_time)
    row.time.setTime(QTime(10, 30))
    if not row.call_first.isChecked():
        _tick(qtbot, row.call_first)
    dialog.language.setCurrentIndex(dialog.language.findData("ar"))
    _wait_built(qtbot, dialog)
    assert dialog.save_button.isEnabled() and dialog.preview.page_count >= 1
    saved = dialog.save_to(tmp_path_factory.mktemp("usb") / "vermittlung.pdf")
    text = read_pdf(saved.read_bytes()).squashed()
    assert squash("Ihr Termin: Dienstag, 8. Dezember 2026, 10:30 Uhr") in text
    assert squash("الخطوات التالية") in squash(" ".join(read_pdf(saved.read_bytes())
                                                        .logical_lines()))
    assert "Babylotsen" in read_pdf(saved.read_bytes()).text
    # printed only: the database, the settings and the data folder are as they were
    assert _snapshot(services) == before
    with sqlite3.connect(services.paths.database) as raw:
        assert not any("2026-12-08" in line or "Dezember 2026" in line
                       for line in raw.iterdump())


def test_new_conversation_forgets_the_appointments(
        qtbot, window: MainWindow, services: Services) -> None:
    services.saved_list.add(HEBAMME, "Hebammenhilfe")
    window.conversation.refresh()
    dialog = _open(qtbot, window, services)
    _tick(qtbot, dialog.rows[0].has_date)
    assert dialog.entries()[0].has_appointment
    services.saved_list.clear()
    window.conversation_cleared.emit()  # what "Neues Gespräch" sends after asking
    assert dialog.rows == [] and dialog.empty_label.isVisibleTo(dialog)
    assert not dialog.save_button.isEnabled()


def test_reopening_keeps_what_was_set_for_offers_still_listed(
        qtbot, window: MainWindow, services: Services) -> None:
    services.saved_list.add(HEBAMME, "Hebammenhilfe")
    window.conversation.refresh()
    dialog = _open(qtbot, window, services)
    dialog.rows[0].has_date.setChecked(True)
    dialog.rows[0].date.setDate(QDate(2026, 12, 9))
    dialog.close()
    services.saved_list.add(BABYLOTSEN, "Babylotsen")
    qtbot.mouseClick(window.conversation.handover_button, Qt.MouseButton.LeftButton)
    assert [row.offer_id for row in dialog.rows] == [HEBAMME, BABYLOTSEN]
    assert dialog.rows[0].entry().appointment_date is not None
    assert str(dialog.rows[0].entry().appointment_date) == "2026-12-09"
    assert not dialog.rows[1].has_date.isChecked()


def test_the_time_reads_hours_first_in_an_arabic_window(
        qtbot, make_window, services: Services) -> None:
    services.saved_list.add(HEBAMME, "Hebammenhilfe")
    QApplication.setLayoutDirection(Qt.LayoutDirection.RightToLeft)  # as ui.app does for ar
    try:
        window = make_window("ar")
        dialog = _open(qtbot, window, services)
        assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
        row = dialog.rows[0]
        row.time.setTime(QTime(10, 30))
        assert row.time.text() == "10:30"  # not "30:10" in a right-to-left window
        assert row.title.text() != "Hebammenhilfe"  # the title in the window's language
    finally:
        QApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
