"""The Gesprächsliste beside the results: one list per conversation, printed as the handout."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from coesfeld_desktop.services import Services
from coesfeld_desktop.ui.handout_actions import install_handout_actions
from coesfeld_desktop.ui.main_window import MainWindow


def _answer(button: QMessageBox.StandardButton) -> None:
    """Answer the next confirmation box as soon as it is open."""

    def click() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                widget.button(button).click()
                return
        QTimer.singleShot(20, click)

    QTimer.singleShot(0, click)


def _collect(window: MainWindow, count: int) -> list[str]:
    ids = window.results_model.offer_ids()[:count]
    window.services.saved_list.add_offers(ids)
    return ids


def test_entries_show_provider_town_and_note_and_follow_changes(
        window: MainWindow, services: Services) -> None:
    [first, second] = _collect(window, 2)
    assert window.conversation.offer_ids() == [first, second]
    [summary] = services.directory.summaries([first])
    text = window.conversation.list.item(0).text()
    assert text.splitlines()[0] == summary.title
    assert summary.provider in text and summary.towns[0] in text
    services.notes.set(first, summary.title, "Frau K. kennt die Leiterin")
    window.conversation.refresh()
    assert "Notiz: Frau K. kennt die Leiterin" in window.conversation.list.item(0).text()
    assert window.conversation.heading.text() == "Gesprächsliste (2)"


def test_delete_key_context_menu_and_reorder(qtbot, window: MainWindow,
                                             services: Services) -> None:
    ids = _collect(window, 3)
    view = window.conversation
    view.list.setFocus()
    view.list.setCurrentRow(2)
    qtbot.keyClick(view.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert services.saved_list.offer_ids() == [ids[0], ids[2], ids[1]]
    assert view.current_offer_id() == ids[2]
    view.list.setCurrentRow(0)
    qtbot.keyClick(view.list, Qt.Key.Key_Delete)
    assert services.saved_list.offer_ids() == [ids[2], ids[1]]
    menu = view.context_menu()
    texts = [action.text() for action in menu.actions() if action.text()]
    assert texts == ["Nach oben", "Nach unten", "Entfernen", "Liste leeren …"]
    view.select_row(1)
    view.remove_action.trigger()
    assert services.saved_list.offer_ids() == [ids[2]]


def test_an_offer_no_longer_listed_stays_readable_and_removable(
        qtbot, make_window: Callable[..., MainWindow], services: Services) -> None:
    services.saved_list.add("off-gone", "Weggefallenes Angebot")
    services.notes.set("off-gone", "Weggefallenes Angebot", "hatte gute Erfahrungen")
    window = make_window()
    item = window.conversation.list.item(0)
    assert item.text().splitlines() == ["Weggefallenes Angebot", "nicht mehr im Verzeichnis",
                                        "Notiz: hatte gute Erfahrungen"]
    window.conversation.list.setFocus()
    window.conversation.list.setCurrentRow(0)
    qtbot.keyClick(window.conversation.list, Qt.Key.Key_Delete)
    assert services.saved_list.offer_ids() == []
    assert window.conversation.empty_label.isVisible()


def test_the_list_survives_a_restart(make_window: Callable[..., MainWindow]) -> None:
    window = make_window()
    ids = _collect(window, 2)
    window.close()
    again = make_window()
    assert again.conversation.offer_ids() == ids


def test_clear_all_asks_first(window: MainWindow, services: Services) -> None:
    _collect(window, 2)
    _answer(QMessageBox.StandardButton.No)
    assert window.conversation.ask_and_clear() is False
    assert len(services.saved_list.offer_ids()) == 2
    _answer(QMessageBox.StandardButton.Yes)
    assert window.conversation.ask_and_clear() is True
    assert services.saved_list.offer_ids() == []


def test_new_conversation_clears_list_search_filters_and_detail_after_asking(
        qtbot, window: MainWindow, services: Services, wait_search) -> None:
    _collect(window, 2)
    window.search_field.setText("kita")
    wait_search(window)
    window.filters.checks["free_only"].setChecked(True)
    window.results.move_current(1)
    assert window.current_offer_id()
    _answer(QMessageBox.StandardButton.No)
    window.new_conversation_action.trigger()
    assert len(services.saved_list.offer_ids()) == 2 and window.search_field.text() == "kita"
    _answer(QMessageBox.StandardButton.Yes)
    window.new_conversation_action.trigger()
    wait_search(window)
    assert services.saved_list.offer_ids() == []
    assert window.search_field.text() == "" and not window.filters.checks["free_only"].isChecked()
    assert window.current_offer_id() is None
    assert window.new_conversation_action.shortcut().toString() == "Ctrl+N"


def test_the_handout_is_printed_from_this_list(qtbot, window: MainWindow,
                                               services: Services) -> None:
    actions = install_handout_actions(window, services)
    ids = _collect(window, 2)
    window.results.move_current(3)  # a third offer, added with Ctrl+H
    third = window.current_offer_id()
    window.results.view.setFocus()
    actions.add_action.trigger()
    assert services.saved_list.offer_ids() == [*ids, third]
    assert window.conversation.offer_ids() == [*ids, third]
    qtbot.mouseClick(window.conversation.handout_button, Qt.MouseButton.LeftButton)
    dialog = actions.dialog
    assert dialog is not None and dialog.isVisible()
    shown = [dialog.offers.item(row).data(Qt.ItemDataRole.UserRole)
             for row in range(dialog.offers.count())]
    assert shown == [*ids, third]
    dialog.offers.setCurrentRow(0)
    dialog.remove_button.click()  # removing on the sheet removes from the one list
    assert window.conversation.offer_ids() == [ids[1], third]
    actions.shutdown()


def test_in_arabic_each_line_keeps_its_own_direction(
        make_window: Callable[..., MainWindow], services: Services) -> None:
    services.saved_list.add("off-gone", "Weggefallenes Angebot e. V.")
    window = make_window("ar")
    lines = window.conversation.list.item(0).text().splitlines()
    assert lines[0] == "\u2068Weggefallenes Angebot e. V.\u2069"  # the full stop stays last
    assert lines[1] == "\u2068لم يعد في الدليل\u2069"


def test_a_dragged_entry_keeps_its_new_place(qtbot, window: MainWindow,
                                             services: Services) -> None:
    ids = _collect(window, 3)
    model = window.conversation.list.model()
    assert model.moveRow(QModelIndex(), 2, QModelIndex(), 0)  # what a drop does
    qtbot.waitUntil(lambda: services.saved_list.offer_ids() == [ids[2], ids[0], ids[1]])
    assert window.conversation.offer_ids() == [ids[2], ids[0], ids[1]]
