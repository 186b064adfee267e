"""The bundled demo directory: its shape, that it looks like the district, and that the
generator reproduces it.

The provider kinds and their allowed topics are read from the generator's readable table
(``tools/demo_data/providers.py``); what a kind may offer is checked here against the names
the directory shows, so a provider whose name reads as a sports club cannot run story time.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from coesfeld_desktop.domain.towns import TOWN_NAMES, town_by_name
from coesfeld_desktop.domain.vocabulary import LIFE_PHASES, OFFER_LANGUAGES, TARGET_GROUPS
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.loader import replace_directory

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "resources" / "demo" / "directory.json"
README = ROOT / "resources" / "demo" / "README.md"
GENERATOR = ROOT / "tools" / "build_demo_directory.py"

TOPICS = (
    "early_help", "family_centre", "parenting_advice", "pregnancy_advice", "daycare",
    "youth_centre", "school_social_work", "language_course", "language_cafe",
    "integration_advice", "youth_migration_service", "school_to_job", "debt_advice",
    "addiction_advice", "health", "disability", "sport", "culture", "volunteering",
    "learning", "guides", "financial_support", "child_protection", "violence_protection",
    "crisis",
)
PHRASE_LANGS = ("en", "tr", "ar", "fa", "uk", "ru")
HANDOUT_LANGS = ("en", "tr", "ar", "fa", "uk", "ru", "pl", "ro", "ku", "ti", "de-x-easy")
# The national helplines: real, public, free numbers (and only these may be real).
HELPLINE_NUMBERS = {
    "116 016", "116 111", "0800 111 0 550", "0800 111 0 111", "0800 111 0 222",
    "0800 22 55 530", "0800 40 40 020",
}
HELPLINE_SITES = {
    None, "https://www.hilfetelefon.de", "https://www.nummergegenkummer.de",
    "https://www.telefonseelsorge.de", "https://www.geburt-vertraulich.de",
}
# German subscriber numbers never start with 0 (a leading 0 dials the trunk prefix), so an
# area code followed by the block 000 cannot reach anybody.
FICTIONAL_PHONE = re.compile(r"0\d{4} 000-\d{3,4}")
ARABIC = re.compile(r"[\u0600-\u06FF]")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
ETHIOPIC = re.compile(r"[\u1200-\u137F]")
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_demo_directory", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    with DEMO.open(encoding="utf-8") as handle:
        return json.load(handle)


@pytest.fixture(scope="module")
def locations(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {location["id"]: location for location in document["locations"]}


@pytest.fixture(scope="module")
def orgs(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {org["id"]: org for org in document["organizations"]}


@pytest.fixture(scope="module")
def kinds(generator: ModuleType, orgs: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Provider id -> the kind its name shows."""
    return {org_id: generator.kind_of(org["name"]) for org_id, org in orgs.items()}


def _towns_of(offer: dict[str, Any], locations: dict[str, dict[str, Any]]) -> set[str]:
    return {locations[location_id]["town"] for location_id in offer["location_ids"]}


def _local(document: dict[str, Any], kinds: dict[str, str]) -> Iterator[dict[str, Any]]:
    """Offers of the district's own providers (not the national helplines)."""
    return (offer for offer in document["offers"]
            if kinds[offer["organization_id"]] != "helpline")


def test_header(document: dict[str, Any]) -> None:
    assert document["format"] == "angebotslotse-directory"
    assert document["format_version"] == 1
    assert document["directory_id"] == "kreis-coesfeld-demo"
    assert document["title"] == "Angebotsverzeichnis Kreis Coesfeld (Demodaten)"
    assert document["published_at"] == "2026-11-20T08:00:00Z"
    assert document["sequence"] == 1
    assert document["is_demo"] is True
    assert document["source_language"] == "de"


def test_size_and_towns(document: dict[str, Any], locations: dict[str, dict[str, Any]]) -> None:
    offers = document["offers"]
    assert 450 <= len(offers) <= 800
    per_town = Counter(town for offer in offers for town in _towns_of(offer, locations))
    for town in TOWN_NAMES:
        assert per_town[town] >= 40, town
    assert 100 <= len(document["organizations"]) <= 220
    assert all(re.fullmatch(r"off-[a-z]+-\d{4}", offer["id"]) for offer in offers)


