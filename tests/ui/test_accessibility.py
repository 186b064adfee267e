"""Accessibility walk: every keyboard-reachable control has a name and takes keyboard focus.

The walk visits every page of the wizard, every tab of the settings dialog and every tab of
the main window, and checks each interactive widget that is visible there:

* a screen reader can name it: an accessible name, a button text, or a visible label whose
  buddy it is;
* the keyboard can reach it: its focus policy includes Tab focus;
* the keyboard can leave it: an editable text field passes Tab on (no keyboard trap).

Parts *inside* a composite control (a combo box's popup, a spin box's line edit, a tab bar's
scroll arrows, a line edit's clear button) belong to that control and are not walked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollBar,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from coesfeld_desktop.handout.basket import HandoutBasket
from coesfeld_desktop.i18n import gettext_for
from coesfeld_desktop.services import Services
from coesfeld_desktop.ui.first_run_wizard import FirstRunWizard
from coesfeld_desktop.ui.handout_dialog import HandoutDialog
from coesfeld_desktop.ui.settings_dialog import SettingsDialog
from coesfeld_desktop.ui.sync_dialog import SyncDialog
from coesfeld_desktop.ui.tasks import TaskRunner
from coesfeld_desktop.userdata.preferences import Preferences
from tests.ui.preference_fixtures import german_app, preferences  # noqa: F401

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView,
               QTextEdit, QPlainTextEdit)
COMPOSITE = (*INTERACTIVE, QTabBar, QScrollBar)


def _inside_composite(widget: QWidget, root: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, COMPOSITE):
            return True
        parent = parent.parentWidget()
    return False


def _label_names(root: QWidget) -> dict[int, str]:
    """Visible labels' texts by the id of their buddy."""
    names: dict[int, str] = {}
    for label in root.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is not None and label.isVisibleTo(root) and label.text().strip(" :&"):
            names[id(buddy)] = label.text()
    return names


def _describe(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QAbstractButton | QLineEdit) else ""
    return f"{type(widget).__name__}(objectName={widget.objectName()!r}, text={text!r})"


def _reachable_by_keyboard(widget: QWidget) -> bool:
    """Tab reaches it, or it is an unchecked radio button whose checked peer Tab reaches.

    Qt puts only one radio button of an exclusive group into the Tab chain; the arrow keys
    move between the group's buttons.
    """
    if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
        return True
    if not isinstance(widget, QRadioButton):
        return False
    group = widget.group()
    peers = group.buttons() if group is not None and group.exclusive() else (
        [peer for peer in (widget.parentWidget() or widget).findChildren(QRadioButton)
         if peer.autoExclusive()] if widget.autoExclusive() else [])
    return any(peer is not widget and peer.focusPolicy() & Qt.FocusPolicy.TabFocus
               for peer in peers)


def accessibility_problems(root: QWidget) -> list[str]:
    """Problems of the controls currently visible in ``root`` (empty list: all fine)."""
    labelled = _label_names(root)
    problems = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisibleTo(root):
            continue
        if _inside_composite(widget, root):
            continue
        button_text = widget.text().replace("&", "").strip() if isinstance(
            widget, QAbstractButton) else ""
        if not (widget.accessibleName().strip() or button_text or id(widget) in labelled):
            problems.append(f"no accessible name: {_describe(widget)}")
        if not _reachable_by_keyboard(widget):
            problems.append(f"not reachable by Tab: {_describe(widget)}")
        if isinstance(widget, QTextEdit | QPlainTextEdit) and not widget.isReadOnly() and (
                not widget.tabChangesFocus()):
            problems.append(f"Tab cannot leave it: {_describe(widget)}")
    return problems


def walk_tabs(root: QWidget) -> list[str]:
    """:func:`accessibility_problems` with every tab of every tab widget shown in turn."""
    problems = accessibility_problems(root)
    for tabs in root.findChildren(QTabWidget):
        current = tabs.currentIndex()
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            problems += accessibility_problems(root)
        tabs.setCurrentIndex(current)
    return sorted(set(problems))


def test_the_walk_notices_an_unnamed_control(qtbot: QtBot) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    QLineEdit(root)
    unreachable = QComboBox(root)
    unreachable.setAccessibleName("Ort")
    unreachable.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    named_by_label = QLineEdit(root)
    QLabel("Telefon:", root).setBuddy(named_by_label)
    trap = QPlainTextEdit(root)
    trap.setAccessibleName("Notiz")
    checked, unchecked = QRadioButton("Internet", root), QRadioButton("Datei", root)
    checked.setChecked(True)
    unchecked.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # as Qt does: arrow keys reach it
    root.show()
    qtbot.waitExposed(root)
    problems = accessibility_problems(root)
    assert len(problems) == 3
    assert problems[0].startswith("no accessible name: QLineEdit")
    assert problems[1].startswith("not reachable by Tab: QComboBox")
    assert problems[2].startswith("Tab cannot leave it: QPlainTextEdit")


@pytest.mark.parametrize("language", ["de", "ar"])
def test_first_run_wizard_every_page(
    qtbot: QtBot, german_app: QApplication, preferences: Preferences,  # noqa: F811
    language: str,
) -> None:
    wizard = FirstRunWizard(preferences, language=language)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    problems = []
    for _page in wizard.pages:
        problems += walk_tabs(wizard)
        wizard.next()
    assert wizard.currentPage() is wizard.pages[-1]
    assert not problems


@pytest.mark.parametrize("language", ["de", "ar"])
def test_settings_dialog_every_tab(
    qtbot: QtBot, german_app: QApplication, preferences: Preferences,  # noqa: F811
    language: str,
) -> None:
    dialog = SettingsDialog(preferences, language=language)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not walk_tabs(dialog)


@pytest.mark.parametrize("language", ["de", "ar"])
def test_main_window_every_tab(
    german_app: QApplication, make_window: Callable[..., QWidget],  # noqa: F811
    language: str,
) -> None:
    window = make_window(language)
    assert not walk_tabs(window)


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    task_runner = TaskRunner()
    yield task_runner
    task_runner.wait_all()


@pytest.mark.parametrize("language", ["de", "ar"])
def test_sync_dialog(
    qtbot: QtBot, german_app: QApplication, services: Services, runner: TaskRunner,  # noqa: F811
    language: str,
) -> None:
    dialog = SyncDialog(services, runner, gettext_for(language))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not walk_tabs(dialog)


@pytest.mark.parametrize("language", ["de", "ar"])
def test_handout_dialog(
    qtbot: QtBot, german_app: QApplication, services: Services, runner: TaskRunner,  # noqa: F811
    language: str,
) -> None:
    dialog = HandoutDialog(services, HandoutBasket(services.saved_list), runner,
                           gettext_for(language))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not walk_tabs(dialog)
