"""The Qt binding itself: guard against a PySide6 release that corrupts reference counts.

PySide6 6.12.0 lost one reference to ``True`` on every ``Signal.emit()`` from Python: the app
emits on every keystroke (search tasks, progress), so after some thousand searches Python
freed ``True`` and crashed ("bool_dealloc"). pyproject excludes that release; this test
fails on any release with the same fault.
"""

from __future__ import annotations

import gc
import sys

import pytest
from PySide6.QtCore import QObject, Signal

from coesfeld_desktop.ui.tasks import TaskRunner

pytestmark = pytest.mark.gui


class _Emitter(QObject):
    plain = Signal()
    payload = Signal(object)


def _singleton_counts() -> tuple[int, int, int]:
    gc.collect()
    return sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None)


def test_emitting_signals_keeps_reference_counts(qtbot) -> None:
    emitter = _Emitter()
    received: list[object] = []
    emitter.plain.connect(lambda: None)
    emitter.payload.connect(received.append)
    emitter.plain.emit()
    emitter.payload.emit(0)
    received.clear()
    before = _singleton_counts()
    for number in range(500):
        emitter.plain.emit()
        emitter.payload.emit(number)
    after = _singleton_counts()
    assert len(received) == 500
    assert after == before


def test_background_tasks_keep_reference_counts(qtbot) -> None:
    runner = TaskRunner()
    results: list[int] = []

    def run_one(value: int) -> None:
        runner.run(lambda _progress: value, on_done=results.append)
        qtbot.waitUntil(lambda: len(results) > value, timeout=5000)

    run_one(0)
    before = _singleton_counts()
    for value in range(1, 101):
        run_one(value)
    after = _singleton_counts()
    # qtbot's polling may hold a few extra references; the fault was a steady *loss*.
    assert after[0] >= before[0] and after[1] >= before[1]
    runner.wait_all()
