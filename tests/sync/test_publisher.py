"""Publisher round trip: HSDS examples and our own format -> signed export -> sync -> search."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from coesfeld_desktop.cli import main as app_main
from coesfeld_desktop.commands.publish import main as publish_main
from coesfeld_desktop.paths import AppPaths
from coesfeld_desktop.search.query import SearchRequest
from coesfeld_desktop.search.service import SearchService
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.sync.hsds_import import import_hsds
from coesfeld_desktop.sync.publisher import read_export_document
from coesfeld_desktop.sync.service import SyncService
from coesfeld_desktop.sync.signing import load_public_keys
from tests.sync.factory import make_document

EXAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "hsds-3.0"
SERVICE_ID = "ac148810-d857-441c-9679-408f346de14b"


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    """A writable copy, so that no test can change the fixtures."""
    return Path(shutil.copytree(EXAMPLES, tmp_path / "hsds"))


@pytest.fixture
def keys(tmp_path: Path) -> Path:
    assert publish_main(["keygen", "--out", str(tmp_path / "keys" / "test-only"),
                         "--comment", "test only"]) == 0
    return tmp_path / "keys" / "test-only"


def _sync(home: AppPaths, keys: Path, export: Path) -> Database:
    database = Database(home.database)
    trusted = load_public_keys([keys.parent])
    outcome = SyncService(database, home, trusted).sync(str(export))
    assert outcome.applied
    return database


@pytest.mark.parametrize("source", ["service_full.json", "organization_full.json",
                                    "service_at_location_full.json", "tabular.json", "csv"])
def test_hsds_example_to_search(source: str, examples: Path, keys: Path, tmp_path: Path) -> None:
    export = tmp_path / "hsds.zip"
    assert publish_main(["import-hsds", str(examples / source), "--key", f"{keys}.key",
                         "--out", str(export), "--sequence", "4",
                         "--directory-id", "hsds-example"]) == 0
    database = _sync(AppPaths(tmp_path / "home").ensure(), keys, export)
    try:
        # the example's only schedules are dated in 2005 ("weeks 41-42", until 2005-01-01):
        # found on the desk as of then; today it is an ended course and leaves the lists
        then = SearchService(database, today=lambda: dt.date(2005, 1, 1))
        assert SERVICE_ID in then.search(SearchRequest(text="Counselling")).offer_ids
        now = SearchService(database, today=lambda: dt.date(2026, 12, 3))
        assert SERVICE_ID not in now.search(SearchRequest(text="Counselling")).offer_ids
    finally:
        database.close()


def test_hsds_fields_we_model_survive(examples: Path) -> None:
    for source in ("service_full.json", "csv"):
        document = import_hsds(examples / source).document
        offer = next(o for o in document["offers"] if o["id"] == SERVICE_ID)
        assert offer["title"] == "Community Counselling"
        assert offer["organization_id"] == "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"
        assert offer["min_age"] == 12 and offer["max_age"] == 100
        assert offer["url"] == "http://example.com/counselling"
        assert offer["email"] == "email@example.com" and offer["status"] == "active"
        assert offer["cost"].startswith("Non-NHS patients")
        assert offer["application_process"].startswith("If you are an NHS patient")
        assert offer["languages"] == ["ur"]
        assert offer["location_ids"] == ["3a19ff88-4620-4d17-9830-ac1d859eb5d5"]
        assert offer["cost_options"][0]["amount"] == 35.0
        assert offer["cost_options"][0]["currency"] == "GBP"
        assert [c["name"] for c in offer["contacts"]] == ["Ann Persona"]
        assert offer["phones"][0]["number"] == "+44 1234 234567 ext. 100"
        schedule = offer["schedules"][0]
        assert (schedule["byday"], schedule["opens_at"], schedule["closes_at"]) == (
            "TH,FR", "10:00", "18:00")
        assert offer["assured_date"] == "2005-01-01"
        location = document["locations"][0]
        assert location["street"] == "1-30 Main Street" and location["town"] == "MyCity"
        assert location["postcode"] == "ABC 1234"
        assert location["accessibility"][0]["description"].startswith("The building")
        organization = document["organizations"][0]
        assert organization["name"] == "Example Organization Inc."
        assert organization["website"] == "http://example.com"
    json_topics = import_hsds(examples / "service_full.json").document["offers"][0]["topics"]
    assert json_topics == ["3f7b145d-84af-42d7-8fae-eaca714b02b2"]


def test_build_from_own_format_round_trips(keys: Path, tmp_path: Path) -> None:
    document = make_document(25, sequence=7)
    source = tmp_path / "source"
    source.mkdir()
    (source / "directory.json").write_text(json.dumps(document), encoding="utf-8")
    export = tmp_path / "own.zip"
    assert publish_main(["build", str(source), "--key", f"{keys}.key",
                         "--out", str(export)]) == 0
    back = read_export_document(export)
    for kind in ("topics", "organizations", "locations", "offers"):
        assert back[kind] == document[kind]
    assert back["sequence"] == 7


def test_build_refuses_a_broken_directory(keys: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    document = make_document(5)
    document["offers"][0]["organization_id"] = "nobody"
    (tmp_path / "bad.json").write_text(json.dumps(document), encoding="utf-8")
    assert publish_main(["build", str(tmp_path / "bad.json"), "--key", f"{keys}.key",
                         "--out", str(tmp_path / "bad.zip")]) == 1
    assert "unknown organization" in capsys.readouterr().err
    assert not (tmp_path / "bad.zip").exists()


def test_keygen_refuses_to_overwrite(keys: Path) -> None:
    assert publish_main(["keygen", "--out", str(keys)]) == 1


@pytest.mark.parametrize("command", ["keygen", "build", "import-hsds"])
def test_publish_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        publish_main([command, "--help"])
    assert exit_.value.code == 0
    assert "usage: angebotslotse-publish" in capsys.readouterr().out


def test_sync_command_exit_codes(keys: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "app-home"
    monkeypatch.setenv("ANGEBOTSLOTSE_HOME", str(home))
    (home / "keys").mkdir(parents=True)
    shutil.copy(f"{keys}.pub", home / "keys" / "district.pub")
    for sequence in (1, 2):
        (tmp_path / f"d{sequence}.json").write_text(
            json.dumps(make_document(10, sequence=sequence)), encoding="utf-8")
        publish_main(["build", str(tmp_path / f"d{sequence}.json"), "--key", f"{keys}.key",
                      "--out", str(tmp_path / f"e{sequence}.zip")])
    assert app_main(["sync", str(tmp_path / "e2.zip")]) == 0
    assert "applied" in capsys.readouterr().out
    assert app_main(["sync", str(tmp_path / "e2.zip")]) == 0
    assert "unchanged" in capsys.readouterr().out
    assert app_main(["sync", str(tmp_path / "e1.zip")]) == 4
    assert "downgrade" in capsys.readouterr().err
    (tmp_path / "junk.zip").write_bytes(b"not an export")
    assert app_main(["sync", str(tmp_path / "junk.zip")]) == 1
    assert "rejected (archive)" in capsys.readouterr().err
    assert app_main(["sync", str(tmp_path / "missing.zip")]) == 3
    assert app_main(["sync", "--json", "--restore", str(tmp_path / "e1.zip")]) == 0
    assert json.loads(capsys.readouterr().out)["sequence"] == 1
