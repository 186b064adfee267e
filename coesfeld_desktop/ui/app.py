"""Start the window: ``angebotslotse`` without a command ends up in :func:`run_gui`.

The only place that builds the ``QApplication`` and opens the services; everything below
receives them explicitly.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from coesfeld_desktop import APP_NAME, __version__
from coesfeld_desktop.i18n import SOURCE_LANGUAGE, is_rtl
from coesfeld_desktop.services import open_services

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


def run_gui(argv: list[str], language: str = SOURCE_LANGUAGE) -> int:
    """Open the window and run until it closes; returns the exit status."""
    from coesfeld_desktop.ui.main_window import MainWindow

    qt_args = [arg for arg in argv if arg not in APP_ARGS]
    app = make_application(qt_args, language)
    services = open_services()
    try:
        window = MainWindow(services, language=language)
        from coesfeld_desktop.ui.handout_actions import install_handout_actions  # issue #3
        install_handout_actions(window, services)
        window.show()
        return int(app.exec())
    finally:
        services.close()
