"""Fixtures for window tests: a real MainWindow on real services in a temporary folder."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import shiboken6

from coesfeld_desktop.services import Services
from coesfeld_desktop.ui.main_window import MainWindow
from tests.ui.preference_fixtures import application_state_kept

# The offscreen platform plugin itself warns on show() and raise(); not our code.
OFFSCREEN_NOISE = r"This plugin does not support "  # propagateSizeHints(), raise(), ...


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def _ui_language_undone(request: pytest.FixtureRequest) -> Iterator[None]:
    """Tests that start the whole app (``run_gui``) leave no translator or locale behind."""
    if "qtbot" not in request.fixturenames:
        yield
        return
    qapp = request.getfixturevalue("qapp")
    with application_state_kept(qapp):
        yield


def wait_for_search(qtbot, window: MainWindow, timeout: int = 30000) -> None:
    # Generous: it returns as soon as the search is done; the first search with no hit loads
    # the German word list (about 1.3 s CPU), which took over 5 s on a loaded 2-core box.
    qtbot.waitUntil(lambda: window.controller.idle, timeout=timeout)


@pytest.fixture
def make_window(qtbot, services: Services) -> Iterator[Callable[..., MainWindow]]:
    """Build (and show) windows on the test's services; all are closed at the end."""
    windows: list[MainWindow] = []

    def make(language: str = "de", show: bool = True) -> MainWindow:
        window = MainWindow(services, language=language)
        windows.append(window)
        if show:
            window.show()
            qtbot.waitExposed(window)
            window.activateWindow()
        wait_for_search(qtbot, window)
        return window

    yield make
    for window in windows:  # deleted now, so no later test finds one as activeWindow()
        if window.isVisible():
            window.close()
        window.controller.shutdown()
        shiboken6.delete(window)


@pytest.fixture
def window(make_window: Callable[..., MainWindow]) -> MainWindow:
    return make_window()


@pytest.fixture
def wait_search(qtbot) -> Callable[[MainWindow], None]:
    return lambda window: wait_for_search(qtbot, window)
