"""The search service refuses out-of-range numbers with a clear error, before any SQL."""

from __future__ import annotations

import pytest

from coesfeld_desktop.search.query import (
    MAX_LIMIT,
    InvalidSearchRequest,
    SearchFilters,
    SearchRequest,
)
from coesfeld_desktop.services import Services


@pytest.mark.parametrize("limit", [2**63, 2**64 + 1, -1, MAX_LIMIT + 1, True, 2.5, "20"])
def test_an_out_of_range_limit_is_refused(limit: object) -> None:
    with pytest.raises(InvalidSearchRequest, match="limit"):
        SearchRequest(text="kita", limit=limit)  # type: ignore[arg-type]


@pytest.mark.parametrize("age", [2**63, -1, 121, False, "3"])
def test_an_out_of_range_age_is_refused(age: object) -> None:
    with pytest.raises(InvalidSearchRequest, match="age"):
        SearchFilters(age=age)  # type: ignore[arg-type]


def test_the_largest_allowed_values_search_fine(services: Services) -> None:
    result = services.search.search(
        SearchRequest(text="", filters=SearchFilters(age=120), limit=MAX_LIMIT))
    assert result.total >= 0
    assert len(services.search.search(SearchRequest(text="kita", limit=0)).hits) == 0
