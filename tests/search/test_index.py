"""Index building blocks: facet tokens are short, untypable and kept."""

from __future__ import annotations

from sqlalchemy import text

from coesfeld_desktop.search.folding import tokens as words
from coesfeld_desktop.search.index import (
    FACET_TABLE,
    NO_FACET,
    PREFIX_LENGTHS,
    FacetTokens,
)
from coesfeld_desktop.search.index.facets import token_for
from coesfeld_desktop.store.database import Database


def test_facet_tokens_are_distinct_untypable_and_in_no_prefix_index() -> None:
    tokens = [token_for(number) for number in range(20_000)]
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
