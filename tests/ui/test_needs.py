"""The needs analysis in the window: "Anliegen erfassen" pre-filled from the conversation,
the analysis view's heat map and detail, failed searches counted, the report saved."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from coesfeld_desktop.channel.transport import Destination
from coesfeld_desktop.needs.categories import Period
from coesfeld_desktop.search.query import SearchFilters
from coesfeld_desktop.services import Services
from coesfeld_desktop.ui.main_window import MainWindow
from coesfeld_desktop.ui.needs_actions import NeedsActions, install_needs_actions
from coesfeld_desktop.ui.needs_dialog import prefill_from

Make = Callable[..., MainWindow]


def _actions(window: MainWindow, services: Services) -> NeedsActions:
    return install_needs_actions(window, services)


def test_prefill_from_the_filters_and_the_list() -> None:
    prefill = prefill_from(SearchFilters(town="Dülmen", age=4, topic="kita", language="ar"),
                           ["kita", "midwife"], listed=2)
    assert prefill.topics == ("kita", "midwife") and prefill.stage == "kindergarten"
    assert (prefill.town, prefill.language, prefill.outcome) == ("Dülmen", "ar", "referred")
    assert prefill_from(SearchFilters(pregnancy=True), [], 0).outcome == "no_offer"
    assert prefill_from(SearchFilters(pregnancy=True), [], 0).stage == "pregnancy"


def test_recording_an_anliegen_in_one_click(qtbot, make_window: Make,
                                            services: Services) -> None:
    window = make_window()
    actions = _actions(window, services)
    offer = services.search.search(__import__("coesfeld_desktop.search.query",
                                              fromlist=["SearchRequest"]).SearchRequest(
        text="kita", filters=SearchFilters(town="Dülmen"))).offer_ids[0]
    services.saved_list.add(offer, "Kita")
    window.conversation.refresh()
    window.filters.set_filters(SearchFilters(town="Dülmen", age=4))
    assert "Anliegen erfassen…" in [a.text() for a in window.menu("Daten").actions()]
    dialog = actions.open_record_dialog()
    qtbot.waitExposed(dialog)
    assert dialog.town.currentData() == "Dülmen"
    assert dialog.stage.currentData() == "kindergarten"
    assert dialog.chosen_topics() == tuple(actions.needs.topics_of([offer]))
    assert dialog.outcome() == "referred"
    assert not dialog.reason.isEnabled()
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    rows = actions.needs.log.rows()
    assert len(rows) == len(dialog.chosen_topics()) >= 1
    assert {(r.town, r.stage, r.outcome) for r in rows} == {("Dülmen", "kindergarten",
                                                              "referred")}
    assert window.statusBar().currentMessage().startswith("Anliegen erfasst")


def test_unreachable_needs_a_reason_and_nothing_is_saved_without_one(
        qtbot, make_window: Make, services: Services) -> None:
    window = make_window()
    actions = _actions(window, services)
    dialog = actions.open_record_dialog()
    dialog.topic_list.item(0).setCheckState(Qt.CheckState.Checked)
    next(b for b in dialog.outcomes.buttons()
         if b.property("code") == "unreachable").setChecked(True)
    assert dialog.reason.isEnabled()
    dialog.accept()
    assert dialog.isVisible() and not dialog.problem.isHidden()
    assert actions.needs.log.count() == 0
    dialog.reason.setCurrentIndex(dialog.reason.findData("waiting_list"))
    dialog.accept()
    assert actions.needs.log.rows()[0].reason == "waiting_list"


def test_a_search_that_stays_empty_is_counted_once(qtbot, make_window: Make,
                                                   services: Services) -> None:
    window = make_window()
    actions = _actions(window, services)
    actions.settle.setInterval(50)
    window.filters.set_filters(SearchFilters(town="Olfen"))
    for text in ("Zorlu", "hebammexyzq"):
        window.search_field.setText(text)
        qtbot.waitUntil(lambda text=text: window.controller.last_request is not None
                        and window.controller.last_request.text == text, timeout=5000)
        qtbot.waitUntil(lambda: window.controller.idle, timeout=5000)
    qtbot.waitUntil(lambda: bool(actions.needs.log.failed_searches()), timeout=3000)
    rows = actions.needs.log.failed_searches()
    assert [(r[1], r[5], r[6]) for r in rows] == [("Olfen", "", 1)]  # unknown words: not kept


def test_the_analysis_view_shows_the_grid_and_a_cells_offers(
        qtbot, make_window: Make, services: Services, tmp_path: Path) -> None:
    window = make_window()
    actions = _actions(window, services)
    view = actions.open_view()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: view.analysis is not None, timeout=30000)  # worked out off-thread
    assert len(view.map.rows) == 11 and len(view.map.columns) == 8
    dülmen = view.map.rows.index("Dülmen")
    kita = view.analysis.stages.index("kindergarten")
    cell = view.analysis.cell("Dülmen", "kindergarten")
    assert view.map.cells[dülmen][kita].text == str(cell.offers.offers)
    rect = view.map.cell_rect(dülmen, kita)
    qtbot.mouseClick(view.map, Qt.MouseButton.LeftButton, pos=rect.center())
    html = view.detail.toPlainText()
    assert "Dülmen" in html and "3–6 Jahre (Kita)" in html
    first = actions.needs.offer_titles(cell.offers.offer_ids[:1])
    assert next(iter(first.values())) in html
    view.show_what.setCurrentIndex(view.show_what.findData("rate"))  # demo population
    assert "," in view.map.cells[dülmen][kita].text  # one decimal, German comma
    path = view.write_report(Period.parse("2026"), tmp_path / "bericht.pdf")
    assert path is not None
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    assert "Bedarfsanalyse" in text and "Geheimhaltung" in text


def test_the_heat_map_runs_right_to_left_in_arabic(qtbot, make_window: Make,
                                                   services: Services) -> None:
    window = make_window("ar")
    view = _actions(window, services).open_view()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: view.analysis is not None, timeout=30000)
    assert view.map.isRightToLeft()
    first, last = view.map.cell_rect(0, 0), view.map.cell_rect(0, len(view.map.columns) - 1)
    assert first.left() > last.left()  # the first stage stands on the right
    qtbot.mouseClick(view.map, Qt.MouseButton.LeftButton, pos=QPoint(first.center()))
    assert view.map.current == (0, 0)


def test_the_view_opens_before_its_numbers_and_shows_only_the_newest(
        qtbot, make_window: Make, services: Services) -> None:
    """The numbers are worked out off the GUI thread: the window is there at once with its
    axes and a progress bar; of several choices made meanwhile only the last one's numbers
    are shown; closing it while it works leaves nothing behind."""
    window = make_window()
    actions = _actions(window, services)
    view = actions.open_view()
    assert view.analysis is None  # nothing delivered before the event loop ran
    assert len(view.map.rows) == 11 and len(view.map.columns) == 8
    assert view.progress.isVisibleTo(view) and view.status.text() == "Zahlen werden berechnet…"
    topic = view.topic.itemData(1)
    view.topic.setCurrentIndex(1)
    view.family_language.setCurrentIndex(view.family_language.findData("ar"))
    qtbot.waitUntil(lambda: view.analysis is not None and window.runner.busy is False,
                    timeout=30000)
    assert view.analysis is not None
    assert (view.analysis.topic, view.analysis.language) == (topic, "ar")
    assert not view.progress.isVisibleTo(view) and view.status.text() == ""
    expected = actions.needs.analysis(topic, "ar")
    assert {key: (cell.offers.offers, cell.needs) for key, cell in view.analysis.cells.items()} \
        == {key: (cell.offers.offers, cell.needs) for key, cell in expected.cells.items()}
    assert view.period.count() > 1  # the quarters arrived with the first numbers
    view.family_language.setCurrentIndex(0)
    view.close()  # while it works
    assert window.runner.wait_all(30000)
    qtbot.wait(50)  # the cancelled answer's signals are delivered and dropped
    assert view.analysis.language == "ar"


def test_sending_to_the_district_keeps_the_window_responsive(
        qtbot, make_window: Make, services: Services, tmp_path: Path, monkeypatch) -> None:
    """The upload waits on the network, so it runs off the GUI thread; the button is off
    meanwhile and the counsellor is told the outcome."""
    window = make_window()
    view = _actions(window, services).open_view()
    qtbot.waitUntil(lambda: view.analysis is not None, timeout=30000)
    district = tmp_path / "kreis"
    district.mkdir()
    view.destination = lambda: Destination.parse(str(district))
    monkeypatch.setattr(view, "_ask_period", lambda: Period.parse("2026"))
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda _parent, _title, text: told.append(text))
    view.send()
    assert not view.send_button.isEnabled()
    assert view.status.text() == "Wird an den Kreis gesendet …"
    qtbot.waitUntil(lambda: bool(told) and view.send_button.isEnabled(), timeout=30000)
    assert told[0].startswith("Gesendet: 1 Datei")
    assert [path.suffix for path in district.iterdir()] != []
    assert view.status.text() == ""
