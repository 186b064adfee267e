"""Ways out of an empty result: spelling, synonym, and filters to drop."""

from __future__ import annotations

from coesfeld_desktop.search.query import SearchFilters, SearchRequest
from coesfeld_desktop.search.service import SearchService


def test_misspelling_gets_a_spelling_that_finds_offers(service: SearchService) -> None:
    result = service.search(SearchRequest("Hbeamme"))  # two edits: no typo variant
    assert result.total == 0
    spelling = [s for s in result.suggestions if s.kind == "spelling"]
    assert spelling, result.suggestions
    assert spelling[0].value == "Hebamme"  # written as in the offer text
    follow = service.search(SearchRequest(spelling[0].value))
    assert follow.total == spelling[0].count > 0
    assert "off-hebamme" in follow.offer_ids


def test_spelling_keeps_the_other_words(service: SearchService) -> None:
    result = service.search(SearchRequest("Schuldnerberatnug Lüdinghausen"))
    values = [s.value for s in result.suggestions if s.kind == "spelling"]
    assert values and values[0].startswith("Schuldnerberatung")
    assert service.search(SearchRequest(values[0])).total > 0


def test_near_synonym_is_suggested(service: SearchService) -> None:
    result = service.search(SearchRequest("Kitta"))
    suggested = {s.value for s in result.suggestions if s.kind in ("synonym", "spelling")}
    assert suggested & {"Kita", "Kitas"}, result.suggestions


def test_over_filtered_search_suggests_filters_to_drop(service: SearchService) -> None:
    filters = SearchFilters(town="Senden", age=4)
    result = service.search(SearchRequest("Kita", filters))
    assert result.total == 0
    drops = {s.value: s.count for s in result.suggestions if s.kind == "drop_filter"}
    # without the town: the Kita in Nottuln (a German course with childcare is no Kita:
    # "Kinderbetreuung" is not in the Kita synonym group)
    assert drops == {"town": 1}  # dropping only the age finds nothing in Senden


def test_drop_filter_counts_are_exact(service: SearchService) -> None:
    filters = SearchFilters(town="Coesfeld", weekday="SA")
    result = service.search(SearchRequest("", filters))
    assert result.total == 0
    drops = {s.value: s.count for s in result.suggestions if s.kind == "drop_filter"}
    in_town = service.search(SearchRequest("", SearchFilters(town="Coesfeld")))
    assert drops["weekday"] == in_town.total
    assert "town" not in drops  # nothing is open on Saturday anywhere


def test_good_results_get_no_suggestions(service: SearchService) -> None:
    assert service.search(SearchRequest("eltern")).suggestions == ()
