"""Schema version 7 turns the needs records of version 5 into counts, losing nothing a report
shows: every table of the report, the analysis grid and its trend come out the same, the
retention still works by week, and recording goes on counting where the records left off."""

from __future__ import annotations

import datetime as dt
import random
import shutil
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from coesfeld_desktop.domain.stages import STAGES
from coesfeld_desktop.domain.towns import TOWN_NAMES
from coesfeld_desktop.needs.analysis import analyse
from coesfeld_desktop.needs.categories import OUTCOMES, REASONS, Period, iso_week
from coesfeld_desktop.needs.coverage import Coverage
from coesfeld_desktop.needs.log import Anliegen, NeedRow, NeedsLog
from coesfeld_desktop.needs.report import NeedsReport, build_report
from coesfeld_desktop.store.database import Database

V5 = Path(__file__).resolve().parents[1] / "fixtures" / "schema" / "v5.sqlite3"
TOPICS = ("kita", "debt_advice", "language")
TODAY = dt.date(2026, 12, 3)
Key = tuple[str, str, str, str, str, str, str]


def _records(count: int, seed: int = 5) -> list[Key]:
    """Needs records as version 5 wrote them (week, town, stage, topic, language, outcome,
    reason), few enough categories that many repeat."""
    rng = random.Random(seed)
    weeks = sorted({iso_week(TODAY - dt.timedelta(days=day)) for day in range(0, 900, 7)})
    records = []
    for _ in range(count):
        outcome = rng.choice(list(OUTCOMES))
        records.append((rng.choice(weeks), rng.choice([*TOWN_NAMES[:3], ""]),
                        rng.choice([*list(STAGES)[:3], ""]), rng.choice(TOPICS),
                        rng.choice(["", "ar", "tr"]), outcome,
                        rng.choice(list(REASONS)[:2]) if outcome == "unreachable" else ""))
    return records


@pytest.fixture
def upgraded(tmp_path: Path) -> tuple[Path, list[Key]]:
    """The released version 5 database with 2,000 more records, opened by today's code."""
    path = tmp_path / "v5.sqlite3"
    shutil.copyfile(V5, path)
    with sqlite3.connect(path) as raw:
        raw.executemany("INSERT INTO need_record (week, town, stage, topic, language, outcome, "
                        "reason) VALUES (?, ?, ?, ?, ?, ?, ?)", _records(2000))
        records: list[Key] = raw.execute(
            "SELECT week, town, stage, topic, language, outcome, reason FROM need_record"
        ).fetchall()
    Database(path).close()
    return path, records


def _log(path: Path, today: dt.date = TODAY) -> tuple[Database, NeedsLog]:
    database = Database(path)
    return database, NeedsLog(database, lambda: TOPICS, lambda: today)


def _published(report: NeedsReport) -> list[tuple[object, ...]]:
    return [(table.spec.key, table.row_labels, table.column_labels, table.table)
            for table in report.tables]


def _one_row_per_record(records: list[Key]) -> list[NeedRow]:
    return [NeedRow(*record) for record in records]


def test_every_record_becomes_part_of_its_weeks_count(upgraded: tuple[Path, list[Key]]) -> None:
    path, records = upgraded
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] >= 7
        tables = {row[0] for row in raw.execute("SELECT name FROM sqlite_master")}
        assert "need_record" not in tables and "ix_need_record_week" not in tables
        counts = {row[:7]: row[7] for row in raw.execute(
            "SELECT week, town, stage, topic, language, outcome, reason, count FROM need_count")}
        columns = [row[1] for row in raw.execute("PRAGMA table_info(need_count)")]
    assert counts == Counter(records)
    assert ("2026-W10", "Dülmen", "kindergarten", "kita", "ar", "no_offer", "") in counts
    assert sum(counts.values()) == len(records) > len(counts)  # repeated combinations merged
    # the categories and a count: no id, nothing that orders the needs within a week
    assert columns == ["week", "town", "stage", "topic", "language", "outcome", "reason",
                       "count"]


@pytest.mark.parametrize("period", ["2026", "2026-Q3", "2025-Q4", "2026-03", "2024"])
def test_every_report_is_the_same_from_the_counts(upgraded: tuple[Path, list[Key]],
                                                  period: str) -> None:
    path, records = upgraded
    database, log = _log(path)
    try:
        chosen = Period.parse(period)
        topics = {topic: topic.title() for topic in TOPICS}
        before = build_report(_one_row_per_record(records), chosen, topics=topics,
                              minimum=3, created=TODAY)
        after = build_report(log.grouped(chosen), chosen, topics=topics, minimum=3,
                             created=TODAY)
        assert _published(after) == _published(before) and after.records == before.records
        assert log.count() == len(records)
    finally:
        database.close()


