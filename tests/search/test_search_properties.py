"""Whatever is typed into the search box, a search answers and never raises."""

from __future__ import annotations

import logging

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coesfeld_desktop.domain.stages import STAGES
from coesfeld_desktop.domain.towns import TOWN_NAMES
from coesfeld_desktop.domain.vocabulary import TARGET_GROUPS, WEEKDAYS
from coesfeld_desktop.search.fts_query import MAX_WORDS, build_query
from coesfeld_desktop.search.query import SearchFilters, SearchRequest, SearchResult
from coesfeld_desktop.search.service import SearchService
from coesfeld_desktop.search.synonyms import default_synonyms

FTS_SYNTAX = ['"', "'", "*", "-", "+", "^", ":", "(", ")", "{", "}", "[", "]", "NEAR",
              "NEAR(", "AND", "OR", "NOT", "and", "or", "not", ",", ";", "\\", "%", "_",
              "title:", "- {parts} :", "\x00", "\x1b", "\u200c", "\u0640", "\u0301", "🙂",
              "👩‍👧", "ß", "İ", "ı", "ё", "كِتاب", "Hebame", "kita", "spr", "Sprachförderung"]

texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(FTS_SYNTAX), max_size=20).map(" ".join),
    st.lists(st.sampled_from(FTS_SYNTAX), max_size=20).map("".join),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=2000, max_size=10_000),
    st.text(alphabet="ab *\"-()", min_size=5000, max_size=10_000),
)

filters = st.builds(
    SearchFilters,
    town=st.one_of(st.none(), st.sampled_from(TOWN_NAMES), st.text(max_size=10)),
    include_neighbours=st.booleans(),
    age=st.one_of(st.none(), st.integers(min_value=0, max_value=120)),  # others: refused
    pregnancy=st.booleans(),
    target_group=st.one_of(st.none(), st.sampled_from(sorted(TARGET_GROUPS)), st.text(max_size=8)),
    stage=st.one_of(st.none(), st.sampled_from(sorted(STAGES))),
    topic=st.one_of(st.none(), st.sampled_from(["language", "money", "nope", "|"])),
    language=st.one_of(st.none(), st.sampled_from(["de", "tr", "fa", "xx", ""])),
    free_only=st.booleans(),
    barrier_free_only=st.booleans(),
    weekday=st.one_of(st.none(), st.sampled_from(WEEKDAYS), st.text(max_size=3)),
)


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(text=texts, search_filters=filters, limit=st.integers(min_value=0, max_value=600))
def test_any_input_gives_a_result(service: SearchService, text: str,
                                  search_filters: SearchFilters, limit: int) -> None:
    errors = _Errors()
    logger = logging.getLogger("coesfeld_desktop.search")
    logger.addHandler(errors)
    try:
        result = service.search(SearchRequest(text, search_filters, limit))
    finally:
        logger.removeHandler(errors)
    assert isinstance(result, SearchResult)
    assert len(result.hits) <= limit
    assert result.total >= len(result.hits)
    assert not errors.records, "the search fell back after an SQLite error"


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=400))
def test_expression_quotes_every_word(text: str) -> None:
    parsed = build_query(text, None, default_synonyms())
    assert len(parsed.words) <= MAX_WORDS
    if not parsed.words:
        assert parsed.expression == ""
    for word in parsed.words:
        assert '"' not in word
        assert f'"{word}"' in parsed.expression or f'"{word} ' in parsed.expression
