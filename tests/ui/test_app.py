"""``run_gui``: the window opens on ANGEBOTSLOTSE_HOME, shows, gets its features, exits cleanly."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit

from coesfeld_desktop.paths import HOME_ENV, app_paths
from coesfeld_desktop.search.query import SearchResult
from coesfeld_desktop.search.service import SearchService
from coesfeld_desktop.ui.app import lazy_services, open_main_window, run_gui
from coesfeld_desktop.ui.first_run_wizard import FirstRunWizard
from coesfeld_desktop.ui.main_window import MainWindow
from coesfeld_desktop.userdata.peek import peek_setting
from coesfeld_desktop.userdata.preset import PRESET_ENV
from tests.userdata.test_preset import FULL, write_preset

pytestmark = pytest.mark.gui


def _visible(kind: type) -> list:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def _run_closing_the_window(seen: list[MainWindow], wizards: list[FirstRunWizard]) -> int:
    """run_gui, finishing the first-run wizard if it comes and closing the window once ready."""

    def step() -> None:
        for wizard in _visible(FirstRunWizard):
            wizards.append(wizard)
            wizard.centre_form.findChild(QLineEdit).setText("Familienbüro Test")
            while wizard.currentId() != wizard.pageIds()[-1]:
                wizard.next()
            wizard.accept()
        windows = [w for w in _visible(MainWindow) if w.features_installed]
        if not windows:
            QTimer.singleShot(20, step)
            return
        seen.extend(windows)
        windows[0].controller.shutdown()
        windows[0].close()

    QTimer.singleShot(0, step)
    return run_gui(["--demo"])


def test_run_gui_opens_the_window_on_the_home_folder_and_exits(qtbot) -> None:
    seen: list[MainWindow] = []
    wizards: list[FirstRunWizard] = []
    assert _run_closing_the_window(seen, wizards) == 0
    assert len(wizards) == 1  # a new installation asks its first-run questions
    assert len(seen) == 1
    assert seen[0].windowTitle() == "Angebotslotse"
    menus = [action.text() for action in seen[0].menuBar().actions()]
    assert len(menus) > 3  # the handout feature added its menu after the first paint
    assert QApplication.applicationName() == "Angebotslotse"
    home = Path(os.environ[HOME_ENV])
    assert (home / "angebotslotse.sqlite3").exists()
    assert (home / "window.ini").exists()
    shiboken6.delete(seen[0])  # now, not later: no other test may meet it as activeWindow
    for wizard in wizards:
        shiboken6.delete(wizard)
    assert peek_setting(home / "angebotslotse.sqlite3", "first_run_done") == "1"

    again: list[MainWindow] = []
    wizards_again: list[FirstRunWizard] = []
    assert _run_closing_the_window(again, wizards_again) == 0
    assert wizards_again == []  # asked once only
    assert len(again) == 1
    shiboken6.delete(again[0])


def test_the_window_modules_load_without_the_store() -> None:
    """The window paints before SQLAlchemy and the store are imported (start-up time)."""
    code = ("import sys\n"
            "import coesfeld_desktop.ui.app, coesfeld_desktop.ui.main_window\n"
            "print(sorted(m for m in ('sqlalchemy', 'coesfeld_desktop.store.offers',\n"
            "                         'coesfeld_desktop.services') if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[2], timeout=60, check=True)
    assert done.stdout.strip() == "[]"


def _close(window: MainWindow) -> None:
    """Stop the searches, close the window and delete it now: no other test may meet it."""
    window.controller.shutdown()
    window.close()
    shiboken6.delete(window)


def test_open_main_window_paints_first_then_loads_then_installs_features(qtbot) -> None:
    services = lazy_services(app_paths())
    try:
        window = open_main_window(services)
        assert not window.loaded  # nothing read from the store before the first paint
        qtbot.waitUntil(lambda: window.loaded and window.features_installed, timeout=20000)
        assert window.controller.last_result is not None
        assert window.results_model.rowCount() > 0
        assert window.filters.topic.count() > 1
        _close(window)
    finally:
        services.close()


def test_the_first_list_is_painted_before_the_lists_and_the_features(qtbot) -> None:
    """Start-up order: the first result list (its rows painted) comes before the filter
    lists, the Datenstand, the Gesprächsliste and the plug-in features."""
    services = lazy_services(app_paths())
    seen: list[tuple[int, bool, str | None]] = []
    try:
        services.preferences.default_town = "Dülmen"  # as the first-run wizard sets it
        window = open_main_window(services)
        window.controller.result_ready.connect(
            lambda request, _result: seen.append((window.filters.topic.count(),
                                                  window.features_installed,
                                                  request.filters.town)))
        qtbot.waitUntil(lambda: window.features_installed, timeout=20000)
        # at the first list: the town applied, only "egal" in the topics yet
        assert seen == [(1, False, "Dülmen")]
        assert window.filters.topic.count() > 1
        assert window.results_model.fetched_count > 0  # its rows were read to be painted
        _close(window)
    finally:
        services.close()


def test_an_empty_first_list_still_gets_the_features(qtbot,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing found at start (no directory yet, or none in the town): the page that says
    so is painted instead of the list, and the rest of the window loads after it."""
    monkeypatch.setattr(SearchService, "search", lambda _self, _request: SearchResult((), 0))
    services = lazy_services(app_paths())
    try:
        window = open_main_window(services)
        qtbot.waitUntil(lambda: window.features_installed, timeout=20000)
        assert window.results_model.rowCount() == 0
        assert window.filters.topic.count() > 1
        _close(window)
    finally:
        services.close()


