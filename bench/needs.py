"""Needs analysis at district scale: ``python bench/needs.py [--offers 100000] [--needs 1000000]``.

Builds a synthetic directory through the real loader (no search index: the analysis does not
use it) and fills the needs log with random records, then times, each with CPU time beside
wall time:

- the analysis view's numbers (``NeedsService.analysis``): cold (the directory's facts read
  once) and warm (after the first, per topic), target <= 1 s;
- the PDF report of a quarter, target <= 5 s;
- the district's merge of 50 centres' signed files (verify, merge, suppress, write XLSX),
  target <= 5 s;
- as the floor in the same run: one plain ``GROUP BY`` over the needs log in SQLite.

Prints a table and PASS/FAIL per row; always exits 0 (a benchmark informs, it does not gate).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
import sys
import tempfile
import time
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


def fill_needs(path: Path, count: int, topics: list[str], seed: int = 11) -> None:
    rng = random.Random(seed)
    weeks = sorted({iso_week(TODAY - dt.timedelta(days=day)) for day in range(0, 700, 7)})
    languages = ["", "de", "ar", "uk", "tr", "ru", "fa", "ti"]
    rows = []
    for _ in range(count):
        outcome = rng.choice(list(OUTCOMES))
        rows.append((rng.choice(weeks), rng.choice(TOWN_NAMES), rng.choice(list(STAGES)),
                     rng.choice(topics), rng.choice(languages), outcome,
                     rng.choice(list(REASONS)) if outcome == "unreachable" else ""))
    with sqlite3.connect(path) as raw:
        raw.executemany("INSERT INTO need_record (week, town, stage, topic, language, "
                        "outcome, reason) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)


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
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch)
        paths = AppPaths(home).ensure()
        database = Database(paths.database)
        started = time.perf_counter()
        with database.engine.begin() as connection:
            replace_directory(connection, synthetic_directory(args.offers))
        needs = NeedsService(database, paths, "Bench", today=lambda: TODAY)
        topics = list(needs.topics())
        fill_needs(paths.database, args.needs, topics)
        print(f"setup: {args.offers:,} offers, {args.needs:,} needs in "
              f"{time.perf_counter() - started:.0f} s")
        rows: list[tuple[str, float, float, float]] = []

        def floor() -> None:
            with sqlite3.connect(paths.database) as raw:
                raw.execute("SELECT town, stage, outcome, count(*) FROM need_record "
                            "GROUP BY town, stage, outcome").fetchall()

        rows.append(("floor: GROUP BY over the log", *timed(floor), 0.0))
        rows.append(("view, cold (all topics)", *timed(lambda: needs.analysis()), 1.0))
        rows.append(("view, warm (all topics)", *timed(lambda: needs.analysis()), 1.0))
        rows.append(("view, one topic", *timed(lambda: needs.analysis(topic=topics[0])), 1.0))
        rows.append(("view, one topic + language",
                     *timed(lambda: needs.analysis(topic=topics[1], language="ar")), 1.0))
        pdf = home / "report.pdf"
        rows.append(("PDF report of a quarter", *timed(lambda: WRITERS[".pdf"](
            needs.report(Period.parse("2026-Q4")), pdf, lambda text: text)), 5.0))
        inbox = home / "inbox"
        inbox.mkdir()
        keys = centre_files(needs, args.centres, inbox)

        def district() -> None:
            messages = [open_sealed(path.read_bytes(), keys, path.name)
                        for path in sorted(inbox.glob("*.json"))]
            report = merge(messages, Period.parse("2026-Q4"), topics={}, created=TODAY)
            write_xlsx(report, home / "district.xlsx")

        rows.append((f"district merge of {args.centres} centres", *timed(district), 5.0))
        database.close()
    print(f"\n{'step':38} {'wall s':>8} {'CPU s':>8} {'target':>8}  verdict")
    for name, wall, cpu, target in rows:
        verdict = "" if not target else ("PASS" if wall <= target else "FAIL")
        shown = f"{target:.1f}" if target else "–"
        print(f"{name:38} {wall:8.3f} {cpu:8.3f} {shown:>8}  {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
