"""Searches with many matches skip bm25 and rank by tiers; the result set stays the same."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from coesfeld_desktop.search.fts_query import for_title_table
from coesfeld_desktop.search.index import (
    FTS_TABLE,
    TITLE_COLUMNS,
    TITLE_FTS_TABLE,
    refresh_offers,
)
from coesfeld_desktop.search.query import SearchFilters, SearchRequest
from coesfeld_desktop.search.service import SearchService, SearchTuning
from coesfeld_desktop.store.database import Database


def _broad(service: SearchService) -> SearchService:
    """The same index, with every search that has words taking the broad (unranked) path."""
    return SearchService(service.database, tuning=SearchTuning(rank_all=0))


@pytest.mark.parametrize(("text", "filters"), [
    ("e", SearchFilters()),
    ("eltern", SearchFilters()),
    ("sprach", SearchFilters(town="Coesfeld", include_neighbours=True)),
    ("beratung", SearchFilters(free_only=True)),
    ("kita", SearchFilters(age=4)),
])
def test_broad_mode_finds_the_same_offers(service: SearchService,
                                          text: str, filters: SearchFilters) -> None:
    ranked = service.search(SearchRequest(text, filters))
    broad = _broad(service).search(SearchRequest(text, filters))
    assert broad.total == ranked.total
    assert sorted(broad.offer_ids) == sorted(ranked.offer_ids)
    assert len(set(broad.offer_ids)) == len(broad.offer_ids)


def test_broad_mode_puts_title_matches_first(service: SearchService) -> None:
    service = _broad(service)
    ids = service.search(SearchRequest("eltern")).offer_ids
    # "Sprachcafé für Eltern" and "Elterntreff" have it in the title, others only below
    assert set(ids[:2]) == {"off-sprachcafe", "off-dulmen-treff"}
    limited = service.search(SearchRequest("eltern", limit=3))
    assert len(limited.hits) == 3 and limited.total == len(ids)


def test_broad_tiers_fill_any_limit_without_repeating(service: SearchService) -> None:
    """With filters the second tier orders the keys the count kept and leaves out, in SQL,
    what the title tier listed: every limit gets exactly that many distinct offers, title
    matches first."""
    service = _broad(service)
    filters = SearchFilters(town="Coesfeld", include_neighbours=True)
    everything = service.search(SearchRequest("eltern", filters))
    assert everything.total > 2
    with service.database.engine.connect() as connection:
        in_title = {row[0] for row in connection.execute(text(
            f"SELECT f.offer_id FROM offer_facts f JOIN {TITLE_FTS_TABLE} t ON t.rowid = f.pk "
            f"WHERE {TITLE_FTS_TABLE} MATCH :m"), {"m": for_title_table('"eltern"*')})}
    assert 0 < len(in_title & set(everything.offer_ids)) < everything.total
    for limit in range(1, everything.total + 2):
        ids = service.search(SearchRequest("eltern", filters, limit=limit)).offer_ids
        assert len(ids) == min(limit, everything.total) == len(set(ids))
        assert set(ids) <= set(everything.offer_ids)
        flags = [offer_id in in_title for offer_id in ids]
        assert flags == sorted(flags, reverse=True), flags  # title matches first


def test_count_stops_at_the_cap_and_says_so(service: SearchService) -> None:
    exact = service.search(SearchRequest("e"))
    assert not exact.total_is_estimate and exact.total > 3
    capped = SearchService(service.database, tuning=SearchTuning(count_cap=3)).search(
        SearchRequest("e"))
    assert capped.total == 3 and capped.total_is_estimate
    assert capped.offer_ids == exact.offer_ids  # the hits do not depend on the count
    at_cap = SearchService(service.database, tuning=SearchTuning(count_cap=exact.total))
    assert at_cap.search(SearchRequest("e")).total_is_estimate is False


def test_broad_title_tier_follows_a_refreshed_title(fresh_db: Database) -> None:
    """The title tier reads its own table: a refresh must keep it in step."""
    service = SearchService(fresh_db, tuning=SearchTuning(rank_all=0))
    before = service.search(SearchRequest("eltern")).offer_ids
    assert "off-kita" not in before[:2]
    with fresh_db.engine.begin() as connection:
        connection.execute(text("UPDATE offer SET title = 'Elterncafé in der Kita' "
                                "WHERE id = 'off-kita'"))
        refresh_offers(connection, ["off-kita"])
    after = service.search(SearchRequest("eltern")).offer_ids
    assert "off-kita" in after[:3]
    with fresh_db.engine.begin() as connection:
        connection.execute(text("UPDATE offer SET title = 'Zwergentreff' "
                                "WHERE id = 'off-sprachcafe'"))
        refresh_offers(connection, ["off-sprachcafe"])
    assert "off-sprachcafe" not in service.search(SearchRequest("eltern")).offer_ids[:3]


@pytest.mark.parametrize("words", ["sp", "spr kita", "eltern beratung", "hebame", "cafe"])
def test_title_table_expression_matches_the_full_index_title_columns(
        search_db: Database, service: SearchService, words: str) -> None:
    expression = service.parse(words).expression
    with search_db.engine.connect() as connection:
        def rowids(table: str, match: str) -> set[int]:
            return {row[0] for row in connection.exec_driver_sql(
                f"SELECT rowid FROM {table} WHERE {table} MATCH ?", (match,))}

        full = rowids(FTS_TABLE, f"{{{' '.join(TITLE_COLUMNS)}}} : ({expression})")
        assert rowids(TITLE_FTS_TABLE, for_title_table(expression)) == full


@pytest.mark.parametrize("filters", [
    SearchFilters(), SearchFilters(free_only=True), SearchFilters(town="Coesfeld", age=3),
    SearchFilters(age=40), SearchFilters(town="Coesfeld", include_neighbours=True),
])
def test_browsing_by_title_index_or_by_sorting_lists_the_same(
        service: SearchService, filters: SearchFilters) -> None:
    walking = SearchService(service.database, tuning=SearchTuning(browse_scan=0.0))
    walked = walking.search(SearchRequest("", filters, limit=4))  # always walks the title index
    sorting = SearchService(service.database, tuning=SearchTuning(browse_scan=1e12))
    sorted_ = sorting.search(SearchRequest("", filters, limit=4))  # always sorts the matches
    assert walked.offer_ids == sorted_.offer_ids and walked.total == sorted_.total
