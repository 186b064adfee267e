"""One small helper for all slow work: run it off the GUI thread, report progress, cancel.

Usage::

    handle = runner.run(lambda progress: build_pdf(..., progress),
                        on_done=self._show_pdf, on_error=self._show_error,
                        on_progress=self._progress_bar_update)
    handle.cancel()

The work function receives a :class:`~coesfeld_desktop.progress.Progress` and must not touch
widgets; results come back to the GUI thread through queued signals. Work that needs the
database opens its own session inside the function.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from coesfeld_desktop.progress import Cancelled, Progress


class _Signals(QObject):
    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(object)  # the exception
    cancelled = Signal()
    finished = Signal()  # always last, whatever happened


class _Job(QRunnable):
    def __init__(self, work: Callable[[Progress], Any], signals: _Signals, progress: Progress):
        super().__init__()
        self._work = work
        self._signals = signals
        self._progress = progress

    def run(self) -> None:
        try:
            result = self._work(self._progress)
        except Cancelled:
            self._signals.cancelled.emit()
        except Exception as error:  # handed to the GUI thread to show calmly
            error.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self._signals.failed.emit(error)
        else:
            if self._progress.cancelled:
                self._signals.cancelled.emit()
            else:
                self._signals.done.emit(result)
        self._signals.finished.emit()


class TaskHandle:
    """A running task: cancel it or connect more to its signals."""

    def __init__(self, signals: _Signals, progress: Progress) -> None:
        self.signals = signals
        self._progress = progress

    def cancel(self) -> None:
        self._progress.cancel()

    @property
    def cancelled(self) -> bool:
        return self._progress.cancelled


class TaskRunner(QObject):
    """Runs work functions on a thread pool and delivers results on the GUI thread."""

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._running: set[TaskHandle] = set()

    def run(
        self,
        work: Callable[[Progress], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
    ) -> TaskHandle:
        signals = _Signals(self)  # lives in the GUI thread: emits from the worker are queued
        progress = Progress(signals.progress.emit)
        handle = TaskHandle(signals, progress)
        if on_done:
            signals.done.connect(on_done)
        if on_error:
            signals.failed.connect(on_error)
        if on_progress:
            signals.progress.connect(on_progress)
        if on_cancelled:
            signals.cancelled.connect(on_cancelled)
        self._running.add(handle)
        signals.finished.connect(lambda: self._forget(handle))
        self._pool.start(_Job(work, signals, progress))
        return handle

    def _forget(self, handle: TaskHandle) -> None:
        self._running.discard(handle)
        handle.signals.deleteLater()

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def wait_all(self, msecs: int = 30000) -> bool:
        """Block until every task ended (on shutdown and in tests)."""
        return self._pool.waitForDone(msecs)
