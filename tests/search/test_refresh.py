"""Keeping the index in step with the store: refresh single offers, rebuild on a new layout."""

from __future__ import annotations

from sqlalchemy import text

from coesfeld_desktop.search import index
from coesfeld_desktop.search.index import ensure_index, index_generation, refresh_offers
from coesfeld_desktop.search.index.meta import read_meta, write_meta
from coesfeld_desktop.search.query import SearchFilters, SearchRequest
from coesfeld_desktop.search.service import SearchService
from coesfeld_desktop.store.database import Database


def _ids(service: SearchService, query: str, **filters: object) -> list[str]:
    return service.search(SearchRequest(query, SearchFilters(**filters))).offer_ids  # type: ignore[arg-type]


def test_changed_title_is_found_after_refresh(fresh_db: Database) -> None:
    service = SearchService(fresh_db)
    assert _ids(service, "Krabbelgruppe") == ["off-krabbel"]
    with fresh_db.engine.begin() as connection:
        connection.execute(text("UPDATE offer SET title = 'Zwergentreff Osterwick' "
                                "WHERE id = 'off-krabbel'"))
        assert refresh_offers(connection, ["off-krabbel"]) == 1
    assert _ids(service, "Zwergentreff") == ["off-krabbel"]
    assert _ids(service, "Krabbelgruppe") == []
    assert "off-krabbel" in _ids(service, "Osterwick")


def test_refresh_touches_only_the_given_offers(fresh_db: Database) -> None:
    service = SearchService(fresh_db)
    with fresh_db.engine.begin() as connection:
        connection.execute(text("UPDATE offer SET title = 'Zwergentreff' WHERE id = 'off-krabbel'"))
        connection.execute(text("UPDATE offer SET title = 'Elfentreff' WHERE id = 'off-kita'"))
        refresh_offers(connection, ["off-krabbel"])
    assert _ids(service, "Zwergentreff") == ["off-krabbel"]
    assert _ids(service, "Elfentreff") == []  # not refreshed: still the old text
    assert "off-kita" in _ids(service, "Kindertagesstätte")


def test_deleted_offer_is_dropped(fresh_db: Database) -> None:
    service = SearchService(fresh_db)
    with fresh_db.engine.begin() as connection:
        connection.execute(text("DELETE FROM offer WHERE id = 'off-schulden'"))
        assert refresh_offers(connection, ["off-schulden", "off-never-existed"]) == 0
    assert _ids(service, "Schuldnerberatung") == []
    assert "off-schulden" not in _ids(service, "", town="Lüdinghausen")
    assert service.search(SearchRequest("")).total == 10


def test_deactivated_offer_is_dropped_and_new_offer_added(fresh_db: Database) -> None:
    service = SearchService(fresh_db)
    with fresh_db.engine.begin() as connection:
        connection.execute(text("UPDATE offer SET status = 'inactive' WHERE id = 'off-sucht'"))
        connection.execute(text("UPDATE offer SET status = 'active' WHERE id = 'off-inaktiv'"))
        refresh_offers(connection, ["off-sucht", "off-inaktiv"])
    assert "off-sucht" not in _ids(service, "Suchtberatung")
    assert "off-inaktiv" in _ids(service, "eingestellt")


def test_changed_filter_facts_are_refreshed(fresh_db: Database) -> None:
    service = SearchService(fresh_db)
    assert "off-kita" not in _ids(service, "", free_only=True)
    with fresh_db.engine.begin() as connection:
        connection.execute(text("UPDATE offer SET free = 1, min_age = 0 WHERE id = 'off-kita'"))
        connection.execute(text("DELETE FROM schedule WHERE offer_id = 'off-kita'"))
        refresh_offers(connection, ["off-kita"])
    assert "off-kita" in _ids(service, "", free_only=True, age=0)
    assert "off-kita" not in _ids(service, "", weekday="MO")


def test_refresh_changes_the_vocabulary_for_typos(fresh_db: Database) -> None:
    service = SearchService(fresh_db)
    assert _ids(service, "Zwergentref") == []
    with fresh_db.engine.begin() as connection:
        connection.execute(text("UPDATE offer SET title = 'Zwergentreff' WHERE id = 'off-krabbel'"))
        refresh_offers(connection, ["off-krabbel"])
    assert _ids(service, "Zwergentrefff") == ["off-krabbel"]  # one typo, new word known


