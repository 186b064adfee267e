"""Start the window: ``angebotslotse`` without a command ends up in :func:`run_gui`.

The only place that builds the ``QApplication`` and opens the services; everything below
receives them explicitly.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from coesfeld_desktop import APP_NAME, __version__
from coesfeld_desktop.i18n import SOURCE_LANGUAGE, is_rtl
from coesfeld_desktop.paths import AppPaths, app_paths

if TYPE_CHECKING:
    from coesfeld_desktop.services import Services
    from coesfeld_desktop.ui.main_window import MainWindow

ORGANIZATION = "Kreis Coesfeld"
APP_ARGS = ("--demo",)  # accepted and harmless: the demo directory loads on first start anyway


def make_application(argv: list[str], language: str = SOURCE_LANGUAGE) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(
        [sys.argv[0] if sys.argv else APP_NAME, *argv])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(ORGANIZATION)
    app.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft if is_rtl(language) else Qt.LayoutDirection.LeftToRight)
    return app


class _AfterFirstPaint(QObject):
    """Calls ``callback`` once, right after ``widget`` was painted for the first time."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._callback)
        return False


def install_features(window: MainWindow, services: Services) -> None:
    """Features that plug into the window through its public hooks (menus, selection)."""
    from coesfeld_desktop.ui.handout_actions import install_handout_actions  # issue #3
    from coesfeld_desktop.ui.sync_actions import install_sync_actions  # issue #4

    install_handout_actions(window, services)
    install_sync_actions(window, services)


class LazyServices:
    """The services, opened on first use, so the window can paint before the store loads.

    Opening the services imports SQLAlchemy, the store and the search (about half of the
    start-up CPU time). ``paths`` is known at once, which is all the window needs until
    :meth:`MainWindow.load` runs right after the first paint.
    """

    def __init__(self, paths: AppPaths) -> None:
        self.paths = paths.ensure()
        self._opened: Services | None = None

    def get(self) -> Services:
        if self._opened is None:
            from coesfeld_desktop.services import open_services

            self._opened = open_services(self.paths)
        return self._opened

    def __getattr__(self, name: str) -> Any:  # database, search, saved_list, notes, ...
        return getattr(self.get(), name)

    def close(self) -> None:
        if self._opened is not None:
            self._opened.close()


def open_main_window(services: Services | LazyServices,
                     language: str = SOURCE_LANGUAGE) -> MainWindow:
    """Show the window at once; fill it after the first paint, then install the features.

    Order: first paint (search field ready to type into) → :meth:`MainWindow.load` (opens
    the store if ``services`` is lazy; filter lists, Datenstand, Merkliste, the initial
    search off the GUI thread) → first result list → features such as handouts, whose PDF
    stack is slow to import.
    """
    from coesfeld_desktop.ui.main_window import MainWindow

    window = MainWindow(cast("Services", services), language=language, load=False)
    _AfterFirstPaint(window, lambda: _load_then_install(window, services))
    window.show()
    return window


def _load_then_install(window: MainWindow, services: Services | LazyServices) -> None:
    window.load()
    real = services.get() if isinstance(services, LazyServices) else services
    if window.controller.last_result is not None:
        _install(window, real)
        return

    def once(*_args: object) -> None:
        window.controller.result_ready.disconnect(once)
        QTimer.singleShot(0, lambda: _install(window, real))

    window.controller.result_ready.connect(once)


def _install(window: MainWindow, services: Services) -> None:
    install_features(window, services)
    window.features_installed = True


def run_gui(argv: list[str], language: str = SOURCE_LANGUAGE) -> int:
    """Open the window and run until it closes; returns the exit status."""
    qt_args = [arg for arg in argv if arg not in APP_ARGS]
    app = make_application(qt_args, language)
    services = LazyServices(app_paths())
    try:
        open_main_window(services, language)
        return int(app.exec())
    finally:
        services.close()
