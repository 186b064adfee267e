"""The demo directory as a counsellor in Dülmen meets it: the window's first searches.

Through the real search service on the bundled demo directory, town filter Dülmen (as the
window sends it). The first screen must show offers a counsellor recognises for the word;
the checks name kinds of offers (topics, providers, titles), not fixed ids or positions
beyond "among the first few", so ranking work elsewhere may reorder within them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from coesfeld_desktop.paths import resource_dir
from coesfeld_desktop.search.query import SearchFilters, SearchRequest
from coesfeld_desktop.search.service import SearchService
from coesfeld_desktop.store.database import Database
from tests.search.conftest import load

DEMO = resource_dir() / "demo" / "directory.json"
FIRST_SCREEN = 5
CRISIS_TOPICS = {"violence_protection", "child_protection", "crisis"}


@pytest.fixture(scope="module")
def demo() -> dict[str, Any]:
    return json.loads(DEMO.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def service(demo: dict[str, Any]) -> Iterator[SearchService]:
    database = Database(":memory:")
    load(database, demo)
    yield SearchService(database)
    database.close()


@pytest.fixture(scope="module")
def offers(demo: dict[str, Any]) -> dict[str, dict[str, Any]]:
    providers = {org["id"]: org["name"] for org in demo["organizations"]}
    return {offer["id"]: {**offer, "_provider": providers[offer["organization_id"]]}
            for offer in demo["offers"]}


def _in_duelmen(service: SearchService, offers: dict[str, dict[str, Any]],
                text: str) -> list[dict[str, Any]]:
    result = service.search(SearchRequest(text, SearchFilters(town="Dülmen")))
    return [offers[offer_id] for offer_id in result.offer_ids]


def test_gewalt_shows_protection_helplines_and_the_districts_contacts(
        service: SearchService, offers: dict[str, dict[str, Any]]) -> None:
    found = _in_duelmen(service, offers, "Gewalt")
    first = found[:FIRST_SCREEN]
    for offer in first:
        assert CRISIS_TOPICS & set(offer["topics"]), offer["title"]
    titles = [offer["title"] for offer in found[:10]]
    assert any("116 016" in title for title in titles), titles
    assert any("Frauenberatungsstelle" in t or "Frauenhaus" in t for t in titles), titles
    assert any(offer["_provider"] == "Jugendamt der Stadt Dülmen (Beispiel)"
               and "child_protection" in offer["topics"] for offer in found[:10]), titles


def test_jugendamt_shows_duelmens_own_youth_office(
        service: SearchService, offers: dict[str, dict[str, Any]]) -> None:
    found = _in_duelmen(service, offers, "Jugendamt")
    providers = [offer["_provider"] for offer in found[:3]]
    assert providers == ["Jugendamt der Stadt Dülmen (Beispiel)"] * 3, providers
    assert not any(offer["_provider"].startswith("Kreisjugendamt") for offer in found)
    titles = " | ".join(offer["title"] for offer in found[:FIRST_SCREEN])
    assert "Allgemeiner Sozialer Dienst" in titles and "Kinderschutz" in titles, titles


def test_babylotse_shows_the_baby_guides_of_the_maternity_clinic(
        service: SearchService, offers: dict[str, dict[str, Any]]) -> None:
    found = _in_duelmen(service, offers, "Babylotse")
    assert found[0]["title"] == "Babylotsen in der Geburtsklinik Dülmen"
    for offer in found[:FIRST_SCREEN]:
        assert "early_help" in offer["topics"] or "pregnancy" in offer["life_phases"], \
            offer["title"]


def test_ausbildung_shows_the_way_from_school_to_work(
        service: SearchService, offers: dict[str, dict[str, Any]]) -> None:
    found = _in_duelmen(service, offers, "Ausbildung")
    # "Jugendleiter-Ausbildung" (Juleica) is an Ausbildung too, but not the one meant here:
    # it may appear on the first screen, never before the way into a trade
    for offer in found[:3]:
        assert "school_to_job" in offer["topics"], offer["title"]
    meant = [offer for offer in found[:FIRST_SCREEN] if "school_to_job" in offer["topics"]]
    assert len(meant) >= FIRST_SCREEN - 1, [offer["title"] for offer in found[:FIRST_SCREEN]]
    providers = {offer["_provider"] for offer in found[:10]}
    assert "Jobcenter Kreis Coesfeld (Beispiel)" in providers, providers
    titles = " | ".join(offer["title"] for offer in found[:10])
    for expected in ("Bewerbungstraining", "Ausbildungsberatung", "Berufsorientierung"):
        assert expected in titles, titles
