"""The first-run wizard: every page filled, Finish saves everything; language switches live."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot

from coesfeld_desktop.ui.first_run_wizard import FirstRunWizard
from coesfeld_desktop.userdata.preferences import CentreDetails, Preferences

NEXT = QWizard.WizardButton.NextButton
FINISH = QWizard.WizardButton.FinishButton


def _wizard(qtbot: QtBot, prefs: Preferences) -> FirstRunWizard:
    wizard = FirstRunWizard(prefs)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def test_filling_every_page_saves_the_preferences(
    qtbot: QtBot, german_app: QApplication, preferences: Preferences, logo: Path,
    tmp_path: Path,
) -> None:
    export = tmp_path / "verzeichnis.zip"
    export.write_bytes(b"PK")
    wizard = _wizard(qtbot, preferences)
    assert wizard.currentPage() is wizard.pages[0]

    wizard.display_form.set_language("en")
    wizard.display_form.zoom_spin.setValue(125)
    assert wizard.button(NEXT).text() == "Next >"
    qtbot.mouseClick(wizard.button(NEXT), Qt.MouseButton.LeftButton)

    centre = wizard.centre_form
    assert wizard.currentPage() is wizard.pages[1]
    centre.name_edit.setText("Familienberatung Dülmen")  # QTest types ASCII only
    centre.address_edit.setPlainText("Marktstraße 1\n48249 Dülmen")
    qtbot.keyClicks(centre.phone_edit, "02594 12345")
    centre.logo_edit.setText(str(logo))
    qtbot.mouseClick(wizard.button(NEXT), Qt.MouseButton.LeftButton)

    assert wizard.currentPage() is wizard.pages[2]
    wizard.search_form.town_combo.setCurrentText("Nottuln")
    qtbot.mouseClick(wizard.button(NEXT), Qt.MouseButton.LeftButton)

    assert wizard.currentPage() is wizard.pages[3]
    wizard.sync_form.source_edit.setText(str(export))
    wizard.sync_form.check_box.setChecked(True)
    qtbot.mouseClick(wizard.button(FINISH), Qt.MouseButton.LeftButton)

    assert wizard.result() == QWizard.DialogCode.Accepted
    assert preferences.first_run_done
    assert preferences.centre == CentreDetails("Familienberatung Dülmen",
                                               "Marktstraße 1\n48249 Dülmen", "02594 12345",
                                               str(logo))
    assert preferences.default_town == "Nottuln"
    assert preferences.sync_source == str(export) and preferences.sync_check_at_startup
    assert preferences.ui_language == "en"
    assert preferences.zoom_percent == 125


def test_empty_optional_fields_are_fine(
    qtbot: QtBot, german_app: QApplication, preferences: Preferences,
) -> None:
    wizard = _wizard(qtbot, preferences)
    for _page in range(3):
        qtbot.mouseClick(wizard.button(NEXT), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.button(FINISH), Qt.MouseButton.LeftButton)
    assert preferences.first_run_done
    assert preferences.default_town == "" and preferences.sync_source == ""
    assert preferences.ui_language == "de"


def test_a_bad_logo_keeps_the_wizard_on_its_page_with_a_message(
    qtbot: QtBot, german_app: QApplication, preferences: Preferences, tmp_path: Path,
) -> None:
    wizard = _wizard(qtbot, preferences)
    qtbot.mouseClick(wizard.button(NEXT), Qt.MouseButton.LeftButton)
    (tmp_path / "logo.png").write_text("kein Bild", encoding="utf-8")
    wizard.centre_form.logo_edit.setText(str(tmp_path / "logo.png"))
    qtbot.mouseClick(wizard.button(NEXT), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.pages[1]
    message = wizard.centre_form.problem_label
    assert message.isVisible() and "PNG" in message.text()
    assert not preferences.first_run_done


def test_choosing_arabic_turns_the_wizard_right_to_left_and_cancel_restores(
    qtbot: QtBot, german_app: QApplication, preferences: Preferences,
) -> None:
    wizard = _wizard(qtbot, preferences)
    with qtbot.waitSignal(wizard.languageChanged) as signal:
        wizard.display_form.set_language("ar")
    assert signal.args == ["ar"]
    assert german_app.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert wizard.isRightToLeft()
    assert wizard.pages[0].title() == "اللغة وحجم الخط"
    wizard.reject()
    assert german_app.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert not preferences.first_run_done
    assert preferences.ui_language == "de"
