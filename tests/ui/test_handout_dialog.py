"""Handouts in the window: select offers, Ctrl+H, open the dialog, Arabic + German, save."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtPrintSupport import QPrinter

from coesfeld_desktop.handout.pdf import Layout
from coesfeld_desktop.services import Services
from coesfeld_desktop.store.offers import offer_details
from coesfeld_desktop.ui.handout_actions import install_handout_actions
from coesfeld_desktop.ui.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "handout"))
from pdfread import as_printed, embedded_fonts, missing_glyphs, read_pdf, squash

pytestmark = pytest.mark.gui


def _select_first_results(window: MainWindow, count: int) -> list[str]:
    view = window.results.view
    selection = view.selectionModel()
    selection.clearSelection()
    for row in range(count):
        selection.select(view.model().index(row, 0),
                         QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
    return window.selected_offer_ids()


def _wait_built(qtbot, dialog) -> None:
    qtbot.waitUntil(lambda: dialog._current is not None
                    and dialog._current[1] == dialog.options(), timeout=30000)


def test_three_offers_in_arabic_and_german_saved_as_pdf(qtbot, window: MainWindow,
                                                        services: Services, tmp_path):
    actions = install_handout_actions(window, services)
    chosen = _select_first_results(window, 3)
    assert len(chosen) == 3
    actions.add_action.trigger()  # Ctrl+H
    assert actions.basket.offer_ids == chosen
    assert window.statusBar().currentMessage() == "Gesprächsliste: 3 Angebote"
    assert "Handzettel" in [a.text() for a in window.menuBar().actions()]

    actions.open_action.trigger()  # Ctrl+P
    dialog = actions.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.offers.count() == 3
    dialog.set_options("ar", Layout.BENEATH, False)
    _wait_built(qtbot, dialog)
    assert dialog.preview.page_count >= 1 and dialog.save_button.isEnabled()
    pages = dialog.preview.page_count
    assert dialog.status.text() == ("1 Seite" if pages == 1 else f"{pages} Seiten")

    target = dialog.save_to(tmp_path / "handzettel.pdf")
    data = target.read_bytes()
    read = read_pdf(data)
    with services.database.session() as session:
        arabic = offer_details(session, chosen, "ar")
        german = offer_details(session, chosen, "de")
    text = read.squashed()
    for offer_ar, offer_de in zip(arabic, german, strict=True):
        # titles may wrap; every word must be there, shaped and in visual order
        assert all(as_printed(word, "ar") in text for word in offer_ar.title.text.split())
        assert all(squash(word) in text for word in offer_de.title.text.split())
    assert all(embedded_fonts(data).values())
    assert missing_glyphs(read) == []
    entries = dialog.history.entries()
    assert len(entries) == 1 and entries[0].offer_ids == tuple(chosen)
    assert entries[0].language == "ar" and entries[0].layout is Layout.BENEATH
    shown = dialog.history_list.item(0).text()  # babel's German date, a real plural
    assert shown.endswith(" · 3 Angebote") and f"{entries[0].created_at:%d.%m.%Y}" in shown
    actions.shutdown()


def test_reorder_remove_note_and_reuse_from_history(qtbot, window: MainWindow,
                                                    services: Services, tmp_path):
    actions = install_handout_actions(window, services)
    chosen = _select_first_results(window, 3)
    actions.add_current()
    dialog = actions.open_dialog()
    dialog.offers.setCurrentRow(2)
    dialog.up_button.click()
    assert actions.basket.offer_ids == [chosen[0], chosen[2], chosen[1]]
    dialog.offers.setCurrentRow(0)
    dialog.remove_button.click()
    assert actions.basket.offer_ids == [chosen[2], chosen[1]]
    dialog.note.setPlainText("Bitte bis Freitag anrufen.")
    dialog.set_options("uk", Layout.SINGLE, True)
    _wait_built(qtbot, dialog)
    assert "Freitag" not in read_pdf(dialog.current_pdf).text  # "Notiz drucken" is off
    dialog.print_note.setChecked(True)
    _wait_built(qtbot, dialog)
    assert "Bitte bis Freitag anrufen." in read_pdf(dialog.current_pdf).text
    dialog.save_to(tmp_path / "a.pdf")
    note_free = repr(dialog.history.entries())
    assert "Freitag" not in note_free  # the note never reaches the history

    actions.basket.clear()
    dialog.refresh_basket()
    dialog.set_options("de", Layout.SINGLE, False)
    dialog.reuse(dialog.history.entries()[0])
    assert actions.basket.offer_ids == [chosen[2], chosen[1]]
    assert dialog.options().language == "uk" and dialog.options().large_print
    actions.shutdown()


def test_print_goes_through_a_printer(qtbot, window: MainWindow, services: Services,
                                      tmp_path):
    actions = install_handout_actions(window, services)
    _select_first_results(window, 1)
    actions.add_current()
    dialog = actions.open_dialog()
    _wait_built(qtbot, dialog)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    dialog.print_handout(printer)
    qtbot.waitUntil(lambda: out.exists() and out.stat().st_size > 10000, timeout=30000)
    qtbot.waitUntil(lambda: len(dialog.history.entries()) == 1, timeout=5000)
    actions.shutdown()


def test_empty_basket_says_so(qtbot, window: MainWindow, services: Services):
    actions = install_handout_actions(window, services)
    dialog = actions.open_dialog()
    dialog.generate_now()
    assert "leer" in dialog.status.text()
    assert not dialog.save_button.isEnabled()
    actions.shutdown()


def test_a_crisis_search_proposes_the_helplines_on_the_sheet(qtbot, window: MainWindow,
                                                            services: Services, wait_search):
    actions = install_handout_actions(window, services)
    window.search_field.setText("Schuldnerberatung")  # no crisis: nothing proposed
    wait_search(window)
    qtbot.waitUntil(lambda: window.controller.last_request.text == "Schuldnerberatung")
    wait_search(window)
    _select_first_results(window, 1)
    actions.add_action.trigger()
    dialog = actions.open_dialog()
    assert not dialog.print_crisis.isChecked()
    window.search_field.setText("häusliche Gewalt")  # the conversation touches a crisis
    qtbot.waitUntil(lambda: dialog.print_crisis.isChecked(), timeout=30000)
    _wait_built(qtbot, dialog)
    text = read_pdf(dialog.current_pdf).text
    assert "Hilfe in Notlagen" in text and "116 016" in text
    # the counsellor decides: unticked, it stays off (a sheet may reach the wrong hands)
    dialog.print_crisis.click()
    assert not dialog.print_crisis.isChecked()
    dialog.refresh_basket()
    assert not dialog.print_crisis.isChecked()
    _wait_built(qtbot, dialog)
    assert "Hilfe in Notlagen" not in read_pdf(dialog.current_pdf).text
    # a new conversation forgets it (held in memory only)
    window.conversation_cleared.emit()
    services.saved_list.clear()
    dialog.refresh_basket()
    assert not actions.basket.crisis_seen and not dialog.print_crisis.isChecked()
    actions.shutdown()


def test_the_dialog_warns_about_characters_the_fonts_cannot_print(qtbot, window: MainWindow,
                                                                  services: Services):
    actions = install_handout_actions(window, services)
    _select_first_results(window, 1)
    actions.add_action.trigger()
    dialog = actions.open_dialog()
    dialog.print_note.setChecked(True)
    # Chinese characters: in none of the bundled fonts (Latin, Arabic, Ethiopic, symbols)
    dialog.note.setPlainText("Termin am Freitag ☎ 漢字")
    _wait_built(qtbot, dialog)
    warning = dialog.note_warning
    assert warning.isVisibleTo(dialog)
    assert "漢 字" in warning.text() and "Freitag" not in warning.text()
    assert warning.text().startswith("Diese Zeichen der Notiz kann der Handzettel nicht drucken")
    dialog.note.setPlainText("Termin am Freitag")  # nothing lost: no warning
    _wait_built(qtbot, dialog)
    assert not warning.isVisibleTo(dialog)
    actions.shutdown()
