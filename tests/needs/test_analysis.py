"""Coverage from the directory and the town × stage analysis with its gaps."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from coesfeld_desktop.domain.stages import PARENT_GROUPS, offer_stages
from coesfeld_desktop.needs.analysis import Gap
from coesfeld_desktop.needs.categories import Period
from coesfeld_desktop.needs.coverage import DirectoryFacts, coverage, read_population
from coesfeld_desktop.needs.log import Anliegen
from coesfeld_desktop.needs.service import NeedsService
from coesfeld_desktop.search.query import SearchFilters, SearchRequest
from coesfeld_desktop.services import Services


def test_coverage_counts_what_the_search_finds(services: Services) -> None:
    needs = NeedsService(services.database, services.paths)
    grid = needs.analysis()
    kita = grid.cell("Dülmen", "kindergarten").offers
    in_town = services.search.search(SearchRequest(filters=SearchFilters(town="Dülmen"),
                                                   limit=1000))
    assert kita.offers > 0 and kita.offers == len(kita.offer_ids)
    assert set(kita.offer_ids) <= set(in_town.offer_ids)  # all of them in Dülmen
    for_four = services.search.search(SearchRequest(filters=SearchFilters(town="Dülmen", age=4),
                                                    limit=1000))
    assert set(for_four.offer_ids) & set(kita.offer_ids)
    assert sum(cell.offers.offers for cell in grid.cells.values()) > 0
    topic = next(iter(needs.topics()))
    narrowed = needs.analysis(topic=topic)
    assert all(narrowed.cell(t, s).offers.offers <= grid.cell(t, s).offers.offers
               for t, s in grid.cells)


def test_recorded_needs_and_gaps_in_the_grid(services: Services) -> None:
    day = dt.date(2026, 5, 4)
    needs = NeedsService(services.database, services.paths, today=lambda: day)
    topic = "school_to_job"  # a topic with offers in the cell: unreachable ones can be there
    assert topic in needs.topics()
    before = needs.analysis(topic=topic, language="ti")  # the demo's synthetic year, if any
    old = before.cell("Rosendahl", "school_to_job")
    for outcome, reason in (("no_offer", ""), ("unreachable", "cost"),
                            ("unreachable", "distance"), ("referred", ""), ("no_offer", ""),
                            ("no_offer", "")):
        needs.record(Anliegen((topic,), outcome, "Rosendahl", "school_to_job", "ti", reason))
    grid = needs.analysis(topic=topic, language="ti")
    cell = grid.cell("Rosendahl", "school_to_job")
    assert (cell.needs - old.needs, cell.no_offer - old.no_offer,
            cell.unreachable - old.unreachable) == (6, 3, 2)
    assert cell.reasons - old.reasons == {"cost": 1, "distance": 1}
    assert Gap.UNMET in cell.gaps and Gap.UNREACHABLE in cell.gaps
    assert grid.quarters["2026-Q2"] - before.quarters.get("2026-Q2", 0) == 6
    empty = [c for c in grid.cells.values() if c.offers.offers == 0]
    assert all(Gap.NO_OFFER in c.gaps for c in empty)


def test_demo_population_and_a_planners_file(services: Services, tmp_path: Path) -> None:
    needs = NeedsService(services.database, services.paths)
    figures, examples = needs.population()
    assert examples and figures[("Dülmen", "kindergarten")] > figures[("Olfen", "kindergarten")]
    grid = needs.analysis()
    cell = grid.cell("Dülmen", "kindergarten")
    assert cell.offers_per_thousand == pytest.approx(
        1000 * cell.offers.offers / figures[("Dülmen", "kindergarten")])
    own = tmp_path / "einwohner.csv"
    own.write_text("Ort,Stufe,Kinder\nOlfen,kindergarten,400\ndülmen,age_0_3,1.250\n",
                   encoding="utf-8")
    assert needs.import_population(own) == 2
    assert needs.population() == ({("Olfen", "kindergarten"): 400,
                                   ("Dülmen", "age_0_3"): 1250}, False)
    bad = tmp_path / "bad.csv"
    bad.write_text("town;stage;children\nMünster;kindergarten;3\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        read_population(bad)


def test_the_demo_shows_a_synthetic_year_that_is_never_sent(services: Services) -> None:
    day = dt.date(2026, 12, 3)
    needs = NeedsService(services.database, services.paths, today=lambda: day)
    assert needs.is_demo() and needs.log.count() == 0
    rows = needs.rows()
    assert len(rows) == 1500 and needs.rows() == rows  # deterministic
    assert {row.week for row in rows} <= {f"{y}-W{w:02d}" for y in (2025, 2026)
                                          for w in range(1, 54)}
    grid = needs.analysis()
    assert sum(cell.needs for cell in grid.cells.values()) > 1000
    assert any(Gap.UNMET in cell.gaps for cell in grid.cells.values())
    report = needs.report(Period.parse("2026"))
    assert report.examples and report.records > 0
    assert needs.log.rows() == []  # nothing synthetic is stored
    queued = needs.queue(Period.parse("2026"))
    assert b'"total\\": 0' in queued.read_bytes()  # only recorded needs are sent



def test_coverage_from_sets_of_offers_matches_a_count_offer_by_offer(
        services: Services) -> None:
    """Every cell for several topics and languages, counted the slow, obvious way: one offer
    at a time, its stages from domain.stages, its places, topics and languages read plainly."""
    with services.database.engine.connect() as connection:
        def grouped(sql: str) -> dict[str, set[str]]:
            found: dict[str, set[str]] = defaultdict(set)
            for offer_id, value in connection.exec_driver_sql(sql):
                found[offer_id].add(value)
            return found

        offers = list(connection.exec_driver_sql(
            "SELECT id, min_age, max_age, pregnancy, free FROM offer"))
        places = list(connection.exec_driver_sql(
            "SELECT s.offer_id, l.town, l.barrier_free FROM service_at_location s "
            "JOIN location l ON l.id = s.location_id"))
        phases = grouped("SELECT offer_id, code FROM offer_life_phase")
        groups = grouped("SELECT offer_id, code FROM offer_target_group")
        topics = grouped("SELECT offer_id, topic_id FROM offer_topic")
        languages = grouped("SELECT offer_id, language FROM offer_language")
    facts = DirectoryFacts(services.database)
    for topic in [None, *sorted({t for found in topics.values() for t in found})[:4]]:
        for language in (None, "ar", "tr"):
            counts: Counter[tuple[str, str, str]] = Counter()
            ids: dict[tuple[str, str], list[str]] = defaultdict(list)
            for offer_id, min_age, max_age, pregnancy, free in offers:
                if topic is not None and topic not in topics[offer_id]:
                    continue
                stages = offer_stages(min_age, max_age, bool(pregnancy), phases[offer_id],
                                      for_parents=bool(groups[offer_id] & PARENT_GROUPS))
                towns = {town for oid, town, _bf in places if oid == offer_id}
                accessible = {town for oid, town, bf in places if oid == offer_id and bf}
                for town in towns:
                    for stage in stages:
                        ids[(town, stage)].append(offer_id)
                        counts[(town, stage, "in_language")] += bool(
                            language and language in languages[offer_id])
                        counts[(town, stage, "free")] += bool(free)
                        counts[(town, stage, "barrier_free")] += town in accessible
            found = coverage(facts, topic, language).cells
            assert set(found) == set(ids), (topic, language)
            for (town, stage), cell in found.items():
                assert (cell.offers, cell.in_language, cell.free, cell.barrier_free,
                        sorted(cell.offer_ids)) == (
                    len(ids[(town, stage)]), counts[(town, stage, "in_language")],
                    counts[(town, stage, "free")], counts[(town, stage, "barrier_free")],
                    sorted(ids[(town, stage)])), (topic, language, town, stage)
