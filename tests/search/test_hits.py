"""A search's hits are built when read: ids and marks come without building any."""

from __future__ import annotations

from coesfeld_desktop.domain.towns import town_by_name
from coesfeld_desktop.search.hits import Hits
from coesfeld_desktop.search.query import SearchFilters, SearchHit, SearchRequest
from coesfeld_desktop.search.service import SearchService

ROWS = [("off-a", 3.5, 51.84, 7.29, "word"), ("off-b", 2.0, None, None, "synonym"),
        ("off-c", None, 51.84, 7.29, "spelling"), ("off-d", 1.0, 51.9, 7.1)]


def test_ids_and_marks_need_no_hit_objects() -> None:
    hits = Hits(ROWS, town_by_name("Dülmen"))
    assert hits.offer_ids() == ["off-a", "off-b", "off-c", "off-d"]
    assert hits.marked() == {"off-b": "synonym", "off-c": "spelling"}
    assert hits._built == {}  # nothing built yet
    assert len(hits) == 4
    assert hits[1] == SearchHit("off-b", 2.0, None, "synonym")
    assert list(hits._built) == [1]  # only the hit read


def test_hits_read_like_a_tuple_of_search_hits() -> None:
    dulmen = town_by_name("Dülmen")
    assert dulmen is not None
    hits = Hits(ROWS, dulmen)
    first, last = hits[0], hits[-1]
    assert first.distance_km is not None and first.distance_km == hits[2].distance_km
    assert last.match == "word" and last.offer_id == "off-d"
    assert hits[2].score == 0.0  # a row without a score
    assert tuple(hits) == (hits[0], hits[1], hits[2], hits[3])
    assert hits[1:3] == (hits[1], hits[2])
    assert hits == tuple(hits) and Hits([]) == ()
    assert all(hit.distance_km is None for hit in Hits(ROWS))  # no town chosen


def test_the_service_answers_with_lazy_hits(service: SearchService) -> None:
    result = service.search(SearchRequest("sprach", SearchFilters(town="Dülmen")))
    assert isinstance(result.hits, Hits) and result.hits
    assert result.offer_ids == [hit.offer_id for hit in result.hits]
    assert result.marked_matches() == {hit.offer_id: hit.match for hit in result.hits
                                       if hit.match != "word"}
    assert all(hit.distance_km is not None for hit in result.hits)
