"""What a counsellor types and filters, and which offers must (not) come back."""

from __future__ import annotations

import pytest

from coesfeld_desktop.search.query import SearchFilters, SearchRequest
from coesfeld_desktop.search.service import SearchService

F = SearchFilters

# (case id, text, filters, ids that must be found, ids that must not be found)
CASES: list[tuple[str, str, SearchFilters, set[str], set[str]]] = [
    ("umlaut", "Sprachförderung", F(), {"off-sprachfoerderung"}, {"off-inaktiv"}),
    ("oe spelled out", "foerderung", F(), {"off-sprachfoerderung"}, set()),
    ("umlaut in query", "förderung", F(), {"off-sprachfoerderung"}, set()),
    ("umlaut dropped", "Forderung", F(), {"off-sprachfoerderung"}, set()),
    ("sz spelled ss", "Strassenfussball", F(), {"off-fussball"}, set()),
    ("ss typed as sz", "Straße", F(), {"off-fussball"}, set()),
    ("compound part with sz", "fußball", F(), {"off-fussball"}, set()),
    ("prefix while typing", "spr", F(), {"off-sprachfoerderung", "off-sprachcafe"},
     {"off-schulden"}),
    ("compound head", "sprach", F(), {"off-sprachcafe", "off-sprachfoerderung"}, set()),
    ("compound tail", "cafe", F(), {"off-sprachcafe"}, {"off-schulden"}),
    ("compound tail with accent", "Café", F(), {"off-sprachcafe"}, set()),
    ("two words as typed", "sprach cafe", F(), {"off-sprachcafe"}, {"off-kita"}),
    ("compound tail beratung", "beratung", F(), {"off-erziehung", "off-schulden", "off-sucht"},
     {"off-fussball"}),
    ("typo one edit", "Hebame", F(), {"off-hebamme"}, set()),
    ("typo in longer word", "Schuldnerberatunf", F(), {"off-schulden"}, set()),
    ("split compound query", "Elternberatung", F(), {"off-erziehung"}, set()),
    ("synonym Kita", "Kita", F(), {"off-kita"}, {"off-schulden"}),
    ("synonym Kindergarten", "Kindergarten", F(), {"off-kita"}, set()),
    ("synonym Insolvenz", "Insolvenz", F(), {"off-schulden"}, set()),
    ("synonym Drogen", "Drogen", F(), {"off-sucht"}, set()),
    ("synonym phrase", "Deutsch lernen", F(), {"off-deutschkurs"}, set()),
    ("synonym Schwangerschaft", "Schwangerschaft", F(), {"off-hebamme"}, set()),
    ("English word", "midwife", F(), {"off-hebamme"}, set()),
    ("English word debt", "debt", F(), {"off-schulden"}, set()),
    ("Turkish word", "ebe", F(), {"off-hebamme"}, set()),
    ("Turkish with dotless i", "danışma", F(), {"off-hebamme"}, set()),
    ("Persian word", "کافه", F(), {"off-sprachcafe"}, set()),
    ("Arabic with Arabic kaf", "مقهى", F(), {"off-sprachcafe"}, set()),
    ("Russian word", "долгам", F(), {"off-schulden"}, set()),
    ("Ukrainian word", "кафе", F(), {"off-sprachcafe"}, set()),
    ("topic name", "Frühe Hilfen", F(), {"off-hebamme"}, set()),
    ("provider", "Caritasverband", F(), {"off-schulden", "off-sucht"}, {"off-hebamme"}),
    ("district", "Lette", F(), {"off-hebamme", "off-sprachfoerderung"}, set()),
    ("contact-free all words", "Sprechstunde Hebamme", F(), {"off-hebamme"}, set()),
    ("all words required", "Hebamme Schulden", F(), set(), {"off-hebamme", "off-schulden"}),
    ("inactive never", "eingestellt", F(), set(), {"off-inaktiv"}),
    # filters
    ("town", "", F(town="Coesfeld"), {"off-sprachfoerderung", "off-hebamme", "off-sucht"},
     {"off-sprachcafe", "off-kita"}),
    ("town spelled ue", "", F(town="Duelmen"), {"off-sprachcafe"}, {"off-hebamme"}),
    ("town with neighbours", "", F(town="Coesfeld", include_neighbours=True),
     {"off-sprachcafe", "off-hebamme", "off-krabbel", "off-erziehung"},
     {"off-schulden", "off-fussball"}),
    ("text and town", "eltern", F(town="Dülmen"), {"off-sprachcafe", "off-dulmen-treff"},
     {"off-erziehung"}),
    ("age inside range", "", F(age=4), {"off-sprachfoerderung", "off-kita", "off-sucht"},
     {"off-fussball", "off-krabbel"}),
    # the debt advice (18+, for families) is the parents': a child's age keeps it ...
    ("age keeps the parents' offers", "", F(age=4), {"off-schulden"}, set()),
    # ... unless the counsellor wants offers for the child only
    ("age for the child only", "", F(age=4, children_only=True),
     {"off-sprachfoerderung", "off-kita"}, {"off-schulden", "off-fussball", "off-krabbel"}),
    ("age open upper bound", "", F(age=40), {"off-schulden"}, {"off-kita"}),
    ("pregnancy", "", F(pregnancy=True), {"off-hebamme"}, {"off-kita", "off-sucht"}),
    ("free only", "beratung", F(free_only=True), {"off-schulden", "off-sucht"}, set()),
    ("free only excludes", "", F(free_only=True), {"off-sprachcafe"},
     {"off-kita", "off-sprachfoerderung"}),
    ("barrier-free", "", F(barrier_free_only=True), {"off-kita", "off-hebamme"},
     {"off-sprachcafe", "off-schulden"}),
    ("weekday", "", F(weekday="TU"), {"off-hebamme", "off-krabbel", "off-schulden"},
     {"off-sprachcafe", "off-deutschkurs", "off-sucht"}),
    ("weekday saturday", "", F(weekday="SA"), set(), {"off-hebamme", "off-kita"}),
    ("language", "", F(language="tr"), {"off-sprachfoerderung"}, {"off-sprachcafe"}),
    ("language Persian", "", F(language="fa"), {"off-sprachcafe"}, {"off-hebamme"}),
    ("topic", "", F(topic="language"), {"off-sprachfoerderung", "off-sprachcafe",
                                        "off-deutschkurs"}, {"off-hebamme"}),
    ("target group", "", F(target_group="young_people"), {"off-fussball", "off-erziehung"},
     {"off-kita"}),
    ("stage", "", F(stage="age_0_3"), {"off-kita", "off-krabbel", "off-hebamme"},
     {"off-fussball"}),
    ("filters combine", "", F(town="Coesfeld", free_only=True, pregnancy=True),
     {"off-hebamme"}, {"off-sucht", "off-sprachfoerderung"}),
]


