"""A crash during recovery loses nothing (issue 15.1): killed at every step, then started again.

Deterministic: the recovery calls its ``step`` hook before every file operation and every
SQL statement of the rebuild; a child process runs the recovery with a hook that exits
(``os._exit``, no clean-up, like a power cut for this process) at the N-th step. The parent
then starts normally and checks the user's data and what she is told. No sleeps, no timing.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from coesfeld_desktop.paths import AppPaths
from coesfeld_desktop.startup.recovery import check_and_recover
from coesfeld_desktop.store.health import HealthStatus
from tests.store.damage import EXPECTED, filled_home, user_data, write_demo_file

pytestmark = pytest.mark.slow
KILLED = 77
MIN_KILL_POINTS = 20

CHILD = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    from coesfeld_desktop.paths import AppPaths
    from coesfeld_desktop.startup.recovery import check_and_recover

    home, demo, kill_at = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    seen = []

    def step(name):
        seen.append(name)
        if len(seen) == kill_at:
            os._exit(77)

    check_and_recover(AppPaths(home), demo_path=demo, step=step)
    print(len(seen), ",".join(dict.fromkeys(seen)))
""")


def _child(home: Path, demo: Path, kill_at: int) -> subprocess.CompletedProcess[str]:
    root = Path(__file__).resolve().parents[2]
    return subprocess.run([sys.executable, "-c", CHILD, str(home), str(demo), str(kill_at)],
                          capture_output=True, text=True, timeout=120, cwd=root,
                          env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"}, check=False)


def _damage(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        page = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'offer'").fetchone()[0]
    with path.open("r+b") as handle:
        handle.seek((page - 1) * 4096)
        handle.write(b"\xff" * 4096)


def _kill_points(total: int, named: list[int]) -> list[int]:
    """Every step that touches a file, and SQL statements spread evenly over the rebuild."""
    spread = {1 + (total - 1) * i // 24 for i in range(25)}
    return sorted(set(named) | spread)


def test_a_kill_at_any_step_of_the_recovery_loses_nothing(tmp_path: Path) -> None:
    demo_file = write_demo_file(tmp_path)
    paths = filled_home(tmp_path, demo_file)
    _damage(paths.database)
    template = tmp_path / "template"
    shutil.copytree(paths.home, template)

    counting = _child(paths.home, demo_file, 0)  # 0: never kill, count the steps
    assert counting.returncode == 0, counting.stderr
    total = int(counting.stdout.split()[0])
    assert user_data(paths) == EXPECTED

    # learn where the file steps are: run once more, recording each step's position
    shutil.rmtree(paths.home)
    shutil.copytree(template, paths.home)
    names: list[str] = []
    check_and_recover(paths, demo_path=demo_file, step=names.append)
    assert len(names) == total
    file_steps = [i + 1 for i, name in enumerate(names) if name != "sql"]
    points = _kill_points(total, file_steps)
    assert len(points) >= MIN_KILL_POINTS

    losses = []
    for point in points:
        home = tmp_path / f"kill-{point}"
        shutil.copytree(template, home)
        killed = _child(home, demo_file, point)
        assert killed.returncode == KILLED, (point, killed.stderr)
        after = AppPaths(home)
        report = check_and_recover(after, demo_path=demo_file)
        if report.status is not HealthStatus.RECOVERED or user_data(after) != EXPECTED:
            losses.append((point, names[point - 1], report.status))
            continue
        message = report.user_message() or ""
        assert "Notizen: 1" in message, (point, message)
        assert not list(home.glob("*.recovering*")) and not list(home.glob("*.recovery.json"))
        with sqlite3.connect(after.database) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert len(list(home.glob("*.damaged-*[0-9]"))) == 1  # one damaged copy, kept
    assert losses == []
    summary = {"kill_points": len(points), "losses": len(losses), "steps": total}
    print(json.dumps(summary))
