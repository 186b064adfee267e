"""A second start for the same data folder activates the first instead of opening twice."""

from __future__ import annotations

import os
import subprocess
import sys
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


STARTER = """
import sys
import time
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from coesfeld_desktop.ui.single_instance import SingleInstance

home, gate = Path(sys.argv[1]), Path(sys.argv[2])
app = QCoreApplication([])
instance = SingleInstance(home)
(gate / f"ready-{sys.argv[3]}").touch()
while not (gate / "go").exists():  # a barrier: every process starts its race together
    time.sleep(0.001)
if instance.try_activate_existing():
    print("second", flush=True)
    sys.exit(0)
instance.listen()
calls = []
instance.activation_requested.connect(lambda: calls.append(1))
print("first", flush=True)
while not (gate / "stop").exists():
    app.processEvents()
    time.sleep(0.005)
app.processEvents()
instance.close()
print(f"activations {len(calls)}", flush=True)
"""


@pytest.mark.slow
def test_ten_simultaneous_starts_open_exactly_one_instance(tmp_path: Path) -> None:
    """Released together by a barrier file; exactly one listens, the nine others activate it.
    No sleeps: the processes wait for files, the parent for the processes."""
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root), "QT_QPA_PLATFORM": "offscreen"}
    gate = tmp_path / "gate"
    gate.mkdir()
    starts = [subprocess.Popen([sys.executable, "-c", STARTER, str(tmp_path / "home"),
                                str(gate), str(number)], stdout=subprocess.PIPE,
                               text=True, env=env) for number in range(10)]
    try:
        while len(list(gate.glob("ready-*"))) < 10:
            assert all(start.poll() is None for start in starts), "a start died early"
        (gate / "go").touch()
        firsts = []
        for start in starts:
            line = start.stdout.readline().strip() if start.stdout else ""
            if line == "first":
                firsts.append(start)
            else:
                assert line == "second", line
                start.communicate(timeout=60)
                assert start.returncode == 0
        assert len(firsts) == 1
        (gate / "stop").touch()
        out, _ = firsts[0].communicate(timeout=60)
        assert out.strip() == "activations 9"
    finally:
        for start in starts:
            if start.poll() is None:
                start.kill()
            start.communicate()
