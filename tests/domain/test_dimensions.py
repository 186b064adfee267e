"""The dimension registry is complete: every dimension reaches the search, the command line
and every UI catalog (its panel row is checked in tests/ui/test_filter_panel.py)."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from coesfeld_desktop.cli import build_parser
from coesfeld_desktop.domain.dimensions import (
    AGE_BLOCK_BITS,
    DIMENSIONS,
    MAX_AGE_FACET,
    Widget,
    age_blocks,
    age_query_blocks,
)
from coesfeld_desktop.search.index import FacetTokens
from coesfeld_desktop.search.query import SearchFilters
from coesfeld_desktop.search.service import plan_filters

ROOT = Path(__file__).resolve().parents[2]
AGES = range(MAX_AGE_FACET + 1)


def _search_parser() -> argparse.ArgumentParser:
    subparsers = next(action for action in build_parser()._actions
                      if isinstance(action, argparse._SubParsersAction))
    return subparsers.choices["search"]


def test_every_dimension_is_a_search_filter_and_every_filter_a_dimension() -> None:
    fields = [field.name for field in dataclasses.fields(SearchFilters)]
    declared = [name for dimension in DIMENSIONS
                for name in (dimension.name, *(
                    [dimension.companion.name] if dimension.companion else []))]
    assert sorted(declared) == sorted(fields)
    assert len(set(declared)) == len(declared)


def test_every_dimension_has_its_command_line_flag() -> None:
    options = {option: action.dest for action in _search_parser()._actions
               for option in action.option_strings}
    for dimension in DIMENSIONS:
        assert options.get(dimension.flag) == dimension.name, dimension.flag
        if dimension.companion is not None:
            assert options.get(dimension.companion.flag) == dimension.companion.name


def _labels() -> list[str]:
    labels: list[str] = []

    def collect(text: str) -> str:
        labels.append(text)
        return text

    for dimension in DIMENSIONS:
        labels += [dimension.label, dimension.accessible_name]
        if dimension.widget is Widget.CHOICE:
            labels.append(dimension.any_label)
            # fixed value lists: their labels go through the catalogs (``_``) too
            dimension.choices(None, "de", collect)
        if dimension.companion is not None:
            labels += [dimension.companion.label, dimension.companion.accessible_name]
    return [label for label in labels if label]


@pytest.mark.parametrize("language", ["en", "tr", "ar", "uk"])
def test_every_label_is_translated_in_every_ui_catalog(language: str) -> None:
    path = ROOT / "translations" / language / "LC_MESSAGES" / "angebotslotse.po"
    with path.open("rb") as stream:
        catalog = read_po(stream, locale=language)
    labels = _labels()
    assert "Stadt" in labels and "Eltern" in labels and "mit Nachbarorten" in labels
    missing = [label for label in labels
               if label not in catalog or not catalog[label].string]
    assert missing == []


def test_every_set_filter_becomes_a_facet_term_or_sql() -> None:
    """Set alone, each dimension adds exactly one condition to the search."""
    values: dict[Widget, object] = {Widget.CHOICE: "x", Widget.CHECK: True, Widget.AGE: 3}
    for dimension in DIMENSIONS:
        value = "Coesfeld" if dimension.name == "town" else values[dimension.widget]
        plan = plan_filters(SearchFilters(**{dimension.name: value}), FacetTokens())
        assert len(plan.facets) + len(plan.clauses) == 1, dimension.name
    assert plan_filters(SearchFilters(), FacetTokens()).match("") == ""


def test_an_offer_is_found_exactly_by_the_facet_values_it_is_indexed_under() -> None:
    @dataclasses.dataclass
    class Offer:
        towns: tuple[str, ...] = ("Olfen",)
        min_age: int | None = 3
        max_age: int | None = 6
        pregnancy: bool = True
        target_groups: tuple[str, ...] = ("parents",)
        life_phases: tuple[str, ...] = ("kindergarten",)
        topics: tuple[str, ...] = ("daycare",)
        languages: tuple[str, ...] = ("de", "tr")
        free: bool = False
        barrier_free: bool = True
        weekdays: int = 0b0000101  # Monday and Wednesday
        accompanies: bool = True

    tokens = FacetTokens()
    indexed = set(tokens.text(Offer()).split())  # type: ignore[arg-type]
    cases = [("town", "Olfen", True), ("town", "Dülmen", False), ("age", 6, True),
             ("age", 7, False), ("pregnancy", True, True), ("target_group", "parents", True),
             ("target_group", "children", False), ("stage", "kindergarten", True),
             ("stage", "secondary_school", False), ("stage", "pregnancy", True),
             ("stage", "family", True),
             ("topic", "daycare", True), ("topic", "sport", False), ("language", "tr", True),
             ("language", "ar", False), ("free_only", True, False),
             ("barrier_free_only", True, True), ("weekday", "we", True),
             ("weekday", "TU", False), ("accompanied_only", True, True)]
    for name, value, found in cases:
        plan = plan_filters(SearchFilters(**{name: value}), tokens)  # type: ignore[arg-type]
        wanted = {term.strip('"') for term in
                  plan.facets[0].strip("()").split(" OR ")}
        assert bool(wanted & indexed) == found, (name, value)
    neighbours = plan_filters(SearchFilters(town="Dülmen", include_neighbours=True), tokens)
    assert tokens.get("town", "Olfen") in neighbours.facets[0]
    alone = FacetTokens()  # an offer nobody accompanies is not under the flag
    unaccompanied = set(alone.text(Offer(accompanies=False)).split())  # type: ignore[arg-type]
    plan = plan_filters(SearchFilters(accompanied_only=True), alone)
    assert not {term.strip('"') for term in plan.facets[0].strip("()").split(" OR ")} \
        & unaccompanied


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
