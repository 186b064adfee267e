"""Write a fixture database of one released schema version, with user data in it.

Why: ``tests/store/test_migrations.py`` upgrades a database of every released schema version
to the current one and checks that the Merkliste, notes, settings and handout history come
through. The fixture must be written by the *released* program, not by today's migrations, so
run this tool against a checkout of the release (see "Add a migration" in
``docs/architecture.md``)::

    git archive <release-commit> coesfeld_desktop | tar -x -C /tmp/release
    PYTHONPATH=/tmp/release python tools/schema_fixture.py tests/fixtures/schema/v5.sqlite3

It uses only ``store.database.Database`` (present in every version) and plain SQL for the
user rows, so it runs against old trees too.
"""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path

from coesfeld_desktop.store.database import Database

LISTS = [(1, "Merkliste", "2026-03-02 09:15:00"),
         (2, "Familie Ö. – Dienstag", "2026-03-03 10:00:00")]
ENTRIES = [
    (1, "off-1", "Familienhebamme", 0, "2026-03-02 09:16:00"),
    (1, "off-2", "Sprachcafé im Treffpunkt", 1, "2026-03-02 09:17:00"),
    (2, "off-404", "Ein Angebot, das es nicht mehr gibt", 0, "2026-03-03 10:01:00"),
]
NOTES = [
    ("off-1", "Familienhebamme", "Rückruf klappt am besten dienstags.\nFrau Weiß fragen.",
     "2026-03-02 09:20:00"),
    ("off-404", "Ein Angebot, das es nicht mehr gibt", "Notiz bleibt, auch ohne Angebot: ✓ ß",
     "2026-03-03 10:05:00"),
]
SETTINGS = [("centre.name", "Familienberatung Dülmen"), ("sync.source", "https://example.org/x")]
NEEDS = [(1, "2026-W10", "Dülmen", "kindergarten", "kita", "ar", "no_offer", ""),
         (2, "2026-W10", "Olfen", "family", "debt_advice", "", "unreachable", "waiting_list")]
# from version 7 on the needs are counts per combination and week
NEED_COUNTS = [("2026-W10", "Dülmen", "kindergarten", "kita", "ar", "no_offer", "", 2),
               ("2026-W10", "Olfen", "family", "debt_advice", "", "unreachable", "waiting_list",
                1)]
FAILED_SEARCHES = [("2026-W10", "Rosendahl", "", "", "ti", "hebamme", 2)]
# from version 8 on the desk's reports of wrong offer facts
CORRECTIONS = [(1, "off-1", "Familienhebamme", "Familienzentrum Dülmen e. V.", "contact",
                "Nummer endet jetzt auf -20", "2026-03-04", "offer-correction-ab12-x.json")]
HANDOUTS = [(1, "2026-03-02 09:30:00", "ar", "list", 0, '["off-1", "off-2"]',
             '["Familienhebamme", "Sprachcafé im Treffpunkt"]')]


def write_fixture(path: Path) -> int:
    """Create the database at ``path`` with the running program's schema; returns its version."""
    if path.exists():
        path.unlink()
    Database(path).close()
    connection = sqlite3.connect(path)
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        with connection:
            connection.executemany("INSERT INTO saved_list VALUES (?, ?, ?)", LISTS)
            connection.executemany("INSERT INTO saved_list_entry VALUES (?, ?, ?, ?, ?)",
                                   ENTRIES)
            connection.executemany("INSERT INTO note VALUES (?, ?, ?, ?)", NOTES)
            connection.executemany("INSERT INTO setting VALUES (?, ?)", SETTINGS)
            if "handout_history" in tables:
                connection.executemany(
                    "INSERT INTO handout_history VALUES (?, ?, ?, ?, ?, ?, ?)", HANDOUTS)
            if "need_record" in tables:
                connection.executemany(
                    "INSERT INTO need_record VALUES (?, ?, ?, ?, ?, ?, ?, ?)", NEEDS)
            if "need_count" in tables:
                connection.executemany(
                    "INSERT INTO need_count (week, town, stage, topic, language, outcome, "
                    "reason, count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", NEED_COUNTS)
            if "correction_report" in tables:
                connection.executemany(
                    "INSERT INTO correction_report VALUES (?, ?, ?, ?, ?, ?, ?, ?)", CORRECTIONS)
            if "failed_search" in tables:
                connection.executemany(
                    "INSERT INTO failed_search VALUES (?, ?, ?, ?, ?, ?, ?)", FAILED_SEARCHES)
        connection.execute("PRAGMA journal_mode=DELETE")  # one file, no -wal beside it
        connection.execute("VACUUM")
        return int(connection.execute("PRAGMA user_version").fetchone()[0])
    finally:
        connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    version = write_fixture(parser.parse_args().output)
    print(f"schema version {version}")


if __name__ == "__main__":
    main()
