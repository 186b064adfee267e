"""The window's "Hilfe in Notlagen" box and the marks of related and look-alike hits,
driven by typing into the real window (demo data, real search)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from coesfeld_desktop.ui.main_window import MainWindow
from coesfeld_desktop.ui.results_model import MATCH_ROLE

pytestmark = pytest.mark.gui

Wait = Callable[[MainWindow], None]


@pytest.fixture
def window(make_window: Callable[..., MainWindow]) -> MainWindow:
    return make_window()


def _type(qtbot, window: MainWindow, text: str, wait_search: Wait) -> None:
    window.search_field.clear()
    qtbot.keyClicks(window.search_field, text)
    qtbot.waitUntil(lambda: window.controller.last_request is not None
                    and window.controller.last_request.text == text, timeout=30_000)
    wait_search(window)


def test_a_crisis_word_shows_the_helplines_above_the_results(
        qtbot, window: MainWindow, wait_search: Wait) -> None:
    box = window.results.crisis_box
    _type(qtbot, window, "Kita", wait_search)
    assert box.isHidden()
    _type(qtbot, window, "Gewalt", wait_search)  # (keyClicks types ASCII only)
    assert box.isVisible()
    text = box.lines.text()
    for number in ("116 016", "116 111", "0800 111 0 550", "0800 111 0 111", "110", "112"):
        assert number.replace(" ", "&nbsp;") in text, number
    assert "(Beispiel)" in text  # the district's own contacts, marked as examples in the demo
    assert 'href="tel:116016"' in text
    _type(qtbot, window, "Kita", wait_search)
    assert box.isHidden()


def test_look_alike_and_related_hits_are_marked_in_their_rows(
        qtbot, window: MainWindow, wait_search: Wait) -> None:
    model = window.results_model
    _type(qtbot, window, "Schuldnerbertung", wait_search)
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    marks = {model.index(row).data(MATCH_ROLE) for row in range(model.rowCount())}
    assert marks == {"ähnliche Schreibweise: Schuldnerberatung"}
    _type(qtbot, window, "Schuldnerberatung", wait_search)
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    assert {model.index(row).data(MATCH_ROLE) for row in range(model.rowCount())} == {""}