def test_a_full_preset_skips_the_first_run_wizard(qtbot, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_preset(tmp_path / "preset", FULL.replace('language = "ar"', 'language = "de"'))
    monkeypatch.setenv(PRESET_ENV, str(folder))
    seen: list[MainWindow] = []
    wizards: list[FirstRunWizard] = []
    assert _run_closing_the_window(seen, wizards) == 0
    assert wizards == []  # IT answered every first-run question
    assert len(seen) == 1
    shiboken6.delete(seen[0])
    home = Path(os.environ[HOME_ENV])
    assert peek_setting(home / "angebotslotse.sqlite3", "first_run_done") == "1"
    log = (home / "logs" / "angebotslotse.log").read_text(encoding="utf-8")
    assert f"preset {folder}" in log and "Angebotslotse " in log


_FIRST_LIST_PROBE = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from coesfeld_desktop.ui.app import run_gui
from coesfeld_desktop.ui.main_window import MainWindow

found = {}

def window():
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))

class RowsPainted(QObject):  # the list's next paint after the first answer reads its rows
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QApplication.sendEvent(obj, event)
            found["rows"] = window().results_model.fetched_count
            found["sqlalchemy at the first list"] = "sqlalchemy" in sys.modules
            return True
        return False

rows = RowsPainted()

def first_answer(*_args):
    if "answer" not in found:
        found["answer"] = True
        window().results.shown_page().installEventFilter(rows)

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if (event.type() == QEvent.Type.Paint and obj.objectName() == "mainWindow"
                and "paint" not in found):
            found["paint"] = True
            window().controller.result_ready.connect(first_answer)
            QTimer.singleShot(0, until_ready)
        return False

def until_ready():
    if not (window().features_installed and "rows" in found):
        QTimer.singleShot(10, until_ready)
        return
    found["sqlalchemy with the features"] = "sqlalchemy" in sys.modules
    window().controller.shutdown()
    window().close()

app = QApplication(sys.argv)
watcher = FirstPaint()
app.installEventFilter(watcher)
code = run_gui([])
print(found)
sys.exit(code)
"""


def test_the_first_list_is_on_screen_before_sqlalchemy_loads(services) -> None:
    """Start-up time: the search, the result rows, the settings and the correction marks of
    the first list are read with plain SQL; SQLAlchemy and the ORM load after its rows are
    painted (importing and configuring them costs ≈ 0.45 s of CPU)."""
    services.preferences.first_run_done = True
    services.preferences.default_town = "Coesfeld"
    home = services.paths.home
    services.close()
    env = {**os.environ, HOME_ENV: str(home), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", _FIRST_LIST_PROBE], capture_output=True,
                          text=True, env=env, cwd=Path(__file__).resolve().parents[2],
                          timeout=120)
    assert done.returncode == 0, done.stderr
    found = ast.literal_eval(done.stdout.strip().splitlines()[-1])
    assert found["rows"] > 0  # the rows were read to be painted
    assert found["sqlalchemy at the first list"] is False
    assert found["sqlalchemy with the features"] is True  # then the rest of the window
