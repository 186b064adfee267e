"""After a recovery the first thing shown is what was kept; the user decides about the copy."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPushButton

from coesfeld_desktop.paths import HOME_ENV, AppPaths
from coesfeld_desktop.startup.recovery import check_and_recover
from coesfeld_desktop.ui.app import run_gui
from coesfeld_desktop.ui.first_run_wizard import FirstRunWizard
from coesfeld_desktop.ui.main_window import MainWindow
from coesfeld_desktop.ui.recovery_notice import show_recovery_notice
from tests.store.damage import EXPECTED, filled_home, user_data, write_demo_file

pytestmark = pytest.mark.gui


def _damaged_home(tmp_path: Path) -> tuple[AppPaths, Path]:
    demo = write_demo_file(tmp_path)
    paths = filled_home(tmp_path, demo)
    with sqlite3.connect(paths.database) as connection:
        page = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'offer'").fetchone()[0]
    with paths.database.open("r+b") as handle:
        handle.seek((page - 1) * 4096)
        handle.write(b"\xff" * 4096)
    return paths, demo


def _click_later(button_name: str, seen: list[str]) -> None:
    def click() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.objectName() == "recoveryNotice" \
                    and widget.isVisible():
                seen.append(widget.text())
                widget.findChild(QPushButton, button_name).click()
                return
        QTimer.singleShot(10, click)

    QTimer.singleShot(0, click)


@pytest.mark.parametrize(("button", "copy_kept"), [("deleteDamagedCopy", False),
                                                   ("keepDamagedCopy", True)])
def test_the_user_decides_about_the_damaged_copy(qtbot, tmp_path: Path, button: str,
                                                 copy_kept: bool) -> None:
    paths, demo = _damaged_home(tmp_path)
    report = check_and_recover(paths, demo_path=demo)
    assert report.damaged_copy is not None
    assert check_and_recover(paths).recovered  # unread: shown again at the next start
    seen: list[str] = []
    _click_later(button, seen)
    show_recovery_notice(paths, report, lambda text: text)
    assert "Notizen: 1" in seen[0] and "Einträge auf Gesprächslisten: 2" in seen[0]
    assert report.damaged_copy.exists() is copy_kept
    assert not check_and_recover(paths).recovered  # read: not shown again
    assert user_data(paths) == EXPECTED


def test_the_notice_comes_before_the_first_run_wizard(qtbot, tmp_path: Path) -> None:
    paths, _demo = _damaged_home(tmp_path)
    home = Path(os.environ[HOME_ENV])
    shutil.rmtree(home, ignore_errors=True)
    shutil.copytree(paths.home, home)
    order: list[str] = []
    windows: list[MainWindow] = []

    def step() -> None:
        for widget in QApplication.topLevelWidgets():
            if not widget.isVisible():
                continue
            if isinstance(widget, QMessageBox) and widget.objectName() == "recoveryNotice":
                order.append("notice")
                widget.findChild(QPushButton, "keepDamagedCopy").click()
            elif isinstance(widget, FirstRunWizard):
                order.append("wizard")
                widget.centre_form.findChild(QLineEdit).setText("Familienbüro Test")
                while widget.currentId() != widget.pageIds()[-1]:
                    widget.next()
                widget.accept()
            elif isinstance(widget, MainWindow) and widget.features_installed:
                order.append("window")
                windows.append(widget)
                widget.controller.shutdown()
                widget.close()
                return
        QTimer.singleShot(10, step)

    QTimer.singleShot(0, step)
    assert run_gui([]) == 0
    assert order == ["notice", "wizard", "window"]
    for window in windows:
        shiboken6.delete(window)
    assert user_data(AppPaths(home)) == EXPECTED
