"""Index building blocks: age facets cover exactly the offered ages."""

from __future__ import annotations

from coesfeld_desktop.search.index import MAX_AGE_FACET, age_blocks, age_query_blocks

AGES = range(MAX_AGE_FACET + 1)


def test_age_blocks_cover_the_range_exactly() -> None:
    for low in AGES:
        for high in range(low, MAX_AGE_FACET + 1):
            blocks = age_blocks(low, high)
            covered = [age for start, size in blocks for age in range(start, start + size)]
            assert covered == list(range(low, high + 1))
            assert len(blocks) <= 2 * 5  # at most two blocks per size


def test_a_query_age_meets_exactly_the_covering_offers() -> None:
    for low in AGES:
        for high in range(low, MAX_AGE_FACET + 1):
            indexed = set(age_blocks(low, high))
            for age in AGES:
                assert bool(indexed & set(age_query_blocks(age))) == (low <= age <= high)
