"""Prefix queries over the '3 6' prefix indexes and the ``ascii`` tokenizer.

``term_expr`` turns a 2-, 4- or 5-letter word into an OR of the next longer indexed
prefixes; it must find exactly the offers a plain FTS5 prefix query finds. And the index's
``ascii`` tokenizer must see the same words as the folding code, in every script.
"""

from __future__ import annotations

import unicodedata

import pytest
from sqlalchemy import Connection

from coesfeld_desktop.search.folding import tokens
from coesfeld_desktop.search.fts_query import _NOT_PARTS, for_title_table, quote, term_expr
from coesfeld_desktop.search.index import FTS_TABLE, PREFIX_LENGTHS, TITLE_FTS_TABLE
from coesfeld_desktop.search.query import SearchRequest
from coesfeld_desktop.search.service import SearchService
from coesfeld_desktop.search.terms import TermVocabulary
from coesfeld_desktop.store.database import Database


def _matches(connection: Connection, table: str, expression: str) -> set[int]:
    return {row[0] for row in connection.exec_driver_sql(
        f"SELECT rowid FROM {table} WHERE {table} MATCH ?", (expression,))}


def test_prefix_lengths_are_what_term_expr_assumes() -> None:
    assert PREFIX_LENGTHS == (3, 6)


def test_short_prefixes_find_what_a_plain_prefix_query_finds(search_db: Database) -> None:
    with search_db.engine.connect() as connection:
        vocabulary = TermVocabulary.load(connection)
        terms = vocabulary.with_prefix("", len(vocabulary))
        words = {term[:length] for term in terms for length in (2, 4, 5)
                 if len(term) >= length}
        words |= {"zq", "zqxy", "zqxyw"}  # nothing starts with these
        assert len(words) > 200
        checked = 0
        for word in sorted(words):
            expression = term_expr(word, vocabulary)
            assert expression != f"{quote(word)}*", word  # an OR, not a prefix scan
            plain = f"{quote(word)}*"
            if len(word) == 2:
                plain = _NOT_PARTS + plain  # short words skip the compound parts
            for table, ours, theirs in (
                    (FTS_TABLE, expression, plain),
                    (TITLE_FTS_TABLE, for_title_table(expression), for_title_table(plain))):
                assert _matches(connection, table, ours) == _matches(connection, table, theirs), \
                    (word, table)
            checked += bool(_matches(connection, FTS_TABLE, plain))
        assert checked > 200  # most of them match something


def test_a_six_letter_word_is_one_prefix_doclist(search_db: Database) -> None:
    with search_db.engine.connect() as connection:
        vocabulary = TermVocabulary.load(connection)
    assert term_expr("sprach", vocabulary) == '"sprach"*'
    assert term_expr("spr", vocabulary) == _NOT_PARTS + '"spr"*'
    assert term_expr("spra", vocabulary) == '"sprach"*'  # every indexed spra… is sprach…


@pytest.mark.parametrize(("text", "offer_id"), [
    ("Ко", "off-schulden"),  # Russian, 2 letters: "Консультация"
    ("Конс", "off-schulden"),
    ("консу", "off-schulden"),
    ("Мовне", "off-sprachcafe"),  # Ukrainian, 5 letters
    ("مقه", "off-sprachcafe"),  # Arabic
    ("مقهى", "off-sprachcafe"),
    ("کاف", "off-sprachcafe"),  # Persian
    ("danı", "off-hebamme"),  # Turkish dotless i, 4 letters
    ("DANIŞMA", "off-hebamme"),
    ("desteği", "off-sprachfoerderung"),
])
def test_non_latin_words_and_prefixes_are_found(service: SearchService, text: str,
                                                offer_id: str) -> None:
    assert offer_id in service.search(SearchRequest(text)).offer_ids


def test_folded_words_are_single_ascii_tokenizer_words() -> None:
    """FTS5's ``ascii`` tokenizer splits at every ASCII character that is not a letter or
    digit and keeps every other character in the word. So a folded word may hold only ASCII
    letters and digits and non-ASCII letters, digits and marks (what ``unicode61`` with
    categories 'L* N* Co M*', used before, kept too; private-use characters never reach a
    word, so a query cannot spell a facet token)."""
    for code in range(0x80, 0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        for word in tokens(f"ab{chr(code)}cd"):
            for char in word:
                if char.isascii():
                    assert char.isalnum(), hex(code)
                else:
                    assert unicodedata.category(char)[0] in "LMN", hex(code)