def test_ensure_index_rebuilds_only_on_a_new_layout(fresh_db: Database) -> None:
    with fresh_db.engine.begin() as connection:
        generation = index_generation(connection)
        assert ensure_index(connection) is False
        assert index_generation(connection) == generation
        # an index of an older layout, as an older release left it
        write_meta(connection, "index_version", index.INDEX_VERSION - 1)
        assert ensure_index(connection) is True
        assert index_generation(connection) > generation
    assert _ids(SearchService(fresh_db), "Hebamme")


def test_an_index_built_for_other_filter_dimensions_is_rebuilt(fresh_db: Database) -> None:
    """A dimension added to the registry indexes new facet tokens: an index built before it
    (its facet layout stored without it) is rebuilt, and then the new filter finds every
    offer, not only those a sync refreshed since."""
    with fresh_db.engine.begin() as connection:
        layout = read_meta(connection, "facets")
        assert layout is not None and "weekday:day" in layout.split()
        write_meta(connection, "facets", layout.replace(" weekday:day", ""))
        connection.exec_driver_sql(f"DELETE FROM {index.FACET_TABLE} WHERE kind = 'day'")
        generation = index_generation(connection)
        assert ensure_index(connection) is True
        assert index_generation(connection) > generation
        assert read_meta(connection, "facets") == layout
        assert ensure_index(connection) is False
    monday = SearchService(fresh_db).search(SearchRequest("", SearchFilters(weekday="MO")))
    assert monday.total > 0


def test_search_before_any_index_is_empty(tmp_path) -> None:
    database = Database(tmp_path / "empty.sqlite3")
    try:
        result = SearchService(database).search(SearchRequest("Hebamme"))
        assert result.hits == () and result.total == 0
        with database.engine.begin() as connection:
            assert ensure_index(connection) is True  # empty store: an empty index
        assert SearchService(database).search(SearchRequest("")).total == 0
    finally:
        database.close()


def test_new_offer_reusing_a_removed_offers_key(fresh_db: Database) -> None:
    """Sync removes an offer and inserts a new one that gets the same integer key."""
    service = SearchService(fresh_db)
    with fresh_db.engine.begin() as connection:
        pk = connection.execute(text("SELECT pk FROM offer WHERE id = 'off-sucht'")).scalar_one()
        connection.execute(text("DELETE FROM offer WHERE id = 'off-sucht'"))
        connection.execute(text(
            "INSERT INTO offer (pk, id, organization_id, title, status, pregnancy, free) "
            "VALUES (:pk, 'off-neu', 'org-1', 'Zwillingstreff', 'active', 0, 1)"), {"pk": pk})
        # the new id first, and once even without the removed id
        # every id in its own chunk
        assert refresh_offers(connection, ["off-neu"], ids_per_chunk=1) == 1
        assert refresh_offers(connection, ["off-neu", "off-sucht"], ids_per_chunk=1) == 1
    assert _ids(service, "Zwillingstreff") == ["off-neu"]
    assert _ids(service, "Suchtberatung") == []


def test_a_filter_value_new_to_the_index_gets_its_facet_token(fresh_db: Database) -> None:
    """Facet tokens come from a stored map: a refresh adds the tokens of new values."""
    service = SearchService(fresh_db)
    assert _ids(service, "", language="ti") == []  # no offer in Tigrinya yet
    with fresh_db.engine.begin() as connection:
        connection.execute(text("INSERT INTO offer_language (offer_id, language) "
                                "VALUES ('off-krabbel', 'ti')"))
        refresh_offers(connection, ["off-krabbel"])
    assert _ids(service, "", language="ti") == ["off-krabbel"]
    assert _ids(service, "Krabbelgruppe", language="ti") == ["off-krabbel"]
    assert "off-krabbel" in _ids(service, "", language="de")  # its other tokens unchanged


def _facet_map(database: Database) -> dict[tuple[str, str], str]:
    with database.engine.connect() as connection:
        return {(kind, value): token for kind, value, token in connection.execute(
            text(f"SELECT kind, value, token FROM {index.FACET_TABLE}"))}


