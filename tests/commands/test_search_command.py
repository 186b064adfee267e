"""``angebotslotse search`` end to end in a subprocess, on a fresh data folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coesfeld_desktop.paths import AppPaths
from coesfeld_desktop.search.query import SearchFilters, SearchRequest
from coesfeld_desktop.services import open_services

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
        assert offer["for_parents"] or (
            (offer["min_age"] or 0) <= 3 and (offer["max_age"] is None or offer["max_age"] >= 3))


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
        (("search", "kita", "--age", "drei"), "not a whole number"),
        (("search", "kita", "--age", "200"), "between 0 and 120"),
        (("search", "kita", "--age", "-1"), "between 0 and 120"),
        (("search", "kita", "--limit", "0"), "between 1 and 100000"),
        (("search", "--limit", "9223372036854775808"), "between 1 and 100000"),
        (("search", "--town", "Olfen", "--limit", "99999999999999999999"), "between 1 and"),
        (("search", "kita", "--age", "9223372036854775808"), "between 0 and 120"),
        (("search", "kita", "--limit", "1e3"), "not a whole number"),
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
    done = _run(home, "search", "hebamme", "--language", "ti")
    assert done.returncode == 0, done.stderr
    assert "Keine Angebote gefunden." in done.stdout
    assert "Ohne Filter: Sprache (" in done.stdout
    assert "language" not in done.stdout


@pytest.mark.parametrize(
    ("args", "named", "valid"),
    [
        (("--town", "Münster"), "Stadt", ["Coesfeld", "Dülmen", "Senden"]),
        (("--language", "arabisch"), "Sprache", ["ar\tArabisch", "tr\tTürkisch"]),
        (("--topic", "kita"), "Thema", ["daycare\tKindertagesbetreuung"]),
        (("--target-group", "eltern"), "Zielgruppe", ["parents\tEltern"]),
        (("--stage", "kita"), "Lebensphase",
         ["kindergarten\t3–6 Jahre (Kita)", "family\tEltern/Familie"]),
        (("--weekday", "montag"), "Wochentag", ["MO\tMontag", "SU\tSonntag"]),
    ],
)
def test_an_unknown_filter_value_exits_2_listing_the_valid_ones(
        home: Path, args: tuple[str, ...], named: str, valid: list[str]) -> None:
    done = _run(home, "search", "kita", *args)
    assert done.returncode == 2
    assert f"Unbekannter Wert für „{named}“: {args[1]}" in done.stderr
    assert "Möglich sind:" in done.stderr
    for line in valid:
        assert f"  {line}\n" in done.stderr
    assert done.stdout == ""


def _window_ids(home: Path, filters: SearchFilters, text: str = "") -> list[str]:
    services = open_services(AppPaths(home))
    try:
        return services.search.search(SearchRequest(text, filters, limit=500)).offer_ids
    finally:
        services.close()


@pytest.mark.parametrize(
    ("args", "filters"),
    [
        (("--target-group", "migrant_families"), SearchFilters(target_group="migrant_families")),
        (("--stage", "SCHOOL_TO_JOB"), SearchFilters(stage="school_to_job")),
        (("--weekday", "sa"), SearchFilters(weekday="SA")),
        (("--pregnancy",), SearchFilters(pregnancy=True)),
        (("--town", "duelmen", "--with-neighbours", "--age", "4", "--topic", "DAYCARE"),
         SearchFilters(town="Dülmen", include_neighbours=True, age=4, topic="daycare")),
        (("--language", "TR", "--free", "--barrier-free"),
         SearchFilters(language="tr", free_only=True, barrier_free_only=True)),
    ],
)
def test_every_filter_of_the_window_narrows_the_command_line_alike(
        home: Path, args: tuple[str, ...], filters: SearchFilters) -> None:
    """The command line prints what the window shows for the same filters, and each of
    these filters does narrow the demo directory."""
    done = _run(home, "search", *args, "--json", "--limit", "500")
    assert done.returncode == 0, done.stderr
    printed = [offer["id"] for offer in json.loads(done.stdout)]
    assert printed == _window_ids(home, filters)
    assert printed and len(printed) < len(_window_ids(home, SearchFilters()))


def test_with_neighbours_widens_the_town(home: Path) -> None:
    alone = _run(home, "search", "--town", "Olfen", "--json", "--limit", "500")
    widened = _run(home, "search", "--town", "Olfen", "--with-neighbours", "--json",
                   "--limit", "500")
    towns = {town for offer in json.loads(widened.stdout) for town in offer["towns"]}
    assert len(json.loads(widened.stdout)) > len(json.loads(alone.stdout))
    assert {"Olfen", "Lüdinghausen", "Dülmen"} <= towns


def test_the_vocabularies_list_ids_and_names(home: Path) -> None:
    topics = _run(home, "topics")
    assert topics.returncode == 0, topics.stderr
    assert "daycare\tKindertagesbetreuung" in topics.stdout.splitlines()
    groups = _run(home, "vocabulary", "target-group", "--json")
    assert groups.returncode == 0, groups.stderr
    assert {"id": "parents", "name": "Eltern"} in json.loads(groups.stdout)
    days = _run(home, "vocabulary", "weekday")
    assert days.stdout.splitlines()[0] == "MO\tMontag"
    assert _run(home, "vocabulary", "farbe").returncode == 2


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


def test_a_childs_age_keeps_the_parents_offers_marked(home: Path) -> None:
    done = _run(home, "search", "Schuldnerberatung", "--age", "3")
    assert done.returncode == 0, done.stderr
    rows = [line.split("\t") for line in done.stdout.strip().splitlines()]
    debts = [row for row in rows if row[1].startswith("Schuldnerberatung")]
    assert debts and all("für Eltern" in row[6] for row in debts)
    listed = _run(home, "search", "Schuldnerberatung", "--age", "3", "--json")
    offers = json.loads(listed.stdout)
    assert offers and all(offer["for_parents"] for offer in offers
                          if offer["title"].startswith("Schuldnerberatung"))
    only = _run(home, "search", "Schuldnerberatung", "--age", "3", "--children-only", "--json")
    assert only.returncode == 0, only.stderr
    assert not [offer for offer in json.loads(only.stdout) if offer["for_parents"]]
