"""Progress and cancellation for slow work, without Qt.

Why here: sync, handout generation and big imports live in Qt-free code but must report
progress and stop when the user presses "Cancel". They take a :class:`Progress` and call
``progress.step(...)``; the UI's background helper turns that into signals.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class Cancelled(Exception):
    """Raised inside a task when the user cancelled it; the task's changes are rolled back."""


class Progress:
    """Passed into slow work: report steps, check for cancellation."""

    def __init__(self, report: Callable[[int, int, str], None] | None = None) -> None:
        self._report = report
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if the user asked to stop."""
        if self._cancel.is_set():
            raise Cancelled()

    def step(self, done: int, total: int, message: str = "") -> None:
        """Report ``done`` of ``total`` and check for cancellation."""
        self.check()
        if self._report is not None:
            self._report(done, total, message)


NO_PROGRESS = Progress()
