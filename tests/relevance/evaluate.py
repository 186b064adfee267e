"""Score a ranking against the judged queries: nDCG@10, success@1 and recall@20.

Why here and not in the app: the measure belongs to the tests and the benchmark
(``bench/relevance.py``); both run :func:`evaluate` on a database holding the demo
directory. The candidates a query may return are the offers that pass its filters, as the
search itself decides them (a search without words): the measure is about order and recall
of words, not about what a filter means.

Definitions (graded gains ``2**grade - 1``, log2 discount):

* nDCG@10: DCG of the first ten hits over the DCG of the best possible ten.
* success@1: the first hit is graded 2.
* recall@20: relevant offers (grade >= 1) among the first 20 over min(20, relevant ones).

A query whose filters leave no relevant offer is a "no answer" query: it is not averaged;
it passes when none of its first ten hits is a plain word match (a look-alike or a related
word must say so; see ``SearchHit.match``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from coesfeld_desktop.search.folding import fold, tokens
from coesfeld_desktop.search.query import MAX_LIMIT, SearchFilters, SearchHit, SearchRequest
from coesfeld_desktop.search.service import SearchService
from tests.relevance.judgments import CASES, LANGUAGES, Case, Record

Ranker = Callable[[Case], Sequence[SearchHit]]

TARGET_NDCG = 0.90
TARGET_NDCG_LANGUAGE = 0.85
TARGET_SUCCESS = 0.95


def filters_of(case: Case) -> SearchFilters:
    return SearchFilters(town=case.town, age=case.age)


def read_records(service: SearchService) -> dict[str, Record]:
    """Every active offer of the database as a :class:`Record`."""
    with service.database.engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT o.id, o.title, coalesce(g.name, '') FROM offer o "
            "LEFT JOIN organization g ON g.id = o.organization_id WHERE o.status = 'active'"
        ).all()
        topics: dict[str, set[str]] = {}
        names: dict[str, list[str]] = {}
        for offer_id, topic_id, name in connection.exec_driver_sql(
                "SELECT ot.offer_id, ot.topic_id, coalesce(t.name, '') FROM offer_topic ot "
                "LEFT JOIN topic t ON t.id = ot.topic_id"):
            topics.setdefault(offer_id, set()).add(topic_id)
            names.setdefault(offer_id, []).append(name)
        towns: dict[str, set[str]] = {}
        for offer_id, town in connection.exec_driver_sql(
                "SELECT s.offer_id, l.town FROM service_at_location s "
                "JOIN location l ON l.id = s.location_id"):
            towns.setdefault(offer_id, set()).add(town)
    return {
        offer_id: Record(offer_id, " ".join(tokens(title or "")),
                         frozenset(topics.get(offer_id, ())),
                         fold(" ".join(names.get(offer_id, ()))), fold(provider or ""),
                         frozenset(towns.get(offer_id, ())))
        for offer_id, title, provider in rows
    }


@dataclass
class CaseScore:
    case: Case
    hits: list[str]
    grades: list[int]
    ndcg: float | None  # None: a "no answer" query
    success: float | None
    recall: float | None
    quiet: bool = True  # no answer queries: no plain word match among the first ten


@dataclass
class Summary:
    ndcg: float
    success: float
    recall: float
    queries: int
    no_answer: int = 0
    no_answer_quiet: int = 0


@dataclass
class Report:
    scores: list[CaseScore] = field(default_factory=list)

    def summary(self, language: str | None = None) -> Summary:
        chosen = [s for s in self.scores if language is None or s.case.language == language]
        answered = [s for s in chosen if s.ndcg is not None]
        unanswered = [s for s in chosen if s.ndcg is None]

        def mean(values: list[float | None]) -> float:
            present = [v for v in values if v is not None]
            return sum(present) / len(present) if present else 1.0

        return Summary(mean([s.ndcg for s in answered]), mean([s.success for s in answered]),
                       mean([s.recall for s in answered]), len(answered), len(unanswered),
                       sum(1 for s in unanswered if s.quiet))

    def worst(self, count: int = 10) -> list[CaseScore]:
        answered = [s for s in self.scores if s.ndcg is not None]
        return sorted(answered, key=lambda s: (s.ndcg or 0.0, s.success or 0.0))[:count]


def dcg(grades: Sequence[int]) -> float:
    return sum((2 ** grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(grades))


def score_case(case: Case, hits: Sequence[SearchHit], pool: Sequence[str],
               records: dict[str, Record]) -> CaseScore:
    """The measures of one query: ``hits`` as ranked, ``pool`` the offers its filters allow."""
    ids = [hit.offer_id for hit in hits]
    grades = [case.grade(records[i]) if i in records else 0 for i in ids]
    ideal = sorted((case.grade(records[i]) for i in pool if i in records), reverse=True)
    relevant = sum(1 for grade in ideal if grade > 0)
    if ideal[:1] == [0] or not ideal:
        quiet = all(getattr(hit, "match", "word") != "word" for hit in hits[:10])
        return CaseScore(case, ids, grades, None, None, None, quiet)
    best = dcg(ideal[:10])
    ndcg = dcg(grades[:10]) / best if best else 1.0
    success = None if ideal[0] < 2 else float(bool(grades) and grades[0] == 2)
    recall = sum(1 for grade in grades[:20] if grade > 0) / min(20, relevant)
    return CaseScore(case, ids, grades, ndcg, success, recall)


def evaluate(service: SearchService, rank: Ranker | None = None,
             cases: Sequence[Case] = CASES) -> Report:
    """Run every case through ``rank`` (default: the app's search) and score it."""
    records = read_records(service)

    def app_rank(case: Case) -> Sequence[SearchHit]:
        return service.search(SearchRequest(case.query, filters_of(case), limit=20)).hits

    rank = rank or app_rank
    pools: dict[tuple[str | None, int | None], list[str]] = {}
    report = Report()
    for case in cases:
        key = (case.town, case.age)
        if key not in pools:
            pools[key] = service.search(
                SearchRequest("", filters_of(case), limit=MAX_LIMIT)).offer_ids
        report.scores.append(score_case(case, rank(case), pools[key], records))
    return report


def table(reports: dict[str, Report]) -> str:
    """A Markdown table: one row per ranking and language, overall last."""
    lines = ["| ranking | language | queries | nDCG@10 | success@1 | recall@20 |",
             "|---|---|---:|---:|---:|---:|"]
    for name, report in reports.items():
        for language in (*LANGUAGES, None):
            s = report.summary(language)
            lines.append(f"| {name} | {language or '**all**'} | {s.queries} | "
                         f"{s.ndcg:.3f} | {s.success:.3f} | {s.recall:.3f} |")
    return "\n".join(lines)
