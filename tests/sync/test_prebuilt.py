"""A full sync from the export's prebuilt directory file (sync/prebuilt.py): the same store
as from the records, over a file path and a loopback server; anything amiss falls back to
the records; user rows and open search connections survive; a failure leaves the old store.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from coesfeld_desktop.commands.publish import main as publish_main
from coesfeld_desktop.paths import AppPaths
from coesfeld_desktop.search.query import SearchRequest
from coesfeld_desktop.search.service import SearchService
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.sync.prebuilt import layout_id, prebuilt_name
from coesfeld_desktop.sync.publisher import build_export, write_export
from coesfeld_desktop.sync.service import SyncService
from coesfeld_desktop.userdata.notes import NoteService
from coesfeld_desktop.userdata.saved_list import SavedListService
from tests.sync.conftest import ExportServer
from tests.sync.factory import changed_document, content_digest, make_document, trusted


def _publish(document: dict[str, Any], key: Ed25519PrivateKey, out: Path) -> Path:
    """The export and, beside it, its prebuilt file; returns the prebuilt file."""
    manifest = build_export(document, key, out, prebuilt=True)
    [entry] = manifest["prebuilt"]
    assert entry["name"] == prebuilt_name(out.name) and entry["layout"] == layout_id()
    return out.with_name(entry["name"])


def _store(folder: Path, key: Ed25519PrivateKey, use_prebuilt: bool = True
           ) -> tuple[Database, SyncService]:
    paths = AppPaths(folder).ensure()
    database = Database(paths.database)
    return database, SyncService(database, paths, trusted(key), use_prebuilt=use_prebuilt)


def _fts_intact(database: Database) -> None:
    with database.engine.connect() as connection:
        for table in ("offer_fts", "offer_title_fts"):
            connection.exec_driver_sql(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')")


def test_the_prebuilt_file_gives_the_store_the_records_give(tmp_path: Path,
                                                             key: Ed25519PrivateKey) -> None:
    first = make_document(120, sequence=1)
    second, changed = changed_document(first, 0.1, sequence=2)
    _publish(first, key, tmp_path / "one" / "export.zip")
    build_export(second, key, tmp_path / "two" / "export.zip")
    digests = []
    for use_prebuilt in (True, False):
        database, sync = _store(tmp_path / f"home-{use_prebuilt}", key, use_prebuilt)
        outcome = sync.sync(str(tmp_path / "one" / "export.zip"))
        assert outcome.applied and outcome.full and outcome.from_prebuilt is use_prebuilt
        assert sorted(outcome.new) == sorted((o["id"], o["title"]) for o in first["offers"])
        assert outcome.reindexed == 120
        _fts_intact(database)
        title = first["offers"][7]["title"]
        assert SearchService(database).search(SearchRequest(text=title)).offer_ids[0] == \
            first["offers"][7]["id"]
        # the next export applies incrementally on top of it: the record hashes came along
        later = sync.sync(str(tmp_path / "two" / "export.zip"))
        assert later.applied and not later.full and {i for i, _ in later.changed} == changed
        database.close()
        digests.append(content_digest(tmp_path / f"home-{use_prebuilt}" / "angebotslotse.sqlite3"))
    assert digests[0] == digests[1]


def test_over_http_the_file_is_fetched_beside_the_export(
        tmp_path: Path, key: Ed25519PrivateKey, export_server: ExportServer) -> None:
    document = make_document(40, sequence=1)
    packed = _publish(document, key, tmp_path / "export.zip")
    export_server.put("/district/export.zip", (tmp_path / "export.zip").read_bytes(), etag='"1"')
    export_server.put(f"/district/{packed.name}", packed.read_bytes())
    database, sync = _store(tmp_path / "home", key)
    outcome = sync.sync(export_server.url("/district/export.zip"), allow_http=True)
    assert outcome.from_prebuilt and len(outcome.new) == 40
    assert [path for path, _headers, _status in export_server.log] == [
        "/district/export.zip", f"/district/{packed.name}"]
    assert not list(sync.paths.exports.glob("incoming-*"))  # downloads tidied up
    # unchanged: one conditional request, the prebuilt file is not asked for again
    assert sync.sync(export_server.url("/district/export.zip"), allow_http=True).status == \
        "unchanged"
    assert len(export_server.log) == 3
    database.close()


@pytest.mark.parametrize("damage", ["tampered", "missing", "truncated"])
def test_a_bad_or_missing_file_falls_back_to_the_records(
        damage: str, tmp_path: Path, key: Ed25519PrivateKey, export_server: ExportServer,
        caplog: pytest.LogCaptureFixture) -> None:
    document = make_document(30, sequence=1)
    packed = _publish(document, key, tmp_path / "export.zip")
    data = packed.read_bytes()
    export_server.put("/export.zip", (tmp_path / "export.zip").read_bytes())
    if damage == "tampered":  # same size, other bytes: caught by the signed SHA-256
        export_server.put(f"/{packed.name}", data[:-40] + bytes(40))
    elif damage == "truncated":
        export_server.put(f"/{packed.name}", data[: len(data) // 2])
    database, sync = _store(tmp_path / "home", key)
    outcome = sync.sync(export_server.url("/export.zip"), allow_http=True)
    assert outcome.applied and outcome.full and not outcome.from_prebuilt
    assert len(outcome.new) == 30
    assert f"/{packed.name}" in [path for path, _h, _s in export_server.log]
    assert "not used" in caplog.text
    database.close()
    reference, records = _store(tmp_path / "reference", key, use_prebuilt=False)
    records.sync(export_server.url("/export.zip"), allow_http=True)
    reference.close()
    assert content_digest(sync.paths.database) == content_digest(records.paths.database)


def _repacked(packed: Path, tmp_path: Path, change: str) -> Path:
    """The prebuilt file with one schema change (as a publisher of another build might)."""
    raw = tmp_path / "raw.sqlite"
    raw.write_bytes(gzip.decompress(packed.read_bytes()))
    connection = sqlite3.connect(raw)
    connection.execute(change)
    connection.commit()
    connection.close()
    target = tmp_path / "changed" / packed.name
    target.parent.mkdir()
    target.write_bytes(gzip.compress(raw.read_bytes()))
    return target


def test_a_file_not_fitting_the_store_is_not_used(tmp_path: Path, key: Ed25519PrivateKey,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    document = make_document(25, sequence=1)
    packed = _publish(document, key, tmp_path / "export.zip")
    other = _repacked(packed, tmp_path, "ALTER TABLE offer ADD COLUMN extra TEXT")
    raw_bytes = len(gzip.decompress(other.read_bytes()))
    records = {kind: document[kind] for kind in ("topics", "organizations", "locations",
                                                  "offers")}
    entry = {"name": other.name, "layout": layout_id(), "bytes": other.stat().st_size,
             "sha256": hashlib.sha256(other.read_bytes()).hexdigest(),
             "raw_bytes": raw_bytes}
    write_export(records, document, key, other.parent / "export.zip", prebuilt=[entry])
    database, sync = _store(tmp_path / "home", key)
    outcome = sync.sync(str(other.parent / "export.zip"))
    assert outcome.applied and not outcome.from_prebuilt and len(outcome.new) == 25
    assert "declared differently: offer" in caplog.text
    _fts_intact(database)
    database.close()


def test_a_file_for_another_layout_is_not_even_fetched(
        tmp_path: Path, key: Ed25519PrivateKey, export_server: ExportServer) -> None:
    document = make_document(20, sequence=1)
    packed = _publish(document, key, tmp_path / "export.zip")
    with zipfile.ZipFile(tmp_path / "export.zip") as archive:
        manifest = json.loads(archive.read("manifest.json"))
    entry = {**manifest["prebuilt"][0], "layout": "store1-index1-facets0"}
    records = {kind: document[kind] for kind in ("topics", "organizations", "locations",
                                                  "offers")}
    write_export(records, document, key, tmp_path / "old.zip", prebuilt=[entry])
    export_server.put("/old.zip", (tmp_path / "old.zip").read_bytes())
    export_server.put(f"/{packed.name}", packed.read_bytes())
    database, sync = _store(tmp_path / "home", key)
    outcome = sync.sync(export_server.url("/old.zip"), allow_http=True)
    assert outcome.applied and not outcome.from_prebuilt
    assert [path for path, _h, _s in export_server.log] == ["/old.zip"]
    database.close()


def test_user_rows_and_open_search_connections_survive(tmp_path: Path,
                                                        key: Ed25519PrivateKey) -> None:
    """Another directory replaces the first one (a restore): the Merkliste and notes stay,
    and a search service that has read the old index answers from the new one."""
    first = make_document(30, sequence=1)
    for offer in first["offers"]:
        offer["title"] = offer["title"].replace("Familie", "Altbestand")
    build_export(first, key, tmp_path / "first.zip")
    second = make_document(50, sequence=1, directory_id="kreis-other")
    for offer in second["offers"]:
        offer["title"] = offer["title"].replace("Familie", "Quartier")
    _publish(second, key, tmp_path / "second.zip")
    database, sync = _store(tmp_path / "home", key)
    assert not sync.sync(str(tmp_path / "first.zip")).from_prebuilt  # no file beside it
    SavedListService(database).add("off-3", "Kept on the list")
    NoteService(database).set("off-3", "Kept on the list", "call back on Monday")
    search = SearchService(database)
    assert search.search(SearchRequest(text="Altbestand")).offer_ids
    outcome = sync.sync(str(tmp_path / "second.zip"), allow_restore=True)
    assert outcome.from_prebuilt and outcome.restored
    assert (len(outcome.new), len(outcome.changed), len(outcome.removed)) == (20, 30, 0)
    assert SavedListService(database).offer_ids() == ["off-3"]
    assert NoteService(database).get("off-3") == "call back on Monday"
    assert search.search(SearchRequest(text="Altbestand")).offer_ids == []
    found = search.search(SearchRequest(text="Quartier")).offer_ids
    assert len(found) == len([o for o in second["offers"] if "Quartier" in o["title"]])
    _fts_intact(database)
    database.close()


class _FailAt:
    """A write observer that fails the sync at one statement (a crash stands in)."""

    def __init__(self, at: int) -> None:
        self.at = at

    def statement(self, count: int) -> None:
        if count == self.at:
            raise RuntimeError("power cut")

    def committed(self) -> None:
        pass


@pytest.mark.parametrize("at", [1, 12, 40])
def test_a_failure_while_copying_leaves_the_old_store(at: int, tmp_path: Path,
                                                      key: Ed25519PrivateKey) -> None:
    first = make_document(30, sequence=1)
    build_export(first, key, tmp_path / "first.zip")
    second = make_document(45, sequence=1, directory_id="kreis-other")  # a full sync
    _publish(second, key, tmp_path / "second.zip")
    database, sync = _store(tmp_path / "home", key)
    sync.sync(str(tmp_path / "first.zip"))
    database.close()
    before = content_digest(sync.paths.database)
    database, sync = _store(tmp_path / "home", key)
    sync.observer = _FailAt(at)
    with pytest.raises(RuntimeError, match="power cut"):
        sync.sync(str(tmp_path / "second.zip"), allow_restore=True)
    database.close()
    assert content_digest(sync.paths.database) == before
    database, sync = _store(tmp_path / "home", key)
    assert sync.sync(str(tmp_path / "second.zip"), allow_restore=True).from_prebuilt
    _fts_intact(database)
    database.close()


def test_the_publisher_writes_the_file_unless_told_not_to(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    keys = tmp_path / "keys" / "office"
    assert publish_main(["keygen", "--out", str(keys)]) == 0
    source = tmp_path / "directory.json"
    source.write_text(json.dumps(make_document(10, sequence=1)), encoding="utf-8")
    out = tmp_path / "site" / "export.zip"
    assert publish_main(["build", str(source), "--key", f"{keys}.key", "--out", str(out)]) == 0
    assert (out.parent / prebuilt_name(out.name)).is_file()
    assert prebuilt_name(out.name) in capsys.readouterr().out
    bare = tmp_path / "bare" / "export.zip"
    assert publish_main(["build", str(source), "--key", f"{keys}.key", "--out", str(bare),
                         "--no-prebuilt", "--sequence", "5"]) == 0
    assert sorted(path.name for path in bare.parent.iterdir()) == ["export.zip"]
