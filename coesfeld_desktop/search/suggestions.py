"""Ways out of an empty or thin result: a spelling, a synonym, or a filter to drop.

Every suggestion is checked before it is offered: its ``count`` is the number of offers
the changed search would find, and only changes that find more than now are kept.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable

from coesfeld_desktop.domain.dimensions import BY_NAME
from coesfeld_desktop.search.folding import fold, split_words, tokens
from coesfeld_desktop.search.fts_query import ParsedQuery, build_query, quote
from coesfeld_desktop.search.index import FTS_TABLE
from coesfeld_desktop.search.query import SearchFilters, Suggestion
from coesfeld_desktop.search.synonyms import Synonyms
from coesfeld_desktop.search.terms import TermVocabulary

Count = Callable[[sqlite3.Connection, str, SearchFilters], int]
"""How many offers an FTS expression ("" = all) finds under filters: the search service's
``count``, passed in so that this module does not import the service that calls it."""

SUGGEST_BELOW = 3  # suggest when a search finds fewer offers than this
MAX_SPELLING = 2
MAX_SYNONYM = 2
MIN_WORD = 4  # shorter words get no spelling or synonym suggestions
MAX_TRIED_WORDS = 4  # unknown words looked at per search (a pasted text has many)


def suggest(count: Count, synonyms: Synonyms, connection: sqlite3.Connection, parsed: ParsedQuery,
            filters: SearchFilters, total: int, vocabulary: TermVocabulary | None,
            text: str = "") -> tuple[Suggestion, ...]:
    """Suggestions for a search that found ``total`` (< :data:`SUGGEST_BELOW`) offers."""
    found: list[Suggestion] = []
    if parsed.words and vocabulary is not None:
        found.extend(_spelling(count, synonyms, connection, parsed, filters, total, vocabulary,
                               text))
        spelled = {suggestion.value for suggestion in found}
        found.extend(suggestion for suggestion in _synonyms(
            count, synonyms, connection, parsed, filters, total, vocabulary, text)
            if suggestion.value not in spelled)
    found.extend(_dropped_filters(count, connection, parsed, filters, total))
    return tuple(found)


def _replace_word(text: str, words: tuple[str, ...], index: int, replacement: str) -> str:
    """The user's text with the word that folds to ``words[index]`` replaced."""
    original = [w for w in split_words(text) if tokens(w)[:1] == [words[index]]]
    if original:
        return text.replace(original[0], replacement, 1).strip()
    changed = list(words)
    changed[index] = replacement
    return " ".join(changed)


def _count_text(count: Count, synonyms: Synonyms, connection: sqlite3.Connection, text: str,
                filters: SearchFilters, vocabulary: TermVocabulary) -> int:
    expression = build_query(text, vocabulary, synonyms).expression
    return count(connection, expression, filters)


def _spelling(count_in: Count, synonyms: Synonyms, connection: sqlite3.Connection,
              parsed: ParsedQuery, filters: SearchFilters, total: int,
              vocabulary: TermVocabulary, text: str
              ) -> list[Suggestion]:
    found: list[Suggestion] = []
    text = text or " ".join(parsed.words)
    unknown = [(index, word) for index, word in enumerate(parsed.words)
               if len(word) >= MIN_WORD and not vocabulary.is_word(word)]
    for index, word in unknown[:MAX_TRIED_WORDS]:
        distance = 1 if len(word) < 6 else 2
        for candidate in vocabulary.close_words(word, distance, limit=2):
            surface = surface_form(connection, candidate.term)
            new_text = _replace_word(text, parsed.words, index, surface)
            count = _count_text(count_in, synonyms, connection, new_text, filters, vocabulary)
            if count > total:
                found.append(Suggestion("spelling", new_text, count))
                break
        if len(found) >= MAX_SPELLING:
            break
    return found


def _synonyms(count_in: Count, synonyms: Synonyms, connection: sqlite3.Connection,
              parsed: ParsedQuery, filters: SearchFilters, total: int,
              vocabulary: TermVocabulary, text: str
              ) -> list[Suggestion]:
    # start-up time: not imported for the first list, which has no words (≈ 0.013 s)
    from rapidfuzz.distance import Levenshtein  # noqa: PLC0415

    found: list[Suggestion] = []
    text = text or " ".join(parsed.words)
    for index, word in enumerate(parsed.words[:MAX_TRIED_WORDS]):
        if len(word) < MIN_WORD:
            continue
        allowed = 1 if len(word) < 6 else 2
        for member, group in synonyms.members():
            joined = " ".join(member)
            if joined == word or Levenshtein.distance(word, joined, score_cutoff=allowed) > allowed:
                continue
            label = group.labels[group.members.index(member)]
            new_text = _replace_word(text, parsed.words, index, label)
            count = _count_text(count_in, synonyms, connection, new_text, filters, vocabulary)
            if count > total:
                found.append(Suggestion("synonym", new_text, count))
                break
        if len(found) >= MAX_SYNONYM:
            break
    return found


def _dropped_filters(count_in: Count, connection: sqlite3.Connection, parsed: ParsedQuery,
                     filters: SearchFilters, total: int) -> list[Suggestion]:
    found: list[Suggestion] = []
    defaults = SearchFilters()
    for name in filters.active():
        changes: dict[str, object] = {name: getattr(defaults, name)}
        companion = BY_NAME[name].companion if name in BY_NAME else None
        if companion is not None:
            changes[companion.name] = False
        count = count_in(connection, parsed.expression,
                              dataclasses.replace(filters, **changes))  # type: ignore[arg-type]
        if count > total:
            found.append(Suggestion("drop_filter", name, count))
    found.sort(key=lambda suggestion: -suggestion.count)
    return found


def surface_form(connection: sqlite3.Connection, term: str) -> str:
    """How ``term`` (folded) is written in an offer text, e.g. ``hebamme`` → ``Hebamme``."""
    rows = connection.execute(
        f"SELECT o.title, o.summary, o.description FROM {FTS_TABLE} "
        f"JOIN offer o ON o.pk = {FTS_TABLE}.rowid WHERE {FTS_TABLE} MATCH ? LIMIT 5",
        (quote(term),))
    for row in rows:
        for text in row:
            for word in split_words(text or ""):
                if fold(word) == term:
                    return word
    return term
