"""Lotsen and Vernetzte Angebote through the data path (issue #17 points 5 and 6): the HSDS
import (attributes with our taxonomy terms, JSON and CSV), the directory document, a signed
export applied by a sync (full and incremental), and what the desk reads back."""

from __future__ import annotations

import copy
import csv
import json
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from coesfeld_desktop.paths import AppPaths
from coesfeld_desktop.search.query import SearchFilters, SearchRequest
from coesfeld_desktop.search.service import SearchService
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.directory_reads import DirectoryReads
from coesfeld_desktop.sync.hsds_import import import_hsds
from coesfeld_desktop.sync.publisher import build_export
from coesfeld_desktop.sync.service import SyncService
from tests.sync.factory import make_document, trusted


def _term(code: str, name: str) -> dict[str, Any]:
    return {"id": f"term-{code}", "code": code, "name": name, "taxonomy": "angebotslotse"}


def _service(service_id: str, name: str, *attributes: dict[str, Any]) -> dict[str, Any]:
    return {"id": service_id, "name": name, "status": "active",
            "organization": {"id": "org-1", "name": "Familienbüro"},
            "attributes": list(attributes)}


def _attribute(term: dict[str, Any], value: str | None = None) -> dict[str, Any]:
    return {"id": f"attr-{term['id']}-{value}", "taxonomy_term": term, "value": value}


def test_hsds_attributes_mark_lotsen_and_name_related_services(tmp_path: Path) -> None:
    lotse = _term("begleitet-persoenlich", "Begleitet persönlich")
    after = _term("danach", "Danach")
    partner = {"id": "t-9", "code": "GEMEINSAM_MIT", "name": "gemeinsam mit"}  # other spelling
    topic = {"id": "early_help", "name": "Frühe Hilfen"}
    services = [
        _service("svc-baby", "Babylotsen", _attribute(lotse), _attribute(topic),
                 _attribute(after, "svc-hebamme, svc-gone; svc-baby"),
                 _attribute(partner, "svc-hebamme")),
        _service("svc-hebamme", "Hebammenhilfe", _attribute(lotse, "nein"),
                 _attribute(after, "svc-gruppe"), _attribute(after)),
        _service("svc-gruppe", "Eltern-Kind-Gruppe"),
    ]
    source = tmp_path / "services.json"
    source.write_text(json.dumps(services), encoding="utf-8")
    imported = import_hsds(source)
    offers = {offer["id"]: offer for offer in imported.document["offers"]}
    baby, hebamme, gruppe = offers["svc-baby"], offers["svc-hebamme"], offers["svc-gruppe"]
    assert baby["accompanies"] is True
    assert hebamme["accompanies"] is False and gruppe["accompanies"] is False
    # the offer itself is dropped, a service not in the input too (with a note)
    assert baby["follow_ups"] == ["svc-hebamme"] and baby["partners"] == ["svc-hebamme"]
    assert hebamme["follow_ups"] == ["svc-gruppe"] and "partners" not in hebamme
    # our terms are marks, not topics; the ordinary term still is one
    assert [t["id"] for t in imported.document["topics"]] == ["early_help"]
    assert baby["topics"] == ["early_help"]
    report = imported.report.text()
    assert "follow_ups: svc-gone not among the imported services" in report
    assert "'danach' attribute without a service id" in report