def test_counts_follow_the_population(generator: ModuleType, document: dict[str, Any],
                                      locations: dict[str, dict[str, Any]]) -> None:
    per_town = Counter(town for offer in document["offers"]
                       for town in _towns_of(offer, locations))
    ranked = [town for town, _ in per_town.most_common()]
    assert set(ranked[:2]) == {"Dülmen", "Coesfeld"}, per_town
    assert set(ranked[-2:]) == {"Rosendahl", "Nordkirchen"}, per_town
    population = generator.providers.POPULATION
    by_people = sorted(TOWN_NAMES, key=population.__getitem__)
    by_offers = sorted(TOWN_NAMES, key=per_town.__getitem__)
    n = len(TOWN_NAMES)
    squares = sum((by_people.index(town) - by_offers.index(town)) ** 2 for town in TOWN_NAMES)
    spearman = 1 - 6 * squares / (n * (n * n - 1))
    assert spearman >= 0.85, (spearman, per_town)


def test_every_provider_shows_its_kind_and_offers_only_what_fits(
        generator: ModuleType, document: dict[str, Any], kinds: dict[str, str]) -> None:
    allowed = {kind: topics for kind, (topics, _) in generator.providers.KINDS.items()}
    for offer in document["offers"]:
        kind = kinds[offer["organization_id"]]
        assert set(offer["topics"]) <= allowed[kind], (offer["id"], offer["title"], kind)
    present = Counter(kinds.values())
    for kind in allowed:
        assert present[kind], f"no provider of kind {kind}"


def test_the_old_mismatches_are_gone(document: dict[str, Any], kinds: dict[str, str]) -> None:
    for offer in document["offers"]:
        kind, title = kinds[offer["organization_id"]], offer["title"]
        if kind == "sports_club":
            assert "sport" in offer["topics"], title
            assert not re.search(r"Musik|Vorlese|Bücherei|Beratung", title), title
        if kind == "music_school":
            assert offer["topics"] == ["culture"], title
        if kind in ("library", "music_school", "midwife", "kita_provider"):
            assert "sport" not in offer["topics"], title
        if re.search(r"Vorlese|Bücherei|Lesestart", title):
            assert kind == "library", title
        if re.search(r"Hebamme", title) and "Familienhebamme" not in title:
            assert kind in ("midwife", "kita_provider"), title


def test_public_bodies_and_welfare_providers(document: dict[str, Any], orgs: dict[str, Any],
                                             kinds: dict[str, str]) -> None:
    names = {org["name"] for org in orgs.values()}
    for expected in ("Kreisjugendamt Coesfeld (Beispiel)",
                     "Jugendamt der Stadt Coesfeld (Beispiel)",
                     "Jugendamt der Stadt Dülmen (Beispiel)",
                     "Jobcenter Kreis Coesfeld (Beispiel)",
                     "Gesundheitsamt Kreis Coesfeld (Beispiel)",
                     "Kommunales Integrationszentrum Kreis Coesfeld (Beispiel)",
                     "Schulpsychologische Beratungsstelle Kreis Coesfeld (Beispiel)"):
        assert expected in names
    for org_id, kind in kinds.items():
        if kind in ("youth_office", "jobcenter", "health_office", "integration_centre",
                    "school_psychology", "welfare"):
            assert "(Beispiel)" in orgs[org_id]["name"], orgs[org_id]["name"]
    welfare_topics = {topic for offer in document["offers"]
                      if kinds[offer["organization_id"]] == "welfare"
                      for topic in offer["topics"]}
    assert {"parenting_advice", "pregnancy_advice", "debt_advice", "addiction_advice",
            "integration_advice", "violence_protection"} <= welfare_topics


