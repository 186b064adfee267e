"""Start the window: ``angebotslotse`` without a command ends up in :func:`run_gui`.

The only place that builds the ``QApplication`` and opens the services; everything below
receives them explicitly.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from coesfeld_desktop import APP_NAME, __version__
from coesfeld_desktop.i18n import SOURCE_LANGUAGE, gettext_for, is_rtl
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


class _AfterNextPaint(QObject):
    """Calls ``callback`` once, right after ``widget`` is painted next (not while it is
    deleted: the widget is the timer's context)."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            watched.removeEventFilter(self)
            QTimer.singleShot(0, watched, self._callback)
        return False


def install_features(window: MainWindow, services: Services,
                     rebuild_window: Callable[[str], None] | None = None) -> None:
    """Features that plug into the window through its public hooks (menus, selection)."""
    from coesfeld_desktop.ui.handout_actions import install_handout_actions  # noqa: PLC0415 - start-up time: the window paints first
    from coesfeld_desktop.ui.handover_actions import install_handover_actions  # noqa: PLC0415 - start-up time: the window paints first
    from coesfeld_desktop.ui.needs_actions import install_needs_actions  # noqa: PLC0415 - start-up time: the window paints first
    from coesfeld_desktop.ui.next_steps_actions import install_next_steps_actions  # noqa: PLC0415 - start-up time: the window paints first
    from coesfeld_desktop.ui.notes_lock_actions import install_notes_lock_actions  # noqa: PLC0415 - start-up time: the window paints first
    from coesfeld_desktop.ui.settings_actions import install_settings_actions  # noqa: PLC0415 - start-up time: the window paints first
    from coesfeld_desktop.ui.sync_actions import install_sync_actions  # noqa: PLC0415 - start-up time: the window paints first

    window.settings_actions = install_settings_actions(window, services, rebuild_window)
    window.handout_actions = install_handout_actions(window, services)
    window.handover_actions = install_handover_actions(window, services)
    window.sync_actions = install_sync_actions(window, services)
    install_notes_lock_actions(window, services, gettext_for(window.language))  # Qt-parented
    window.needs_actions = install_needs_actions(window, services)
    window.next_steps_actions = install_next_steps_actions(window, services)


def lazy_services(paths: AppPaths) -> Services:
    """The services, opened on first use, so the window can paint before the store loads.

    ``paths`` is known at once, which is all the window needs until :meth:`MainWindow.load`
    runs right after the first paint (see :class:`~coesfeld_desktop.services.Services`).
    """
    from coesfeld_desktop.services import Services  # noqa: PLC0415 - start-up time: the window paints first

    return Services(paths)


def open_main_window(services: Services,
                     language: str = SOURCE_LANGUAGE,
                     rebuild_window: Callable[[str], None] | None = None) -> MainWindow:
    """Show the window at once; fill it after the first paint, then install the features.

    Order: first paint (search field ready to type into) → :meth:`MainWindow.load` (opens
    the store if ``services`` is lazy; the default town, the initial search off the GUI
    thread) → first result list, painted with its rows → filter lists, Datenstand,
    Gesprächsliste (:meth:`MainWindow.load_rest`) → features such as handouts, whose PDF
    stack is slow to import.
    """
    from coesfeld_desktop.ui.main_window import MainWindow  # noqa: PLC0415 - start-up time: the window paints first

    window = MainWindow(services, language=language, load=False)
    _AfterNextPaint(window, lambda: _load_then_install(window, services, rebuild_window))
    window.show()
    return window


def _load_then_install(window: MainWindow, services: Services,
                       rebuild_window: Callable[[str], None] | None = None) -> None:
    window.load(first_list_first=True)
    if window.controller.last_result is not None:
        _install(window, services, rebuild_window)
        return

    def once(*_args: object) -> None:
        window.controller.result_ready.disconnect(once)
        # once the list shows its rows: the rest of the window's reads, the features'
        # imports and the reads prepare() starts (holding Python's lock for long
        # stretches) would otherwise come first
        _AfterNextPaint(window.results.shown_page(),
                        lambda: _install(window, services, rebuild_window))

    window.controller.result_ready.connect(once)


def _install(window: MainWindow, services: Services,
             rebuild_window: Callable[[str], None] | None = None) -> None:
    services.open()  # the parts the first list did not need (the handout retention runs)
    window.load_rest()
    install_features(window, services, rebuild_window)
    window.features_installed = True
    # what the first searches would otherwise read while she waits (the dictionary: ~1 s)
    window.runner.run(lambda _progress: services.search.prepare())


class WindowHost(QObject):
    """Owns the one main window; rebuilds it when the UI language changes.

    Widgets are built with one language's ``_``; a language switch therefore closes the
    window (which saves its geometry and splitter state) and opens a new one.
    """

    def __init__(self, services: Services, language: str) -> None:
        super().__init__()
        self.services = services
        self.language = language
        self.window: MainWindow | None = None
        self.background_check: QObject | None = None  # see _check_database_later

    def current_window(self) -> MainWindow | None:
        return self.window

    def wait_for_work(self, msecs: int = 30000) -> None:
        """Let work still running off the GUI thread (reading the dictionary, the background
        check) end before the store closes and Python shuts down: a pool thread that wants
        Python back during shutdown would hang the exit."""
        if self.window is not None:
            with contextlib.suppress(RuntimeError):  # the window may be deleted already
                self.window.runner.wait_all(msecs)
        check = self.background_check
        wait = getattr(check, "wait", None)
        if callable(wait):
            wait(msecs)

    def open(self) -> MainWindow:
        self.window = open_main_window(self.services, self.language, self.rebuild)
        return self.window

    def rebuild(self, language: str) -> None:
        """Open the window again in ``language``, keeping search, filters and the offer."""
        old = self.window
        self.language = language
        new = self.open()
        if old is not None:
            new.carry_over(old.view_state())
            old.close()
            old.deleteLater()

    def bring_to_front(self) -> None:
        from coesfeld_desktop.ui.single_instance import bring_to_front  # noqa: PLC0415 - start-up time: the window paints first

        if self.window is not None:
            bring_to_front(self.window)


def _check_database_later(host: WindowHost, paths: AppPaths) -> None:
    """The full database check, off the GUI thread once the first results are shown."""
    from coesfeld_desktop.ui.health_check import BackgroundCheck  # noqa: PLC0415 - start-up time: the window paints first

    host.background_check = BackgroundCheck(paths, host.current_window, parent=host)


def _stored_preferences(paths: AppPaths) -> tuple[str, int, bool]:
    """UI language, zoom and "first run done", read before the store is opened."""
    from coesfeld_desktop.userdata.keys import Key  # noqa: PLC0415 - start-up time: the window paints first
    from coesfeld_desktop.userdata.peek import peek_settings  # noqa: PLC0415 - start-up time: the window paints first
    from coesfeld_desktop.userdata.preferences import clamp_zoom, normalise_language  # noqa: PLC0415 - start-up time: the window paints first

    stored = peek_settings(paths.database, {Key.UI_LANGUAGE: "de", Key.ZOOM_PERCENT: "100",
                                            Key.FIRST_RUN_DONE: ""})
    from coesfeld_desktop.userdata.preset import load_preset  # noqa: PLC0415 - start-up time: the window paints first

    preset_language = load_preset().get(Key.UI_LANGUAGE)  # IT may fix the language
    language = normalise_language(preset_language or stored[Key.UI_LANGUAGE])
    try:
        zoom = clamp_zoom(int(stored[Key.ZOOM_PERCENT]))
    except ValueError:
        zoom = 100
    first_run_done = stored[Key.FIRST_RUN_DONE] in ("1", "true")
    return language, zoom, first_run_done


def _run_first_run_wizard(services: Services, language: str) -> str:
    """The first-run wizard (centre, default town, sync source, language); returns the language.

    Cancelling is fine: the app works with defaults and asks again next time.
    """
    from coesfeld_desktop.ui.first_run_wizard import FirstRunWizard  # noqa: PLC0415 - start-up time: the window paints first

    preferences = services.preferences
    if not preferences.open_questions():  # the machine-wide preset answered everything
        preferences.first_run_done = True
        return preferences.ui_language
    wizard = FirstRunWizard(preferences, language)
    wizard.exec()
    return preferences.ui_language


def log_start(paths: AppPaths) -> None:
    """The first log line of a session: which version runs, on what, with which preset."""
    import platform  # noqa: PLC0415 - only at start-up, after the window's imports

    from PySide6 import __version__ as pyside_version  # noqa: PLC0415

    from coesfeld_desktop.userdata.preset import load_preset  # noqa: PLC0415

    preset = load_preset()
    logging.getLogger(__name__).info(
        "%s %s starting (Python %s, PySide6 %s, %s); data folder %s; preset %s",
        APP_NAME, __version__, platform.python_version(), pyside_version, platform.platform(),
        paths.home, preset.folder or "none")


def run_gui(argv: list[str], language: str | None = None) -> int:
    """Open the window and run until it closes; returns the exit status.

    Start-up order: data folder and log → stored language and zoom → single instance →
    crash dialog → database health check (recovering a damaged file) → first-run wizard on
    a new installation → the window.
    """
    from PySide6.QtGui import QIcon  # noqa: PLC0415 - start-up time: the window paints first
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415 - start-up time: the window paints first

    from coesfeld_desktop.logging_setup import configure_logging  # noqa: PLC0415 - start-up time: the window paints first
    from coesfeld_desktop.paths import resource_dir  # noqa: PLC0415 - start-up time: the window paints first
    from coesfeld_desktop.startup.recovery import (  # noqa: PLC0415 - start-up time: the window paints first
        check_and_recover,
        delete_old_damaged_copies,
    )
    from coesfeld_desktop.startup.session import (  # noqa: PLC0415 - start-up time: the window paints first
        begin_session,
        end_session,
        full_check_needed,
    )
    from coesfeld_desktop.store.health import startup_error_message  # noqa: PLC0415 - start-up time: the window paints first
    from coesfeld_desktop.ui.error_dialog import install_excepthook  # noqa: PLC0415 - start-up time: the window paints first
    from coesfeld_desktop.ui.language import apply_ui_language  # noqa: PLC0415 - start-up time: the window paints first
    from coesfeld_desktop.ui.recovery_notice import show_recovery_notice  # noqa: PLC0415 - start-up time: the window paints first
    from coesfeld_desktop.ui.single_instance import SingleInstance  # noqa: PLC0415 - start-up time: the window paints first
    from coesfeld_desktop.ui.zoom import apply_zoom  # noqa: PLC0415 - start-up time: the window paints first

    qt_args = [arg for arg in argv if arg not in APP_ARGS]
    paths = app_paths()
    stored_language, zoom, first_run_done = _stored_preferences(paths)
    language = language or stored_language
    app = make_application(qt_args, language)
    apply_ui_language(app, language)
    if zoom != 100:
        apply_zoom(app, zoom)
    app.setWindowIcon(QIcon(str(resource_dir() / "icons" / "angebotslotse.svg")))
    app.setDesktopFileName("de.kreis-coesfeld.Angebotslotse")
    _ = gettext_for(language)
    try:
        paths.ensure()
    except OSError as error:
        QMessageBox.critical(None, APP_NAME, startup_error_message(error, paths.home, _)
                             or str(error))
        return 1
    log_file = configure_logging(paths)
    log_start(paths)
    instance = SingleInstance(paths.home, app)
    if instance.try_activate_existing():
        return 0
    instance.listen()
    install_excepthook(log_file, paths.home, gettext=_)
    full_check = full_check_needed(paths)  # after an unclean exit: before the window
    try:
        report = check_and_recover(paths, full_check=full_check)
        delete_old_damaged_copies(paths)
        begin_session(paths)
    except Exception as error:
        message = startup_error_message(error, paths.home, _)
        if message is None:
            raise
        QMessageBox.critical(None, APP_NAME, message)
        return 1
    if report.recovered:  # before anything else: what was kept, what may be lost
        first_run_done = _stored_preferences(paths)[2]  # the settings were carried over
        show_recovery_notice(paths, report, gettext_for(language))
    services = lazy_services(paths)
    host: WindowHost | None = None
    try:
        if not first_run_done:
            chosen = _run_first_run_wizard(services, language)
            if chosen != language:
                language = chosen
                apply_ui_language(app, language)
        host = WindowHost(services, language)
        host.open()
        instance.activation_requested.connect(host.bring_to_front)
        if not full_check:
            _check_database_later(host, paths)
        return int(app.exec())
    finally:
        if host is not None:
            host.wait_for_work()
        instance.close()
        services.close()
        end_session(paths)
