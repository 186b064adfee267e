"""What a feature (handouts, sync, settings, needs) may use of the main window.

Why a Protocol: the features are installed after the first paint and must not reach into
the window's widgets; this is the whole surface they get, checked by mypy. The main
window satisfies it; a test may hand in any widget that does.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QStatusBar, QWidget

from coesfeld_desktop.search.query import SearchFilters
from coesfeld_desktop.ui.tasks import TaskRunner


class WindowHooks(Protocol):
    language: str  # the UI language the window was built in
    runner: TaskRunner  # where the features run their slow work, beside the search
    # the counsellor asked for the handout (the button under the Gesprächsliste)
    handout_requested: SignalInstance
    # ... and the warm handover sheet ("Vermittlung…", the button beside it)
    handover_requested: SignalInstance
    # "Neues Gespräch": the list was emptied; features forget what belonged to it
    conversation_cleared: SignalInstance
    # every finished search: (SearchRequest, SearchResult)
    search_finished: SignalInstance

    def window(self) -> QWidget:
        """The window as a widget: parent of the features' actions and dialogs."""
        ...

    def statusBar(self) -> QStatusBar: ...  # noqa: N802 - Qt API

    def add_menu_action(self, menu_title: str, action: QAction) -> None: ...

    def current_offer_id(self) -> str | None: ...

    def selected_offer_ids(self) -> list[str]: ...

    def open_offer(self, offer_id: str) -> None: ...

    def reload_directory(self) -> None: ...

    def current_filters(self) -> SearchFilters:
        """The filters the counsellor has set (town, age, topic, language, ...)."""
        ...

    def conversation_offer_ids(self) -> list[str]:
        """The offers on the conversation's list, in its order."""
        ...