def test_each_town_has_its_own_youth_office(document: dict[str, Any],
                                            locations: dict[str, dict[str, Any]],
                                            orgs: dict[str, Any],
                                            kinds: dict[str, str]) -> None:
    responsible = {town: "Kreisjugendamt Coesfeld (Beispiel)" for town in TOWN_NAMES}
    responsible["Coesfeld"] = "Jugendamt der Stadt Coesfeld (Beispiel)"
    responsible["Dülmen"] = "Jugendamt der Stadt Dülmen (Beispiel)"
    seen: dict[str, set[str]] = {town: set() for town in TOWN_NAMES}
    for offer in document["offers"]:
        org = orgs[offer["organization_id"]]
        if kinds[org["id"]] != "youth_office":
            continue
        for town in _towns_of(offer, locations):
            assert org["name"] == responsible[town], (offer["title"], town)
            seen[town].update(offer["topics"])
    for town, topics in seen.items():
        assert {"child_protection", "parenting_advice", "early_help"} <= topics, town


def test_crisis_offers_reach_every_town(document: dict[str, Any],
                                        locations: dict[str, dict[str, Any]],
                                        kinds: dict[str, str]) -> None:
    for town in TOWN_NAMES:
        topics = {topic for offer in _local(document, kinds)
                  if town in _towns_of(offer, locations) for topic in offer["topics"]}
        assert {"violence_protection", "child_protection", "crisis"} <= topics, town
    emergency = [offer for offer in document["offers"] if "Notdienst" in offer["title"]]
    assert len(emergency) == 3  # one per youth office
    for offer in emergency:
        assert "(Beispielnummer)" in offer["title"]
        assert all(FICTIONAL_PHONE.fullmatch(phone["number"]) for phone in offer["phones"])
    shelter = [offer for offer in document["offers"] if "Frauenhaus" in offer["title"]]
    assert shelter and all("(Beispiel)" in offer["title"] for offer in shelter)
    assert all(locations[i]["street"] is None for o in shelter for i in o["location_ids"])


def test_the_national_helplines_are_their_own_offers(
        document: dict[str, Any], orgs: dict[str, Any], kinds: dict[str, str],
        locations: dict[str, dict[str, Any]]) -> None:
    helplines = [offer for offer in document["offers"]
                 if kinds[offer["organization_id"]] == "helpline"]
    numbers = {phone["number"] for offer in helplines for phone in offer["phones"]}
    assert numbers == HELPLINE_NUMBERS
    for offer in helplines:
        assert "Echte, öffentliche Nummer" in offer["description"], offer["title"]
        assert any(phone["number"] in offer["title"] for phone in offer["phones"])
        assert offer["free"] and not offer["contacts"] and offer["email"] is None
        assert offer["url"] in HELPLINE_SITES
        assert _towns_of(offer, locations) == set(TOWN_NAMES)
        assert "(bundesweit)" in orgs[offer["organization_id"]]["name"]


def test_contact_details_are_fictional(document: dict[str, Any],
                                       kinds: dict[str, str]) -> None:
    """Only the national helplines are real; every other number, mail and site reaches nobody."""
    for org in document["organizations"]:
        real = kinds[org["id"]] == "helpline"
        for phone in org["phones"]:
            assert (phone["number"] in HELPLINE_NUMBERS if real
                    else FICTIONAL_PHONE.fullmatch(phone["number"])), phone
        if real:
            assert org["email"] is None and org["website"] in HELPLINE_SITES
        else:
            assert re.fullmatch(r"[a-z0-9.-]+@([a-z0-9-]+\.)?example\.org", org["email"])
            assert org["website"].startswith("https://example.org/"), org["website"]
    for offer in _local(document, kinds):
        assert offer["url"].startswith("https://example.org/"), offer["id"]
        assert re.fullmatch(r"[a-z0-9._-]+@example\.org", offer["email"]), offer["email"]
        phones = list(offer["phones"])
        for contact in offer["contacts"]:
            phones += contact["phones"]
            assert contact["email"].endswith("@example.org"), contact
        for phone in phones:
            assert FICTIONAL_PHONE.fullmatch(phone["number"]), phone


def test_every_town_and_every_stage_has_offers(document: dict[str, Any],
                                               locations: dict[str, dict[str, Any]],
                                               kinds: dict[str, str]) -> None:
    """Along the prevention chain (pregnancy … 21–27), in each town, without the helplines."""
    for town in TOWN_NAMES:
        phases = Counter(phase for offer in _local(document, kinds)
                         if town in _towns_of(offer, locations)
                         for phase in offer["life_phases"])
        for phase in LIFE_PHASES:
            assert phases[phase] >= 2, (town, phase)


