"""Fixtures shared by the wizard, settings and accessibility tests (imported explicitly)."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from coesfeld_desktop.store.database import Database
from coesfeld_desktop.ui.language import apply_ui_language
from coesfeld_desktop.ui.zoom import apply_zoom
from coesfeld_desktop.userdata.preferences import Preferences
from coesfeld_desktop.userdata.settings import SettingsService

# A real 1×1 PNG, so Qt could load it too.
TINY_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")


@pytest.fixture
def preferences(tmp_path: Path) -> Iterator[Preferences]:
    """Preferences over a fresh store (no directory needed: settings only)."""
    database = Database(tmp_path / "prefs.sqlite3")
    yield Preferences(SettingsService(database))
    database.close()


@pytest.fixture
def logo(tmp_path: Path) -> Path:
    path = tmp_path / "logo.png"
    path.write_bytes(TINY_PNG)
    return path


@pytest.fixture
def german_app(qapp: QApplication) -> Iterator[QApplication]:
    """The application in German at 100 % before and after the test (no leaking RTL)."""
    apply_ui_language(qapp, "de")
    apply_zoom(qapp, 100)
    yield qapp
    apply_ui_language(qapp, "de")
    apply_zoom(qapp, 100)
