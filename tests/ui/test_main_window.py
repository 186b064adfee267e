"""The main window driven like a counsellor would: typing, filters, keyboard, Merkliste, notes.

Real services on a temporary folder with the demo directory; no mocks of the search.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QCheckBox

from coesfeld_desktop.domain.formatting import date_text
from coesfeld_desktop.search.query import SearchFilters, SearchRequest
from coesfeld_desktop.services import Services
from coesfeld_desktop.store.offers import offer_detail, topic_names
from coesfeld_desktop.ui.main_window import MainWindow
from coesfeld_desktop.ui.results_model import BATCH_SIZE, ResultsModel
from coesfeld_desktop.ui.zoom import apply_zoom

pytestmark = pytest.mark.gui

Wait = Callable[[MainWindow], None]


def _type(qtbot, window: MainWindow, text: str, wait_search: Wait) -> None:
    window.search_field.clear()
    qtbot.keyClicks(window.search_field, text)
    qtbot.waitUntil(lambda: window.controller.last_request is not None
                    and window.controller.last_request.text == text, timeout=5000)
    wait_search(window)


def _rows(window: MainWindow) -> list:
    model = window.results_model
    return [model.summary(row) for row in range(model.rowCount())]


def test_search_field_has_focus_at_start_and_all_offers_are_listed(
        window: MainWindow, services: Services) -> None:
    assert window.search_field.hasFocus()
    assert window.results_model.rowCount() == services.search.search(SearchRequest()).total


def test_typing_shows_results_as_you_type(qtbot, window: MainWindow, wait_search: Wait) -> None:
    _type(qtbot, window, "kita", wait_search)
    qtbot.waitUntil(lambda: window.results_model.rowCount() > 0)
    result = window.controller.last_result
    assert window.results_model.offer_ids() == result.offer_ids
    label = window.results.count_label.text()
    assert label == (f"{result.total} Angebote" if result.total > 1 else "1 Angebot")
    assert all(row is not None and row.title for row in _rows(window))
    assert window.results.view.isVisible() and not window.results.empty_label.isVisible()


def test_typing_quickly_starts_one_search_only(qtbot, window: MainWindow,
                                               wait_search: Wait) -> None:
    seen: list[str] = []
    window.controller.result_ready.connect(lambda request, _result: seen.append(request.text))
    qtbot.keyClicks(window.search_field, "kita")
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    wait_search(window)
    assert seen == ["kita"]


def test_only_the_latest_request_is_applied(qtbot, window: MainWindow, wait_search: Wait) -> None:
    seen: list[str] = []
    window.controller.result_ready.connect(lambda request, _result: seen.append(request.text))
    window.controller.request_now(SearchRequest(text="a"))
    window.controller.request_now(SearchRequest(text="kita"))
    wait_search(window)
    assert seen == ["kita"]


def test_town_filter_keeps_only_offers_in_that_town(qtbot, window: MainWindow,
                                                    wait_search: Wait) -> None:
    _type(qtbot, window, "", wait_search)
    town = "Coesfeld"
    window.filters.town.setCurrentIndex(window.filters.town.findData(town))
    qtbot.waitUntil(lambda: window.controller.last_request.filters.town == town, timeout=5000)
    wait_search(window)
    rows = _rows(window)
    assert rows
    assert all(town in row.towns for row in rows)


def test_reset_button_clears_every_filter(qtbot, window: MainWindow, wait_search: Wait) -> None:
    window.filters.set_filters(SearchFilters(town="Dülmen", age=3, free_only=True,
                                             weekday="MO"))
    assert window.filters.filters().active()
    qtbot.mouseClick(window.filters.reset_button, Qt.MouseButton.LeftButton)
    assert window.filters.filters() == SearchFilters()
    assert window.filters.age.text() == "egal"


def test_enter_opens_the_offer_with_phone_link_and_checked_date_then_esc_clears(
        qtbot, window: MainWindow, services: Services, wait_search: Wait) -> None:
    _type(qtbot, window, "kita", wait_search)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    first = window.results_model.offer_id(0)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.current_offer_id() == first
    assert window.detail.browser.hasFocus()
    with services.database.session() as session:
        detail = offer_detail(session, first)
    html = window.detail.browser.toHtml()
    assert window.detail.browser.toPlainText().startswith(detail.title.text)
    if detail.phones or any(c.phones for c in detail.contacts):
        assert 'href="tel:' in html
    if detail.assured_date:
        checked = f"zuletzt geprüft: {date_text(detail.assured_date, 'de')}"
        assert checked in window.detail.browser.toPlainText()

    qtbot.keyClick(window.detail.browser, Qt.Key.Key_Escape)  # back to the search field
    assert window.search_field.hasFocus()
    qtbot.keyClick(window.search_field, Qt.Key.Key_Escape)  # and clear it
    assert window.search_field.text() == ""


def test_down_and_up_in_the_search_field_move_through_results(
        qtbot, window: MainWindow, wait_search: Wait) -> None:
    _type(qtbot, window, "", wait_search)
    assert window.results_model.rowCount() >= 3
    for _ in range(3):
        qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Up)
    assert window.results.view.currentIndex().row() == 1
    assert window.search_field.hasFocus()
    assert window.current_offer_id() == window.results_model.offer_id(1)  # live preview


def test_esc_in_the_result_list_returns_to_the_search_field(qtbot, window: MainWindow) -> None:
    window.results.view.setFocus()
    window.results.move_current(1)
    qtbot.keyClick(window.results.view, Qt.Key.Key_Escape)
    assert window.search_field.hasFocus()


def test_ctrl_f_focuses_the_search_field_and_selects_its_text(
        qtbot, window: MainWindow, wait_search: Wait) -> None:
    _type(qtbot, window, "kita", wait_search)
    window.results.move_current(1)
    window.open_offer(window.results.current_offer_id())
    assert window.detail.browser.hasFocus()
    qtbot.keyClick(window.detail.browser, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_field.hasFocus()
    assert window.search_field.selectedText() == "kita"


def test_star_adds_and_removes_the_offer_from_the_gespraechsliste(
        qtbot, window: MainWindow, services: Services) -> None:
    window.results.move_current(1)
    offer_id = window.current_offer_id()
    assert offer_id
    qtbot.mouseClick(window.detail.star, Qt.MouseButton.LeftButton)
    assert services.saved_list.contains(offer_id)
    assert window.detail.star.isChecked()
    assert window.conversation.offer_ids() == [offer_id]
    assert window.conversation.heading.text() == "Gesprächsliste (1)"
    assert window.conversation.isVisible() and window.results.isVisible()  # side by side
    window.show_conversation_list()
    assert window.conversation.list.hasFocus()
    qtbot.mouseClick(window.detail.star, Qt.MouseButton.LeftButton)
    assert not services.saved_list.contains(offer_id)
    assert window.conversation.offer_ids() == []


def test_list_marks_offers_no_longer_in_the_directory(
        make_window: Callable[..., MainWindow], services: Services) -> None:
    services.saved_list.add("off-removed-long-ago", "Altes Angebot")
    window = make_window()
    item = window.conversation.list.item(0)
    assert item.text() == "Altes Angebot\nnicht mehr im Verzeichnis"


def test_note_persists_across_a_restart_of_the_window(
        qtbot, make_window: Callable[..., MainWindow], services: Services) -> None:
    window = make_window()
    window.results.move_current(1)
    offer_id = window.current_offer_id()
    window.detail.note.setFocus()
    qtbot.keyClicks(window.detail.note, "Frau K. kennt die Leiterin")
    window.close()  # saves the pending note

    again = make_window()
    assert services.notes.get(offer_id) == "Frau K. kennt die Leiterin"
    again.open_offer(offer_id)
    assert again.detail.note.toPlainText() == "Frau K. kennt die Leiterin"


def test_note_is_saved_on_a_short_timer_and_when_switching_offers(
        qtbot, window: MainWindow, services: Services) -> None:
    window.results.move_current(1)
    first = window.current_offer_id()
    window.detail.note.setPlainText("auf dem Timer")
    qtbot.waitUntil(lambda: services.notes.get(first) == "auf dem Timer", timeout=3000)
    window.detail.note.setPlainText("beim Wechsel")
    window.results.move_current(1)
    assert window.current_offer_id() != first
    assert services.notes.get(first) == "beim Wechsel"


def test_no_result_shows_suggestions_and_a_click_applies_one(
        qtbot, window: MainWindow, services: Services, wait_search: Wait) -> None:
    # A title word of one offer, in a town where nothing matches it: empty, with a way out.
    probe = None
    for offer_id in services.search.search(SearchRequest(limit=40)).offer_ids:
        with services.database.session() as session:
            word = offer_detail(session, offer_id).title.text.split()[0]
        for town in window.filters.town_names():
            result = services.search.search(
                SearchRequest(text=word, filters=SearchFilters(town=town)))
            if not result.hits and result.suggestions:
                probe = word, town
                break
        if probe:
            break
    assert probe, "the demo data should have a word that some town lacks"
    word, town = probe
    window.filters.town.setCurrentIndex(window.filters.town.findData(town))
    _type(qtbot, window, word, wait_search)
    assert window.results_model.rowCount() == 0
    assert window.results.empty_label.isVisible()
    assert window.results.empty_label.text() == "Keine Angebote gefunden"
    assert not window.results.count_label.isVisible()  # one message, not "0 Angebote" too
    buttons = window.results.suggestion_buttons
    assert buttons and all(button.isVisible() for button in buttons)
    suggestion = window.controller.last_result.suggestions[0]
    if suggestion.kind == "drop_filter":
        assert buttons[0].text().startswith("Ohne Filter „")
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    wait_search(window)
    assert window.results_model.rowCount() > 0
    if suggestion.kind == "drop_filter":
        assert suggestion.value not in window.filters.filters().active()
    else:
        assert window.search_field.text() == suggestion.value


def test_window_size_and_splitter_are_restored(
        qtbot, make_window: Callable[..., MainWindow], services: Services) -> None:
    window = make_window()
    window.resize(780, 540)  # fits the offscreen 800×600 screen
    # The filter column is never narrower than its labels (fit_filter_column), and how wide
    # they are depends on the machine's fonts: choose sizes from the measured minimum.
    needed = window._filter_scroll.widget().minimumSizeHint().width() + 30
    room = sum(window.splitter.sizes())
    window.splitter.setSizes([needed, (room - needed) // 2, room - needed - (room - needed) // 2])
    sizes = window.splitter.sizes()
    assert sizes[0] >= needed - 30
    window.close()
    assert (services.paths.home / "window.ini").exists()

    again = make_window()
    assert (again.width(), again.height()) == (780, 540)
    assert again.splitter.sizes() == sizes


def test_status_bar_shows_datenstand_demo_marker_and_count(
        window: MainWindow, services: Services) -> None:
    texts = [label.text() for label in (window._status_label, window._demo_label,
                                        window._count_label)]
    assert texts[0].startswith("Datenstand: ")
    assert texts[1] == "Demodaten"
    assert window._demo_label.isVisible()
    total = services.search.search(SearchRequest()).total
    assert texts[2] == f"{total} Angebote im Verzeichnis"


def test_menus_and_public_hooks(qtbot, window: MainWindow, wait_search: Wait) -> None:
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["Datei", "Daten", "Ansicht", "Hilfe"]  # Ansicht: Familienansicht (F11)
    extra = QAction("Handzettel erstellen", window)
    window.add_menu_action("Extras", extra)
    window.add_menu_action("Daten", QAction("Synchronisieren", window))
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["Datei", "Daten", "Ansicht", "Extras", "Hilfe"]
    assert [a.text() for a in window.menu("Daten").actions()] == [
        "Gesprächsliste anzeigen", "Synchronisieren"]

    assert window.current_offer_id() is None
    assert window.selected_offer_ids() == []
    _type(qtbot, window, "", wait_search)
    view = window.results.view
    view.selectAll()
    assert window.selected_offer_ids() == window.results_model.offer_ids()


def test_controls_have_accessible_names(window: MainWindow) -> None:
    controls = [window.search_field, window.results.view, window.detail.browser,
                window.detail.note, window.detail.star, window.filters.town,
                window.filters.age, window.filters.topic, window.filters.offer_language,
                window.filters.weekday, window.conversation.list]
    assert all(control.accessibleName() for control in controls)


def test_filter_lists_use_babel_names_in_the_ui_language(window: MainWindow) -> None:
    weekdays = [window.filters.weekday.itemText(i) for i in range(window.filters.weekday.count())]
    assert weekdays[1:] == ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag",
                            "Samstag", "Sonntag"]
    languages = {window.filters.offer_language.itemData(i):
                 window.filters.offer_language.itemText(i)
                 for i in range(window.filters.offer_language.count())}
    if "de" in languages:
        assert languages["de"] == "Deutsch"
    assert len(window.filters.town_names()) == 11


def test_right_to_left_languages_mirror_the_window(make_window: Callable[..., MainWindow]
                                                   ) -> None:
    window = make_window(language="ar")
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert QApplication.instance() is not None


def test_result_model_holds_ids_and_reads_rows_lazily_in_batches(
        qtbot, services: Services) -> None:

    ids = services.search.search(SearchRequest(limit=10_000)).offer_ids
    model = ResultsModel(services, "de", lambda text: text)
    model.set_offer_ids([*ids, "off-not-there"])
    assert model.rowCount() == len(ids) + 1
    assert model.fetched_count == 0
    assert model.index(0, 0).data().startswith(model.summary(0).title)
    assert model.fetched_count == min(BATCH_SIZE, len(ids) + 1)
    last = model.index(len(ids), 0)
    assert last.data() == "(nicht mehr im Verzeichnis)"
    assert model.fetched_count <= 2 * BATCH_SIZE


def test_topic_filter_lists_the_directory_topics(window: MainWindow, services: Services) -> None:

    with services.database.session() as session:
        topics = topic_names(session)
    combo = window.filters.topic
    assert [combo.itemText(i) for i in range(1, combo.count())] == list(topics.values())
    assert [combo.itemData(i) for i in range(1, combo.count())] == list(topics)


def test_reload_directory_reads_status_merkliste_results_and_detail_again(
        qtbot, window: MainWindow, services: Services, wait_search: Wait) -> None:
    window.results.move_current(1)
    shown = window.current_offer_id()
    services.saved_list.add("off-gone-after-sync", "Weggefallenes Angebot")
    window.reload_directory()
    wait_search(window)
    assert window.current_offer_id() == shown
    assert "off-gone-after-sync" in window.conversation.offer_ids()
    assert window.results_model.rowCount() == len(window.controller.last_result.hits)


def test_rows_carry_every_fact_as_text_for_screen_readers(
        qtbot, window: MainWindow, services: Services, wait_search: Wait) -> None:
    window.filters.set_filters(SearchFilters(pregnancy=True, free_only=True))
    qtbot.waitUntil(lambda: window.controller.last_request.filters.pregnancy, timeout=5000)
    wait_search(window)
    assert window.results_model.rowCount() > 0
    summary = window.results_model.summary(0)
    text = window.results_model.index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert summary.free
    for part in (summary.title, summary.provider, summary.towns[0], "kostenlos"):
        assert part in text
    if summary.pregnancy:
        assert "Schwangerschaft" in text
    window.results.view.grab()  # the delegate paints the rows without complaint


def test_zooming_in_widens_the_filter_column(qtbot, window: MainWindow) -> None:
    """At 150 % the filter labels ("mit Nachbarorten") must not be cut off."""

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    content = window._filter_scroll.widget()
    window.resize(1400, 900)
    tight = content.minimumSizeHint().width() + 20  # just wide enough at 100 %
    window.splitter.setSizes([tight, 600, 1400 - tight - 600])
    qtbot.waitUntil(lambda: window.splitter.sizes()[0] == tight)
    try:
        apply_zoom(app, 150)
        qtbot.waitUntil(lambda: content.minimumSizeHint().width() > tight)
        qtbot.waitUntil(lambda: window.splitter.sizes()[0] >= content.minimumSizeHint().width())
        assert all(box.width() >= box.sizeHint().width()
                   for box in content.findChildren(QCheckBox) if box.isVisible())
    finally:
        apply_zoom(app, 100)


def test_a_childs_age_keeps_parent_offers_marked_in_rows_and_list(
        qtbot, window: MainWindow, services: Services, wait_search: Wait) -> None:
    window.filters.age.setValue(3)
    _type(qtbot, window, "Schuldnerberatung", wait_search)
    qtbot.waitUntil(lambda: window.results_model.rowCount() > 0)
    debts = [row for row in _rows(window) if row.title.startswith("Schuldnerberatung")]
    assert debts, "a child's age must not hide the parents' debt advice"
    text = window.results_model.index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert "für Eltern" in text
    window.results.view.grab()  # the delegate paints the badge
    services.saved_list.add(debts[0].id, debts[0].title)
    window.conversation.refresh()
    assert "für Eltern" in window.conversation.list.item(0).text()
    qtbot.mouseClick(window.filters.children_only, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.controller.last_request.filters.children_only, timeout=5000)
    wait_search(window)
    assert not [row for row in _rows(window) if row.for_parents]