def test_the_districts_programmes_are_recognisable(document: dict[str, Any]) -> None:
    titles = [offer["title"] for offer in document["offers"]]
    for fragment in ("Frühe Hilfen", "Babylotsen", "Kita-Einstieg", "Jugendmigrationsdienst",
                     "Case Management", "Integrationslotsen", "Familienpatenschaften",
                     "Ausbildungspaten", "Berufsorientierung", "Bewerbungstraining",
                     "Ausbildungsberatung", "Anerkennung ausländischer Abschlüsse",
                     "Kita-Lotsin", "Familienhebamme", "Schulpsychologische Beratung"):
        found = [title for title in titles if fragment in title]
        if fragment == "Frühe Hilfen":
            found = [o["title"] for o in document["offers"] if "early_help" in o["topics"]]
        assert found, fragment
    guides = [offer for offer in document["offers"] if "guides" in offer["topics"]]
    assert guides
    for offer in guides:
        assert re.search(r"[Ll]ots|[Pp]at(e|in|schaft)|Case Management", offer["title"]), \
            offer["title"]


def test_every_town_has_a_language_cafe_and_a_kita(
        document: dict[str, Any], locations: dict[str, dict[str, Any]]) -> None:
    for town in TOWN_NAMES:
        titles = [offer["title"] for offer in document["offers"]
                  if town in _towns_of(offer, locations)]
        assert any("Sprachcafé" in title for title in titles), town
        assert any("Kita" in title or "Kindertagesstätte" in title for title in titles), town


def test_the_gaps_are_deliberate_and_documented(
        generator: ModuleType, document: dict[str, Any],
        locations: dict[str, dict[str, Any]]) -> None:
    readme = README.read_text(encoding="utf-8")
    assert len(generator.GAPS) >= 3
    for town, topic, language in generator.GAPS:
        def fits(offer: dict[str, Any], topic: str = topic, language: str | None = language
                 ) -> bool:
            return topic in offer["topics"] and (language is None
                                                 or language in offer["languages"])
        here = [o["id"] for o in document["offers"]
                if town in _towns_of(o, locations) and fits(o)]
        elsewhere = [o["id"] for o in document["offers"]
                     if town not in _towns_of(o, locations) and fits(o)]
        assert not here, (town, topic, language, here)
        assert elsewhere, (town, topic, language)  # a gap, not an absence everywhere
        assert town in readme and f"`{topic}`" in readme, (town, topic)


def test_topics(document: dict[str, Any]) -> None:
    assert [topic["id"] for topic in document["topics"]] == list(TOPICS)
    for topic in document["topics"]:
        assert set(PHRASE_LANGS) <= set(topic["translations"]), topic["id"]
    used = {topic for offer in document["offers"] for topic in offer["topics"]}
    assert used == set(TOPICS)


def test_loads_into_the_store(document: dict[str, Any], tmp_path: Path) -> None:
    db = Database(tmp_path / "db.sqlite3")
    with db.engine.begin() as connection:
        loaded = replace_directory(connection, document)
    assert loaded == len(document["offers"])


def test_locations_are_real_places(document: dict[str, Any]) -> None:
    for location in document["locations"]:
        town = town_by_name(location["town"])
        assert town is not None and town.name == location["town"]
        assert location["postcode"] in town.postcodes
        assert location["district"] in town.districts
        assert abs(location["latitude"] - town.latitude) < 0.02
        assert abs(location["longitude"] - town.longitude) < 0.03
        assert location["accessibility"], location["id"]


def test_offer_records(document: dict[str, Any], locations: dict[str, dict[str, Any]],
                       kinds: dict[str, str]) -> None:
    for offer in document["offers"]:
        oid = offer["id"]
        helpline = kinds[offer["organization_id"]] == "helpline"
        assert offer["phones"] and offer["schedules"] and offer["location_ids"], oid
        assert helpline or offer["contacts"], oid
        assert offer["languages"][0] == "de", oid
        assert set(offer["languages"]) <= set(OFFER_LANGUAGES), oid
        assert set(offer["target_groups"]) <= set(TARGET_GROUPS), oid
        assert set(offer["life_phases"]) <= set(LIFE_PHASES), oid
        for location_id in offer["location_ids"]:
            assert locations[location_id]["organization_id"] == offer["organization_id"], oid
        for schedule in offer["schedules"]:
            assert TIME.match(schedule["opens_at"]) and TIME.match(schedule["closes_at"]), oid
            assert schedule["opens_at"] < schedule["closes_at"], oid
        if offer["free"]:
            assert offer["cost"] == "kostenlos" and not offer["cost_options"], oid
        else:
            assert offer["cost"] and len(offer["cost_options"]) == 1, oid
        assert "2025-06-01" <= offer["assured_date"] <= "2026-11-15", oid


