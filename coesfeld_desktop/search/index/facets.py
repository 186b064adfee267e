"""Filters as FTS tokens: every filter value's one-character token (:class:`FacetTokens`).

Which values an offer is indexed under comes from the dimension registry
(:data:`coesfeld_desktop.domain.dimensions.DIMENSIONS`).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from functools import lru_cache, partial

from coesfeld_desktop.domain.dimensions import DIMENSIONS, OfferFacts
from coesfeld_desktop.search.index.meta import table_exists
from coesfeld_desktop.search.index.tables import FACET_TABLE, SqlConnection, dbapi, insert_sql

# --- facets: filters as FTS tokens ------------------------------------------------------
# Why: a filter evaluated inside FTS5 is a doclist intersection, far cheaper than joining
# every matching offer to offer_facts. The tokens are private-use characters: the query
# builder never produces one (folding.tokens drops them), so no typed word matches a facet.

NO_FACET = "\ue000"  # a token no offer has: for a filter value that no offer has either
_TOKEN_DIGITS = 0xF8FF - 0xE001 + 1  # U+E001..U+F8FF: the digits of a base-6,399 number


def token_for(number: int) -> str:
    """The ``number``-th facet token: one private-use character (two from 6,399 on)."""
    digits = []
    while True:
        number, digit = divmod(number, _TOKEN_DIGITS)
        digits.append(chr(0xE001 + digit))
        if number == 0:
            return "".join(reversed(digits))
        number -= 1


FACET_COLUMNS = ("kind", "value", "token")
_FACETS = tuple(dimension.facet for dimension in DIMENSIONS)
# which dimensions the index holds as facets: an index built for other ones is rebuilt
# (build.ensure_index), so a new dimension needs no INDEX_VERSION of its own
FACET_LAYOUT = " ".join(f"{dimension.name}:{dimension.facet.kind}" for dimension in DIMENSIONS)


class FacetTokens:
    """The token of every filter value, as stored in :data:`FACET_TABLE`.

    Why a stored map instead of a token spelled out from the value: a one-character token
    is in none of FTS5's prefix indexes and cheap to tokenize. Spelled out
    (``\ue000town436f...``), facets were 14 % of the words in ``offer_fts`` and 44 % of those
    in ``offer_title_fts``, each also written to the prefix indexes. Tokens are handed out
    in the order values are first indexed and kept while the index lives (a rebuild starts
    afresh), so the same offers indexed in the same order give the same tokens.
    """

    def __init__(self, known: dict[tuple[str, str], str] | None = None) -> None:
        self._tokens = dict(known or {})
        self._added: list[tuple[str, str, str]] = []
        # the tokens of each dimension's facet values by what they depend on (towns,
        # ages, ...): combinations repeat a lot (cached per map)
        self._texts = [(facet.of_offer, lru_cache(maxsize=8192)(
            partial(self._make_text, facet.kind, facet.indexed))) for facet in _FACETS]

    @classmethod
    def load(cls, connection: SqlConnection) -> FacetTokens:
        """The stored map (empty if there is no index)."""
        if not table_exists(connection, FACET_TABLE):
            return cls()
        rows = dbapi(connection).execute(f"SELECT kind, value, token FROM {FACET_TABLE}")
        return cls({(str(kind), str(value)): str(token) for kind, value, token in rows})

    def __len__(self) -> int:
        return len(self._tokens)

    def get(self, kind: str, value: object) -> str:
        """The token to search for (:data:`NO_FACET` if no offer has this value)."""
        return self._tokens.get((kind, str(value)), NO_FACET)

    def token(self, kind: str, value: object) -> str:
        """The token to index: a new one for a value not seen before."""
        key = (kind, str(value))
        token = self._tokens.get(key)
        if token is None:
            token = self._tokens[key] = token_for(len(self._tokens))
            self._added.append((*key, token))
        return token

    def take_added(self) -> list[tuple[str, str, str]]:
        """The (kind, value, token) rows handed out since the last call, to be stored."""
        added, self._added = self._added, []
        return added

    def save(self, connection: SqlConnection) -> None:
        """Store the tokens handed out since loading (in the caller's transaction)."""
        added = self.take_added()
        if added:
            dbapi(connection).executemany(insert_sql(FACET_TABLE, FACET_COLUMNS), added)

    def text(self, offer: OfferFacts) -> str:
        """The facet tokens of ``offer``, space-separated."""
        return " ".join(filter(None, [text(key(offer)) for key, text in self._texts]))

    def _make_text(self, kind: str, indexed: Callable[[Hashable], Iterable[str]],
                   key: Hashable) -> str:
        return " ".join(self.token(kind, value) for value in dict.fromkeys(indexed(key)))
