"""An unexpected error shows a calm message with the log's location instead of a crash.

Why through ``sys.excepthook``: PySide6 hands exceptions raised in slots to it, so one hook
covers every click handler. The traceback goes to the log (which holds no client data, see
:mod:`coesfeld_desktop.logging_setup`); the user reads what happened, that saved data is
safe (every write is one transaction, so an interrupted one simply did not happen), and
where the log is for IT support. A storage problem (full disk, read-only folder, locked
database) gets its specific message instead; a damaged database (found by a query, not by
the check at start-up, which is cheap after a clean exit) is marked for repair at the next
start, and the message says so.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from coesfeld_desktop.i18n import N_, Translate
from coesfeld_desktop.paths import AppPaths
from coesfeld_desktop.startup.session import request_full_check
from coesfeld_desktop.store.health import (
    caused_by_damage,
    classify_storage_error,
    damage_found_message,
    storage_problem_message,
)

log = logging.getLogger(__name__)

Hook = Callable[[type[BaseException], BaseException, TracebackType | None], None]

TITLE = N_("Angebotslotse: unerwarteter Fehler")
TEXT = N_(
    "Bei dieser Aktion ist ein unerwarteter Fehler aufgetreten. Ihre gespeicherten Daten "
    "(Merkliste, Notizen, Einstellungen) sind davon nicht betroffen. Sie können "
    "weiterarbeiten; falls der Fehler wiederkommt, starten Sie Angebotslotse bitte neu."
)
LOG_HINT = N_("Für den IT-Support steht eine Beschreibung des Fehlers in der Protokolldatei:\n"
              "{path}")


class ExceptionHook:
    """The installed hook; ``last_box`` lets tests find (and close) the message shown."""

    def __init__(self, log_file: Path, data_folder: Path | None = None,
                 parent: Callable[[], QWidget | None] | None = None,
                 gettext: Translate | None = None,
                 previous: Hook | None = None) -> None:
        self.log_file = log_file
        self.data_folder = data_folder or log_file.parent.parent
        self._parent = parent
        self._ = gettext or (lambda text: text)
        self._previous = previous or sys.__excepthook__
        self._showing = False
        self.last_box: QMessageBox | None = None

    def message(self, error: BaseException) -> str:
        problem = classify_storage_error(error)
        if problem:
            text = storage_problem_message(problem, self.data_folder, self._)
        elif caused_by_damage(error):
            request_full_check(AppPaths(self.data_folder), str(error))
            text = damage_found_message(self._)
        else:
            text = self._(TEXT)
        return f"{text}\n\n{self._(LOG_HINT).format(path=self.log_file)}"

    def __call__(self, kind: type[BaseException], error: BaseException,
                 tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt | SystemExit):
            self._previous(kind, error, tb)
            return
        log.critical("unexpected error", exc_info=(kind, error, tb))
        app = QApplication.instance()
        on_gui_thread = app is not None and QThread.currentThread() is app.thread()
        if not on_gui_thread or self._showing:  # no dialog from a worker, nor inside one
            return
        self._showing = True
        try:
            parent = self._parent() if self._parent else QApplication.activeWindow()
            box = QMessageBox(QMessageBox.Icon.Warning, self._(TITLE), self.message(error),
                              QMessageBox.StandardButton.Ok, parent)
            box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            box.setObjectName("unexpectedErrorBox")
            box.setAccessibleName(self._(TITLE))
            self.last_box = box
            box.exec()
        except Exception:  # the dialog itself failed: the log already has the error
            log.exception("could not show the error message")
        finally:
            self._showing = False


def install_excepthook(log_file: Path, data_folder: Path | None = None,
                       parent: Callable[[], QWidget | None] | None = None,
                       gettext: Translate | None = None) -> ExceptionHook:
    """Install the hook for the GUI thread and log errors of other threads."""
    hook = ExceptionHook(log_file, data_folder, parent, gettext, previous=sys.excepthook)
    sys.excepthook = hook

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        log.critical("unexpected error in thread %s", getattr(args.thread, "name", "?"),
                     exc_info=(args.exc_type, args.exc_value or args.exc_type(),
                               args.exc_traceback))

    threading.excepthook = thread_hook
    return hook
