"""A second start for the same data folder activates the first instead of opening twice."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from coesfeld_desktop.ui.single_instance import SingleInstance, bring_to_front, server_name


@pytest.fixture
def first(tmp_path: Path, qtbot: QtBot) -> Iterator[SingleInstance]:
    instance = SingleInstance(tmp_path / "home")
    assert not instance.try_activate_existing(timeout_ms=200)  # nobody there yet
    assert instance.listen()
    yield instance
    instance.close()


def test_second_instance_activates_the_first(first: SingleInstance, tmp_path: Path,
                                             qtbot: QtBot) -> None:
    second = SingleInstance(tmp_path / "home")
    with qtbot.waitSignal(first.activation_requested, timeout=3000):
        assert second.try_activate_existing()


def test_another_data_folder_is_another_instance(first: SingleInstance, tmp_path: Path,
                                                 qtbot: QtBot) -> None:
    other = SingleInstance(tmp_path / "portable")
    with qtbot.assertNotEmitted(first.activation_requested, wait=200):
        assert not other.try_activate_existing(timeout_ms=200)


def test_a_closed_first_instance_no_longer_answers(first: SingleInstance,
                                                   tmp_path: Path) -> None:
    first.close()
    assert not SingleInstance(tmp_path / "home").try_activate_existing(timeout_ms=200)


def test_the_name_is_stable_and_reveals_no_path(tmp_path: Path) -> None:
    name = server_name(tmp_path / "home")
    assert name == server_name(tmp_path / "home" / ".." / "home")
    assert name != server_name(tmp_path / "other")
    assert "home" not in name and name.startswith("angebotslotse-")


@pytest.mark.qt_log_ignore(r"This plugin does not support (raise|propagateSizeHints)")
def test_bring_to_front_shows_a_minimised_window(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.showMinimized()
    bring_to_front(window)
    assert window.isVisible()
    assert not window.windowState() & Qt.WindowState.WindowMinimized
