"""Search offers: words, filters, ranking and suggestions over the search index.

Why one SQL statement per search: bm25, the filters and the ranking adjustments all run
inside SQLite over the index tables (no Python work per matching offer), and the window
``count(*) OVER ()`` gives the total in the same pass. Python only builds the query and
touches the at most ``limit`` rows it returns.

Ranking of a text search, higher first: ``-bm25`` (column weights in
:data:`~coesfeld_desktop.search.index.COLUMNS`: title ≫ summary ≫ description) times a
fit factor (with neighbouring towns: 1.0 in the chosen town, 0.8 in a neighbour) times a
nearness factor (1.0 at the chosen town's centre down to 0.9 from 40 km on). Without text,
matching offers are listed by title.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from dataclasses import dataclass, field

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

from coesfeld_desktop.domain.towns import distance_km, town_by_name, with_neighbours
from coesfeld_desktop.search.fts_query import ParsedQuery, build_query
from coesfeld_desktop.search.index import (
    BM25_WEIGHTS,
    FACTS_TABLE,
    FTS_TABLE,
    WEEKDAY_BITS,
    index_generation,
    town_mask,
)
from coesfeld_desktop.search.query import SearchFilters, SearchHit, SearchRequest, SearchResult
from coesfeld_desktop.search.suggestions import SUGGEST_BELOW, suggest
from coesfeld_desktop.search.synonyms import Synonyms, default_synonyms
from coesfeld_desktop.search.terms import TermVocabulary
from coesfeld_desktop.store.database import Database

log = logging.getLogger(__name__)

NEIGHBOUR_FIT = 0.8
NEAR_PENALTY = 0.1  # the most nearness can take off the score
NEAR_RANGE_KM = 40.0
_KM_PER_DEGREE_LAT = 111.2
_KM_PER_DEGREE_LON = 68.7  # at 52° north


@dataclass
class SqlFilter:
    """A WHERE clause over ``offer_facts f`` and its parameters."""

    clauses: list[str] = field(default_factory=list)
    params: list[object] = field(default_factory=list)

    def add(self, clause: str, *params: object) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    @property
    def where(self) -> str:
        return " AND ".join(self.clauses) if self.clauses else "1"


def _bars(value: str) -> str:
    return f"|{value}|"


def filter_sql(filters: SearchFilters) -> SqlFilter:
    """The filters as SQL over the facts table (alias ``f``)."""
    sql = SqlFilter()
    if filters.town:
        towns = with_neighbours(filters.town) if filters.include_neighbours else ()
        town = town_by_name(filters.town)
        if town is None:  # not one of the eleven: compare the stored name
            sql.add("instr(f.towns, ?) > 0", _bars(filters.town.strip()))
        else:
            sql.add("(f.town_mask & ?) != 0", town_mask(towns or (town.name,)))
    if filters.age is not None:
        sql.add("(f.min_age IS NULL OR f.min_age <= ?) AND (f.max_age IS NULL OR f.max_age >= ?)",
                filters.age, filters.age)
    if filters.pregnancy:
        sql.add("f.pregnancy = 1")
    for column, value in (("target_groups", filters.target_group),
                          ("life_phases", filters.life_phase),
                          ("topics", filters.topic),
                          ("languages", filters.language)):
        if value:
            sql.add(f"instr(f.{column}, ?) > 0", _bars(value))
    if filters.free_only:
        sql.add("f.free = 1")
    if filters.barrier_free_only:
        sql.add("f.barrier_free = 1")
    if filters.weekday:
        sql.add("(f.weekdays & ?) != 0", WEEKDAY_BITS.get(filters.weekday.strip().upper(), 0))
    return sql


def _ranking_sql(filters: SearchFilters) -> tuple[str, list[object]]:
    """Factor (SQL expression and parameters) for town fit and nearness."""
    town = town_by_name(filters.town) if filters.town else None
    if town is None:
        return "1.0", []
    factors: list[str] = []
    params: list[object] = []
    if filters.include_neighbours:
        factors.append(f"(CASE WHEN (f.town_mask & ?) != 0 THEN 1.0 ELSE {NEIGHBOUR_FIT} END)")
        params.append(town_mask((town.name,)))
    squared = (f"((f.lat - ?) * {_KM_PER_DEGREE_LAT}) * ((f.lat - ?) * {_KM_PER_DEGREE_LAT})"
               f" + ((f.lon - ?) * {_KM_PER_DEGREE_LON}) * ((f.lon - ?) * {_KM_PER_DEGREE_LON})")
    limit = NEAR_RANGE_KM * NEAR_RANGE_KM
    factors.append(f"(1.0 - {NEAR_PENALTY} * coalesce(min({squared}, {limit}), {limit}) / {limit})")
    params.extend((town.latitude, town.latitude, town.longitude, town.longitude))
    return " * ".join(factors), params


class SearchService:
    """Searches one database. Safe to call from a worker thread: one connection per call."""

    def __init__(self, database: Database, synonyms: Synonyms | None = None) -> None:
        self.database = database
        self.synonyms = synonyms if synonyms is not None else default_synonyms()
        self._lock = threading.Lock()
        self._vocabulary: TermVocabulary | None = None
        self._generation = -1

    # -- public --------------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResult:
        """Offers matching ``request``; whatever the text, this returns (empty if need be)."""
        limit = max(0, int(request.limit))
        with self.database.engine.connect() as connection:
            generation = index_generation(connection)
            if generation == 0:
                return SearchResult((), 0)  # no index yet: nothing imported
            vocabulary = self._vocabulary_for(connection, generation)
            parsed = build_query(request.text, vocabulary, self.synonyms)
            try:
                hits, total = self._run(connection, parsed, request.filters, limit)
            except (sqlite3.Error, DBAPIError):
                # should not happen (the query is built from quoted words), but a search box
                # must never crash the window: log it and show nothing
                log.exception("search failed for %r", parsed.expression)
                return SearchResult((), 0)
            suggestions = ()
            if total < SUGGEST_BELOW and (parsed.words or request.filters.active()):
                suggestions = suggest(self, connection, parsed, request.filters, total,
                                      vocabulary, request.text)
        return SearchResult(tuple(hits), total, suggestions)

    def count(self, connection: Connection, expression: str, filters: SearchFilters) -> int:
        """How many offers match an FTS ``expression`` ("" = all) under ``filters``."""
        sql = filter_sql(filters)
        if not expression:
            row = connection.exec_driver_sql(
                f"SELECT count(*) FROM {FACTS_TABLE} f WHERE {sql.where}", tuple(sql.params))
        else:
            row = connection.exec_driver_sql(
                f"SELECT count(*) FROM {FTS_TABLE} JOIN {FACTS_TABLE} f ON f.pk = {FTS_TABLE}.rowid"
                f" WHERE {FTS_TABLE} MATCH ? AND {sql.where}", (expression, *sql.params))
        return int(row.scalar_one())

    def parse(self, text: str) -> ParsedQuery:
        """The MATCH expression the service would use for ``text`` (benchmarks, debugging)."""
        with self.database.engine.connect() as connection:
            vocabulary = self._vocabulary_for(connection, index_generation(connection))
        return build_query(text, vocabulary, self.synonyms)

    # -- internals -----------------------------------------------------------------------

    def _vocabulary_for(self, connection: Connection, generation: int) -> TermVocabulary | None:
        if generation == 0:
            return None
        with self._lock:
            if self._vocabulary is None or self._generation != generation:
                self._vocabulary = TermVocabulary.load(connection)
                self._generation = generation
            return self._vocabulary

    def _run(self, connection: Connection, parsed: ParsedQuery, filters: SearchFilters,
             limit: int) -> tuple[list[SearchHit], int]:
        sql = filter_sql(filters)
        if not parsed.expression:
            total = self.count(connection, "", filters)
            rows = connection.exec_driver_sql(
                f"SELECT f.offer_id, 0.0, f.lat, f.lon FROM {FACTS_TABLE} f WHERE {sql.where}"
                " ORDER BY f.title_key, f.offer_id LIMIT ?", (*sql.params, limit)).all()
        else:
            factor, factor_params = _ranking_sql(filters)
            rows = connection.exec_driver_sql(
                f"""WITH m AS MATERIALIZED (
                        SELECT rowid AS pk, bm25({FTS_TABLE}, {BM25_WEIGHTS}) AS r
                        FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?)
                    SELECT f.offer_id, -m.r * {factor} AS score, f.lat, f.lon,
                           count(*) OVER () AS total
                    FROM m JOIN {FACTS_TABLE} f ON f.pk = m.pk
                    WHERE {sql.where}
                    ORDER BY score DESC, f.title_key LIMIT ?""",
                (parsed.expression, *factor_params, *sql.params, limit)).all()
            total = int(rows[0][4]) if rows else (
                self.count(connection, parsed.expression, filters) if limit == 0 else 0)
        return [self._hit(row, filters) for row in rows], total

    @staticmethod
    def _hit(row: tuple[object, ...], filters: SearchFilters) -> SearchHit:
        offer_id, score, lat, lon = row[0], row[1], row[2], row[3]
        town = town_by_name(filters.town) if filters.town else None
        distance = None
        if town is not None and isinstance(lat, float) and isinstance(lon, float):
            distance = round(distance_km(town.latitude, town.longitude, lat, lon), 1)
        return SearchHit(str(offer_id), float(score or 0.0), distance)
