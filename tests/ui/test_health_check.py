"""Damage the background check finds is reported calmly and repaired at the next start."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from coesfeld_desktop.paths import HOME_ENV, AppPaths
from coesfeld_desktop.startup.recovery import check_and_recover
from coesfeld_desktop.startup.session import SESSION_SUFFIX, full_check_needed
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.health import HealthStatus
from coesfeld_desktop.ui.app import run_gui
from coesfeld_desktop.ui.health_check import BackgroundCheck
from coesfeld_desktop.ui.main_window import MainWindow
from coesfeld_desktop.userdata.settings import SettingsService
from tests.store.damage import EXPECTED, filled_home, user_data, write_demo_file

pytestmark = pytest.mark.gui


def _home_with_deep_damage(tmp_path: Path) -> tuple[AppPaths, Path]:
    """A filled data folder whose damage only the full check sees (an index page only
    a sync reads)."""
    demo = write_demo_file(tmp_path)
    paths = filled_home(tmp_path, demo)
    database = Database(paths.database)
    SettingsService(database).set("first_run_done", "1")
    database.close()
    with sqlite3.connect(paths.database) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?",
            ("sqlite_autoindex_sync_record_1",)).fetchone()[0]
    with paths.database.open("r+b") as handle:
        handle.seek((page - 1) * 4096)
        handle.write(b"\xff" * 4096)
    return paths, demo


def test_damage_found_while_running_is_told_without_blocking(qtbot, tmp_path: Path) -> None:
    paths, _demo = _home_with_deep_damage(tmp_path)
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    check = BackgroundCheck(paths, lambda: window, delay_ms=0)
    with qtbot.waitSignal(check.finished, timeout=30000) as finished:
        pass
    assert finished.args[0]  # the damage, for the log
    notice = check.notice
    assert notice is not None and notice.isVisible()
    assert notice.objectName() == "damageFoundNotice"
    assert not notice.isModal()  # she may be in the middle of a conversation
    assert "Beim nächsten Start repariert Angebotslotse" in notice.text()
    assert full_check_needed(paths)
    notice.close()


def test_a_healthy_database_is_checked_silently(qtbot, tmp_path: Path) -> None:
    paths = filled_home(tmp_path, write_demo_file(tmp_path))
    window = QWidget()
    qtbot.addWidget(window)
    check = BackgroundCheck(paths, lambda: window, delay_ms=0)
    with qtbot.waitSignal(check.finished, timeout=30000) as finished:
        pass
    assert finished.args == [""]
    assert check.notice is None
    assert not full_check_needed(paths)


def test_the_window_opens_on_a_cheap_check_and_the_next_start_repairs(
        qtbot, tmp_path: Path) -> None:
    """The whole path: a clean start opens the window without the full check, the
    background check finds the damage and says so, and the next start rebuilds the
    database with the counsellor's rows."""
    paths, demo = _home_with_deep_damage(tmp_path)
    home = Path(os.environ[HOME_ENV])
    shutil.rmtree(home, ignore_errors=True)
    shutil.copytree(paths.home, home)
    live = AppPaths(home)
    seen: list[str] = []
    windows: list[MainWindow] = []

    def step() -> None:
        window = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, MainWindow) and w.isVisible()), None)
        notice = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, QMessageBox) and w.isVisible()
                       and w.objectName() == "damageFoundNotice"), None)
        if window is not None and notice is not None:
            assert (home / (live.database.name + SESSION_SUFFIX)).exists()
            seen.append(notice.text())
            notice.close()
            windows.append(window)
            window.controller.shutdown()
            window.close()
            return
        QTimer.singleShot(20, step)

    QTimer.singleShot(0, step)
    assert run_gui([]) == 0
    for window in windows:
        shiboken6.delete(window)
    assert seen and "nächsten Start" in seen[0]
    assert not (home / (live.database.name + SESSION_SUFFIX)).exists()  # a clean exit
    assert full_check_needed(live)
    report = check_and_recover(live, full_check=full_check_needed(live), demo_path=demo)
    assert report.status is HealthStatus.RECOVERED
    assert user_data(live) == EXPECTED
