"""Writing the index rows of offers: folded FTS texts, facet tokens and the facts row."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the search runs without SQLAlchemy (see store.database)
    from sqlalchemy import Connection

from coesfeld_desktop.domain.course_dates import ends_on, rule_dates
from coesfeld_desktop.domain.towns import TOWN_NAMES, town_by_name
from coesfeld_desktop.search.folding import compound_parts, fold, folded_join, tokens
from coesfeld_desktop.search.index.facets import FacetTokens
from coesfeld_desktop.search.index.rows import IndexedOffer
from coesfeld_desktop.search.index.tables import (
    COLUMN_NAMES,
    DATES_COLUMNS,
    DATES_TABLE,
    FACTS_COLUMNS,
    FACTS_TABLE,
    FTS_TABLE,
    TITLE_COLUMNS,
    TITLE_FTS_TABLE,
    dbapi,
    insert_sql,
)
from coesfeld_desktop.search.index.words import WordCounts
from coesfeld_desktop.search.word_forms import stems_text

TOWN_BITS = {name: 1 << index for index, name in enumerate(TOWN_NAMES)}


_WRITE_CHUNK = 2000  # offers whose rows are built and written at once


Entries = list[tuple[str, tuple[str, ...], list[tuple[Any, ...]]]]
"""Rows to insert: (table, columns, rows) for each index table."""


def town_mask(towns: Iterable[str]) -> int:
    mask = 0
    for name in towns:
        town = town_by_name(name)
        if town is not None:
            mask |= TOWN_BITS[town.name]
    return mask


def _bars(values: Iterable[str]) -> str:
    """``'|a|b|'``: a set as text that ``instr(column, '|a|')`` can test."""
    unique = list(dict.fromkeys(values))
    return "|" + "|".join(unique) + "|" if unique else ""


def index_entries(offers: Sequence[IndexedOffer], facet_tokens: FacetTokens) -> Entries:
    """The rows of every index table for ``offers``; the facts rows last (one per offer)."""
    fts_rows, title_rows, facts_rows = _rows_for(offers, facet_tokens)
    return [(FTS_TABLE, ("rowid", *COLUMN_NAMES), fts_rows),
            (TITLE_FTS_TABLE, ("rowid", *TITLE_COLUMNS, "facets"), title_rows),
            (DATES_TABLE, DATES_COLUMNS, _date_rows(offers)),
            (FACTS_TABLE, FACTS_COLUMNS, facts_rows)]


def _date_rows(offers: Sequence[IndexedOffer]) -> list[tuple[int, int]]:
    """(pk, day) for the dates of the courses and events among ``offers``."""
    rows: list[tuple[int, int]] = []
    for offer in offers:
        if offer.rules:
            days = {day.toordinal() for rule in offer.rules if rule.finite
                    for day in rule_dates(rule)}
            rows.extend((offer.pk, day) for day in sorted(days))
    return rows


def _ends_on(offer: IndexedOffer) -> int | None:
    """The last day of an offer that is only dated courses (else None: it never ends)."""
    if not offer.rules or offer.undated:
        return None
    last = ends_on(offer.rules)
    return last.toordinal() if last is not None else None


def write_offers(connection: Connection, offers: Sequence[IndexedOffer], facet_tokens: FacetTokens,
                 words: WordCounts) -> int:
    """Write the index rows of ``offers``, and the facet tokens first handed out for them;
    count their words into ``words``."""
    raw = dbapi(connection)
    for start in range(0, len(offers), _WRITE_CHUNK):
        for table, columns, rows in index_entries(offers[start:start + _WRITE_CHUNK],
                                                  facet_tokens):
            raw.executemany(insert_sql(table, columns), rows)
            if table == FTS_TABLE:
                words.add(rows)
    facet_tokens.save(connection)
    return len(offers)


@lru_cache(maxsize=65_536)
def _folded_repeated(text: str) -> str:
    """:func:`folded_join` for texts that repeat across offers (providers, topics, places)."""
    return folded_join(text)


@lru_cache(maxsize=65_536)
def _stems_repeated(text: str) -> str:
    """:func:`stems_text` for texts that repeat across offers (topic names)."""
    return stems_text(text)


@lru_cache(maxsize=65_536)
def _parts_repeated(text: str) -> str:
    return " ".join(compound_parts(tokens(text)))


def _rows_for(offers: Sequence[IndexedOffer], facet_tokens: FacetTokens
              ) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Rows for ``offer_fts``, ``offer_title_fts`` and ``offer_facts``."""
    fts_rows = []
    title_rows = []
    facts_rows = []
    for offer in offers:
        title = tokens(offer.title)
        title_text = " ".join(title)
        # compound parts only from short German texts: other languages compound differently,
        # and summaries and descriptions would double the index for little gain
        title_parts = " ".join(compound_parts(title))
        title_translations = folded_join(" ".join(offer.title_translations))
        topic_text = " ".join(offer.topic_names)
        topics = _folded_repeated(topic_text)
        facets = facet_tokens.text(offer)
        title_stems = stems_text(" ".join((offer.title, *offer.title_translations)))
        fts_rows.append((
            offer.pk,
            title_text,
            folded_join(offer.summary or ""),
            folded_join(" ".join(filter(None, (offer.description, *offer.contact_titles)))),
            title_translations,
            folded_join(" ".join(offer.translations)),
            title_parts,
            _parts_repeated(" ".join((offer.provider, *offer.topic_german,
                                      *offer.contact_titles))),
            _folded_repeated(" ".join((offer.provider, *offer.provider_translations))),
            topics,
            _folded_repeated(" ".join(dict.fromkeys(offer.places))),
            title_stems,
            " ".join((stems_text(" ".join(filter(None, (offer.summary, *offer.translations)))),
                      _stems_repeated(topic_text))),
            facets,
        ))
        title_rows.append((offer.pk, title_text, title_parts, title_translations, topics,
                           title_stems, facets))
        facts_rows.append((
            offer.pk, offer.offer_id, fold(offer.title).strip(), _bars(offer.towns),
            town_mask(offer.towns), offer.min_age, offer.max_age, int(offer.pregnancy),
            int(offer.free), int(offer.barrier_free), _bars(offer.languages),
            _bars(offer.topics), _bars(offer.target_groups), _bars(offer.life_phases),
            offer.weekdays, offer.lat, offer.lon, _ends_on(offer),
        ))
    return fts_rows, title_rows, facts_rows