@pytest.mark.parametrize(("topic", "language", "period"), [
    (None, None, None), (None, None, "2026-Q3"), ("kita", None, None), (None, "ar", "2026-Q2"),
    ("debt_advice", "", "2025"),
])
def test_the_analysis_grid_and_trend_are_the_same(upgraded: tuple[Path, list[Key]],
                                                  topic: str | None, language: str | None,
                                                  period: str | None) -> None:
    path, records = upgraded
    database, log = _log(path)
    try:
        chosen = Period.parse(period) if period else None
        kept = [row for row in _one_row_per_record(records)
                if chosen is None or chosen.contains_week(row.week)]
        before = analyse(Coverage(topic, language), kept, language=language)
        after = analyse(Coverage(topic, language),
                        log.grouped(chosen, topic=topic, language=language,
                                    by_topic=topic is not None,
                                    by_language=language is not None), language=language)
        assert after.cells == before.cells and after.quarters == before.quarters
        assert sum(cell.needs for cell in after.cells.values()) > 0
        # what the view reads: need_place_week over all topics and languages, else need_count
        read = analyse(Coverage(topic, language),
                       log.for_analysis(chosen, topic=topic, language=language),
                       language=language)
        assert read.cells == before.cells and read.quarters == before.quarters
    finally:
        database.close()


def test_recording_adds_to_a_migrated_count(upgraded: tuple[Path, list[Key]]) -> None:
    path, _records = upgraded
    database, log = _log(path, dt.date(2026, 3, 4))  # in 2026-W10, like the fixture's records
    try:
        assert log.record(Anliegen(("kita",), "no_offer", "Dülmen", "kindergarten", "ar")) == 1
        key = NeedRow("2026-W10", "Dülmen", "kindergarten", "kita", "ar", "no_offer", "")
        before = Counter({row[:7]: row.count for row in log.rows()})[key[:7]]
        log.record(Anliegen(("kita", "language"), "no_offer", "Dülmen", "kindergarten", "ar"))
        counts = {row[:7]: row.count for row in log.rows()}
        assert counts[key[:7]] == before + 1
        assert counts[("2026-W10", "Dülmen", "kindergarten", "language", "ar", "no_offer",
                       "")] >= 1
    finally:
        database.close()


def test_retention_deletes_whole_weeks_older_than_24_months(
        upgraded: tuple[Path, list[Key]]) -> None:
    path, records = upgraded
    database, log = _log(path)
    try:
        oldest = log.oldest_kept_week()
        assert oldest == "2024-W48"  # of 1 December 2024 (a Sunday), 24 months back
        assert any(record[0] < oldest for record in records)
        log.purge()
        kept = Counter(record for record in records if record[0] >= oldest)
        assert {row[:7]: row.count for row in log.rows()} == kept
        assert min(row.week for row in log.rows()) >= oldest
    finally:
        database.close()


def _place_week(path: Path) -> tuple[dict[tuple[str, ...], int], dict[tuple[str, ...], int]]:
    """need_place_week, and need_count added up over topics and languages: always equal."""
    with sqlite3.connect(path) as raw:
        kept = {row[:5]: row[5] for row in raw.execute("SELECT * FROM need_place_week")}
        derived = {row[:5]: row[5] for row in raw.execute(
            "SELECT week, town, stage, outcome, reason, sum(count) FROM need_count "
            "GROUP BY week, town, stage, outcome, reason")}
    return kept, derived


def test_the_counts_over_all_topics_and_languages_follow_every_write(
        upgraded: tuple[Path, list[Key]]) -> None:
    """need_place_week (migration 10), which the first view reads, is filled from the counts
    and kept equal to them by triggers: recording, retention, clearing."""
    path, records = upgraded
    kept, derived = _place_week(path)
    assert kept == derived and sum(kept.values()) == len(records)
    database, log = _log(path)
    try:
        for outcome, reason in (("no_offer", ""), ("unreachable", "cost"), ("no_offer", "")):
            log.record(Anliegen(("kita", "language"), outcome, "Dülmen", "kindergarten", "ar",
                                reason))
        log.purge()
        kept, derived = _place_week(path)
        assert kept == derived and sum(kept.values()) == log.count()
        assert kept[("2026-W49", "Dülmen", "kindergarten", "no_offer", "")] >= 4
        whole = log.grouped(by_topic=False)  # read from need_place_week
        assert sum(row.count for row in whole) == log.count()
        assert {row.topic for row in whole} == {""} and {row.language for row in whole} == {""}
        log.clear()
        assert _place_week(path) == ({}, {})
    finally:
        database.close()
