"""The task runner and its latest-wins debounce: only the newest request runs and answers."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from coesfeld_desktop.progress import Progress
from coesfeld_desktop.ui.tasks import LatestWins, TaskRunner


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    """A runner that outlives the test: every answer is delivered before it goes."""
    task_runner = TaskRunner()
    yield task_runner
    task_runner.wait_all()
    qtbot.waitUntil(lambda: not task_runner.busy, timeout=5000)


def test_requests_while_typing_run_once_with_the_last_text(
        qtbot: QtBot, runner: TaskRunner) -> None:
    latest = LatestWins(runner, debounce_ms=50, parent=runner)
    ran: list[str] = []
    answers: list[str] = []

    def work_for(text: str):  # type: ignore[no-untyped-def]
        def work(_progress: Progress) -> str:
            ran.append(text)
            return text.upper()
        return work

    for text in ("k", "ki", "kit", "kita"):
        latest.request(work_for(text), answers.append)
    qtbot.waitUntil(lambda: latest.idle, timeout=5000)
    assert ran == ["kita"] and answers == ["KITA"]


def test_a_newer_request_waits_for_the_running_one_and_only_it_answers(
        qtbot: QtBot, runner: TaskRunner) -> None:
    latest = LatestWins(runner, debounce_ms=0, parent=runner)
    release = threading.Event()
    running: list[str] = []
    answers: list[str] = []
    cancelled_seen: list[bool] = []

    def slow(progress: Progress) -> str:
        running.append("slow")
        release.wait(10)
        cancelled_seen.append(progress.cancelled)
        return "slow"

    def quick(_progress: Progress) -> str:
        running.append("quick")
        return "quick"

    latest.request_now(slow, answers.append)
    qtbot.waitUntil(lambda: running == ["slow"], timeout=5000)
    latest.request_now(quick, answers.append)
    assert running == ["slow"] and not latest.idle  # one at a time: quick waits
    release.set()
    qtbot.waitUntil(lambda: latest.idle, timeout=5000)
    assert running == ["slow", "quick"]
    assert answers == ["quick"]  # the stale answer was dropped
    assert cancelled_seen == [True]  # and the slow work was told so


def test_cancel_drops_what_waits_and_what_runs(
        qtbot: QtBot, runner: TaskRunner) -> None:
    latest = LatestWins(runner, debounce_ms=10_000, parent=runner)
    answers: list[int] = []
    latest.request(lambda _progress: 1, answers.append)
    latest.cancel()
    assert latest.idle
    latest.request_now(lambda _progress: 2, answers.append)
    latest.cancel()
    qtbot.waitUntil(lambda: latest.idle, timeout=5000)
    assert answers == []


def test_errors_reach_only_the_newest_request(
        qtbot: QtBot, runner: TaskRunner) -> None:
    latest = LatestWins(runner, debounce_ms=0, parent=runner)
    errors: list[str] = []

    def fail(_progress: Progress) -> int:
        raise ValueError("broken")

    latest.request_now(fail, lambda _result: None, lambda error: errors.append(str(error)))
    qtbot.waitUntil(lambda: latest.idle, timeout=5000)
    assert errors == ["broken"]
