"""Needs analysis at district scale: ``python bench/needs.py [--offers 100000] [--needs 1000000]``.

Builds a synthetic directory through the real loader (no search index: the analysis does not
use it) and fills the needs log with random records, then times, each with CPU time beside
wall time:

- the analysis view's numbers (``NeedsService.analysis``): cold (the directory's facts read
  once) and warm (after the first, per topic), target <= 1 s;
- the PDF report of a quarter, target <= 5 s;
- the district's merge of 50 centres' signed files (verify, merge, suppress, write XLSX),
  target <= 5 s;
- as the floor in the same run: the first view's two ``GROUP BY`` over ``need_place_week``
  in plain SQLite, and as the baseline the ``GROUP BY`` of schema 5, which kept one row per
  need (in a scratch file beside the database).

Prints a table and PASS/FAIL per row, judged on CPU time (the box is shared: wall time says
more about the neighbours than about the code); always exits 0 (a benchmark informs, it does
not gate).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.search import synthetic_directory
from coesfeld_desktop.channel.envelope import open_sealed, seal
from coesfeld_desktop.domain.stages import STAGES
from coesfeld_desktop.domain.towns import TOWN_NAMES
from coesfeld_desktop.needs.categories import OUTCOMES, REASONS, Period, iso_week
from coesfeld_desktop.needs.exchange import KIND, merge, to_payload
from coesfeld_desktop.needs.report import build_report, write_xlsx
from coesfeld_desktop.needs.service import NeedsService
from coesfeld_desktop.needs.writers import WRITERS
from coesfeld_desktop.paths import AppPaths
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.loader import replace_directory
from coesfeld_desktop.sync.signing import PublicKey, key_id_of

TODAY = dt.date(2026, 12, 3)


def random_needs(count: int, topics: list[str], seed: int = 11) -> list[tuple[str, ...]]:
    """``count`` needs spread evenly over two years and every category (the worst case for
    counting them per combination: 1,000,000 needs are ~900,000 combinations)."""
    rng = random.Random(seed)
    weeks = sorted({iso_week(TODAY - dt.timedelta(days=day)) for day in range(0, 700, 7)})
    languages = ["", "de", "ar", "uk", "tr", "ru", "fa", "ti"]
    needs: list[tuple[str, ...]] = []
    for _ in range(count):
        outcome = rng.choice(list(OUTCOMES))
        needs.append((rng.choice(weeks), rng.choice(TOWN_NAMES), rng.choice(list(STAGES)),
                      rng.choice(topics), rng.choice(languages), outcome,
                      rng.choice(list(REASONS)) if outcome == "unreachable" else ""))
    return needs


def fill_needs(path: Path, needs: list[tuple[str, ...]]) -> None:
    """Count ``needs`` into the log, as recording them one by one would."""
    counts = Counter(needs)
    with sqlite3.connect(path) as raw:
        raw.executemany("INSERT INTO need_count (week, town, stage, topic, language, outcome, "
                        "reason, count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [(*key, count) for key, count in counts.items()])


def one_row_per_need(path: Path, needs: list[tuple[str, ...]]) -> None:
    """The baseline: schema 5's table, one row per need."""
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE need_record (id INTEGER PRIMARY KEY, week TEXT, town TEXT, "
                    "stage TEXT, topic TEXT, language TEXT, outcome TEXT, reason TEXT)")
        raw.execute("CREATE INDEX ix_need_record_week ON need_record (week)")
        raw.executemany("INSERT INTO need_record (week, town, stage, topic, language, "
                        "outcome, reason) VALUES (?, ?, ?, ?, ?, ?, ?)", needs)


