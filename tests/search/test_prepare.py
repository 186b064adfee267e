"""``SearchService.prepare``: what the first keystroke would otherwise build or read is
built before it (issue 19: the first keystroke after a start or a sync as fast as any)."""

from __future__ import annotations

import pytest

from coesfeld_desktop.search import terms
from coesfeld_desktop.search.fts_query import cover_keys
from coesfeld_desktop.search.query import SearchRequest
from coesfeld_desktop.search.service import SearchService
from coesfeld_desktop.store.database import Database


def test_after_prepare_the_first_searches_build_nothing(fresh_db: Database,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    service = SearchService(fresh_db)
    service.prepare()
    built: list[object] = []
    original_sorted = terms.TermVocabulary._cover_lists
    original_prefixes = terms.TermVocabulary._prefixes_of_length

    def covers(self: terms.TermVocabulary, length: int, words_only: bool):  # type: ignore[no-untyped-def]
        if (length, words_only) not in self._covers:
            built.append(("cover", length, words_only))
        return original_sorted(self, length, words_only)

    def prefixes(self: terms.TermVocabulary, n: int):  # type: ignore[no-untyped-def]
        if n not in self._prefixes:
            built.append(("prefixes", n))
        return original_prefixes(self, n)

    monkeypatch.setattr(terms.TermVocabulary, "_cover_lists", covers)
    monkeypatch.setattr(terms.TermVocabulary, "_prefixes_of_length", prefixes)
    forms_before = service.synonyms._by_form
    # one letter, two, four, five; a typo while typing; a word the synonym forms catch
    for text in ("k", "ki", "kita", "hebam", "hebamne", "language courses", "Sprachkurse"):
        service.search(SearchRequest(text=text))
    assert built == []
    assert forms_before is not None and service.synonyms._by_form is forms_before


def test_cover_keys_are_those_word_lengths_ask_for() -> None:
    # prefix indexes of 3 and 6 letters: 1-2 letters (words only) and 4-5 letters
    assert cover_keys() == {(3, True), (6, False)}
