"""The judged collection against the app's search: the figures must meet the targets.

``bench/relevance.py`` prints the same figures per language, with a baseline; this test
gates on them so that a change that makes the order worse cannot land unnoticed.
"""

from __future__ import annotations

from coesfeld_desktop.services import Services
from tests.relevance.evaluate import (
    TARGET_NDCG,
    TARGET_NDCG_LANGUAGE,
    TARGET_SUCCESS,
    evaluate,
)
from tests.relevance.judgments import CASES, LANGUAGES


def test_the_collection_is_large_and_covers_every_language() -> None:
    assert len(CASES) >= 80
    assert {case.language for case in CASES} == set(LANGUAGES)
    assert any(case.town or case.age is not None for case in CASES)


def test_relevance_meets_the_targets(services: Services) -> None:
    report = evaluate(services.search)
    total = report.summary()
    worst = [(s.case.language, s.case.query, round(s.ndcg or 0, 2)) for s in report.worst(5)]
    assert total.queries >= 80
    assert total.ndcg >= TARGET_NDCG, worst
    assert total.success >= TARGET_SUCCESS, worst
    for language in LANGUAGES:
        assert report.summary(language).ndcg >= TARGET_NDCG_LANGUAGE, (language, worst)
    assert total.no_answer_quiet == total.no_answer  # no look-alike posing as an answer