def test_refresh_reuses_the_stored_facet_tokens(fresh_db: Database) -> None:
    """A refresh loads the stored map: known values keep their tokens (the offers not
    refreshed still carry them), only values new to the index get new ones, stored in the
    same transaction."""
    service = SearchService(fresh_db)
    before = _facet_map(fresh_db)
    assert ("town", "Coesfeld") in before and ("lang", "de") in before
    with fresh_db.engine.connect() as connection:
        all_ids = [row[0] for row in connection.execute(text("SELECT id FROM offer"))]
    with fresh_db.engine.begin() as connection:
        connection.execute(text("INSERT INTO offer_language (offer_id, language) "
                                "VALUES ('off-krabbel', 'ti')"))
        refresh_offers(connection, ["off-krabbel"])
    # an offer indexed again and one left as it was still meet under one filter
    assert {"off-krabbel", "off-sprachfoerderung"} <= set(_ids(service, "", language="de"))
    assert _ids(service, "", language="ti") == ["off-krabbel"]
    with fresh_db.engine.begin() as connection:
        refresh_offers(connection, all_ids)  # everything again: no new tokens
    after = _facet_map(fresh_db)
    assert {key: after[key] for key in before} == before
    assert set(after) - set(before) == {("lang", "ti")}
    assert after[("lang", "ti")] not in before.values()
    assert len(set(after.values())) == len(after)


def test_a_rebuild_starts_the_facet_map_afresh(fresh_db: Database) -> None:
    with fresh_db.engine.begin() as connection:
        connection.execute(text("INSERT INTO offer_language (offer_id, language) "
                                "VALUES ('off-krabbel', 'ti')"))
        refresh_offers(connection, ["off-krabbel"])
        connection.execute(text("DELETE FROM offer_language WHERE language = 'ti'"))
        index.rebuild_index(connection)
    assert ("lang", "ti") not in _facet_map(fresh_db)


def test_a_filter_value_no_offer_has_finds_nothing(fresh_db: Database) -> None:
    """A value without a stored token (no offer has it) matches nothing, without an error."""
    service = SearchService(fresh_db)
    for filters in ({"language": "xx"}, {"topic": "no-such-topic"}, {"weekday": "XX"},
                    {"target_group": "nobody"}, {"town": "Coesfeld", "stage": "none"}):
        for query in ("", "Krabbelgruppe", "spr"):
            result = service.search(SearchRequest(query, SearchFilters(**filters)))  # type: ignore[arg-type]
            assert (result.total, list(result.offer_ids)) == (0, []), (filters, query)
        with fresh_db.connection() as connection:
            assert service.count(connection, "", SearchFilters(**filters)) == 0  # type: ignore[arg-type]
    assert _ids(service, "", language="de")  # the known value still finds offers


def test_title_table_follows_refreshes_exactly(fresh_db: Database) -> None:
    """The title tier's table keeps no text of its own (its content is offer_fts): after
    changed, removed and new offers, FTS5's own integrity check finds every word of it
    where the content says, and an old title word is gone from it."""
    title_table = index.TITLE_FTS_TABLE
    with fresh_db.engine.begin() as connection:
        connection.execute(text("UPDATE offer SET title = 'Zwergentreff' WHERE id = 'off-krabbel'"))
        connection.execute(text("DELETE FROM offer WHERE id = 'off-schulden'"))
        connection.execute(text("UPDATE offer SET status = 'active' WHERE id = 'off-inaktiv'"))
        refresh_offers(connection, ["off-krabbel", "off-schulden", "off-inaktiv"])
    with fresh_db.engine.begin() as connection:
        for table in (index.FTS_TABLE, title_table):
            connection.exec_driver_sql(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')")
        assert connection.exec_driver_sql(
            f"SELECT count(*) FROM {title_table} WHERE {title_table} MATCH 'krabbelgruppe'"
        ).scalar_one() == 0
        assert connection.exec_driver_sql(
            f"SELECT count(*) FROM {title_table} WHERE {title_table} MATCH 'zwergentreff'"
        ).scalar_one() == 1
        names = {row[0] for row in connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE name LIKE 'offer_title_fts%'")}
    assert f"{title_table}_content" not in names