def timed(function: Callable[[], Any]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    function()
    return time.perf_counter() - wall, time.process_time() - cpu


def centre_files(needs: NeedsService, count: int, folder: Path) -> dict[str, PublicKey]:
    """``count`` centres' signed files of 2026-Q4, each from a tenth of the log."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    period = Period.parse("2026-Q4")
    rows = needs.log.grouped(period)
    keys = {}
    for number in range(count):
        private = Ed25519PrivateKey.generate()
        share = rows[number::10]
        report = build_report(share, period, topics=needs.topics(), minimum=3, created=TODAY)
        message, data = seal(KIND, f"Beratungsstelle {number}", period.label,
                             to_payload(report), private, TODAY)
        (folder / message.file_name).write_bytes(data)
        keys[key_id_of(private.public_key())] = PublicKey(key_id_of(private.public_key()),
                                                          private.public_key())
    return keys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--needs", type=int, default=1_000_000)
    parser.add_argument("--centres", type=int, default=50)
    parser.add_argument("--keep", type=Path, default=None,
                        help="build the directory and the log in this folder once and reuse "
                             "them on later runs (same --offers and --needs)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        home = args.keep or Path(scratch)
        paths = AppPaths(home).ensure()
        baseline_file = home / "schema5.sqlite3"
        reuse = args.keep is not None and baseline_file.exists()
        database = Database(paths.database)
        started = time.perf_counter()
        needs = NeedsService(database, paths, "Bench", today=lambda: TODAY)
        if not reuse:
            with database.engine.begin() as connection:
                replace_directory(connection, synthetic_directory(args.offers))
            needs_drawn = random_needs(args.needs, list(needs.topics()))
            fill_needs(paths.database, needs_drawn)
            one_row_per_need(baseline_file, needs_drawn)
            del needs_drawn
        topics = list(needs.topics())
        with sqlite3.connect(paths.database) as raw:
            offers, combinations, recorded = raw.execute(
                "SELECT (SELECT count(*) FROM offer), count(*), sum(count) FROM need_count"
            ).fetchone()
        print(f"setup: {offers:,} offers, {recorded:,} needs ({combinations:,} "
              f"combinations) in {time.perf_counter() - started:.0f} s"
              + (f" (reused {home})" if reuse else ""))
        rows: list[tuple[str, float, float, float]] = []

        def baseline() -> None:
            with sqlite3.connect(baseline_file) as raw:
                raw.execute("SELECT week, town, stage, outcome, reason, count(*) "
                            "FROM need_record GROUP BY week, town, stage, outcome, reason"
                            ).fetchall()

        def floor() -> None:
            with sqlite3.connect(paths.database) as raw:
                raw.execute("SELECT town, stage, outcome, reason, sum(count) "
                            "FROM need_place_week GROUP BY town, stage, outcome, reason"
                            ).fetchall()
                raw.execute("SELECT week, sum(count) FROM need_place_week GROUP BY week"
                            ).fetchall()

        rows.append(("baseline: GROUP BY, one row per need", *timed(baseline), 0.0))
        rows.append(("floor: the view's GROUP BYs in SQLite", *timed(floor), 0.0))
        rows.append(("view, cold (all topics)", *timed(lambda: needs.analysis()), 1.0))
        rows.append(("view, warm (all topics)", *timed(lambda: needs.analysis()), 1.0))
        rows.append(("view, one topic", *timed(lambda: needs.analysis(topic=topics[0])), 1.0))
        rows.append(("view, one topic + language",
                     *timed(lambda: needs.analysis(topic=topics[1], language="ar")), 1.0))
        pdf = Path(scratch) / "report.pdf"
        rows.append(("PDF report of a quarter", *timed(lambda: WRITERS[".pdf"](
            needs.report(Period.parse("2026-Q4")), pdf, lambda text: text)), 5.0))
        inbox = Path(scratch) / "inbox"
        inbox.mkdir()
        keys = centre_files(needs, args.centres, inbox)

        def district() -> None:
            messages = [open_sealed(path.read_bytes(), keys, path.name)
                        for path in sorted(inbox.glob("*.json"))]
            report = merge(messages, Period.parse("2026-Q4"), topics={}, created=TODAY)
            write_xlsx(report, Path(scratch) / "district.xlsx")

        rows.append((f"district merge of {args.centres} centres", *timed(district), 5.0))
        database.close()
    print(f"\n{'step':38} {'wall s':>8} {'CPU s':>8} {'target':>8}  verdict")
    for name, wall, cpu, target in rows:
        verdict = "" if not target else ("PASS" if cpu <= target else "FAIL")
        shown = f"{target:.1f}" if target else "–"
        print(f"{name:38} {wall:8.3f} {cpu:8.3f} {shown:>8}  {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
