"""The full database check after a clean start: in the background, once the window works.

Why: after a clean exit the start checks the database cheaply, so the window paints at once
even at 100,000 offers (see :mod:`coesfeld_desktop.startup.session`). The full check follows
here, off the GUI thread, a moment after the first result list is on screen so that it does
not compete with the first searches. If it finds damage, nothing is moved while the database
is in use: the next start repairs it (keeping the Gesprächsliste, notes and settings, as any
damaged start does), and the counsellor is told so calmly, without interrupting her.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from coesfeld_desktop import APP_NAME
from coesfeld_desktop.i18n import Translate
from coesfeld_desktop.paths import AppPaths
from coesfeld_desktop.progress import Progress
from coesfeld_desktop.store.health import damage_found_message
from coesfeld_desktop.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

DELAY_MS = 3000  # after the first result list: the first searches come first


class BackgroundCheck(QObject):
    """Runs :func:`~coesfeld_desktop.startup.recovery.check_in_background` once.

    ``window`` gives the window to report to when the answer comes (it may have been rebuilt
    in another language meanwhile); the check starts ``delay_ms`` after that window's first
    result list. ``finished`` carries the damage found ("" for none).
    """

    finished = Signal(str)

    def __init__(self, paths: AppPaths, window: Callable[[], QWidget | None],
                 parent: QObject | None = None, delay_ms: int = DELAY_MS) -> None:
        super().__init__(parent)
        self._paths = paths
        self._window = window
        self._delay_ms = delay_ms
        self._runner = TaskRunner(self, max_threads=1)
        self.notice: QMessageBox | None = None
        shown = window()
        controller = getattr(shown, "controller", None)
        if controller is None or controller.last_result is not None:
            QTimer.singleShot(delay_ms, self, self._start)
        else:
            controller.result_ready.connect(self._after_first_result)
            self._controller = controller

    def _after_first_result(self, *_args: object) -> None:
        self._controller.result_ready.disconnect(self._after_first_result)
        QTimer.singleShot(self._delay_ms, self, self._start)

    def _start(self) -> None:
        from coesfeld_desktop.startup.recovery import check_in_background  # noqa: PLC0415 - start-up time: after the first results

        def work(_progress: Progress) -> str:
            return check_in_background(self._paths) or ""

        self._runner.run(work, on_done=self._done, on_error=self._failed)

    def _done(self, damage: str) -> None:
        if damage:
            self.notice = damage_notice(self._window(), _gettext_of(self._window()))
            self.notice.show()  # not modal: she may be in the middle of a conversation
        self.finished.emit(damage)

    def _failed(self, error: BaseException) -> None:
        # not damage (a locked or unreadable file): the next start's check sees it again
        log.warning("background database check failed: %s", type(error).__name__)
        self.finished.emit("")

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the check returned (tests, shutdown)."""
        return self._runner.wait_all(msecs)


def _gettext_of(window: QWidget | None) -> Translate:
    from coesfeld_desktop.i18n import gettext_for  # noqa: PLC0415 - start-up time: after the first results

    return gettext_for(str(getattr(window, "language", "de")))


def damage_notice(parent: QWidget | None, gettext: Translate) -> QMessageBox:
    """The calm message about damage found while running (not shown yet)."""
    box = QMessageBox(QMessageBox.Icon.Information, APP_NAME, damage_found_message(gettext),
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("damageFoundNotice")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setWindowModality(Qt.WindowModality.NonModal)
    return box
