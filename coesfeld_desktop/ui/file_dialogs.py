"""File dialogs that leave no trace of where the counsellor saved or opened files.

Why: Qt's file dialogs write the last folder and a history of folders to the user's Qt
settings (``~/.config/QtProject.conf`` on Linux, the registry on Windows) — a folder name
such as "Dokumente-Zorlu" names a client. The platform's native dialogs keep their own
recent-files lists, which the app cannot clear. So the app uses Qt's own dialog
(``DontUseNativeDialog``) and removes the two entries Qt writes when it closes; the folder
last used is remembered only while the dialog's window is open (see ``handout_dialog.py``).
The default folder for saving is the user's Documents folder, not the app's data folder.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

QT_SETTINGS_ORGANISATION = "QtProject"  # where every QFileDialog writes its history
QT_HISTORY_KEYS = ("FileDialog/history", "FileDialog/lastVisited")


def documents_folder() -> Path:
    """The user's Documents folder (the home folder if the platform names none)."""
    location = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(location) if location else Path.home()
    return folder if folder.is_dir() else Path.home()


def forget_file_dialog_history() -> None:
    """Remove the folders Qt's file dialog wrote into the user's Qt settings."""
    settings = QSettings(QSettings.Scope.UserScope, QT_SETTINGS_ORGANISATION)
    for key in QT_HISTORY_KEYS:
        settings.remove(key)
    settings.sync()


def _run(dialog: QFileDialog) -> str:
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    try:
        accepted = dialog.exec() == QFileDialog.DialogCode.Accepted
        files = dialog.selectedFiles() if accepted else []
    finally:
        shiboken6.delete(dialog)  # now: Qt writes its settings when the dialog is destroyed
        forget_file_dialog_history()
    return files[0] if files else ""


def save_file_name(parent: QWidget | None, title: str, suggestion: Path, filters: str) -> str:
    """Ask where to save (``suggestion``: folder and file name); "" if cancelled."""
    dialog = QFileDialog(parent, title, str(suggestion.parent), filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.selectFile(suggestion.name)
    return _run(dialog)


def open_file_name(parent: QWidget | None, title: str, folder: Path, filters: str) -> str:
    """Ask for an existing file; "" if cancelled."""
    dialog = QFileDialog(parent, title, str(folder), filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return _run(dialog)


def existing_folder(parent: QWidget | None, title: str, folder: Path) -> str:
    """Ask for an existing folder; "" if cancelled."""
    dialog = QFileDialog(parent, title, str(folder))
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return _run(dialog)
