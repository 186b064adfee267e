"""The cases a new user met on the demo directory (issue "Search a counsellor can trust"),
each as the counsellor expects it now. Real services, demo data, no mocks."""

from __future__ import annotations

from coesfeld_desktop.domain.offer import OfferSummary
from coesfeld_desktop.search.folding import fold
from coesfeld_desktop.search.query import SearchFilters, SearchRequest, SearchResult
from coesfeld_desktop.services import Services


def _search(services: Services, text: str, limit: int = 20, **filters: object
            ) -> SearchResult:
    return services.search.search(
        SearchRequest(text, SearchFilters(**filters), limit=limit))  # type: ignore[arg-type]


def _titles(services: Services, result: SearchResult) -> list[str]:
    return [row.title for row in services.directory.summaries(result.offer_ids)]


def _all_titles(services: Services) -> list[str]:
    return _titles(services, _search(services, "", limit=100_000))


def _with(services: Services, *parts: str) -> set[str]:
    """Ids of the offers whose German title contains one of ``parts`` (folded)."""
    result = _search(services, "", limit=100_000)
    titles = _titles(services, result)
    return {offer_id for offer_id, title in zip(result.offer_ids, titles, strict=True)
            if any(fold(part) in fold(title) for part in parts)}


def test_erziehungsberatung_lists_the_counselling_hours_first(services: Services) -> None:
    titles = _titles(services, _search(services, "Erziehungsberatung"))
    named = [i for i, title in enumerate(titles) if "Erziehungsberatung" in title]
    assert named and named == list(range(len(named))), titles[:10]


def test_kitas_are_kitas_not_reading_hours(services: Services) -> None:
    for text, filters in (("Kitas", {}), ("kita", {"town": "Dülmen", "age": 3})):
        titles = _titles(services, _search(services, text, **filters))
        assert titles and ("Kita" in titles[0] or "Kindertagesstätte" in titles[0]), titles
        reading = [i for i, t in enumerate(titles) if "Vorlesestunde" in t]
        kitas = [i for i, t in enumerate(titles) if t.startswith(("Kita", "Kindertagesst"))]
        assert not reading or min(reading) > max(kitas), titles


def test_plural_and_singular_find_the_same_midwives(services: Services) -> None:
    midwives = _with(services, "hebamm")
    for text in ("Hebamme", "Hebammen", "акушерка", "midwives", "ebe", "قابلة"):
        found = set(_search(services, text, limit=200).offer_ids)
        assert midwives <= found, (text, len(midwives - found))
    top = _search(services, "Hebammen", limit=len(midwives)).offer_ids
    assert set(top) == midwives


def test_inflected_forms_find_their_offers(services: Services) -> None:
    courses = _titles(services, _search(services, "Sprachkurse", limit=3))
    assert all("Migrationsberatung" not in title for title in courses), courses
    assert all(any(w in title for w in ("kurs", "Kurs")) for title in courses), courses
    debts = _with(services, "Schuldnerberatung", "Budgetberatung")
    for text in ("борги", "ديون", "debts", "borçlar", "долги"):
        found = set(_search(services, text, limit=100).offer_ids)
        assert debts <= found, text


def test_kindergarten_words_in_other_languages_find_kitas(services: Services) -> None:
    for text in ("Kindergartenplatz", "روضة", "детсад", "садочок", "anaokulu"):
        titles = _titles(services, _search(services, text, limit=5))
        assert titles and all(t.startswith(("Kita", "Kindertagesst")) for t in titles[:3]), (
            text, titles)
        assert all("Kita" in t or "Kindertagesst" in t for t in titles), (text, titles)


def test_a_real_word_is_never_answered_with_look_alikes(services: Services) -> None:
    for text, wrong in (("Gewalt", ("Vorlesestunde", "Bücherei")),
                        ("Frauenhaus", ("Deutschkurs für Frauen", "Jugendleiter")),
                        ("Obdachlos", ("Migrationsberatung", "Geflüchtete"))):
        result = _search(services, text)
        assert all(hit.match != "spelling" for hit in result.hits), text
        titles = _titles(services, result)
        assert not [t for t in titles if any(w in t for w in wrong)], (text, titles)
        assert result.crisis is not None and any(
            line.number == "116 016" for line in result.crisis.helplines), text


def test_a_typo_is_forgiven_and_says_so(services: Services) -> None:
    result = _search(services, "Schuldnerbertung")
    assert result.hits and {hit.match for hit in result.hits} == {"spelling"}
    assert "Schuldnerberatung" in result.spelling_variants  # as the offers write it
    related = _search(services, "Nachhilfe")
    kinds = [hit.match for hit in related.hits]  # Hausaufgabenhilfe: a related term
    assert "synonym" in kinds and kinds == sorted(kinds, key=("word", "synonym").index)


def test_a_real_compound_the_offers_spell_otherwise_finds_its_parts(services: Services
                                                                    ) -> None:
    # "Schuldenberatung" is a German word, so it is never "corrected"; its parts
    # "Schulden" and "Beratung" find the Schuldnerberatung, as the typed word
    debts = _with(services, "Schuldnerberatung")
    result = _search(services, "Schuldenberatung")
    assert debts and debts <= set(result.offer_ids)
    assert {hit.match for hit in result.hits} == {"word"}


def test_no_crisis_help_for_an_everyday_search(services: Services) -> None:
    assert _search(services, "Kita").crisis is None
    assert _search(services, "").crisis is None


def test_one_letter_shows_titles_beginning_with_it(services: Services) -> None:
    result = _search(services, "k")
    titles = _titles(services, result)
    assert len(titles) == 20, "one letter shows the best prefix matches, not nothing"
    assert all(fold(title).startswith("k") for title in titles[:10]), titles[:10]


def test_two_letters_rank_titles_starting_with_them_first(services: Services) -> None:
    titles = _titles(services, _search(services, "ki"))
    starting = [fold(t).startswith("ki") for t in titles]
    assert starting[0] and starting == sorted(starting, reverse=True), titles


def _summaries(services: Services, result: SearchResult) -> list[OfferSummary]:
    return services.directory.summaries(result.offer_ids)


def test_a_childs_age_keeps_the_offers_for_the_parents(services: Services) -> None:
    debts = _with(services, "Schuldnerberatung")
    result = _search(services, "Schuldnerberatung", age=3)
    assert debts and debts <= set(result.offer_ids)
    rows = _summaries(services, _search(services, "Deutschkurs", town="Dülmen", age=3))
    course = [row for row in rows if row.title == "Deutschkurs mit Kinderbetreuung"]
    assert course and all(row.for_parents for row in course)
    # ... unless the counsellor asks for offers for the child only
    assert not set(_search(services, "Schuldnerberatung", age=3, children_only=True).offer_ids
                   ) & debts
    only = _summaries(services, _search(services, "Deutschkurs", town="Dülmen", age=3,
                                        children_only=True))
    assert "Deutschkurs mit Kinderbetreuung" not in {row.title for row in only}


def test_the_age_still_means_the_child(services: Services) -> None:
    """An offer for children of another age stays out, even if parents are a target group."""
    rows = _summaries(services, _search(services, "", limit=100_000, age=3))
    assert rows
    for row in rows:
        fits = (row.min_age or 0) <= 3 and (row.max_age is None or row.max_age >= 3)
        assert fits or row.for_parents, (row.title, row.min_age, row.max_age)
    assert any(row.for_parents and (row.min_age or 0) > 3 for row in rows)
    titles = {row.title for row in rows}
    assert not any(title.startswith("Hausaufgabenhilfe") for title in titles)  # 6–10
