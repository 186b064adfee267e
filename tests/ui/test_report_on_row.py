"""A report of the desk shows on the offer's result row too ("⚑ gemeldet am …"), before the
facts a narrow row may cut; the detail pane says it in full."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from coesfeld_desktop.ui.main_window import MainWindow


def test_a_report_marks_the_row_and_the_detail(qtbot, window: MainWindow, wait_search) -> None:
    window.search_field.setText("kita")
    wait_search(window)
    window.results.move_current(1)
    offer_id = window.current_offer_id()
    assert offer_id
    row = window.results_model.offer_ids().index(offer_id)
    assert not any("gemeldet" in alert for alert in window.results_model.row_lines(row).alerts)
    window.detail.report_button.click()
    dialog = window.detail.correction_dialog
    assert dialog is not None
    dialog.buttons_by_kind["waiting_list"].click()
    qtbot.mouseClick(dialog.report_button, Qt.MouseButton.LeftButton)
    alerts = window.results_model.row_lines(row).alerts
    assert alerts[-1] == f"⚑ gemeldet am {dt.date.today():%d.%m.%y}"
    assert "Warteliste / keine Plätze" in window.detail.reported_label.text()
