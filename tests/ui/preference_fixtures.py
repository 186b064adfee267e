"""Fixtures shared by the wizard, settings and accessibility tests (imported explicitly)."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from coesfeld_desktop.store.database import Database
from coesfeld_desktop.ui.language import LANGUAGE_PROPERTY, QT_TRANSLATOR_NAME, apply_ui_language
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


@contextmanager
def application_state_kept(qapp: QApplication) -> Iterator[None]:
    """Whatever the block does to the UI language, afterwards the application is as before.

    The started app (``run_gui``) and the language tests install Qt's translator, a locale,
    a direction and a font size; no later test may inherit them.
    """
    font, locale, direction = QFont(qapp.font()), QLocale(), qapp.layoutDirection()
    language = qapp.property(LANGUAGE_PROPERTY)
    try:
        yield
    finally:
        for translator in qapp.findChildren(QTranslator, QT_TRANSLATOR_NAME):
            qapp.removeTranslator(translator)
            translator.setParent(None)  # type: ignore[call-overload]
        qapp.setProperty(LANGUAGE_PROPERTY, language)
        QLocale.setDefault(locale)
        qapp.setLayoutDirection(direction)
        qapp.setFont(font)


@pytest.fixture
def german_app(qapp: QApplication) -> Iterator[QApplication]:
    """The application in German at 100 % for the test; afterwards exactly as before."""
    with application_state_kept(qapp):
        apply_ui_language(qapp, "de")
        apply_zoom(qapp, 100)
        yield qapp
