"""Settings and zoom from the main window's menus; a language switch rebuilds the window."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from coesfeld_desktop.services import Services
from coesfeld_desktop.ui.app import WindowHost
from coesfeld_desktop.ui.language import apply_ui_language
from coesfeld_desktop.ui.zoom import apply_zoom
from coesfeld_desktop.userdata.preferences import Preferences

pytestmark = pytest.mark.gui


def _wait_ready(qtbot, host: WindowHost) -> None:
    qtbot.waitUntil(lambda: host.window is not None and host.window.features_installed,
                    timeout=20000)


def test_language_switch_in_settings_rebuilds_the_window_right_to_left(
        qtbot, services: Services) -> None:
    host = WindowHost(services, "de")
    first = host.open()
    _wait_ready(qtbot, host)
    menus = [action.text() for action in first.menuBar().actions()]
    assert "Ansicht" in menus
    dialog = first.settings_actions.open_dialog()
    combo = dialog.display_form.language_combo
    combo.setCurrentIndex(combo.findData("ar"))
    try:
        dialog.accept()
        qtbot.waitUntil(lambda: host.window is not first, timeout=5000)
        assert host.window.language == "ar"
        _wait_ready(qtbot, host)
        assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert host.window.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert Preferences(services.settings).ui_language == "ar"
        arabic_menus = [action.text() for action in host.window.menuBar().actions()]
        assert "Datei" not in arabic_menus  # the menus speak Arabic now
    finally:
        apply_ui_language(QApplication.instance(), "de")
        qtbot.waitUntil(lambda: not shiboken6.isValid(first))  # the German window is gone
        host.window.controller.shutdown()
        host.window.close()
        shiboken6.delete(host.window)


def test_zoom_shortcuts_scale_the_font_and_are_remembered(qtbot, services: Services) -> None:
    host = WindowHost(services, "de")
    window = host.open()
    _wait_ready(qtbot, host)
    app = QApplication.instance()
    before = app.font().pointSizeF()
    try:
        zoom_in = next(a for a in window.findChildren(type(window.settings_actions.settings_action))
                       if a.text() == "Schrift vergrößern")
        zoom_in.trigger()
        assert Preferences(services.settings).zoom_percent > 100
        assert app.font().pointSizeF() > before
    finally:
        apply_zoom(app, 100)
        window.controller.shutdown()
        window.close()
        shiboken6.delete(window)
