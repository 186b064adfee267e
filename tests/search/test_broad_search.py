"""Searches with many matches skip bm25 and rank by tiers; the result set stays the same."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from coesfeld_desktop.search import service as service_module
from coesfeld_desktop.search.fts_query import for_title_table
from coesfeld_desktop.search.index import (
    FTS_TABLE,
    TITLE_COLUMNS,
    TITLE_FTS_TABLE,
    refresh_offers,
)
from coesfeld_desktop.search.query import SearchFilters, SearchRequest
from coesfeld_desktop.search.service import SearchService
from coesfeld_desktop.store.database import Database


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


def test_broad_tiers_fill_any_limit_without_repeating(service: SearchService,
                                                    monkeypatch) -> None:
    """With filters the second tier orders the keys the count kept and leaves out, in SQL,
    what the title tier listed: every limit gets exactly that many distinct offers, title
    matches first."""
    monkeypatch.setattr(service_module, "RANK_ALL", 0)
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


def test_count_stops_at_the_cap_and_says_so(service: SearchService, monkeypatch) -> None:
    exact = service.search(SearchRequest("e"))
    assert not exact.total_is_estimate and exact.total > 3
    monkeypatch.setattr(service_module, "COUNT_CAP", 3)
    capped = service.search(SearchRequest("e"))
    assert capped.total == 3 and capped.total_is_estimate
    assert capped.offer_ids == exact.offer_ids  # the hits do not depend on the count
    monkeypatch.setattr(service_module, "COUNT_CAP", exact.total)  # exactly at the cap
    assert service.search(SearchRequest("e")).total_is_estimate is False


def test_broad_title_tier_follows_a_refreshed_title(fresh_db: Database, monkeypatch) -> None:
    """The title tier reads its own table: a refresh must keep it in step."""
    monkeypatch.setattr(service_module, "RANK_ALL", 0)
    service = SearchService(fresh_db)
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
        service: SearchService, monkeypatch, filters: SearchFilters) -> None:
    monkeypatch.setattr(service_module, "BROWSE_SCAN", 0.0)  # always walk the title index
    walked = service.search(SearchRequest("", filters, limit=4))
    monkeypatch.setattr(service_module, "BROWSE_SCAN", 1e12)  # always sort the matches
    sorted_ = service.search(SearchRequest("", filters, limit=4))
    assert walked.offer_ids == sorted_.offer_ids and walked.total == sorted_.total
