"""The index's word list with its counts, kept up to date as offers are indexed.

Why a table of its own: the search keeps every indexed word in memory (typo tolerance,
prefix covers, see :class:`~coesfeld_desktop.search.terms.TermVocabulary`). Reading it from
FTS5's vocabulary table walks every doclist of the index: 1.6-1.9 s at 100,000 offers,
before the first result after a start and again after every sync. Counting while the rows
are written costs little (the texts are at hand, split at spaces as the ``ascii``
tokenizer splits them), and reading :data:`WORDS_TABLE` back is one pass over a small
b-tree in term order.

What is counted, per term: ``docs``, for every column but the compound parts and the
facets, the offers holding the term in that column, summed over those columns (a term in
two columns of one offer counts twice, as FTS5's ``col`` vocabulary counts it); ``parts``,
the same for the two compound-part columns. A term with both at 0 is in no offer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import chain
from typing import Any

from coesfeld_desktop.search.index.tables import (
    COLUMN_NAMES,
    FTS_TABLE,
    WORDS_TABLE,
    SqlConnection,
    dbapi,
)

PART_COLUMNS = ("title_parts", "parts")
_NOT_WORDS = (*PART_COLUMNS, "facets")
# positions in an offer_fts row that starts with its rowid
_WORD_AT = tuple(i + 1 for i, name in enumerate(COLUMN_NAMES) if name not in _NOT_WORDS)
_PART_AT = tuple(i + 1 for i, name in enumerate(COLUMN_NAMES) if name in PART_COLUMNS)


class WordCounts:
    """Changes to the word list: offers' FTS rows added (and, for a refresh, removed)."""

    def __init__(self, docs: dict[str, int] | None = None,
                 parts: dict[str, int] | None = None) -> None:
        self.docs: Counter[str] = Counter(docs or {})
        self.parts: Counter[str] = Counter(parts or {})

    def add(self, fts_rows: Iterable[Sequence[Any]]) -> None:
        """Count the terms of ``offer_fts`` rows (``rowid`` first) being inserted.

        One ``Counter.update`` over all rows (its loop is in C): a quarter faster than one
        per column, about 1 s of the row worker's CPU at 100,000 offers."""
        rows = fts_rows if isinstance(fts_rows, Sequence) else list(fts_rows)
        self.docs.update(chain.from_iterable(
            set(row[at].split()) for row in rows for at in _WORD_AT if row[at]))
        self.parts.update(chain.from_iterable(
            set(row[at].split()) for row in rows for at in _PART_AT if row[at]))

    def remove(self, fts_rows: Iterable[Sequence[Any]]) -> None:
        """Uncount the terms of ``offer_fts`` rows being deleted."""
        gone = WordCounts()
        gone.add(fts_rows)
        self.docs.subtract(gone.docs)
        self.parts.subtract(gone.parts)

    def merge(self, other: WordCounts) -> None:
        self.docs.update(other.docs)
        self.parts.update(other.parts)

    def as_plain(self) -> tuple[dict[str, int], dict[str, int]]:
        """Plain dicts (for ``marshal``, from a sync's row worker)."""
        return dict(self.docs), dict(self.parts)

    def remove_indexed(self, connection: SqlConnection, select_pks: str,
                       params: Sequence[object]) -> None:
        """Uncount the offers whose keys ``select_pks`` selects, before they are dropped."""
        columns = ", ".join(COLUMN_NAMES)
        rows = dbapi(connection).execute(
            f"SELECT rowid, {columns} FROM {FTS_TABLE} WHERE rowid IN ({select_pks})",
            tuple(params)).fetchall()
        self.remove(rows)

    def write_new(self, connection: SqlConnection) -> None:
        """Fill the empty word table (a rebuild, a full sync) in term order."""
        terms = sorted(self.docs.keys() | self.parts.keys())
        docs, parts = self.docs, self.parts
        dbapi(connection).executemany(
            f"INSERT INTO {WORDS_TABLE} (term, docs, parts) VALUES (?, ?, ?)",
            [(term, docs[term], parts[term]) for term in terms])

    def apply(self, connection: SqlConnection) -> None:
        """Add these changes to the stored counts; terms left in no offer go."""
        terms = sorted(term for term in self.docs.keys() | self.parts.keys()
                       if self.docs[term] or self.parts[term])
        raw = dbapi(connection)
        raw.executemany(
            f"INSERT INTO {WORDS_TABLE} (term, docs, parts) VALUES (?, ?, ?) "
            "ON CONFLICT (term) DO UPDATE SET docs = docs + excluded.docs, "
            "parts = parts + excluded.parts",
            [(term, self.docs[term], self.parts[term]) for term in terms])
        raw.executemany(
            f"DELETE FROM {WORDS_TABLE} WHERE term = ? AND docs <= 0 AND parts <= 0",
            [(term,) for term in terms if self.docs[term] < 0 or self.parts[term] < 0])


def read_words(connection: SqlConnection) -> list[tuple[str, int, int]]:
    """Every indexed term (facet tokens aside) with ``docs`` and ``parts``, in term order."""
    rows: list[tuple[str, int, int]] = dbapi(connection).execute(
        f"SELECT term, docs, parts FROM {WORDS_TABLE} ORDER BY term").fetchall()
    return rows