def test_translations(document: dict[str, Any]) -> None:
    flags: Counter[str] = Counter()
    for offer in document["offers"]:
        translations = offer["translations"]
        assert set(translations) == set(HANDOUT_LANGS), (offer["id"], offer["title"])
        for lang, entry in translations.items():
            assert entry["title"] and entry["summary"], (offer["id"], lang)
            assert entry["title"] != offer["title"] or lang == "de-x-easy", (offer["id"], lang)
            flags["machine"] += entry["machine_translated"]
            flags["outdated"] += entry["outdated"]
            flags["all"] += 1
            flags[f"machine {lang}"] += entry["machine_translated"]
        assert translations["en"]["description"], offer["id"]
        for lang, script in (("ar", ARABIC), ("fa", ARABIC), ("uk", CYRILLIC),
                             ("ru", CYRILLIC), ("ti", ETHIOPIC)):
            assert script.search(translations[lang]["title"]), (offer["id"], lang)
            assert script.search(translations[lang]["summary"]), (offer["id"], lang)
        for sentence in re.split(r"(?<=[.?!:])\s+", translations["de-x-easy"]["summary"]):
            assert len(sentence.split()) <= 14, (offer["id"], sentence)
    assert 0.08 < flags["machine"] / flags["all"] < 0.25
    assert 0.01 < flags["outdated"] / flags["all"] < 0.10
    assert flags["machine de-x-easy"] == 0  # Leichte Sprache is written by people
    assert flags["machine ti"] > flags["machine en"]


def test_costs_times_and_access_speak_every_handout_language(document: dict[str, Any]) -> None:
    for offer in document["offers"]:
        for lang in HANDOUT_LANGS:
            entry = offer["translations"][lang]
            assert entry["cost"] and entry["application_process"], (offer["id"], lang)
        for schedule in offer["schedules"]:
            if schedule["description"]:
                assert set(schedule["translations"]) == set(HANDOUT_LANGS), schedule["id"]
    for location in document["locations"]:
        for item in location["accessibility"]:
            assert set(item["translations"]) == set(HANDOUT_LANGS), item["id"]


def test_women_only_offers_have_women_as_contacts(generator: ModuleType,
                                                   document: dict[str, Any]) -> None:
    women = generator.names.WOMEN
    checked = 0
    for offer in document["offers"]:
        if re.search(r"Frauen(haus|beratung)|Hebamme|Mädchen|Stillcafé|Babylotsen|für Frauen",
                     offer["title"]):
            checked += 1
            for contact in offer["contacts"]:
                assert contact["name"].split()[0] in women, (offer["title"], contact["name"])
    assert checked >= 30


def test_ages_fit_the_topics(document: dict[str, Any]) -> None:
    for offer in document["offers"]:
        oid, low, high, topics = offer["id"], offer["min_age"], offer["max_age"], offer["topics"]
        if low is not None and high is not None:
            assert low <= high, oid
        if "pregnancy_advice" in topics:
            assert offer["pregnancy"] is True and low is None and high in (0, None), oid
        if "daycare" in topics:
            assert low is not None and low >= 0 and high is not None and high <= 6, oid
        if "youth_centre" in topics:
            assert low is not None and low >= 6 and high is not None and high <= 27, oid
        if "school_to_job" in topics:
            assert low is not None and low >= 14 and high is not None and high <= 25, oid
        if "debt_advice" in topics:
            assert low == 18 and high is None, oid


def test_generator_reproduces_the_file(generator: ModuleType, tmp_path: Path) -> None:
    written = generator.main(tmp_path / "directory.json")
    assert written.read_bytes() == DEMO.read_bytes()
