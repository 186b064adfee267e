"""The first thing a start after a recovery shows: what was kept, what may be lost.

Why before the first-run wizard and the window: after a recovery the counsellor must know
whether her Merkliste and notes came through before she works on (issue 15). The report
stays on disk until she has read it here, so a crash in between shows it again. She decides
about the damaged copy, which still holds her notes: delete it now, or keep it (it is
deleted after 30 days, see :func:`coesfeld_desktop.startup.recovery.delete_old_damaged_copies`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from coesfeld_desktop import APP_NAME
from coesfeld_desktop.i18n import N_, Translate
from coesfeld_desktop.paths import AppPaths
from coesfeld_desktop.startup.recovery import acknowledge_recovery
from coesfeld_desktop.store.health import HealthReport

DELETE_COPY = N_("Beschädigte Kopie löschen")
KEEP_COPY = N_("Kopie aufbewahren")


def recovery_notice(report: HealthReport, gettext: Translate,
                    parent: QWidget | None = None) -> QMessageBox:
    """The message box for ``report`` (not shown yet); its buttons are named for tests."""
    _ = gettext
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, report.user_message(_) or "",
                      QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("recoveryNotice")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if report.damaged_copy is not None:
        delete = box.addButton(_(DELETE_COPY), QMessageBox.ButtonRole.DestructiveRole)
        delete.setObjectName("deleteDamagedCopy")
        keep = box.addButton(_(KEEP_COPY), QMessageBox.ButtonRole.AcceptRole)
        keep.setObjectName("keepDamagedCopy")
        box.setDefaultButton(keep)
    else:
        box.addButton(QMessageBox.StandardButton.Ok)
    return box


def show_recovery_notice(paths: AppPaths, report: HealthReport,
                         gettext: Translate) -> None:
    """Show the notice (modal) and record the user's answer."""
    box = recovery_notice(report, gettext)
    box.exec()
    clicked = box.clickedButton()
    delete = clicked is not None and clicked.objectName() == "deleteDamagedCopy"
    acknowledge_recovery(paths, delete_damaged_copy=delete)
