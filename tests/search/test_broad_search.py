"""Searches with many matches skip bm25 and rank by tiers; the result set stays the same."""

from __future__ import annotations

import pytest

from coesfeld_desktop.search import service as service_module
from coesfeld_desktop.search.query import SearchFilters, SearchRequest
from coesfeld_desktop.search.service import SearchService


@pytest.mark.parametrize(("text", "filters"), [
    ("e", SearchFilters()),
    ("eltern", SearchFilters()),
    ("sprach", SearchFilters(town="Coesfeld", include_neighbours=True)),
    ("beratung", SearchFilters(free_only=True)),
    ("kita", SearchFilters(age=4)),
])
def test_broad_mode_finds_the_same_offers(service: SearchService, monkeypatch,
                                          text: str, filters: SearchFilters) -> None:
    ranked = service.search(SearchRequest(text, filters))
    monkeypatch.setattr(service_module, "RANK_ALL", 0)
    broad = service.search(SearchRequest(text, filters))
    assert broad.total == ranked.total
    assert sorted(broad.offer_ids) == sorted(ranked.offer_ids)
    assert len(set(broad.offer_ids)) == len(broad.offer_ids)


def test_broad_mode_puts_title_matches_first(service: SearchService, monkeypatch) -> None:
    monkeypatch.setattr(service_module, "RANK_ALL", 0)
    ids = service.search(SearchRequest("eltern")).offer_ids
    # "Sprachcafé für Eltern" and "Elterntreff" have it in the title, others only below
    assert set(ids[:2]) == {"off-sprachcafe", "off-dulmen-treff"}
    limited = service.search(SearchRequest("eltern", limit=3))
    assert len(limited.hits) == 3 and limited.total == len(ids)
