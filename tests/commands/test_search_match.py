"""``angebotslotse search --json``: how each hit matched, and the helplines for a crisis
word - end to end in a subprocess on a fresh data folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cli-match-home")


def _run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, ANGEBOTSLOTSE_HOME=str(home))
    return subprocess.run([sys.executable, "-m", "coesfeld_desktop", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180)


def test_every_hit_says_how_it_matched(home: Path) -> None:
    plain = json.loads(_run(home, "search", "Schuldnerberatung", "--json").stdout)
    assert plain and {offer["match"] for offer in plain} == {"word"}
    typo = json.loads(_run(home, "search", "Schuldnerbertung", "--json").stdout)
    assert typo and {offer["match"] for offer in typo} == {"spelling"}
    related = json.loads(_run(home, "search", "Nachhilfe", "--json", "--limit", "50").stdout)
    assert "synonym" in {offer["match"] for offer in related}


def test_a_crisis_word_prints_the_helplines(home: Path) -> None:
    done = _run(home, "search", "Gewalt", "--json")
    assert done.returncode == 0, done.stderr
    json.loads(done.stdout)  # stdout stays the list of offers
    assert "Hilfe in Notlagen" in done.stderr and "116 016" in done.stderr
    table = _run(home, "search", "Obdachlos")
    assert table.returncode == 0, table.stderr
    assert table.stdout.index("Hilfe in Notlagen") < table.stdout.index("Keine Angebote")
    assert "0800 111 0 111" in table.stdout
    assert "Hilfe in Notlagen" not in _run(home, "search", "Kita").stdout
