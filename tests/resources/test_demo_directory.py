"""The bundled demo directory: its shape, its content and that the generator reproduces it."""

from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from coesfeld_desktop.domain.towns import TOWN_NAMES, town_by_name
from coesfeld_desktop.domain.vocabulary import LIFE_PHASES, OFFER_LANGUAGES, TARGET_GROUPS
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.loader import replace_directory

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "resources" / "demo" / "directory.json"
GENERATOR = ROOT / "tools" / "build_demo_directory.py"

TOPICS = (
    "early_help", "family_centre", "parenting_advice", "pregnancy_advice", "daycare",
    "youth_centre", "school_social_work", "language_course", "language_cafe",
    "integration_advice", "youth_migration_service", "school_to_job", "debt_advice",
    "addiction_advice", "health", "disability", "sport", "culture", "volunteering",
)
TRANSLATION_LANGS = ("en", "tr", "ar", "fa", "uk", "ru")
ARABIC = re.compile(r"[\u0600-\u06FF]")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    with DEMO.open(encoding="utf-8") as handle:
        return json.load(handle)


@pytest.fixture(scope="module")
def locations(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {location["id"]: location for location in document["locations"]}


def _towns_of(offer: dict[str, Any], locations: dict[str, dict[str, Any]]) -> set[str]:
    return {locations[location_id]["town"] for location_id in offer["location_ids"]}


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
    assert len(offers) >= 300
    per_town = Counter(town for offer in offers for town in _towns_of(offer, locations))
    for town in TOWN_NAMES:
        assert per_town[town] >= 15, town
    assert 40 <= len(document["organizations"]) <= 60


def test_every_town_has_a_language_cafe_and_a_kita(
    document: dict[str, Any], locations: dict[str, dict[str, Any]]
) -> None:
    for town in TOWN_NAMES:
        titles = [offer["title"] for offer in document["offers"]
                  if town in _towns_of(offer, locations)]
        assert any("Sprachcafé" in title for title in titles), town
        assert any("Kita" in title or "Kindertagesstätte" in title for title in titles), town


def test_topics(document: dict[str, Any]) -> None:
    assert [topic["id"] for topic in document["topics"]] == list(TOPICS)
    for topic in document["topics"]:
        assert set(TRANSLATION_LANGS) <= set(topic["translations"]), topic["id"]
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


def test_offer_records(document: dict[str, Any], locations: dict[str, dict[str, Any]]) -> None:
    for offer in document["offers"]:
        oid = offer["id"]
        assert offer["contacts"] and offer["phones"] and offer["schedules"], oid
        assert offer["location_ids"], oid
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


def test_contact_details_are_fictional(document: dict[str, Any]) -> None:
    phones = [phone for org in document["organizations"] for phone in org["phones"]]
    emails = [org["email"] for org in document["organizations"]]
    for offer in document["offers"]:
        phones += offer["phones"]
        emails.append(offer["email"])
        for contact in offer["contacts"]:
            phones += contact["phones"]
            emails.append(contact["email"])
        assert offer["url"].startswith("https://example.org/"), offer["id"]
    for phone in phones:
        assert re.fullmatch(r"0\d{4} 000-\d{3,4}", phone["number"]), phone
    for email in emails:
        assert email.endswith("@example.org"), email


def test_translations(document: dict[str, Any]) -> None:
    flags = Counter()
    for offer in document["offers"]:
        translations = offer["translations"]
        for lang in TRANSLATION_LANGS:
            entry = translations[lang]
            assert entry["title"] and entry["summary"], (offer["id"], lang)
            flags["machine"] += entry["machine_translated"]
            flags["outdated"] += entry["outdated"]
            flags["all"] += 1
        assert translations["en"]["description"], offer["id"]
        for lang in ("ar", "fa"):
            assert ARABIC.search(translations[lang]["title"]), (offer["id"], lang)
            assert ARABIC.search(translations[lang]["summary"]), (offer["id"], lang)
        for lang in ("uk", "ru"):
            assert CYRILLIC.search(translations[lang]["title"]), (offer["id"], lang)
            assert CYRILLIC.search(translations[lang]["summary"]), (offer["id"], lang)
    assert 0.08 < flags["machine"] / flags["all"] < 0.25
    assert 0.01 < flags["outdated"] / flags["all"] < 0.10


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
        if {"debt_advice"} & set(topics):
            assert low == 18 and high is None, oid


def test_generator_reproduces_the_file(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("build_demo_directory", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    written = module.main(tmp_path / "directory.json")
    assert written.read_bytes() == DEMO.read_bytes()