@pytest.mark.parametrize(("text", "filters", "wanted", "unwanted"),
                         [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_search_case(service: SearchService, text: str, filters: SearchFilters,
                     wanted: set[str], unwanted: set[str]) -> None:
    result = service.search(SearchRequest(text, filters))
    found = set(result.offer_ids)
    assert wanted <= found, f"missing {wanted - found} for {text!r}"
    assert not unwanted & found, f"unexpected {unwanted & found} for {text!r}"
    assert result.total == len(result.hits)


def test_browse_without_text_lists_all_active_by_title(service: SearchService) -> None:
    result = service.search(SearchRequest(""))
    assert result.total == 11
    assert "off-inaktiv" not in result.offer_ids
    assert result.offer_ids[0] == "off-deutschkurs"  # "Deutschkurs ..." first
    assert result.offer_ids[-1] == "off-sucht"  # "Suchtberatung ..." last


def test_limit_caps_hits_but_not_total(service: SearchService) -> None:
    result = service.search(SearchRequest("", limit=3))
    assert len(result.hits) == 3
    assert result.total == 11
    text_result = service.search(SearchRequest("eltern", limit=1))
    assert len(text_result.hits) == 1
    assert text_result.total > 1


def test_title_ranks_above_summary(service: SearchService) -> None:
    # "Hebamme" is in the title of one offer and only in a summary elsewhere
    ids = service.search(SearchRequest("Hebammensprechstunde")).offer_ids
    assert ids[0] == "off-hebamme"
    ids = service.search(SearchRequest("Schuldnerberatung")).offer_ids
    assert ids[0] == "off-schulden"


def test_own_town_before_neighbours(service: SearchService) -> None:
    filters = F(town="Coesfeld", include_neighbours=True)
    result = service.search(SearchRequest("Sprachförderung", filters))
    # both mention Sprachförderung; Lette (Coesfeld) comes before Dülmen (neighbour)
    assert result.offer_ids.index("off-sprachfoerderung") < result.offer_ids.index(
        "off-dulmen-treff")


def test_hits_carry_distance_to_the_chosen_town(service: SearchService) -> None:
    result = service.search(SearchRequest("", F(town="Coesfeld", include_neighbours=True)))
    by_id = {hit.offer_id: hit for hit in result.hits}
    assert by_id["off-sucht"].distance_km == pytest.approx(0.0, abs=0.2)
    assert 10 < by_id["off-sprachcafe"].distance_km < 20  # Dülmen
    no_town = service.search(SearchRequest("sprach"))
    assert all(hit.distance_km is None for hit in no_town.hits)


def test_scores_descend(service: SearchService) -> None:
    scores = [hit.score for hit in service.search(SearchRequest("eltern")).hits]
    assert scores == sorted(scores, reverse=True)
    assert all(score > 0 for score in scores)