def _write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_a_csv_package_expresses_the_same_with_attributes_and_terms(tmp_path: Path) -> None:
    package = tmp_path / "csv"
    package.mkdir()
    _write_csv(package / "organizations.csv", [{"id": "org-1", "name": "Jugendwerk"}])
    _write_csv(package / "services.csv", [
        {"id": "s-bo", "organization_id": "org-1", "name": "Berufsorientierung"},
        {"id": "s-bt", "organization_id": "org-1", "name": "Bewerbungstraining"},
        {"id": "s-pate", "organization_id": "org-1", "name": "Ausbildungspaten"}])
    _write_csv(package / "taxonomy_terms.csv", [
        {"id": "t-l", "code": "begleitet-persoenlich", "name": "Begleitet persönlich"},
        {"id": "t-d", "code": "danach", "name": "Danach"},
        {"id": "t-g", "code": "gemeinsam-mit", "name": "Gemeinsam mit"}])
    _write_csv(package / "attributes.csv", [
        {"id": "a1", "link_id": "s-bo", "taxonomy_term_id": "t-d", "value": "s-bt"},
        {"id": "a2", "link_id": "s-pate", "taxonomy_term_id": "t-l", "value": ""},
        {"id": "a3", "link_id": "s-pate", "taxonomy_term_id": "t-g", "value": "s-bt"},
        {"id": "a4", "link_id": "s-bt", "taxonomy_term_id": "t-g", "value": "s-pate"}])
    document = import_hsds(package).document
    offers = {offer["id"]: offer for offer in document["offers"]}
    assert offers["s-bo"]["follow_ups"] == ["s-bt"]
    assert offers["s-pate"]["accompanies"] is True and offers["s-pate"]["partners"] == ["s-bt"]
    assert offers["s-bt"]["partners"] == ["s-pate"] and offers["s-bt"]["accompanies"] is False
    assert document["topics"] == []


def _networked(document: dict[str, Any]) -> dict[str, Any]:
    """Offers 0..3 as a chain 0 -> 1 -> 2, 0 and 3 partners, 3 accompanies; 0 also names an
    offer that is not in the directory and 2 names inactive offer 4."""
    document = copy.deepcopy(document)
    offers = document["offers"]
    ids = [offer["id"] for offer in offers]
    offers[0]["follow_ups"] = [ids[1], "off-nowhere"]
    offers[0]["partners"] = [ids[3]]
    offers[1]["follow_ups"] = [ids[2]]
    offers[2]["follow_ups"] = [ids[4]]
    offers[3]["partners"] = [ids[0]]
    offers[3]["accompanies"] = True
    offers[4]["status"] = "inactive"
    return document


def _apply(tmp_path: Path, key: Ed25519PrivateKey, database: Database, home: AppPaths,
           document: dict[str, Any], name: str) -> None:
    export = tmp_path / name
    build_export(document, key, export)
    outcome = SyncService(database, home, trusted(key)).sync(str(export))
    assert outcome.applied, outcome


def test_a_sync_stores_relations_and_the_lotsen_mark(
        tmp_path: Path, key: Ed25519PrivateKey, database: Database, home: AppPaths) -> None:
    document = _networked(make_document(offers=12, sequence=1))
    ids = [offer["id"] for offer in document["offers"]]
    _apply(tmp_path, key, database, home, document, "first.zip")
    reads = DirectoryReads(database)
    first = reads.detail(ids[0])
    assert first is not None and first.accompanies is False
    # in the given order; the missing offer is not shown
    assert [(r.kind, r.id) for r in first.related] == [("follow_up", ids[1]),
                                                        ("partner", ids[3])]
    assert first.related_of("follow_up")[0].title == document["offers"][1]["title"]
    assert reads.detail(ids[2]).related == ()  # type: ignore[union-attr]  # inactive: hidden
    summary = reads.summaries([ids[3]])[0]
    assert summary.accompanies is True
    found = SearchService(database).search(SearchRequest(
        text="", filters=SearchFilters(accompanied_only=True)))
    assert found.offer_ids == [ids[3]]

    # incremental: offer 0 loses its partner and gains a follow-up; offer 3 stops accompanying
    changed = copy.deepcopy(document)
    changed["sequence"] = 2
    changed["offers"][0]["partners"] = []
    changed["offers"][0]["follow_ups"] = [ids[5], ids[1]]
    changed["offers"][3]["accompanies"] = False
    _apply(tmp_path, key, database, home, changed, "second.zip")
    first = reads.detail(ids[0])
    assert first is not None
    assert [(r.kind, r.id) for r in first.related] == [("follow_up", ids[5]),
                                                        ("follow_up", ids[1])]
    found = SearchService(database).search(SearchRequest(
        text="", filters=SearchFilters(accompanied_only=True)))
    assert found.offer_ids == []
