"""The needs counts come through a damaged start: need_count is a WITHOUT ROWID table (its rows
live in an index b-tree, inner pages included), and the page-level reader must find them all
when SQLite cannot open the file; need_place_week is rebuilt from them by its triggers."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from coesfeld_desktop.startup.recovery import check_and_recover
from coesfeld_desktop.store.health import HealthStatus
from tests.store.damage import filled_home, write_demo_file

# enough combinations for a b-tree of several levels (inner pages hold rows too)
COUNTS = [(f"2026-W{week:02d}", town, "kindergarten", f"topic-{topic}", "ar", "no_offer", "",
           week * topic + 1)
          for week in range(1, 53) for town in ("Dülmen", "Olfen") for topic in range(20)]


def _counts(path: Path) -> tuple[dict[tuple[str, ...], int], dict[tuple[str, ...], int]]:
    with sqlite3.connect(path) as raw:
        counts = {row[:7]: row[7] for row in raw.execute(
            "SELECT week, town, stage, topic, language, outcome, reason, count FROM need_count")}
        place_week = {row[:5]: row[5] for row in raw.execute("SELECT * FROM need_place_week")}
    return counts, place_week


@pytest.mark.parametrize("damage", ["header", "schema_row"])
def test_every_count_is_read_page_by_page_and_the_totals_rebuilt(tmp_path: Path,
                                                                 damage: str) -> None:
    demo = write_demo_file(tmp_path)
    paths = filled_home(tmp_path, demo)
    with sqlite3.connect(paths.database) as raw:
        raw.executemany("INSERT INTO need_count (week, town, stage, topic, language, outcome, "
                        "reason, count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", COUNTS)
        raw.commit()
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        assert raw.execute("SELECT count(*) FROM dbstat WHERE name = 'need_count' "
                           "AND pagetype = 'internal'").fetchone()[0] >= 1
        offer_page = raw.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'offer'").fetchone()[0]
    before, totals = _counts(paths.database)
    assert len(before) == len(COUNTS) and sum(totals.values()) == sum(before.values())
    with paths.database.open("r+b") as handle:
        if damage == "header":  # SQLite no longer opens the file at all
            handle.write(b"\0" * 100)
        else:  # a directory page overwritten: SQLite stops, the needs' pages are intact
            handle.seek((offer_page - 1) * 4096)
            handle.write(b"\xff" * 4096)

    report = check_and_recover(paths, demo_path=demo)

    assert report.status is HealthStatus.RECOVERED
    assert report.restored["need_count"] == len(COUNTS)
    after, rebuilt = _counts(paths.database)
    assert after == before
    assert rebuilt == totals  # need_place_week filled again by need_count's triggers
