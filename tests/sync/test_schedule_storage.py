"""Schedule rules and service fields reach the desk's database on full and incremental sync
(issue #20 point 18): a real export served on 127.0.0.1."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from coesfeld_desktop.store import models as m
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.rows import text_list
from coesfeld_desktop.sync.export_format import SyncTuning
from coesfeld_desktop.sync.publisher import build_export
from coesfeld_desktop.sync.service import SyncService
from tests.sync.conftest import ExportServer
from tests.sync.factory import make_document


def _with_course(document: dict[str, Any], count: int, documents: list[str]) -> dict[str, Any]:
    offer = document["offers"][3]
    offer["schedules"].append({
        "id": "sc-course", "byday": "TU", "opens_at": "18:00", "closes_at": "20:00",
        "freq": "WEEKLY", "interval": 1, "count": count, "dtstart": "2026-03-03",
        "valid_from": "2026-03-01", "valid_to": None, "until": None,
        "byweekno": None, "bymonthday": None, "byyearday": None, "rule_byday": None,
        "schedule_link": "https://example.org/anmeldung", "attending_type": "in_person",
        "notes": "Bitte bequeme Kleidung mitbringen",
        "translations": {"ar": {"notes": "يرجى إحضار ملابس مريحة"}}})
    offer.update({
        "eligibility_description": "Schwangere ab der 25. Woche und ihre Partner",
        "required_documents": documents, "service_areas": ["Dülmen", "Haltern am See"],
        "interpretation_services": "Dolmetscherin für Arabisch auf Anfrage",
        "alert": "Im August keine Kurse", "wait_time": "etwa zwei Wochen"})
    return document


def _serve(server: ExportServer, tmp_path: Path, key: Ed25519PrivateKey,
           document: dict[str, Any], tag: str) -> str:
    out = tmp_path / f"export-{tag}.zip"
    build_export(document, key, out)
    server.put("/export.zip", out.read_bytes(), etag=f'"{tag}"')
    return server.url("/export.zip")


def _stored(database: Database) -> tuple[m.Offer, m.Schedule]:
    with database.session() as session:
        offer = session.scalars(select(m.Offer).where(m.Offer.id == "off-3")).one()
        schedule = session.get(m.Schedule, "sc-course")
        assert schedule is not None
        session.expunge_all()
        return offer, schedule


@pytest.mark.parametrize("worker", [False, True], ids=["in-thread", "worker-process"])
def test_rules_and_service_fields_are_stored_on_full_and_incremental_sync(
        sync: SyncService, database: Database, export_server: ExportServer, tmp_path: Path,
        key: Ed25519PrivateKey, worker: bool) -> None:
    # the full apply builds its rows in a worker process for large exports: both ways
    sync = dataclasses.replace(sync, tuning=SyncTuning(worker_min_bytes=0 if worker
                                                        else 1 << 40))
    first = _with_course(make_document(30, sequence=1), 8, ["Mutterpass"])
    outcome = sync.sync(_serve(export_server, tmp_path, key, first, "v1"), allow_http=True)
    assert outcome.applied and outcome.full
    offer, schedule = _stored(database)
    assert (schedule.freq, schedule.interval, schedule.rule_count, schedule.dtstart,
            schedule.valid_from, schedule.until, schedule.byday) == (
        "WEEKLY", 1, 8, dt.date(2026, 3, 3), dt.date(2026, 3, 1), None, "TU")
    assert (schedule.schedule_link, schedule.attending_type, schedule.notes) == (
        "https://example.org/anmeldung", "in_person", "Bitte bequeme Kleidung mitbringen")
    assert offer.eligibility_description == "Schwangere ab der 25. Woche und ihre Partner"
    assert text_list(offer.required_documents) == ("Mutterpass",)
    assert text_list(offer.service_areas) == ("Dülmen", "Haltern am See")
    assert (offer.interpretation_services, offer.alert, offer.wait_time) == (
        "Dolmetscherin für Arabisch auf Anfrage", "Im August keine Kurse", "etwa zwei Wochen")

    # the district publishes a new run of the course: an incremental sync changes one offer
    second = _with_course(make_document(30, sequence=2), 10,
                          ["Mutterpass", "Versichertenkarte"])
    second["offers"][3]["schedules"][-1].update({"dtstart": "2026-09-01", "count": None,
                                                 "until": "2026-11-03"})
    outcome = sync.sync(_serve(export_server, tmp_path, key, second, "v2"), allow_http=True)
    assert outcome.applied and not outcome.full
    assert [offer_id for offer_id, _title in outcome.changed] == ["off-3"]
    offer, schedule = _stored(database)
    assert (schedule.dtstart, schedule.until, schedule.rule_count) == (
        dt.date(2026, 9, 1), dt.date(2026, 11, 3), None)
    assert text_list(offer.required_documents) == ("Mutterpass", "Versichertenkarte")
    with database.session() as session:
        notes = session.get(m.Translation, ("schedule", "sc-course", "notes", "ar"))
        assert notes is not None and notes.text == "يرجى إحضار ملابس مريحة"
