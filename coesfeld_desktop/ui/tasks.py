"""The one way to run slow work: off the GUI thread, with progress, cancel and typed results.

Usage::

    handle = runner.run(lambda progress: build_pdf(..., progress),
                        on_done=self._show_pdf, on_error=self._show_error,
                        on_progress=self._progress_bar_update)
    handle.cancel()

The work function receives a :class:`~coesfeld_desktop.progress.Progress` and must not touch
widgets; its result comes back to ``on_done`` on the GUI thread through queued signals, and
mypy checks that ``on_done`` takes what the work returns. One :class:`TaskRunner` serves the
whole window (search, handouts, sync); :class:`LatestWins` is the debounce for work that
follows typing (search-as-you-type, the handout preview): only the newest request runs and
only its answer arrives.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from coesfeld_desktop.progress import Cancelled, Progress

T = TypeVar("T")

# searching, a handout preview, printing and a sync may all run at once
APP_THREADS = 4


class _Signals(QObject):
    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(object)  # the exception
    cancelled = Signal()
    finished = Signal()  # always last, whatever happened


class _Job(QRunnable):
    def __init__(self, work: Callable[[Progress], Any], signals: _Signals, progress: Progress,
                 ended: threading.Event) -> None:
        super().__init__()
        self._work = work
        self._signals = signals
        self._progress = progress
        self._ended = ended

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
        self._ended.set()
        self._signals.finished.emit()


class TaskHandle:
    """A running task: cancel it, wait for it, or connect more to its signals."""

    def __init__(self, signals: _Signals, progress: Progress, ended: threading.Event) -> None:
        self.signals = signals
        self._progress = progress
        self._ended = ended

    def cancel(self) -> None:
        self._progress.cancel()

    @property
    def cancelled(self) -> bool:
        return self._progress.cancelled

    @property
    def ended(self) -> bool:
        """The work function returned (its answer may still be on the way to the GUI)."""
        return self._ended.is_set()

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the work function returned (on shutdown and in tests)."""
        return self._ended.wait(msecs / 1000)


class TaskRunner(QObject):
    """Runs work functions on a thread pool and delivers results on the GUI thread."""

    def __init__(self, parent: QObject | None = None, max_threads: int = APP_THREADS) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._running: set[TaskHandle] = set()

    def run(
        self,
        work: Callable[[Progress], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        on_finished: Callable[[], None] | None = None,
    ) -> TaskHandle:
        """Start ``work``; the callbacks run on the GUI thread (``on_finished`` last, always).

        Connect here rather than to the handle afterwards: a quick task may be over before
        ``run`` returns, and a signal is only delivered to what was connected when it fired.
        """
        signals = _Signals(self)  # lives in the GUI thread: emits from the worker are queued
        progress = Progress(signals.progress.emit)
        ended = threading.Event()
        handle = TaskHandle(signals, progress, ended)
        if on_done:
            signals.done.connect(on_done)
        if on_error:
            signals.failed.connect(on_error)
        if on_progress:
            signals.progress.connect(on_progress)
        if on_cancelled:
            signals.cancelled.connect(on_cancelled)
        if on_finished:
            signals.finished.connect(on_finished)
        self._running.add(handle)
        signals.finished.connect(lambda: self._forget(handle))
        self._pool.start(_Job(work, signals, progress, ended))
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


class LatestWins(QObject):
    """Debounced work where only the newest request counts (search-as-you-type, previews).

    Why a single-shot timer: typing "kita" should start one search ~150 ms after the last
    key, not four. Why a generation counter: a slow answer to "ki" must never overwrite the
    answer to "kita"; only the newest request's answer is handed on. Why one at a time: a
    newer request waits until the running one returned (which is cancelled), so this work
    never runs twice at once and never holds more than one of the runner's threads.
    """

    def __init__(self, runner: TaskRunner, debounce_ms: int,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._start)
        self._pending: Callable[[int, Callable[[], None]], TaskHandle] | None = None
        self._generation = 0
        self._handle: TaskHandle | None = None

    def request(self, work: Callable[[Progress], T], on_done: Callable[[T], None],
                on_error: Callable[[BaseException], None] | None = None,
                on_start: Callable[[], None] | None = None) -> None:
        """Run ``work`` once requests pause for the debounce time (``on_start`` then)."""
        self._set_pending(work, on_done, on_error, on_start)
        self._timer.start()

    def request_now(self, work: Callable[[Progress], T], on_done: Callable[[T], None],
                    on_error: Callable[[BaseException], None] | None = None,
                    on_start: Callable[[], None] | None = None,
                    on_progress: Callable[[int, int, str], None] | None = None) -> None:
        """Run ``work`` right away (or as soon as the running request returned)."""
        self._set_pending(work, on_done, on_error, on_start, on_progress)
        self._timer.stop()
        self._start()

    def _set_pending(self, work: Callable[[Progress], T], on_done: Callable[[T], None],
                     on_error: Callable[[BaseException], None] | None,
                     on_start: Callable[[], None] | None,
                     on_progress: Callable[[int, int, str], None] | None = None) -> None:
        def start(generation: int, on_finished: Callable[[], None]) -> TaskHandle:
            def done(result: T) -> None:
                if generation == self._generation:  # else a newer request is under way
                    on_done(result)

            def failed(error: BaseException) -> None:
                if generation == self._generation and on_error is not None:
                    on_error(error)

            def step(done_steps: int, total: int, message: str) -> None:
                if generation == self._generation and on_progress is not None:
                    on_progress(done_steps, total, message)

            if on_start is not None:
                on_start()
            return self._runner.run(work, on_done=done, on_error=failed, on_progress=step,
                                    on_finished=on_finished)

        self._pending = start

    def _start(self) -> None:
        if self._pending is None:
            return
        self._generation += 1  # from now on only this request's answer counts
        if self._handle is not None:
            self._handle.cancel()  # its answer would be stale anyway
            if not self._handle.ended:
                return  # started when the running one returns (see _ended)
        start, self._pending = self._pending, None
        handles: list[TaskHandle] = []
        handle = start(self._generation, lambda: self._ended(handles[0]))
        handles.append(handle)
        self._handle = handle

    def _ended(self, handle: TaskHandle) -> None:
        if handle is self._handle:
            self._handle = None
            if not self._timer.isActive():
                self._start()

    @property
    def idle(self) -> bool:
        """Nothing waiting or running."""
        return not self._timer.isActive() and self._pending is None and self._handle is None

    def cancel(self) -> None:
        """Forget what waits, cancel what runs; no answer is handed on after this."""
        self._timer.stop()
        self._pending = None
        self._generation += 1
        if self._handle is not None:
            self._handle.cancel()

    def shutdown(self, msecs: int = 30000) -> None:
        """:meth:`cancel`, then wait until the running work returned (closing a window)."""
        self.cancel()
        if self._handle is not None:
            self._handle.wait(msecs)
