"""Sync from a real HTTP server on loopback: first sync, unchanged (304), changed, removed."""

from __future__ import annotations

import datetime as dt
import socket
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from coesfeld_desktop.search.query import SearchRequest
from coesfeld_desktop.search.service import SearchService
from coesfeld_desktop.store import models as m
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.sync.errors import ExportRejected, SourceUnavailable
from coesfeld_desktop.sync.export_format import Limits
from coesfeld_desktop.sync.fetch import fetch
from coesfeld_desktop.sync.publisher import build_export
from coesfeld_desktop.sync.service import SyncService
from tests.sync.conftest import ExportServer
from tests.sync.factory import changed_document, make_document


def _offers(database: Database) -> dict[str, str]:
    with database.session() as session:
        return dict((r[0], r[1]) for r in session.execute(select(m.Offer.id, m.Offer.title)))


def _pks(database: Database) -> dict[str, int]:
    with database.session() as session:
        return dict((r[0], r[1]) for r in session.execute(select(m.Offer.id, m.Offer.pk)))


def _indexed(database: Database) -> dict[str, int]:
    with database.engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT offer_id, pk FROM offer_facts")
        return {r[0]: r[1] for r in rows}


def _serve(server: ExportServer, tmp_path: Path, key: Ed25519PrivateKey, document: dict,
           etag: str) -> None:
    out = tmp_path / f"export-{etag}.zip"
    build_export(document, key, out)
    server.put("/export.zip", out.read_bytes(), etag=f'"{etag}"')


def test_first_unchanged_changed_removed(sync: SyncService, database: Database,
                                         export_server: ExportServer, tmp_path: Path,
                                         key: Ed25519PrivateKey) -> None:
    url = export_server.url("/export.zip")
    first = make_document(60, sequence=1)
    _serve(export_server, tmp_path, key, first, "v1")

    outcome = sync.sync(url, allow_http=True)
    assert outcome.applied and outcome.full
    assert len(outcome.new) == 60 and not outcome.changed and not outcome.removed
    assert set(_offers(database)) == {o["id"] for o in first["offers"]}
    assert set(_indexed(database)) == set(_offers(database))
    assert sync.last_good.is_file()

    # unchanged: one conditional request answered with 304
    outcome = sync.sync(url, allow_http=True)
    assert outcome.status == "unchanged"
    _path, headers, status = export_server.log[-1]
    assert status == 304 and headers.get("If-None-Match") == '"v1"'
    assert headers.get("If-Modified-Since")

    # note and Merkliste entries on an offer that will be removed
    now = dt.datetime(2026, 11, 27, 12, 0)
    with database.session() as session:
        session.add(m.Note(offer_id="off-5", offer_title="Alt", text="anrufen", updated_at=now))
        saved = m.SavedList(name="Familie K.", created_at=now)
        saved.entries.append(m.SavedListEntry(offer_id="off-5", offer_title="Alt",
                                              added_at=now))
        session.add(saved)
        session.commit()

    pks_before = _pks(database)
    second, changed_ids = changed_document(first, 0.1, sequence=2)
    second["offers"] = [o for o in second["offers"] if o["id"] not in {"off-5", "off-6"}]
    changed_ids -= {"off-5", "off-6"}
    second["offers"].append({**second["offers"][0], "id": "off-new", "title": "Ganz neu",
                             "contacts": [], "phones": [], "schedules": [],
                             "cost_options": []})
    _serve(export_server, tmp_path, key, second, "v2")

    outcome = sync.sync(url, allow_http=True)
    assert outcome.applied and not outcome.full
    assert {i for i, _ in outcome.changed} == changed_ids
    assert {i for i, _ in outcome.removed} == {"off-5", "off-6"}
    assert [i for i, _ in outcome.new] == ["off-new"]
    offers = _offers(database)
    assert "off-5" not in offers and offers["off-new"] == "Ganz neu"
    for offer_id in changed_ids:
        assert offers[offer_id].endswith("(neu)")
    pks_after = _pks(database)
    assert all(pks_after[i] == pks_before[i] for i in pks_after if i in pks_before)
    indexed = _indexed(database)
    assert set(indexed) == set(offers) and indexed == {i: pks_after[i] for i in indexed}
    with database.session() as session:  # user data survives a removal
        assert session.get(m.Note, "off-5").text == "anrufen"
        assert session.scalars(select(m.SavedListEntry.offer_id)).all() == ["off-5"]
        info = session.scalars(select(m.DirectoryInfo)).one()
        assert info.sequence == 2


def test_changed_provider_reindexes_its_offers(sync: SyncService, database: Database,
                                               tmp_path: Path, key: Ed25519PrivateKey) -> None:
    first = make_document(40, sequence=1, orgs=4)
    build_export(first, key, tmp_path / "a.zip")
    sync.sync(str(tmp_path / "a.zip"))
    second = {**first, "sequence": 2, "organizations": [
        {**o, "name": "Umbenannter Träger"} if o["id"] == "org-1" else o
        for o in first["organizations"]]}
    build_export(second, key, tmp_path / "b.zip")
    outcome = sync.sync(str(tmp_path / "b.zip"))
    assert not outcome.full and not outcome.new and not outcome.changed
    assert outcome.reindexed == 10  # the ten offers of org-1
    found = SearchService(database).search(SearchRequest(text="Umbenannter")).offer_ids
    assert sorted(found) == sorted(f"off-{i}" for i in range(40) if i % 4 == 1)


def test_missing_export_is_unavailable(sync: SyncService, export_server: ExportServer) -> None:
    with pytest.raises(SourceUnavailable):
        sync.sync(export_server.url("/nothing.zip"), allow_http=True)


def test_offline_is_unavailable(sync: SyncService) -> None:
    with pytest.raises(SourceUnavailable):
        sync.sync("http://127.0.0.1:9/export.zip", allow_http=True)  # discard port: refused


def test_plain_http_refused_unless_loopback(sync: SyncService) -> None:
    with pytest.raises(ExportRejected) as error:
        sync.sync("http://example.invalid/export.zip", allow_http=True)
    assert error.value.reason == "insecure_url"
    with pytest.raises(ExportRejected):
        sync.sync("http://127.0.0.1:9/export.zip")


def test_system_proxy_is_used(sync: SyncService, export_server: ExportServer, tmp_path: Path,
                              key: Ed25519PrivateKey, monkeypatch: pytest.MonkeyPatch) -> None:
    """The export server also acts as the proxy: the direct address is a closed port."""
    build_export(make_document(5, sequence=1), key, tmp_path / "p.zip")
    target = "http://127.0.0.1:9/export.zip"  # nothing listens on the discard port
    export_server.put(target, (tmp_path / "p.zip").read_bytes(), etag='"p"')
    monkeypatch.setenv("http_proxy", export_server.base)
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    assert sync.sync(target, allow_http=True).applied
    assert export_server.log[-1][0] == target  # the request line carried the absolute URL


def test_silent_server_times_out(tmp_path: Path) -> None:
    """A server that accepts the connection and never answers: timeout, not a hang."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/export.zip"
        with pytest.raises(SourceUnavailable):
            fetch(url, tmp_path / "x.zip", allow_http=True,
                  limits=Limits(read_timeout_seconds=0.5))
