"""Zoom actions and the language switch on the application object."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, Qt, QTranslator
from PySide6.QtGui import QFontDatabase, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from coesfeld_desktop.ui.language import (
    QT_TRANSLATOR_NAME,
    apply_ui_language,
    current_ui_language,
)
from coesfeld_desktop.ui.zoom import apply_zoom, zoom_actions
from coesfeld_desktop.userdata.preferences import UI_LANGUAGES, Preferences


def _system_size() -> float:
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).pointSizeF()


def test_zoom_scales_the_system_font_size(german_app: QApplication) -> None:
    apply_zoom(german_app, 150)
    assert german_app.font().pointSizeF() == pytest.approx(_system_size() * 1.5)
    apply_zoom(german_app, 100)
    assert german_app.font().pointSizeF() == pytest.approx(_system_size())


def test_zoom_actions_step_store_and_reset(
    qtbot: QtBot, german_app: QApplication, preferences: Preferences,
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    bigger, smaller, normal = zoom_actions(window, preferences)
    assert bigger.text() == "Schrift vergrößern"
    assert QKeySequence(QKeySequence.StandardKey.ZoomIn) in bigger.shortcuts()
    assert smaller.shortcut() == QKeySequence(QKeySequence.StandardKey.ZoomOut)
    assert normal.shortcut() == QKeySequence("Ctrl+0")
    assert set(window.actions()) == {bigger, smaller, normal}
    bigger.trigger()
    bigger.trigger()
    assert preferences.zoom_percent == 125
    assert german_app.font().pointSizeF() == pytest.approx(_system_size() * 1.25)
    smaller.trigger()
    assert preferences.zoom_percent == 110
    normal.trigger()
    assert preferences.zoom_percent == 100
    assert german_app.font().pointSizeF() == pytest.approx(_system_size())


def test_zoom_actions_speak_the_ui_language(
    qtbot: QtBot, preferences: Preferences,
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    preferences.ui_language = "tr"
    assert zoom_actions(window, preferences)[0].text() == "Yazıyı büyüt"


@pytest.mark.parametrize("language", UI_LANGUAGES)
def test_apply_ui_language_sets_locale_direction_and_one_translator(
    german_app: QApplication, language: str,
) -> None:
    apply_ui_language(german_app, language)
    apply_ui_language(german_app, language)  # twice: still one translator of ours
    assert current_ui_language(german_app) == language
    assert QLocale().name().split("_")[0] == language
    rtl = language == "ar"
    assert german_app.layoutDirection() == (
        Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
    ours = german_app.findChildren(QTranslator, QT_TRANSLATOR_NAME)
    assert len(ours) == (0 if language == "en" else 1)


def test_qt_dialog_buttons_follow_the_language(german_app: QApplication) -> None:
    texts = {}
    for language in ("de", "uk", "en"):
        apply_ui_language(german_app, language)
        box = QMessageBox(QMessageBox.Icon.Question, "", "", QMessageBox.StandardButton.Cancel)
        texts[language] = box.button(QMessageBox.StandardButton.Cancel).text().replace("&", "")
        box.deleteLater()
    assert texts == {"de": "Abbrechen", "uk": "Скасувати", "en": "Cancel"}
