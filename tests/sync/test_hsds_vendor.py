"""``import-hsds`` with data as vendors deliver it (issue 20, 11-17): a hand-written German
corpus in ``tests/fixtures/hsds-3.0/vendor`` (semicolon CSV in cp1252 with upper-case
headers, paged JSON with a byte order mark, ``deu`` codes, "Mo,Do", "9:30", child records
without ids, a record too long, a duplicate id) and the official HSDS 3.0 examples."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from coesfeld_desktop.commands.publish import main as publish_main
from coesfeld_desktop.commands.publish import report_path
from coesfeld_desktop.paths import AppPaths
from coesfeld_desktop.search.query import SearchFilters, SearchRequest
from coesfeld_desktop.search.service import SearchService
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.sync.hsds_import import HsdsImportError, import_hsds, language_code
from coesfeld_desktop.sync.publisher import read_export_document
from coesfeld_desktop.sync.service import SyncService
from coesfeld_desktop.sync.signing import load_public_keys

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "hsds-3.0"
VENDOR = FIXTURES / "vendor"


@pytest.fixture
def keys(tmp_path: Path) -> Path:
    assert publish_main(["keygen", "--out", str(tmp_path / "keys" / "kreis")]) == 0
    return tmp_path / "keys" / "kreis"


def _offers(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {offer["id"]: offer for offer in document["offers"]}


def test_an_excel_csv_package_is_imported_with_a_report(
        keys: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    export = tmp_path / "export.zip"
    assert publish_main(["import-hsds", str(VENDOR / "csv-excel"), "--key", f"{keys}.key",
                         "--out", str(export), "--directory-id", "kreis-coesfeld"]) == 0
    err = capsys.readouterr().err
    report = report_path(export).read_text(encoding="utf-8")
    for expected in ("svc-3 (services.csv:4): a service without a name",
                     "svc-4 \"Zu lange Beschreibung\" (services.csv:5)",
                     "svc-1 \"Doppelte Kennung\" (services.csv:6): the same service id",
                     "svc-5 \"Angebot eines Trägers mit zu langem Namen\" (services.csv:7)",
                     "language 'Zwergisch' could not be read",
                     "closing time 'nach Vereinbarung' could not be read"):
        assert expected in report
        assert expected in err
    offers = _offers(read_export_document(export))
    assert set(offers) == {"svc-1", "svc-2", "svc-6"}  # the rest was skipped whole
    counselling = offers["svc-6"]
    assert counselling["title"] == "Erziehungsberatung Dülmen"
    assert counselling["free"] is True and offers["svc-2"]["free"] is False
    assert counselling["languages"] == ["de", "ar"]
    schedule = counselling["schedules"][0]
    assert (schedule["byday"], schedule["opens_at"], schedule["closes_at"]) == (
        "MO,TH", "09:30", "12:00")
    phone = counselling["phones"][0]
    assert phone["number"] == "02594 123456"  # not cut mid-number
    assert "Anrufbeantworter" in phone["description"]
    cafe = offers["svc-1"]
    assert cafe["languages"] == ["de", "tr"] and cafe["min_age"] == 6
    assert cafe["assured_date"] == "2025-02-01"
    assert cafe["schedules"][0]["byday"] == "TU" and cafe["schedules"][0]["opens_at"] == "15:00"
    assert offers["svc-2"]["schedules"][0]["byday"] == "TU,WE,TH,FR"
    document = read_export_document(export)
    towns = {loc["id"]: (loc["name"], loc["town"], loc["latitude"])
             for loc in document["locations"]}
    assert towns["loc-2"] == ("Beratungsstelle Dülmen", "Dülmen", 51.83)  # cp1252 read right
    assert not any(o["title"] == o["id"] for o in offers.values())


def test_a_synced_vendor_import_is_found_with_its_filters(keys: Path, tmp_path: Path) -> None:
    export = tmp_path / "export.zip"
    assert publish_main(["import-hsds", str(VENDOR / "csv-excel"), "--key", f"{keys}.key",
                         "--out", str(export), "--directory-id", "kreis-coesfeld"]) == 0
    paths = AppPaths(tmp_path / "home").ensure()
    database = Database(paths.database)
    try:
        assert SyncService(database, paths, load_public_keys([keys.parent])).sync(
            str(export)).applied
        search = SearchService(database)
        free = search.search(SearchRequest(filters=SearchFilters(free_only=True)))
        assert {"svc-1", "svc-6"} <= set(free.offer_ids) and "svc-2" not in free.offer_ids
        arabic = search.search(SearchRequest(filters=SearchFilters(language="ar")))
        assert arabic.offer_ids == ["svc-6"]
        thursday = search.search(SearchRequest(filters=SearchFilters(weekday="TH")))
        assert "svc-6" in thursday.offer_ids
    finally:
        database.close()


def test_strict_refuses_the_import_and_writes_nothing(
        keys: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    export = tmp_path / "export.zip"
    assert publish_main(["import-hsds", str(VENDOR / "csv-excel"), "--key", f"{keys}.key",
                         "--out", str(export), "--directory-id", "kreis", "--strict"]) == 1
    assert "--strict" in capsys.readouterr().err
    assert not export.exists()


def test_paged_json_with_a_byte_order_mark_is_read_page_by_page(tmp_path: Path) -> None:
    folder = import_hsds(VENDOR / "json-pages", "kreis", "Kreis")
    offers = _offers(folder.document)
    assert set(offers) == {"json-svc-1", "json-svc-2", "json-svc-3"}
    assert all(o["languages"] == ["de", "ar"] for o in offers.values())
    assert all(o["location_ids"] == ["json-loc"] for o in offers.values())  # by location_id
    assert folder.document["locations"][0]["town"] == "Nottuln"
    assert offers["json-svc-1"]["schedules"][0]["byday"] == "MO"
    first_page = import_hsds(VENDOR / "json-pages" / "services-page-1.json", "kreis", "Kreis")
    assert len(first_page.document["offers"]) == 3  # the other page was followed
    lonely = tmp_path / "lonely"
    lonely.mkdir()
    shutil.copy(VENDOR / "json-pages" / "services-page-1.json", lonely)
    with pytest.raises(HsdsImportError, match=r"missing pages \[2\]"):
        import_hsds(lonely / "services-page-1.json", "kreis", "Kreis")


@pytest.mark.parametrize("name", ["organization_list.json", "location.json", "taxonomy.json",
                                  "taxonomy_term.json"])
def test_json_without_services_is_refused(name: str, keys: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert publish_main(["import-hsds", str(FIXTURES / name), "--key", f"{keys}.key",
                         "--out", str(tmp_path / "x.zip"), "--directory-id", "kreis"]) == 1
    assert "no HSDS services found" in capsys.readouterr().err
    assert not (tmp_path / "x.zip").exists()


def test_the_directory_id_is_needed_once_then_remembered(
        keys: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = str(VENDOR / "json-pages")
    assert publish_main(["import-hsds", source, "--key", f"{keys}.key",
                         "--out", str(tmp_path / "a.zip")]) == 1
    assert "--directory-id is required" in capsys.readouterr().err
    assert publish_main(["import-hsds", source, "--key", f"{keys}.key", "--directory-id",
                         "kreis-coesfeld", "--out", str(tmp_path / "b.zip")]) == 0
    assert publish_main(["import-hsds", source, "--key", f"{keys}.key",
                         "--out", str(tmp_path / "c.zip")]) == 0
    second = read_export_document(tmp_path / "c.zip")
    assert (second["directory_id"], second["sequence"]) == ("kreis-coesfeld", 2)


def test_schedules_beyond_weekly_and_more_service_fields_are_kept(keys: Path,
                                                                   tmp_path: Path) -> None:
    """The official example's "Thu/Fri in weeks 41-42 of 2005" stays that, in the export."""
    export = tmp_path / "export.zip"
    assert publish_main(["import-hsds", str(FIXTURES / "service_full.json"), "--key",
                         f"{keys}.key", "--out", str(export), "--directory-id", "kreis"]) == 0
    offer = read_export_document(export)["offers"][0]
    schedule = offer["schedules"][0]
    assert (schedule["freq"], schedule["byday"], schedule["byweekno"]) == ("WEEKLY", "TH,FR",
                                                                         "41,42")
    assert (schedule["valid_from"], schedule["valid_to"], schedule["dtstart"],
            schedule["until"], schedule["count"], schedule["interval"]) == (
        "2005-01-01", "2005-01-01", "2005-01-01", "2005-01-01", 3, 1)
    assert schedule["bymonthday"] == "2,3,4"
    assert schedule["schedule_link"] == "http://example.com"
    assert schedule["attending_type"].startswith("You can attend this service in-person")
    assert schedule["notes"].startswith("Some of our staff will be unavailable")
    assert "Kalenderwochen 41,42" in schedule["description"]  # for desks showing weekdays
    assert offer["eligibility_description"].startswith("This service is intended for all")
    assert offer["alert"].startswith("Following COVID-19")
    assert offer["wait_time"] and offer["interpretation_services"]
    assert offer["required_documents"] and offer["service_areas"]
    csv_offer = next(o for o in import_hsds(FIXTURES / "csv", "kreis", "Kreis")
                     .document["offers"] if o["id"] == offer["id"])
    assert csv_offer["required_documents"] == offer["required_documents"]
    assert csv_offer["schedules"][0]["byweekno"] == "41,42"


