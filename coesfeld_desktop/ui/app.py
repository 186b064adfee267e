"""Start the window: ``angebotslotse`` without a command ends up in :func:`run_gui`.

The only place that builds the ``QApplication`` and opens the services; everything below
receives them explicitly.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from coesfeld_desktop import APP_NAME, __version__
from coesfeld_desktop.i18n import SOURCE_LANGUAGE, is_rtl
from coesfeld_desktop.services import Services, open_services

if TYPE_CHECKING:
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


def open_main_window(services: Services, language: str = SOURCE_LANGUAGE) -> MainWindow:
    """Build and show the window; features install after its first paint and first results.

    Why after: the handout feature pulls in the PDF stack, which is slow to import; the
    counsellor should see the search field and the first result list before that.
    """
    from coesfeld_desktop.ui.main_window import MainWindow

    window = MainWindow(services, language=language)
    _AfterFirstPaint(window, lambda: _install_after_first_result(window, services))
    window.show()
    return window


def _install_after_first_result(window: MainWindow, services: Services) -> None:
    """The first result list goes on screen before the slow feature imports."""
    if window.controller.last_result is not None:
        _install(window, services)
        return

    def once(*_args: object) -> None:
        window.controller.result_ready.disconnect(once)
        QTimer.singleShot(0, lambda: _install(window, services))

    window.controller.result_ready.connect(once)


def _install(window: MainWindow, services: Services) -> None:
    install_features(window, services)
    window.features_installed = True


def run_gui(argv: list[str], language: str = SOURCE_LANGUAGE) -> int:
    """Open the window and run until it closes; returns the exit status."""
    qt_args = [arg for arg in argv if arg not in APP_ARGS]
    app = make_application(qt_args, language)
    services = open_services()
    try:
        open_main_window(services, language)
        return int(app.exec())
    finally:
        services.close()
