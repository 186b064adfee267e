"""Search-as-you-type: debounce keystrokes, search off the GUI thread, drop stale answers.

Why a single-shot timer: typing "kita" should start one search ~150 ms after the last key,
not four. Why a generation counter: a slow answer to "ki" must never overwrite the
answer to "kita" that arrived first; only the latest request's result is applied.
Searches run one at a time on their own worker (the search service is not shared
between threads at once).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from coesfeld_desktop.search.query import SearchRequest, SearchResult
from coesfeld_desktop.ui.tasks import TaskHandle, TaskRunner

if TYPE_CHECKING:
    from coesfeld_desktop.services import Services

DEBOUNCE_MS = 150


class SearchController(QObject):
    result_ready = Signal(object, object)  # SearchRequest, SearchResult
    failed = Signal(str)

    def __init__(self, services: Services, parent: QObject | None = None,
                 debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = TaskRunner(self, max_threads=1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._start)
        self._pending: SearchRequest | None = None
        self._generation = 0
        self._handle: TaskHandle | None = None
        self.last_request: SearchRequest | None = None
        self.last_result: SearchResult | None = None

    def request(self, request: SearchRequest) -> None:
        """Search for ``request`` once typing pauses."""
        self._pending = request
        self._timer.start()

    def request_now(self, request: SearchRequest) -> None:
        """Search right away (a click on a suggestion, a filter reset)."""
        self._pending = request
        self._timer.stop()
        self._start()

    @property
    def idle(self) -> bool:
        """No search waiting or running (tests wait for this)."""
        return not self._timer.isActive() and not self._runner.busy

    def _start(self) -> None:
        request = self._pending
        if request is None:
            return
        self._pending = None
        self._generation += 1
        generation = self._generation
        if self._handle is not None:
            self._handle.cancel()  # its answer would be stale anyway
        search = self._services.search

        def work(_progress: Any) -> SearchResult:
            return search.search(request)

        self._handle = self._runner.run(
            work,
            on_done=lambda result: self._done(generation, request, result),
            on_error=lambda error: self._error(generation, error),
        )

    def _done(self, generation: int, request: SearchRequest, result: SearchResult) -> None:
        if generation != self._generation:
            return  # a newer request is under way
        self.last_request, self.last_result = request, result
        self.result_ready.emit(request, result)

    def _error(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self.failed.emit(str(error))

    def shutdown(self) -> None:
        self._timer.stop()
        self._runner.wait_all()