def test_a_monthly_schedule_is_not_shown_as_weekly(tmp_path: Path) -> None:
    service = {"id": "monthly", "name": "Elternfrühstück", "status": "active",
               "organization": {"id": "org", "name": "Familienzentrum"},
               "schedules": [{"id": "s1", "freq": "MONTHLY", "byday": "1WE",
                              "opens_at": "9:00", "closes_at": "11:00"}]}
    (tmp_path / "monthly.json").write_text(json.dumps(service), encoding="utf-8")
    schedule = import_hsds(tmp_path / "monthly.json", "kreis", "Kreis").document[
        "offers"][0]["schedules"][0]
    assert (schedule["freq"], schedule["byday"]) == ("MONTHLY", "")  # no weekly weekday
    assert schedule["rule_byday"] == "1WE"  # the first Wednesday, for the dates
    assert schedule["description"].startswith("monatlich (1WE)")


@pytest.mark.parametrize(("given", "code"), [("deu", "de"), ("de-DE", "de"), ("ger", "de"),
                                             ("Deutsch", "de"), ("ara", "ar"), ("Farsi", "fa"),
                                             ("tur", "tr"), ("uk", "uk")])
def test_language_codes_are_normalised(given: str, code: str) -> None:
    assert language_code(given) == code


def test_a_json_export_list_is_not_mistaken_for_services(tmp_path: Path) -> None:
    (tmp_path / "odd.json").write_text(json.dumps({"id": "x", "name": "Nur ein Name"}),
                                       encoding="utf-8")
    with pytest.raises(HsdsImportError):
        import_hsds(tmp_path / "odd.json", "kreis", "Kreis")
