"""The needs log holds fixed categories only, by calendar week, for 24 months."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from coesfeld_desktop.needs.categories import CategoryError, Period, iso_week
from coesfeld_desktop.needs.log import Anliegen
from coesfeld_desktop.needs.service import NeedsService
from coesfeld_desktop.paths import AppPaths
from coesfeld_desktop.search.query import SearchRequest
from coesfeld_desktop.services import Services


def _needs(services: Services, day: dt.date) -> NeedsService:
    return NeedsService(services.database, services.paths, "Familienbüro", lambda: day)


def test_an_anliegen_is_one_record_per_topic_in_its_calendar_week(services: Services) -> None:
    needs = _needs(services, dt.date(2026, 12, 3))
    topic_a, topic_b = list(needs.topics())[:2]
    written = needs.record(Anliegen((topic_a, topic_b, topic_a), "no_offer", "Dülmen",
                                    "kindergarten", "ar"))
    assert written == 2
    rows = needs.log.rows()
    assert {row.week for row in rows} == {"2026-W49"}
    assert {row.topic for row in rows} == {topic_a, topic_b}
    assert all(row.town == "Dülmen" and row.stage == "kindergarten" for row in rows)


@pytest.mark.parametrize(("field", "anliegen"), [
    ("town", Anliegen(("x",), "referred", town="Frau Zorlu, Hauptstr. 3")),
    ("stage", Anliegen(("x",), "referred", stage="Ayşe, 4 Jahre")),
    ("outcome", Anliegen(("x",), "hat geweint")),
    ("language", Anliegen(("x",), "referred", language="arabisch, Analphabetin")),
    ("reason", Anliegen(("x",), "referred", reason="cost")),  # a reason only when unreachable
])
def test_anything_outside_the_categories_is_refused(services: Services, field: str,
                                                    anliegen: Anliegen) -> None:
    needs = _needs(services, dt.date(2026, 12, 3))
    topic = next(iter(needs.topics()))
    anliegen = Anliegen((topic,), anliegen.outcome, anliegen.town, anliegen.stage,
                        anliegen.language, anliegen.reason)
    with pytest.raises(CategoryError) as caught:
        needs.record(anliegen)
    assert caught.value.field == field
    assert needs.log.count() == 0


def test_an_unknown_topic_is_refused(services: Services) -> None:
    needs = _needs(services, dt.date(2026, 12, 3))
    with pytest.raises(CategoryError, match="topic"):
        needs.record(Anliegen(("Familie Zorlu",), "referred"))


def test_records_older_than_24_months_are_deleted(services: Services) -> None:
    topic = next(iter(_needs(services, dt.date(2024, 1, 8)).topics()))
    _needs(services, dt.date(2024, 1, 8)).record(Anliegen((topic,), "referred"))
    _needs(services, dt.date(2025, 6, 2)).record(Anliegen((topic,), "referred"))
    later = _needs(services, dt.date(2026, 3, 2))
    later.record(Anliegen((topic,), "no_offer"))
    assert sorted(row.week for row in later.log.rows()) == ["2025-W23", "2026-W10"]


def test_failed_searches_keep_words_only_when_all_are_known(services: Services) -> None:
    needs = _needs(services, dt.date(2026, 12, 3))
    known = {"hebamme", "tigrinya"}
    for words in (["Hebamme", "Tigrinya"], ["Hebamme", "Zorlu"], ["hebamme", "tigrinya"]):
        needs.log.count_failed_search(town="Olfen", language="ti", words=words,
                                      known_word=known.__contains__)
    rows = {(row[1], row[5]): row[6] for row in needs.log.failed_searches()}
    assert rows == {("Olfen", "hebamme tigrinya"): 2, ("Olfen", ""): 1}


def test_a_realistic_session_leaves_no_name_in_the_database(services: Services,
                                                            app_paths: AppPaths) -> None:
    """Names typed into the search box and tried as categories never reach the file."""
    names = ("Zorlu-Kaymaz", "Mirela Quandtbeck")
    assert not any(name.encode() in app_paths.database.read_bytes() for name in names)
    needs = _needs(services, dt.date(2026, 12, 3))
    topic = next(iter(needs.topics()))
    services.search.search(SearchRequest(text="Zorlu-Kaymaz Schuldnerberatung"))
    needs.log.count_failed_search(town="Lüdinghausen", words=["Zorlu-Kaymaz", "Schulden"],
                                  known_word=lambda word: word == "schulden")
    for bad in names:
        with pytest.raises(CategoryError):
            needs.record(Anliegen((topic,), "referred", town=bad))
    needs.record(Anliegen((topic,), "unreachable", "Lüdinghausen", "family", "tr", "cost"))
    services.close()
    with sqlite3.connect(app_paths.database) as raw:  # fold the WAL into the file
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    content = app_paths.database.read_bytes()
    assert not any(name.encode() in content for name in names)
    assert b"Zorlu" not in content
    assert "Lüdinghausen".encode() in content  # the categories are there


def test_periods_and_weeks() -> None:
    assert iso_week(dt.date(2026, 12, 31)) == "2026-W53"
    assert iso_week(dt.date(2027, 1, 1)) == "2026-W53"
    q3 = Period.parse("2026-Q3")
    assert (q3.first, q3.last) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    # a week counts in the period its Monday lies in
    assert q3.contains_week("2026-W28") and q3.contains_week("2026-W40")
    assert not q3.contains_week("2026-W27") and not q3.contains_week("2026-W41")
    assert q3.weeks() == ("2026-W28", "2026-W40")
    assert Period.parse("2026-02").last == dt.date(2026, 2, 28)
    with pytest.raises(CategoryError):
        Period.parse("Q3/2026")


def test_the_command_line_records_reports_and_refuses_bad_values(tmp_path: Path,
                                                                 app_paths: AppPaths) -> None:
    with sqlite3.connect(app_paths.database) as raw:  # a real directory: no demo needs
        raw.execute("UPDATE directory_info SET is_demo = 0")
    env = dict(os.environ, ANGEBOTSLOTSE_HOME=str(app_paths.home),
               PYTHONPATH=str(Path(__file__).resolve().parents[2]))

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "coesfeld_desktop", "needs", *args],
                              env=env, capture_output=True, text=True, timeout=240,
                              check=False)

    categories = run("categories")
    assert categories.returncode == 0, categories.stderr
    topic = categories.stdout.split("topic:\n")[1].split()[0]
    for _ in range(3):
        assert run("record", "--topic", topic, "--outcome", "no_offer", "--town", "Olfen",
                   "--stage", "kindergarten", "--language", "ti").returncode == 0
    bad = run("record", "--topic", topic, "--outcome", "no_offer", "--town", "Familie Zorlu")
    assert bad.returncode == 2 and "town" in bad.stderr and "Olfen" in bad.stderr
    bad_topic = run("record", "--topic", "Zorlu", "--outcome", "referred")
    assert bad_topic.returncode == 2 and topic in bad_topic.stderr
    period = Period.parse(str(dt.date.today().year))
    out = tmp_path / "bedarf.csv"
    report = run("report", "--period", period.label, "--out", str(out))
    assert report.returncode == 0, report.stderr
    assert "\nOlfen;0;0;3;3\n" in out.read_text(encoding="utf-8-sig")
    assert run("report", "--period", "Q3", "--out", str(out)).returncode == 2
    assert run("report", "--period", "2026", "--out", str(tmp_path / "x.odt")).returncode == 2
