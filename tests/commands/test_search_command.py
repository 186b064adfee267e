"""``angebotslotse search`` end to end in a subprocess, on a fresh data folder."""

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
    return tmp_path_factory.mktemp("cli-home")


def _run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, ANGEBOTSLOTSE_HOME=str(home))
    return subprocess.run([sys.executable, "-m", "coesfeld_desktop", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_json_results_match_the_filters(home: Path) -> None:
    done = _run(home, "search", "kita", "--town", "Dülmen", "--age", "3", "--json")
    assert done.returncode == 0, done.stderr
    offers = json.loads(done.stdout)
    assert offers, "the demo directory has Kitas in Dülmen"
    for offer in offers:
        assert set(offer) >= {"id", "title", "provider", "town", "min_age", "max_age",
                              "languages", "topics", "free", "barrier_free"}
        assert "Dülmen" in offer["towns"]
        assert (offer["min_age"] or 0) <= 3 and (offer["max_age"] is None or offer["max_age"] >= 3)


def test_limit_free_and_table_output(home: Path) -> None:
    done = _run(home, "search", "sprach", "--free", "--limit", "3")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 3
    assert all("kostenlos" in line for line in lines)
    assert "Angebote" in done.stderr


def test_no_result_says_so(home: Path) -> None:
    done = _run(home, "search", "xqzvwk")
    assert done.returncode == 0
    assert "Keine Angebote gefunden." in done.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("search", "kita", "--age", "drei"), "not a whole number of years"),
        (("search", "kita", "--age", "200"), "between 0 and 120"),
        (("search", "kita", "--town", "Münster"), "unknown town"),
        (("search", "kita", "--limit", "0"), "at least 1"),
        (("suche",), "invalid choice"),
    ],
)
def test_bad_arguments_exit_2_with_a_clear_message(home: Path, args: tuple[str, ...],
                                                   message: str) -> None:
    done = _run(home, *args)
    assert done.returncode == 2
    assert message in done.stderr


def test_a_filter_nothing_matches_is_named_in_words(home: Path) -> None:
    """No result because of a filter: the suggestion names the filter as the window does
    ("Sprache"), not by its field name."""
    done = _run(home, "search", "sprach", "--language", "xx")
    assert done.returncode == 0, done.stderr
    assert "Keine Angebote gefunden." in done.stdout
    assert "Ohne Filter: Sprache (" in done.stdout
    assert "language" not in done.stdout


def test_a_reader_that_goes_away_is_not_an_error(home: Path) -> None:
    env = dict(os.environ, ANGEBOTSLOTSE_HOME=str(home))
    with subprocess.Popen([sys.executable, "-m", "coesfeld_desktop", "search", "e", "--json",
                           "--limit", "200"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE) as search:
        assert search.stdout is not None and search.stderr is not None
        assert search.stdout.read(10)  # like "| head -c 10": read a little, then close
        search.stdout.close()
        error = search.stderr.read().decode()
        assert search.wait(timeout=120) == 0, error
    assert "Traceback" not in error
