"""``angebotslotse next-steps``: the timeline as text, the sheet as PDF, clear messages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cli-home")


def _run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, ANGEBOTSLOTSE_HOME=str(home))
    return subprocess.run([sys.executable, "-m", "coesfeld_desktop", "next-steps", *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)


def test_the_timeline_with_offers_and_the_sheet(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "schritte.pdf"
    done = _run(home, "--child", "16", "--town", "Rosendahl", "--lang", "uk",
                "--out", str(out))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    # scenario 2: a sixteen-year-old: the apprenticeship search now, with offers
    assert lines[0].startswith("1. ") and "Kind 1" in lines[0]
    assert any("Ausbildungsplatz suchen" in line for line in lines)
    assert any(line.startswith("\toff-") for line in lines)
    assert str(out) in done.stderr
    assert len(PdfReader(out).pages) == 1


@pytest.mark.parametrize(("args", "message"), [
    (("--child", "fünf"), "--child erwartet"),
    (("--due", "März"), "--due erwartet"),
    (("--due", "2027-13"), "--due erwartet"),
    (("--child", "3", "--town", "Münster"), "Unbekannte Stadt: Münster"),
    ((), "mindestens ein --child oder --due"),
])
def test_bad_input_exits_2_with_a_clear_message(home: Path, args: tuple[str, ...],
                                                message: str) -> None:
    done = _run(home, *args)
    assert done.returncode == 2
    assert message in done.stderr and done.stdout == ""
