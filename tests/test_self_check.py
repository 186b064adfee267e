"""``angebotslotse --self-check`` in a real subprocess, as the installer build runs it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from coesfeld_desktop import __version__
from coesfeld_desktop.paths import HOME_ENV
from coesfeld_desktop.userdata.preset import PRESET_ENV
from tests.store.sample_directory import sample_directory

ROOT = Path(__file__).resolve().parent.parent
STEPS = ("paths", "logging", "preset", "resources", "database", "search", "handout", "qt")


def _run(*args: str, cwd: Path = ROOT, home: Path | None = None, preset: Path | None = None
         ) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != HOME_ENV}
    env[PRESET_ENV] = str(preset or "")
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = str(cwd)
    if home is not None:
        env[HOME_ENV] = str(home)
    return subprocess.run([sys.executable, "-m", "coesfeld_desktop", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=240, check=False)


@pytest.fixture(scope="module")
def installation(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the program files whose demo directory is the small test directory.

    Lets every step run here even while the real demo directory is still being written.
    """
    tree = tmp_path_factory.mktemp("installation")
    ignore = shutil.ignore_patterns("__pycache__")
    for folder in ("coesfeld_desktop", "resources", "translations"):
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, tree / folder, ignore=ignore)
    demo = tree / "resources" / "demo" / "directory.json"
    demo.parent.mkdir(parents=True, exist_ok=True)
    demo.write_text(json.dumps(sample_directory(), ensure_ascii=False), encoding="utf-8")
    return tree


@pytest.mark.slow
def test_self_check_passes_in_a_complete_installation(installation: Path) -> None:
    result = _run("--self-check", cwd=installation)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "self-check passed"
    for step in STEPS:
        assert any(re.match(rf"\s+ok\s+{step}\b", line) for line in lines), (step, lines)
    temporary = re.search(r"ok\s+paths\s+(\S+) \(temporary\)", result.stdout)
    assert temporary is not None and not Path(temporary.group(1)).exists()  # cleaned up


@pytest.mark.slow
def test_self_check_uses_the_given_data_folder(installation: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = _run("self-check", cwd=installation, home=home)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(temporary)" not in result.stdout
    assert (home / "angebotslotse.sqlite3").is_file()
    assert (home / "logs" / "angebotslotse.log").is_file()


def test_a_failing_step_gives_a_non_zero_exit_and_names_the_step(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = _run("--self-check", home=blocker / "home")
    assert result.returncode == 1
    assert re.search(r"FAIL\s+paths", result.stdout)
    assert result.stdout.splitlines()[-1] == "self-check failed at step: paths"


@pytest.mark.slow
def test_self_check_of_this_checkout() -> None:
    """The checkout itself: passes once the demo directory is there, else says it's missing."""
    result = _run("--self-check")
    demo = ROOT / "resources" / "demo" / "directory.json"
    if demo.is_file():
        assert result.returncode == 0, result.stdout + result.stderr
        assert "self-check passed" in result.stdout
    else:
        assert result.returncode == 1
        assert "failed at step: resources" in result.stdout
        assert "demo directory missing" in result.stdout


def test_a_broken_preset_fails_the_self_check_and_says_why(tmp_path: Path) -> None:
    preset = tmp_path / "preset"
    preset.mkdir()
    (preset / "preset.toml").write_text('[search]\ndefault_town = "Münster"\n', encoding="utf-8")
    result = _run("--self-check", home=tmp_path / "home", preset=preset)
    assert result.returncode == 1
    assert re.search(r"FAIL\s+preset.*not a town of Kreis Coesfeld", result.stdout), result.stdout


def test_version_is_one_number_everywhere() -> None:
    """``--version``, the installed package's metadata and ``__version__`` agree."""
    result = _run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"angebotslotse {__version__}"
    assert version("coesfeld_desktop") == __version__
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [{__version__}]" in changelog
