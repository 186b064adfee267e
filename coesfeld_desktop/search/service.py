"""Search offers: words, filters, ranking and suggestions over the search index.

How a search runs (all inside SQLite, no Python work per matching offer):

1. The typed text becomes a safe FTS5 expression (:mod:`.fts_query`); most filters become
   facet terms AND-ed to it (:func:`plan_filters`), the rest SQL over ``offer_facts``.
2. ``total`` is one ``count(*)`` of that expression that stops after
   :attr:`SearchTuning.count_cap`
   matches (then ``total_is_estimate``: "more than 10,000"); FTS5 stops reading there.
   With filters the same pass keeps the first keys for the second tier of step 3.
3. Up to :attr:`SearchTuning.rank_all` matches are ranked by ``-bm25`` (column weights in
   :data:`~coesfeld_desktop.search.index.COLUMNS`: title ≫ summary ≫ description) times a
   fit factor (with neighbouring towns: 1.0 in the chosen town, 0.8 in a neighbour) times a
   nearness factor (1.0 at the chosen town's centre down to 0.9 from 40 km on).
   More matches (a short prefix while typing) skip bm25, which costs about 10 µs per offer:
   offers matching in a title or topic come first (found in the small ``offer_title_fts``),
   each tier ordered by fit, nearness, title.
4. Without words, matching offers are listed by title.

Why: the window searches as the user types; with 100,000 offers a search must stay within
a few tens of milliseconds however broad the words are.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from coesfeld_desktop.domain.dimensions import DIMENSIONS
from coesfeld_desktop.domain.opening import local_today
from coesfeld_desktop.domain.towns import town_by_name
from coesfeld_desktop.search.crisis import crisis_help
from coesfeld_desktop.search.dictionary import warm_up as warm_up_dictionary
from coesfeld_desktop.search.folding import MIN_PART
from coesfeld_desktop.search.fts_query import (
    TYPO_PREFIX_LENGTHS,
    ParsedQuery,
    build_query,
    cover_keys,
    for_title_table,
    query_words,
    quote,
)
from coesfeld_desktop.search.hits import Hits
from coesfeld_desktop.search.index import (
    BM25_WEIGHTS,
    COLUMN_NAMES,
    FACTS_TABLE,
    FTS_TABLE,
    TITLE_FTS_TABLE,
    TITLE_INDEX,
    FacetTokens,
    index_generation,
    town_mask,
)
from coesfeld_desktop.search.query import (
    SearchFilters,
    SearchRequest,
    SearchResult,
    Suggestion,
)
from coesfeld_desktop.search.suggestions import SUGGEST_BELOW, suggest, surface_form
from coesfeld_desktop.search.synonyms import Synonyms, default_synonyms
from coesfeld_desktop.search.terms import TermVocabulary
from coesfeld_desktop.store.database import Database

log = logging.getLogger(__name__)

SEARCH_CACHE_KIB = -32768  # page cache of a searching connection: 32 MB
BROAD_FACTOR = 2  # a broader search looks at up to this many times ``limit`` offers per tier
NEIGHBOUR_FIT = 0.8
# an offer kept under a child's age because it is for the parents (domain.audience): after
# the child's own offers of its tier, as a neighbouring town's offers come after the town's
PARENTS_FIT = 0.8
# Ranking tiers, best first: where the typed words (or their word forms) match an offer;
# offers found only through a synonym, or only through a spelling variant, come last.
# Within a tier, bm25 times town fit and nearness orders (each tier TIER_STEP wide).
# A typed word in the title before one in the topic's name, before a synonym in the title,
# before the typed word in the summary ...; a spelling variant's match last.
WORD_TIERS = {"title": 16, "topic": 14, "summary": 10, "other": 6}
SYNONYM_TIERS = {"title": 12, "topic": 9, "summary": 8, "other": 4}
SPELLING_TIER = 0
MAX_SHOWN_VARIANTS = 3  # spelling variants named in the result (the rows' mark)
TIER_STEP = 1_000_000.0
WHOLE_WORD_BONUS = TIER_STEP / 2  # "ebe" (midwife) before "ebeveyn" (parent)
STARTS_BONUS = 1000.0  # short input: a title beginning with the letters first in its tier
SHORT_INPUT = 3  # ... up to this many letters
STARTING_INPUT = 2  # ... and up to this many read those titles from the title index first
TITLE_TIER = ("title", "title_parts", "title_translations", "title_stems")
TOPIC_TIER = ("topics",)
SUMMARY_TIER = ("summary", "translations", "stems")
NEAR_PENALTY = 0.1  # the most nearness can take off the score
NEAR_RANGE_KM = 40.0
_KM_PER_DEGREE_LAT = 111.2
_KM_PER_DEGREE_LON = 68.7  # at 52° north


@dataclass
class FilterPlan:
    """The filters split into FTS facet terms (fast) and SQL over ``offer_facts f`` (rest)."""

    tokens: FacetTokens
    facets: list[str] = field(default_factory=list)  # FTS expressions, AND-ed
    clauses: list[str] = field(default_factory=list)
    params: list[object] = field(default_factory=list)

    def add_sql(self, clause: str, *params: object) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def add_facet(self, kind: str, *values: object) -> None:
        """Any of ``values`` of facet ``kind`` (none: no offer passes)."""
        if not values:
            values = ("",)  # no value: a token no offer has
        terms = list(dict.fromkeys(quote(self.tokens.get(kind, value)) for value in values))
        self.facets.append(terms[0] if len(terms) == 1 else "(" + " OR ".join(terms) + ")")

    @property
    def where(self) -> str:
        return " AND ".join(self.clauses) if self.clauses else "1"

    @property
    def facet_expression(self) -> str:
        return "{facets} : (" + " AND ".join(self.facets) + ")" if self.facets else ""

    def match(self, words: str) -> str:
        """``words`` (an FTS expression or "") AND the facet terms; "" if neither."""
        if words and self.facets:
            return f"({words}) AND {self.facet_expression}"
        return words or self.facet_expression


def plan_filters(filters: SearchFilters, tokens: FacetTokens,
                 today: dt.date | None = None, ended_before: bool = False) -> FilterPlan:
    """Each set filter (a dimension of :data:`~coesfeld_desktop.domain.dimensions.DIMENSIONS`)
    as FTS facet terms (``tokens``: those of the index), or as SQL where facets cannot
    express its value (a town not in the district, an age above the facets).

    ``today``: the desk's date, for filters over dates. ``ended_before``: some indexed
    course has ended before ``today``: such offers leave every result (only then is the
    condition added, so that the usual search keeps its facet-only plan)."""
    plan = FilterPlan(tokens)
    day = today or dt.date.today()
    if ended_before:
        plan.add_sql("(f.ends_on IS NULL OR f.ends_on >= ?)", day.toordinal())
    for dimension in DIMENSIONS:
        value = getattr(filters, dimension.name)
        if value is None or value is False or value == "":
            continue
        facet = dimension.facet
        if facet.dated_sql is not None:
            clause, params = facet.dated_sql(value, day)
            plan.add_sql(clause, *params)
            continue
        wanted = facet.wanted(value, filters)
        if wanted is None and facet.sql is not None:
            clause, params = facet.sql(value)
            plan.add_sql(clause, *params)
        else:
            plan.add_facet(facet.kind, *(wanted or ()))
    return plan


def _place_scores() -> str:
    """``t``, ``c``, ``s``: below 0 where the MATCH hits the title, topic, summary."""
    return (f"bm25({FTS_TABLE}, {_weights(TITLE_TIER)}) AS t, "
            f"bm25({FTS_TABLE}, {_weights(TOPIC_TIER)}) AS c, "
            f"bm25({FTS_TABLE}, {_weights(SUMMARY_TIER)}) AS s")


def _location_sql(kind: str, tiers: dict[str, int]) -> str:
    """The tier of the place where ``kind``'s expression matched (the grouped scores
    ``g.<kind>_t``, ``_c``, ``_s`` of :meth:`SearchService._ranked`)."""
    return (f"(CASE WHEN g.{kind}_t < 0 THEN {tiers['title']} WHEN g.{kind}_c < 0 THEN "
            f"{tiers['topic']} WHEN g.{kind}_s < 0 THEN {tiers['summary']} "
            f"ELSE {tiers['other']} END)")


def _weights(columns: Sequence[str]) -> str:
    """bm25 weights that count only ``columns``: the score is below 0 iff they match."""
    return ", ".join("1" if name in columns else "0" for name in COLUMN_NAMES)


def _starts_sql(parsed: ParsedQuery) -> tuple[str, list[object]]:
    """Short input (one word of up to :data:`SHORT_INPUT` letters): a bonus for titles
    that begin with it ("ki" → "Kita Himmelszelt" before "Mädchentreff")."""
    if len(parsed.words) != 1 or len(parsed.words[0]) > SHORT_INPUT:
        return "0", []
    word = parsed.words[0]
    return f"(CASE WHEN substr(f.title_key, 1, ?) = ? THEN {STARTS_BONUS} ELSE 0 END)", [
        len(word), word]


def _ranking_sql(filters: SearchFilters) -> tuple[str, list[object]]:
    """Factor (SQL expression and parameters) for age fit, town fit and nearness."""
    factors: list[str] = []
    params: list[object] = []
    if filters.age is not None and not filters.children_only:
        factors.append("(CASE WHEN (f.min_age IS NULL OR f.min_age <= ?) AND "
                       f"(f.max_age IS NULL OR f.max_age >= ?) THEN 1.0 ELSE {PARENTS_FIT} END)")
        params.extend((filters.age, filters.age))
    town = town_by_name(filters.town) if filters.town else None
    if town is None:
        return " * ".join(factors) or "1.0", params
    if filters.include_neighbours:
        factors.append(f"(CASE WHEN (f.town_mask & ?) != 0 THEN 1.0 ELSE {NEIGHBOUR_FIT} END)")
        params.append(town_mask((town.name,)))
    squared = (f"((f.lat - ?) * {_KM_PER_DEGREE_LAT}) * ((f.lat - ?) * {_KM_PER_DEGREE_LAT})"
               f" + ((f.lon - ?) * {_KM_PER_DEGREE_LON}) * ((f.lon - ?) * {_KM_PER_DEGREE_LON})")
    limit = NEAR_RANGE_KM * NEAR_RANGE_KM
    factors.append(f"(1.0 - {NEAR_PENALTY} * coalesce(min({squared}, {limit}), {limit}) / {limit})")
    params.extend((town.latitude, town.latitude, town.longitude, town.longitude))
    return " * ".join(factors), params


@dataclass(frozen=True)
class SearchTuning:
    """Where the search changes its strategy. Tests and benchmarks pass their own."""

    rank_all: int = 1000  # up to this many matches are all ranked by bm25 (≈10 µs each)
    count_cap: int = 10_000  # a search stops counting here: "more than 10,000"
    # browsing: walk the title index (stopping at ``limit``) instead of sorting every match
    # when total² ≥ browse_scan × limit × offers; sorting costs ~7× more per offer than a step
    browse_scan: float = 0.15


class SearchService:
    """Searches one database. Safe to call from a worker thread: one connection per call."""

    def __init__(self, database: Database, synonyms: Synonyms | None = None,
                 tuning: SearchTuning = SearchTuning(),
                 today: Callable[[], dt.date] = local_today) -> None:
        self.database = database
        self.synonyms = synonyms if synonyms is not None else default_synonyms()
        self.tuning = tuning
        self.today = today  # the desk's date: courses after their last date drop out
        self._lock = threading.Lock()
        self._vocabulary: TermVocabulary | None = None
        self._vocabulary_generation = -1
        self._facet_tokens = FacetTokens()
        self._generation = -1  # of the facet tokens
        self._indexed: tuple[int, int] | None = None  # (generation, offers in the index)
        self._ends: tuple[int, int | None] | None = None  # (generation, first ends_on)

    # -- public --------------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResult:
        """Offers matching ``request``; whatever the text, this returns (empty if need be)."""
        limit = request.limit  # range-checked by SearchRequest (0 .. MAX_LIMIT)
        with self.database.connection() as connection:
            # prefix searches merge many index pages; the default 2 MB cache re-reads them
            connection.execute(f"PRAGMA cache_size = {SEARCH_CACHE_KIB}")
            generation = index_generation(connection)
            if generation == 0:
                return SearchResult((), 0)  # no index yet: nothing imported
            # a search without words (the first list at start) needs no word list: read
            # at 100,000 offers it costs about as much as the rest of the first search
            vocabulary = (self._vocabulary_for(connection, generation)
                          if query_words(request.text) else None)
            parsed = build_query(request.text, vocabulary, self.synonyms)
            plan = self._plan(connection, generation, request.filters)
            try:
                hits, total, estimate = self._run(connection, parsed, request.filters, plan,
                                                  limit)
            except sqlite3.Error:
                # should not happen (the query is built from quoted words), but a search box
                # must never crash the window: log it and show nothing
                # the search text is not logged: it may name a client
                log.exception("search failed (%d words)", len(parsed.words))
                return SearchResult((), 0)
            suggestions: tuple[Suggestion, ...] = ()
            if total < SUGGEST_BELOW and (parsed.words or request.filters.active()):
                suggestions = suggest(self.count, self.synonyms, connection, parsed,
                                      request.filters, total, vocabulary, request.text)
            # as the offers write them ("Schuldnerberatung", not the folded form)
            variants = tuple(surface_form(connection, variant)
                             for variant in parsed.variants[:MAX_SHOWN_VARIANTS]) if (
                "spelling" in hits.marked().values()) else ()
        return SearchResult(hits, total, suggestions, estimate, variants,
                            crisis_help(request.text) if parsed.words else None)

    def prepare(self) -> None:
        """Read now what searches keep in memory: the index's word list and facet tokens
        (again after a sync changed the index) with what is built from them, the forms of
        the synonym lists and the German dictionary.

        Why: the first search would read them itself, and the counsellor would wait for
        it; called off the GUI thread after the first result list and after every sync,
        so the first keystroke after them is answered as fast as any other.
        """
        vocabulary = None
        with self.database.connection() as connection:
            generation = index_generation(connection)
            if generation:
                with self._lock:
                    self._load_tokens(connection, generation)
                    self._load_vocabulary(connection, generation)
                    vocabulary = self._vocabulary
                self._first_end(connection, generation)
                if vocabulary is not None:
                    vocabulary.warm_up(cover_keys(), TYPO_PREFIX_LENGTHS)
        self.synonyms.warm_up()
        warm_up_dictionary()
        if vocabulary is not None and (word := vocabulary.most_common(MIN_PART)):
            # one real search: SQLite prepares the statements and reads the index's upper
            # pages again (a sync made every connection drop its cache), 20-50 ms at
            # 100,000 offers that the first keystroke would otherwise wait for
            self.search(SearchRequest(text=word))

    def count(self, connection: sqlite3.Connection, expression: str, filters: SearchFilters,
              cap: int | None = None) -> int:
        """How many offers match an FTS ``expression`` ("" = all) under ``filters``; with a
        ``cap``, counting stops after ``cap + 1`` (FTS5 then reads no further)."""
        plan = self._plan(connection, index_generation(connection), filters)
        return self._count(connection, expression, plan, cap)

    def parse(self, text: str) -> ParsedQuery:
        """The MATCH expression the service would use for ``text`` (benchmarks, debugging)."""
        with self.database.connection() as connection:
            vocabulary = self._vocabulary_for(connection, index_generation(connection))
        return build_query(text, vocabulary, self.synonyms)

    # -- internals -----------------------------------------------------------------------

    def _plan(self, connection: sqlite3.Connection, generation: int,
              filters: SearchFilters) -> FilterPlan:
        today = self.today()
        first_end = self._first_end(connection, generation)
        return plan_filters(filters, self._tokens_for(connection, generation), today,
                            ended_before=first_end is not None
                            and first_end < today.toordinal())

    def _first_end(self, connection: sqlite3.Connection, generation: int) -> int | None:
        """The earliest last day of an indexed course (cached per index generation)."""
        if generation == 0:
            return None
        with self._lock:
            if self._ends is not None and self._ends[0] == generation:
                return self._ends[1]
        found = connection.execute(
            f"SELECT min(ends_on) FROM {FACTS_TABLE}").fetchone()[0]
        with self._lock:
            self._ends = (generation, None if found is None else int(found))
        return self._ends[1]

    def _vocabulary_for(self, connection: sqlite3.Connection, generation: int
                        ) -> TermVocabulary | None:
        if generation == 0:
            return None
        with self._lock:
            self._load_vocabulary(connection, generation)
            return self._vocabulary

    def _tokens_for(self, connection: sqlite3.Connection, generation: int) -> FacetTokens:
        """The facet tokens of the index (none before there is an index)."""
        if generation == 0:
            return FacetTokens()
        with self._lock:
            self._load_tokens(connection, generation)
            return self._facet_tokens

    def _load_vocabulary(self, connection: sqlite3.Connection, generation: int) -> None:
        """Read the index's word list, once per index generation (under the lock)."""
        if self._vocabulary is None or self._vocabulary_generation != generation:
            self._vocabulary = TermVocabulary.load(connection)
            self._vocabulary_generation = generation

    def _load_tokens(self, connection: sqlite3.Connection, generation: int) -> None:
        """Read the facet tokens, once per index generation (under the lock)."""
        if self._generation != generation:
            self._facet_tokens = FacetTokens.load(connection)
            self._generation = generation

    @staticmethod
    def _count(connection: sqlite3.Connection, expression: str, plan: FilterPlan,
               cap: int | None = None) -> int:
        match = plan.match(expression)
        if plan.clauses or not match:
            sql = f"SELECT 1 FROM {FACTS_TABLE} f WHERE {plan.where}"
            params: tuple[object, ...] = tuple(plan.params)
            if match:
                sql += f" AND f.pk IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?)"
                params = (*params, match)
        else:
            sql = f"SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?"
            params = (match,)
        if cap is None:
            sql = f"SELECT count(*) FROM ({sql})"
        else:
            sql = f"SELECT count(*) FROM ({sql} LIMIT ?)"
            params = (*params, cap + 1)
        return int(connection.execute(sql, params).fetchone()[0])

    def _run(self, connection: sqlite3.Connection, parsed: ParsedQuery, filters: SearchFilters,
             plan: FilterPlan, limit: int) -> tuple[Hits, int, bool]:
        """Hits, total and whether there are more than the total (the count cap)."""
        count_cap = self.tuning.count_cap
        keys: str | None = None
        if parsed.expression and plan.facets and not plan.clauses:
            # filtered: the matches lie sparse in the words' doclists, so the second tier's
            # LIMIT would walk most of them again; keep the first keys the count reads
            total, first = connection.execute(
                f"""WITH m AS MATERIALIZED (
                        SELECT rowid AS pk FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? LIMIT ?)
                    SELECT (SELECT count(*) FROM m),
                           (SELECT group_concat(pk) FROM (SELECT pk FROM m LIMIT ?))""",
                (plan.match(parsed.expression), count_cap + 1,
                 (BROAD_FACTOR + 1) * max(limit, 1))).fetchone()
            keys = str(first) if first else ""
        else:
            total = self._count(connection, parsed.expression, plan, cap=count_cap)
        estimate = total > count_cap
        if estimate:
            total = count_cap
        if total == 0 or limit == 0:
            rows: list[Any] = []
        elif not parsed.expression:
            rows = self._browse(connection, plan, limit, total)
        elif total <= self.tuning.rank_all:
            rows = self._ranked(connection, parsed, filters, plan, limit)
        else:
            rows = self._broad(connection, parsed, filters, plan, limit, keys)
        return self._hits(rows, filters), total, estimate

    def _browse(self, connection: sqlite3.Connection, plan: FilterPlan, limit: int,
                total: int) -> list[Any]:
        """No words: every matching offer (``total`` of them), by title."""
        walk = ""
        if plan.facets and total * total >= self.tuning.browse_scan * limit * self._offers(
                connection):
            # many matches (e.g. only "free of charge"): the first ``limit`` in title order
            # come soon; sorting all of them would take longer
            walk = f" INDEXED BY {TITLE_INDEX}"
        sql = (f"SELECT f.offer_id, 0.0, f.lat, f.lon FROM {FACTS_TABLE} f{walk} "
               f"WHERE {plan.where}")
        params: list[object] = list(plan.params)
        if plan.facets:
            sql += f" AND f.pk IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?)"
            params.append(plan.match(""))
        sql += " ORDER BY f.title_key, f.offer_id LIMIT ?"
        return list(connection.execute(sql, (*params, limit)).fetchall())

    def _offers(self, connection: sqlite3.Connection) -> int:
        """How many offers the index holds (cached per index generation)."""
        generation = self._generation
        with self._lock:
            if self._indexed is not None and self._indexed[0] == generation:
                return self._indexed[1]
        count = int(connection.execute(
            f"SELECT count(*) FROM {FACTS_TABLE}").fetchone()[0])
        with self._lock:
            self._indexed = (generation, count)
        return count

    def _ranked(self, connection: sqlite3.Connection, parsed: ParsedQuery, filters: SearchFilters,
                plan: FilterPlan, limit: int) -> list[Any]:
        """Few matches: in tiers (:data:`WORD_TIERS`, :data:`SYNONYM_TIERS`), each ordered
        by bm25 times town fit and nearness. An offer's tier: where the typed words (or
        their forms) or their synonyms match it - title, topic, summary, elsewhere - a
        synonym below the typed word in the same place; a match only through a spelling
        variant last. Typed words found whole (several: as typed, in a row) rank above
        words they only begin.

        Each expression's matches are rows of one ``UNION ALL``, grouped by offer: joining
        them as separate tables made SQLite scan one of them once per match (it takes a
        materialized FTS result for a single row), 30-130 ms at 800 matches."""
        factor, factor_params = _ranking_sql(filters)
        start, start_params = _starts_sql(parsed)
        own = parsed.own_expression or parsed.expression
        synonyms = parsed.synonym_expression or own
        # the narrower expressions AND the facet filters too: unfiltered, a short word's
        # own matches would be thousands where the filtered search ranks a few hundred
        rank = f"bm25({FTS_TABLE}, {BM25_WEIGHTS})"
        matches = f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?"
        if own == parsed.expression:  # no synonym, no variant: one pass gives it all
            parts = [f"SELECT rowid AS pk, {rank} AS r, {_place_scores()}, 'mw' AS k {matches}"]
            params: list[object] = [plan.match(parsed.expression)]
        else:
            parts = [f"SELECT rowid AS pk, {rank} AS r, NULL AS t, NULL AS c, NULL AS s, "
                     f"'m' AS k {matches}",
                     f"SELECT rowid, NULL, {_place_scores()}, 'w' {matches}"]
            params = [plan.match(parsed.expression), plan.match(own)]
        synonym_tier = "NULL"
        if synonyms != own:
            parts.append(f"SELECT rowid, NULL, {_place_scores()}, 'y' {matches}")
            params.append(plan.match(synonyms))
            synonym_tier = f"CASE WHEN g.y THEN {_location_sql('y', SYNONYM_TIERS)} END"
        whole = "0"
        if parsed.whole_expression and parsed.whole_expression != own:
            parts.append(f"SELECT rowid, NULL, NULL, NULL, NULL, 'e' {matches}")
            params.append(plan.match(parsed.whole_expression))
            whole = f"(CASE WHEN g.e THEN {WHOLE_WORD_BONUS} ELSE 0 END)"
        found = {"w": "k IN ('w', 'mw')", "y": "k = 'y'"}
        places = ", ".join(f"min(CASE WHEN {where} THEN {place} END) AS {kind}_{place}"
                           for kind, where in found.items() for place in "tcs")
        word_tier = f"CASE WHEN g.w THEN {_location_sql('w', WORD_TIERS)} END"
        tier = (f"max(coalesce({word_tier}, {SPELLING_TIER}), "
                f"coalesce({synonym_tier}, {SPELLING_TIER}))")
        match = (f"CASE WHEN g.w THEN 'word' WHEN ({synonym_tier}) IS NOT NULL "
                 "THEN 'synonym' ELSE 'spelling' END")
        return list(connection.execute(
            f"""WITH u AS MATERIALIZED ({" UNION ALL ".join(parts)}),
                g AS (
                    SELECT pk, max(r) AS r, max({found['w']}) AS w, max({found['y']}) AS y,
                           max(k = 'e') AS e, {places}
                    FROM u GROUP BY pk HAVING max(k IN ('m', 'mw')))
                SELECT f.offer_id,
                       ({tier}) * {TIER_STEP} + {whole} + {start} - g.r * {factor} AS score,
                       f.lat, f.lon, {match}
                FROM g JOIN {FACTS_TABLE} f ON f.pk = g.pk
                WHERE {plan.where}
                ORDER BY score DESC, f.title_key LIMIT ?""",
            (*params, *start_params, *factor_params, *plan.params, limit)).fetchall())

    def _broad(self, connection: sqlite3.Connection, parsed: ParsedQuery, filters: SearchFilters,
               plan: FilterPlan, limit: int, keys: str | None = None) -> list[Any]:
        """Many matches (a short prefix while typing): no bm25 over thousands of offers.

        Offers the typed words find come first, then those only a synonym finds, then
        those only a spelling variant finds; in each, offers whose title (in any language)
        or topic matches come first, then the rest; each tier ordered by town fit,
        nearness and title. FTS5 hands out matches in key
        order and stops at the ``LIMIT``, so each tier looks at no more than
        :data:`BROAD_FACTOR` × ``limit`` offers, however broad the words. The title tier
        reads ``offer_title_fts``: the same columns as in ``offer_fts``, a fifth of the data.
        ``keys``: the matches in key order, if the caller has read them already (integer
        keys, comma-separated, as ``group_concat`` gives them).
        """
        rows: list[Any] = []
        start = _starts_sql(parsed)
        if start[1] and len(parsed.words[0]) <= STARTING_INPUT:
            rows += [(*row, "word") for row in self._starting(
                connection, str(start[1][1]), plan, filters, BROAD_FACTOR * limit, limit)]
        # the typed words first, then what only a synonym finds, then only a spelling
        # variant: the stage says how a row matched (SearchHit.match)
        stages = [("word", parsed.own_expression or parsed.expression)]
        if parsed.synonym_expression and parsed.synonym_expression != stages[-1][1]:
            stages.append(("synonym", parsed.synonym_expression))
        if parsed.expression != stages[-1][1]:
            stages.append(("spelling", parsed.expression))
        for kind, expression in stages:
            for weight in (2.0, 1.0):
                if len(rows) >= limit:
                    return rows[:limit]
                # each tier leaves out (in SQL) what the ones before listed
                tier_keys = keys if weight == 1.0 and expression == parsed.expression else None
                rows += [(*row, kind) for row in self._tier(
                    connection, weight, expression, plan, filters,
                    BROAD_FACTOR * limit + len(rows), limit - len(rows), tier_keys,
                    [row[0] for row in rows], start)]
        return rows[:limit]

    @staticmethod
    def _starting(connection: sqlite3.Connection, prefix: str, plan: FilterPlan,
                  filters: SearchFilters, cap: int, limit: int) -> list[Any]:
        """Short input: offers whose title begins with it, read from the title index (at
        most ``cap`` of them in title order), best ``limit`` by fit, nearness and title."""
        factor, factor_params = _ranking_sql(filters)
        params: list[object] = [*factor_params, prefix, prefix + "\U0010ffff", *plan.params,
                                cap]
        facets = ""
        if plan.facets:
            # the first ``cap`` titles each looked up in the index, not the set of all
            # offers the facets allow (thousands, built anew every search)
            facets = (f" CROSS JOIN {FTS_TABLE} ON {FTS_TABLE}.rowid = f.pk "
                      f"WHERE {FTS_TABLE} MATCH ?")
            params.append(plan.match(""))
        return list(connection.execute(
            f"""SELECT f.offer_id, 3.0 * {factor} AS score, f.lat, f.lon FROM (
                    SELECT * FROM {FACTS_TABLE} f INDEXED BY {TITLE_INDEX}
                    WHERE f.title_key >= ? AND f.title_key < ? AND {plan.where}
                    ORDER BY f.title_key LIMIT ?) f{facets}
                ORDER BY score DESC, f.title_key LIMIT ?""",
            (*params, limit)).fetchall())

    @staticmethod
    def _tier(connection: sqlite3.Connection, weight: float, expression: str, plan: FilterPlan,
              filters: SearchFilters, cap: int, limit: int, keys: str | None = None,
              listed: Sequence[str] = (), start: tuple[str, list[object]] = ("0", [])
              ) -> list[Any]:
        """One tier of :meth:`_broad`: the first ``cap`` matches (weight 2: in the title
        table; or the first ``cap`` of ``keys``), best ``limit`` by fit, nearness and title,
        leaving out the offers ``listed`` already."""
        factor, factor_params = _ranking_sql(filters)
        unlisted, unlisted_params = "1", []
        if listed:
            unlisted = "f.offer_id NOT IN (SELECT value FROM json_each(?))"
            unlisted_params = [json.dumps(list(listed))]
        if keys is not None:
            # the keys as one JSON array parameter: the statement text stays the same, so
            # SQLite reuses it (1,500 keys written into the text cost ~3 ms to parse)
            return list(connection.execute(
                f"""SELECT f.offer_id, {weight} * {factor} + {start[0]} AS score, f.lat, f.lon
                    FROM json_each('[' || ? || ']') k CROSS JOIN {FACTS_TABLE} f
                    ON f.pk = k.value
                    WHERE k.key < ? AND {unlisted}
                    ORDER BY score DESC, f.title_key LIMIT ?""",
                (*factor_params, *start[1], keys, cap, *unlisted_params, limit)).fetchall())
        table, tier = ((TITLE_FTS_TABLE, for_title_table(expression)) if weight > 1.0
                       else (FTS_TABLE, expression))
        if plan.clauses:
            cap = -1  # SQL-side filters (rare: an age above the facets) would thin it out
        return list(connection.execute(
            f"""SELECT f.offer_id, {weight} * {factor} + {start[0]} AS score, f.lat, f.lon
                FROM {FACTS_TABLE} f
                WHERE f.pk IN (SELECT rowid FROM {table} WHERE {table} MATCH ? LIMIT ?)
                  AND {plan.where} AND {unlisted}
                ORDER BY score DESC, f.title_key LIMIT ?""",
            (*factor_params, *start[1], plan.match(tier), cap, *plan.params, *unlisted_params,
             limit)).fetchall())

    @staticmethod
    def _hits(rows: list[Any], filters: SearchFilters) -> Hits:
        """The hits of result rows (offer id, score, lat, lon[, match]), built when read,
        with the distance to the chosen town."""
        return Hits(rows, town_by_name(filters.town) if filters.town else None)
