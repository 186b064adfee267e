"""Damaged starts: each kind of damage, a start, and whether the user's data came through.

    PYTHONPATH=. python bench/damaged_starts.py          # prints a Markdown table

Each case builds a data folder with a Gesprächsliste (2 entries), a note, a setting and a
handout-history entry (``tests/store/damage.py``), damages it for real and starts the way the
window does (``check_and_recover``). "kept" means every one of those rows is there after the
start; "told" that the start reported the recovery (or needed none). The kill test
(``tests/store/test_recovery_kills.py``) covers crashes *during* recovery.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coesfeld_desktop.paths import AppPaths  # noqa: E402
from coesfeld_desktop.startup.recovery import BUILDING_SUFFIX, check_and_recover  # noqa: E402
from coesfeld_desktop.store.health import HealthStatus  # noqa: E402
from tests.store.damage import EXPECTED, filled_home, user_data, write_demo_file  # noqa: E402

Damage = Callable[[AppPaths], None]
PAGE = 4096


def _root(paths: AppPaths, table: str) -> int:
    with sqlite3.connect(paths.database) as connection:
        return int(connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0])


def _write(paths: AppPaths, offset: int, data: bytes) -> None:
    with paths.database.open("r+b") as handle:
        handle.seek(offset)
        handle.write(data)


def _cut(fraction: float) -> Damage:
    def damage(paths: AppPaths) -> None:
        size = paths.database.stat().st_size
        with paths.database.open("r+b") as handle:
            handle.truncate(int(size * fraction) // PAGE * PAGE)
    return damage


def _page(table: str) -> Damage:
    def damage(paths: AppPaths) -> None:
        _write(paths, (_root(paths, table) - 1) * PAGE, b"\xff" * PAGE)
    return damage


def _random_pages(paths: AppPaths) -> None:
    pages = paths.database.stat().st_size // PAGE
    keep = {_root(paths, t) for t in ("note", "setting", "saved_list", "saved_list_entry")}
    for page in random.Random(15).sample([p for p in range(2, pages + 1) if p not in keep], 5):
        _write(paths, (page - 1) * PAGE, os.urandom(PAGE))


def _hot_journal(paths: AppPaths) -> None:
    with sqlite3.connect(paths.database) as connection:
        connection.execute("PRAGMA journal_mode=DELETE")
    writer = textwrap.dedent(f"""
        import os, sqlite3
        c = sqlite3.connect({str(paths.database)!r})
        c.execute("PRAGMA cache_size=1")
        c.execute("BEGIN")
        c.execute("DELETE FROM note")
        c.execute("INSERT INTO setting VALUES ('x', ?)", ("y" * 200000,))
        os._exit(9)
    """)
    subprocess.run([sys.executable, "-c", writer], check=False)


def _half_built_recovery(paths: AppPaths) -> None:
    _page("offer")(paths)
    paths.database.with_name(paths.database.name + BUILDING_SUFFIX).write_bytes(b"\0" * 9000)


CASES: list[tuple[str, Damage]] = [
    ("empty file (0 bytes)", lambda p: p.database.write_bytes(b"")),
    ("file header zeroed (100 bytes)", lambda p: _write(p, 0, b"\0" * 100)),
    ("header and schema page start overwritten", lambda p: _write(p, 0, b"not a db " * 20)),
    ("a directory page overwritten", _page("offer")),
    ("the schema page (page 1) overwritten", lambda p: _write(p, 100, b"\xff" * (PAGE - 100))),
    ("the notes' page overwritten", _page("note")),
    ("the settings' page overwritten", _page("setting")),
    ("five random pages overwritten", _random_pages),
    ("file cut to 3/4", _cut(0.75)),
    ("file cut in half", _cut(0.5)),
    ("file cut to 1/4", _cut(0.25)),
    ("a text file instead of a database", lambda p: p.database.write_text("Hallo " * 900)),
    ("garbage WAL beside a damaged file", lambda p: (
        _write(p, 0, b"\0" * 100),
        p.database.with_name(p.database.name + "-wal").write_bytes(os.urandom(20000)))),
    ("hot rollback journal after a crash", _hot_journal),
    ("half-built recovery file from a crash", _half_built_recovery),
]


def run_case(name: str, damage: Damage, base: Path) -> dict[str, object]:
    folder = base / name.replace(" ", "-").replace("/", "")
    folder.mkdir()
    demo = write_demo_file(folder)
    paths = filled_home(folder, demo)
    damage(paths)
    report = check_and_recover(paths, demo_path=demo)
    kept = user_data(paths)
    return {
        "case": name,
        "status": report.status.value,
        "kept": kept == EXPECTED,
        "told": report.status is not HealthStatus.RECOVERED or bool(report.user_message()),
        "may_miss": ", ".join(report.incomplete) or "-",
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        rows = [run_case(name, damage, Path(temp)) for name, damage in CASES]
        shutil.rmtree(temp, ignore_errors=True)
    print("| damage | start | all user rows kept | told | reported as possibly incomplete |")
    print("|---|---|---|---|---|")
    for row in rows:
        print(f"| {row['case']} | {row['status']} | {'yes' if row['kept'] else 'NO'} | "
              f"{'yes' if row['told'] else 'NO'} | {row['may_miss']} |")
    kept = sum(1 for row in rows if row["kept"])
    print(f"\n{len(rows)} damaged starts tried; {kept} kept every user row; "
          f"{sum(1 for row in rows if row['told'])} told the user.")
    print(json.dumps({"cases": len(rows), "kept": kept}))


if __name__ == "__main__":
    main()
