"""Window size and splitter positions, remembered in ``<home>/window.ini`` via QSettings.

Why an INI file in the app's home folder and not the registry: tests and portable installs
(``ANGEBOTSLOTSE_HOME``) then keep everything in one folder. This is purely visual state;
anything the Qt-free code needs lives in the database settings instead.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

FILE_NAME = "window.ini"


def settings_for(home: Path) -> QSettings:
    return QSettings(str(home / FILE_NAME), QSettings.Format.IniFormat)


def _bytes(value: object) -> QByteArray | None:
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    return None


def restore(settings: QSettings, window: QMainWindow, splitters: dict[str, QSplitter]) -> bool:
    """Apply saved geometry and splitter states; False when nothing was saved yet."""
    geometry = _bytes(settings.value("window/geometry"))
    if geometry is not None:
        window.restoreGeometry(geometry)
    state = _bytes(settings.value("window/state"))
    if state is not None:
        window.restoreState(state)
    for name, splitter in splitters.items():
        saved = _bytes(settings.value(f"splitters/{name}"))
        if saved is not None:
            splitter.restoreState(saved)
    return geometry is not None


def save(settings: QSettings, window: QMainWindow, splitters: dict[str, QSplitter]) -> None:
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    for name, splitter in splitters.items():
        settings.setValue(f"splitters/{name}", splitter.saveState())
    settings.sync()
