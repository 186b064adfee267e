"""The index's vocabulary of folded words, for typo tolerance and "did you mean".

Why in memory: checking "does any indexed word start with this?" and finding words one
typo away must cost well under a millisecond per keystroke. The vocabulary is read once from
the word list the index keeps with its counts (:mod:`coesfeld_desktop.search.index.words`;
not from FTS5's vocabulary table, which walks every doclist) and kept until the index
changes (its generation number).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from coesfeld_desktop.search.index import read_words
from coesfeld_desktop.search.index.tables import SqlConnection

FUZZY_MIN_LENGTH = 5  # shorter words get no typo variants (too many neighbours)


@dataclass(frozen=True)
class Candidate:
    term: str
    distance: int
    docs: int  # offers containing the term (any column but "parts")


class TermVocabulary:
    """All indexed terms (sorted) and the real words among them with their document counts."""

    def __init__(self, all_terms: list[str], word_docs: dict[str, int]) -> None:
        self._sorted = all_terms
        self.word_docs = word_docs
        self._by_length: dict[int, list[str]] = defaultdict(list)
        for term in word_docs:
            self._by_length[len(term)].append(term)
        self._prefixes: dict[int, list[str]] = {}
        self._covers: dict[tuple[int, bool], tuple[list[str], list[str]]] = {}

    @classmethod
    def load(cls, connection: SqlConnection) -> TermVocabulary:
        """The index's terms (in order, as stored) and the words among them: terms found in
        a column other than the compound parts (a term in two columns of one offer counts
        twice: fine for ranking)."""
        rows = read_words(connection)
        return cls([term for term, _docs, _parts in rows],
                   {term: docs for term, docs, _parts in rows if docs > 0})

    def __len__(self) -> int:
        return len(self._sorted)

    def most_common(self, min_length: int) -> str | None:
        """The word in most offers, of at least ``min_length`` letters."""
        words = [(docs, term) for term, docs in self.word_docs.items() if len(term) >= min_length]
        return max(words)[1] if words else None

    def warm_up(self, cover_keys: Iterable[tuple[int, bool]],
                prefix_lengths: Iterable[int]) -> None:
        """Build now what searches otherwise build on first use (tens of milliseconds
        each at 100,000 offers): the prefix covers and the word beginnings typos are
        compared with. Called off the GUI thread (``SearchService.prepare``)."""
        for length, words_only in cover_keys:
            self._cover_lists(length, words_only)
        for n in prefix_lengths:
            self._prefixes_of_length(n)

    def has_prefix(self, prefix: str) -> bool:
        """True if some indexed term (compound parts included) starts with ``prefix``."""
        at = bisect.bisect_left(self._sorted, prefix)
        return at < len(self._sorted) and self._sorted[at].startswith(prefix)

    def is_word(self, term: str) -> bool:
        return term in self.word_docs

    def close_words(self, word: str, max_distance: int = 1, limit: int = 3,
                    as_prefix: bool = False) -> list[Candidate]:
        """Indexed words within ``max_distance`` edits of ``word``, most common first.

        ``as_prefix`` (the word still being typed) also compares with the beginnings of
        longer words, so "hebamn" finds "hebamm…".
        """
        n = len(word)
        choices: list[str] = []
        for length in range(n - max_distance, n + max_distance + 1):
            choices.extend(self._by_length.get(length, ()))
        if as_prefix:
            choices.extend(self._prefixes_of_length(n))
        if not choices:
            return []
        # start-up time: not imported for the first list, which has no words (≈ 0.013 s)
        from rapidfuzz import process  # noqa: PLC0415
        from rapidfuzz.distance import Levenshtein  # noqa: PLC0415

        found = process.extract(word, choices, scorer=Levenshtein.distance,
                                score_cutoff=max_distance, limit=None)
        best: dict[str, int] = {}
        for term, distance, _index in found:
            if term != word and distance < best.get(term, max_distance + 1):
                best[term] = int(distance)
        ranked = sorted(best.items(), key=lambda item: (item[1], -self._docs(item[0]), item[0]))
        return [Candidate(term, distance, self._docs(term)) for term, distance in ranked[:limit]]

    def _docs(self, term: str) -> int:
        docs = self.word_docs.get(term)
        if docs is not None:
            return docs
        return len(self.with_prefix(term, 50))  # a prefix: rough count

    def with_prefix(self, prefix: str, limit: int) -> list[str]:
        """Up to ``limit`` indexed terms starting with ``prefix``, in order."""
        at = bisect.bisect_left(self._sorted, prefix)
        out = []
        for term in self._sorted[at:at + limit]:
            if not term.startswith(prefix):
                break
            out.append(term)
        return out

    def cover(self, prefix: str, length: int, words_only: bool = False
              ) -> tuple[list[str], list[str]]:
        """What the terms starting with ``prefix`` (shorter than ``length``) come to: those
        shorter than ``length``, and the distinct ``length``-letter beginnings of the others.

        Why: with a prefix index of ``length`` letters, ``"spra"*`` is exactly the OR of
        those short terms and prefixes, mostly far fewer than the terms (``sprach``: one
        doclist instead of 32). ``words_only``: leave out compound parts.
        """
        short, beginnings = self._cover_lists(length, words_only)
        return _starting_with(short, prefix), _starting_with(beginnings, prefix)

    def _cover_lists(self, length: int, words_only: bool) -> tuple[list[str], list[str]]:
        key = (length, words_only)
        if key not in self._covers:
            terms = sorted(self.word_docs) if words_only else self._sorted
            self._covers[key] = ([term for term in terms if len(term) < length],
                                 sorted({term[:length] for term in terms if len(term) >= length}))
        return self._covers[key]

    def _prefixes_of_length(self, n: int) -> list[str]:
        if n not in self._prefixes:
            self._prefixes[n] = sorted(
                {term[:n] for length, terms in self._by_length.items() if length > n + 1
                 for term in terms}
            )
        return self._prefixes[n]


def _starting_with(terms: list[str], prefix: str) -> list[str]:
    """The run of the sorted ``terms`` that start with ``prefix``."""
    return terms[bisect.bisect_left(terms, prefix):bisect.bisect_left(terms, prefix + "\U0010ffff")]
