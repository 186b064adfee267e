"""An unexpected exception is logged and shown calmly, with the log's location."""

from __future__ import annotations

import logging
import sqlite3
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from coesfeld_desktop.logging_setup import configure_logging
from coesfeld_desktop.paths import AppPaths
from coesfeld_desktop.startup.session import full_check_needed
from coesfeld_desktop.ui.error_dialog import ExceptionHook, install_excepthook

# the offscreen platform cannot pass size hints of a dialog; it says so, harmlessly
OFFSCREEN = r"This plugin does not support (propagateSizeHints|raise)"

@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    path = configure_logging(AppPaths(tmp_path / "home"))
    yield path
    for handler in root.handlers:
        if handler not in handlers:
            handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)


def _raise_and_call(hook: ExceptionHook, error: BaseException) -> None:
    try:
        raise error
    except BaseException as caught:  # we hand it to the hook like Python would
        hook(type(caught), caught, caught.__traceback__)


def _answer_box(hook: ExceptionHook, seen: list[str]) -> None:
    def close() -> None:
        box = hook.last_box
        assert box is not None and box.isVisible()
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    QTimer.singleShot(0, close)


@pytest.mark.qt_log_ignore(OFFSCREEN)
def test_the_hook_logs_and_shows_a_calm_message(qtbot: QtBot, log_file: Path) -> None:
    hook = ExceptionHook(log_file)
    seen: list[str] = []
    _answer_box(hook, seen)
    _raise_and_call(hook, RuntimeError("boom in a slot"))

    assert len(seen) == 1
    assert "unerwarteter Fehler" in seen[0] and str(log_file) in seen[0]
    assert "nicht betroffen" in seen[0]
    assert hook.last_box is not None and not hook.last_box.isVisible()
    for handler in logging.getLogger().handlers:
        handler.flush()
    logged = log_file.read_text(encoding="utf-8")
    assert "RuntimeError: boom in a slot" in logged and "Traceback" in logged


@pytest.mark.qt_log_ignore(OFFSCREEN)
def test_a_storage_problem_gets_its_own_message(qtbot: QtBot, log_file: Path) -> None:
    hook = ExceptionHook(log_file, data_folder=log_file.parent.parent)
    seen: list[str] = []
    _answer_box(hook, seen)
    _raise_and_call(hook, sqlite3.OperationalError("database or disk is full"))
    assert "Speicherplatz" in seen[0] and str(log_file) in seen[0]


@pytest.mark.qt_log_ignore(OFFSCREEN)
def test_a_damaged_database_met_while_working_is_repaired_at_the_next_start(
        qtbot: QtBot, log_file: Path) -> None:
    """The cheap start-up check let the damage through; a query meets it: the message says
    what happens, and the next start checks fully (and repairs)."""
    home = log_file.parent.parent
    hook = ExceptionHook(log_file, data_folder=home)
    seen: list[str] = []
    _answer_box(hook, seen)
    assert not full_check_needed(AppPaths(home))
    _raise_and_call(hook, sqlite3.DatabaseError("database disk image is malformed"))
    assert "Beim nächsten Start repariert Angebotslotse die Datenbank" in seen[0]
    assert full_check_needed(AppPaths(home))


def test_keyboard_interrupt_is_passed_on(qtbot: QtBot, log_file: Path) -> None:
    passed: list[type[BaseException]] = []
    hook = ExceptionHook(log_file, previous=lambda kind, error, tb: passed.append(kind))
    _raise_and_call(hook, KeyboardInterrupt())
    assert passed == [KeyboardInterrupt] and hook.last_box is None


def test_install_sets_the_hook(qtbot: QtBot, log_file: Path,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    hook = install_excepthook(log_file)
    assert sys.excepthook is hook
