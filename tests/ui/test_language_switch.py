"""Switching the UI language keeps the conversation: search, filters, the offer, the list."""

from __future__ import annotations

import shiboken6

from coesfeld_desktop.search.query import SearchFilters
from coesfeld_desktop.services import Services
from coesfeld_desktop.ui.app import WindowHost
from coesfeld_desktop.ui.main_window import MainWindow


def _ready(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.loaded and window.controller.idle
                    and window.controller.last_result is not None, timeout=15000)


def test_language_switch_keeps_search_filters_selection_and_list(
        qtbot, services: Services) -> None:
    host = WindowHost(services, "de")
    first = host.open()
    _ready(qtbot, first)
    first.search_field.setText("kita")
    first.filters.set_filters(SearchFilters(free_only=True))
    qtbot.waitUntil(lambda: first.controller.idle, timeout=15000)
    first.results.move_current(2)
    chosen = first.current_offer_id()
    assert chosen
    services.saved_list.add_offers([chosen])
    before = first.results_model.offer_ids()

    host.rebuild("ar")
    second = host.window
    assert second is not None and second is not first and second.language == "ar"
    _ready(qtbot, second)
    qtbot.waitUntil(lambda: second.current_offer_id() == chosen, timeout=15000)
    assert second.search_field.text() == "kita"
    assert second.filters.filters().free_only
    assert second.results_model.offer_ids() == before
    assert second.results.current_offer_id() == chosen
    assert second.conversation.offer_ids() == [chosen]
    second.controller.shutdown()
    second.close()
    for window in (first, second):
        if shiboken6.isValid(window):
            shiboken6.delete(window)
