"""Index building blocks: age facets cover exactly the offered ages; facet tokens are short."""

from __future__ import annotations

from sqlalchemy import text

from coesfeld_desktop.search.folding import tokens as words
from coesfeld_desktop.search.index import (
    AGE_BLOCK_BITS,
    FACET_TABLE,
    MAX_AGE_FACET,
    NO_FACET,
    PREFIX_LENGTHS,
    FacetTokens,
    _token_for,
    age_blocks,
    age_query_blocks,
)
from coesfeld_desktop.store.database import Database

AGES = range(MAX_AGE_FACET + 1)


def test_age_blocks_cover_the_range_exactly() -> None:
    for low in AGES:
        for high in range(low, MAX_AGE_FACET + 1):
            blocks = age_blocks(low, high)
            covered = [age for start, size in blocks for age in range(start, start + size)]
            assert covered == list(range(low, high + 1))
            assert all(size <= 1 << AGE_BLOCK_BITS for _start, size in blocks)
            # at most two blocks per size, but any number of the largest
            assert len(blocks) <= 2 * AGE_BLOCK_BITS + (len(AGES) >> AGE_BLOCK_BITS)


def test_a_query_age_meets_exactly_the_covering_offers() -> None:
    for low in AGES:
        for high in range(low, MAX_AGE_FACET + 1):
            indexed = set(age_blocks(low, high))
            for age in AGES:
                assert bool(indexed & set(age_query_blocks(age))) == (low <= age <= high)


def test_facet_tokens_are_distinct_untypable_and_in_no_prefix_index() -> None:
    tokens = [_token_for(number) for number in range(20_000)]
    assert len(set(tokens)) == len(tokens) and NO_FACET not in tokens
    assert words(" ".join(tokens)) == []  # nothing a user types can be a facet token
    # even 20,000 values (far more than a directory has) stay out of the prefix indexes
    assert max(len(token) for token in tokens) < min(PREFIX_LENGTHS)


def test_tokens_are_kept_and_new_values_get_new_ones(tmp_path) -> None:
    database = Database(tmp_path / "facets.sqlite3")
    try:
        with database.engine.begin() as connection:
            connection.execute(text(
                f"CREATE TABLE {FACET_TABLE} (kind TEXT NOT NULL, value TEXT NOT NULL, "
                "token TEXT NOT NULL UNIQUE, PRIMARY KEY (kind, value)) WITHOUT ROWID"))
            first = FacetTokens.load(connection)
            town = first.token("town", "Coesfeld")
            assert first.token("town", "Coesfeld") == town
            first.save(connection)
            again = FacetTokens.load(connection)
            assert again.get("town", "Coesfeld") == town
            assert again.get("town", "Dülmen") == NO_FACET  # no offer there yet
            assert again.token("town", "Dülmen") not in (town, NO_FACET)
    finally:
        database.close()
