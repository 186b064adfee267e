"""Search-as-you-type: debounce keystrokes, search off the GUI thread, drop stale answers.

The debounce and "only the newest answer counts" are :class:`~.tasks.LatestWins`; searches
run one at a time on the window's task runner.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from coesfeld_desktop.progress import Progress
from coesfeld_desktop.search.query import SearchRequest, SearchResult
from coesfeld_desktop.ui.tasks import LatestWins, TaskRunner

if TYPE_CHECKING:
    from coesfeld_desktop.services import Services

DEBOUNCE_MS = 150


class SearchController(QObject):
    result_ready = Signal(object, object)  # SearchRequest, SearchResult
    failed = Signal(str)

    def __init__(self, services: Services, runner: TaskRunner, parent: QObject | None = None,
                 debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self._services = services
        self._latest = LatestWins(runner, debounce_ms, self)
        self.last_request: SearchRequest | None = None
        self.last_result: SearchResult | None = None

    def request(self, request: SearchRequest) -> None:
        """Search for ``request`` once typing pauses."""
        self._latest.request(self._work(request), self._done_for(request), self._error)

    def request_now(self, request: SearchRequest) -> None:
        """Search right away (a click on a suggestion, a filter reset)."""
        self._latest.request_now(self._work(request), self._done_for(request), self._error)

    @property
    def idle(self) -> bool:
        """No search waiting or running (tests wait for this)."""
        return self._latest.idle

    def _work(self, request: SearchRequest) -> Callable[[Progress], SearchResult]:
        search = self._services.search

        def work(_progress: Progress) -> SearchResult:
            return search.search(request)

        return work

    def _done_for(self, request: SearchRequest) -> Callable[[SearchResult], None]:
        def done(result: SearchResult) -> None:
            self.last_request, self.last_result = request, result
            self.result_ready.emit(request, result)

        return done

    def _error(self, error: BaseException) -> None:
        self.failed.emit(str(error))

    def shutdown(self) -> None:
        self._latest.shutdown()
