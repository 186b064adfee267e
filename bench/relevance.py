"""Search relevance on the demo directory: ``python bench/relevance.py [--worst N]``.

Loads the bundled demo directory into a temporary data folder (as a first start does),
runs every judged query of ``tests/relevance/judgments.py`` through the app's search and,
as a baseline in the same run, through a plain FTS5 bm25 search over the same German and
translated texts (``unicode61`` with diacritics removed, each word a prefix, AND-ed), and
prints nDCG@10, success@1 and recall@20 per query language and overall.

Targets: nDCG@10 ≥ 0.90 overall and ≥ 0.85 per language, success@1 ≥ 0.95.
Prints PASS/FAIL and always exits 0 (a benchmark informs; tests/relevance gates).
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coesfeld_desktop.paths import AppPaths
from coesfeld_desktop.search.query import MAX_LIMIT, SearchHit
from coesfeld_desktop.services import open_services
from tests.relevance.evaluate import (
    TARGET_NDCG,
    TARGET_NDCG_LANGUAGE,
    TARGET_SUCCESS,
    Report,
    evaluate,
    filters_of,
    table,
)
from tests.relevance.judgments import LANGUAGES, Case


class Bm25Baseline:
    """Plain FTS5 over the offers' own texts: what a search without any of our work gives."""

    def __init__(self, database_path: Path) -> None:
        self.connection = sqlite3.connect(":memory:")
        self.connection.execute(f"ATTACH DATABASE '{database_path}' AS src")
        self.connection.execute(
            "CREATE VIRTUAL TABLE b USING fts5(offer_id UNINDEXED, title, summary, "
            "description, translations, tokenize = 'unicode61 remove_diacritics 2')")
        self.connection.execute(
            "INSERT INTO b SELECT o.id, o.title, coalesce(o.summary, ''), "
            "coalesce(o.description, ''), coalesce((SELECT group_concat(t.text, ' ') "
            "FROM src.translation t WHERE t.entity_type = 'offer' AND t.entity_id = o.id), '') "
            "FROM src.offer o WHERE o.status = 'active'")

    def rank(self, case: Case, allowed: set[str]) -> list[SearchHit]:
        words = [w for w in re.findall(r"\w+", case.query)]
        if not words:
            return []
        match = " AND ".join('"' + w.replace('"', '""') + '"*' for w in words)
        rows = self.connection.execute(
            "SELECT offer_id, bm25(b) FROM b WHERE b MATCH ? ORDER BY bm25(b)", (match,))
        return [SearchHit(offer_id, -score) for offer_id, score in rows
                if offer_id in allowed][:20]


def _show(report: Report, count: int) -> None:
    for score in report.worst(count):
        case = score.case
        print(f"  {score.ndcg:.2f} s@1={score.success} {case.language} {case.query!r} "
              f"town={case.town} age={case.age}: grades {score.grades[:10]}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worst", type=int, default=8, help="list the N worst queries")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        services = open_services(AppPaths(Path(folder)))
        try:
            baseline = Bm25Baseline(services.paths.database)
            allowed: dict[tuple[str | None, int | None], set[str]] = {}

            def base_rank(case: Case) -> list[SearchHit]:
                key = (case.town, case.age)
                if key not in allowed:
                    from coesfeld_desktop.search.query import SearchRequest

                    allowed[key] = set(services.search.search(SearchRequest(
                        "", filters_of(case), limit=MAX_LIMIT)).offer_ids)
                return baseline.rank(case, allowed[key])

            wall, cpu = time.perf_counter(), time.process_time()
            app = evaluate(services.search)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            base = evaluate(services.search, base_rank)
        finally:
            services.close()
    print(table({"Angebotslotse": app, "FTS5 bm25 (baseline)": base}))
    total = app.summary()
    print(f"\n{total.queries} judged queries, {total.no_answer} without an answer in the "
          f"demo data ({total.no_answer_quiet} of them quiet: no plain word match shown)")
    print(f"app: {wall:.2f} s wall, {cpu:.2f} s CPU for {len(app.scores)} searches "
          "(with their filter pools)")
    checks = [("nDCG@10 overall", total.ndcg, TARGET_NDCG),
              ("success@1 overall", total.success, TARGET_SUCCESS)]
    checks += [(f"nDCG@10 {language}", app.summary(language).ndcg, TARGET_NDCG_LANGUAGE)
               for language in LANGUAGES]
    for name, value, target in checks:
        print(f"{'PASS' if value >= target else 'FAIL'} {name}: {value:.3f} (target {target})")
    if args.worst:
        print(f"\nworst {args.worst} (app):")
        _show(app, args.worst)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
