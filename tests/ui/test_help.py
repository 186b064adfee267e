"""Hilfe → Kurzanleitung: an offline manual in every UI language with the real shortcuts."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtGui import QKeySequence

from coesfeld_desktop.services import Services
from coesfeld_desktop.ui.app import install_features
from coesfeld_desktop.ui.main_window import MainWindow


@pytest.mark.parametrize("language", ["de", "en", "tr", "ar", "uk"])
def test_the_manual_opens_in_the_ui_language_with_the_shortcuts(
        make_window: Callable[..., MainWindow], services: Services, language: str) -> None:
    window = make_window(language)
    install_features(window, services)
    help_menu = window.menu(window._("Hilfe"))
    assert help_menu is not None
    assert window.manual_action in help_menu.actions()
    assert window.manual_action.shortcut().toString() == "F1"
    dialog = window.show_manual()
    text = dialog.browser.toPlainText()
    assert dialog.isVisible() and len(text) > 800
    assert "Ctrl+N" in text and "Ctrl+P" in text and "Ctrl+R" in text and "F1" in text
    assert window._("Neues Gespräch …").rstrip(" …") in text  # the action's own name
    if language != "de":
        assert "Gesprächsliste" not in text
    dialog.close()


def test_a_changed_shortcut_shows_in_the_manual(make_window: Callable[..., MainWindow]
                                                ) -> None:
    window = make_window()
    window.new_conversation_action.setShortcut(QKeySequence("Ctrl+Shift+K"))
    text = window.show_manual().browser.toPlainText()
    assert "Ctrl+Shift+K" in text
