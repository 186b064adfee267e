"""Every bad export is rejected with a reason and leaves the database content unchanged."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from coesfeld_desktop.sync.errors import (
    UNCHANGED_NOTE,
    ExportRejected,
    RestoreNeeded,
    SourceUnavailable,
    SyncError,
)
from coesfeld_desktop.sync.export_format import MANIFEST_NAME, RECORD_FILES
from coesfeld_desktop.sync.publisher import build_export
from coesfeld_desktop.sync.service import SyncService
from tests.sync.conftest import ExportServer
from tests.sync.factory import (
    content_digest,
    export_from_members,
    make_document,
    members_of,
    rezip,
)

Builder = Callable[[Path, Ed25519PrivateKey, dict[str, Any]], None]


def _good(out: Path, key: Ed25519PrivateKey, document: dict[str, Any]) -> None:
    build_export(document, key, out)


def truncated(out: Path, key: Ed25519PrivateKey, doc: dict[str, Any]) -> None:
    _good(out.with_suffix(".full"), key, doc)
    data = out.with_suffix(".full").read_bytes()
    out.write_bytes(data[: len(data) * 2 // 3])


def wrong_signature(out: Path, key: Ed25519PrivateKey, doc: dict[str, Any]) -> None:
    _good(out.with_suffix(".full"), key, doc)
    with zipfile.ZipFile(out.with_suffix(".full")) as archive:
        manifest = json.loads(archive.read(MANIFEST_NAME))
    manifest["title"] = "Gefälscht"  # signature no longer matches the bytes
    rezip(out.with_suffix(".full"), out, replace={
        MANIFEST_NAME: json.dumps(manifest, sort_keys=True, separators=(",", ":")).encode()})


def unknown_key(out: Path, _key: Ed25519PrivateKey, doc: dict[str, Any]) -> None:
    build_export(doc, Ed25519PrivateKey.generate(), out)


def unsigned(out: Path, key: Ed25519PrivateKey, doc: dict[str, Any]) -> None:
    _good(out.with_suffix(".full"), key, doc)
    rezip(out.with_suffix(".full"), out, drop=("manifest.sig",))


def tampered_file(out: Path, key: Ed25519PrivateKey, doc: dict[str, Any]) -> None:
    _good(out.with_suffix(".full"), key, doc)
    with zipfile.ZipFile(out.with_suffix(".full")) as archive:
        offers = archive.read(RECORD_FILES["offers"])
    rezip(out.with_suffix(".full"), out, replace={
        RECORD_FILES["offers"]: offers.replace(b"Angebot 3", b"Angebot X")})


def unknown_format_version(out: Path, key: Ed25519PrivateKey, doc: dict[str, Any]) -> None:
    export_from_members(members_of(doc), doc, key, out, {"format_version": 2})


def zip_bomb(out: Path, key: Ed25519PrivateKey, doc: dict[str, Any]) -> None:
    members = members_of(doc)
    members[RECORD_FILES["offers"]] += b" " * (64 * 1024 * 1024) + b"\n"
    export_from_members(members, doc, key, out)


def traversal_name(out: Path, key: Ed25519PrivateKey, doc: dict[str, Any]) -> None:
    _good(out.with_suffix(".full"), key, doc)
    rezip(out.with_suffix(".full"), out, add={"../../evil.py": b"print('owned')\n"})


def absolute_name(out: Path, key: Ed25519PrivateKey, doc: dict[str, Any]) -> None:
    _good(out.with_suffix(".full"), key, doc)
    rezip(out.with_suffix(".full"), out, add={"/etc/evil": b"x"})


def invalid_json(out: Path, key: Ed25519PrivateKey, doc: dict[str, Any]) -> None:
    members = members_of(doc)
    members[RECORD_FILES["offers"]] += b'{"id": "off-broken", "title": \n'
    export_from_members(members, doc, key, out)


def nan_number(out: Path, key: Ed25519PrivateKey, doc: dict[str, Any]) -> None:
    """Python's json reads NaN (it is no JSON); it would have reached the store as NULL."""
    members = members_of(doc)
    members[RECORD_FILES["offers"]] = members[RECORD_FILES["offers"]].replace(
        b'"amount":5.0', b'"amount":NaN', 1)
    export_from_members(members, doc, key, out)


def lone_surrogate(out: Path, key: Ed25519PrivateKey, doc: dict[str, Any]) -> None:
    """Python's json reads a lone surrogate escape into text SQLite cannot store."""
    members = members_of(doc)
    members[RECORD_FILES["offers"]] = members[RECORD_FILES["offers"]].replace(
        b'"title":"', b'"title":"\\ud800', 1)
    export_from_members(members, doc, key, out)


def date_out_of_range(out: Path, key: Ed25519PrivateKey, doc: dict[str, Any]) -> None:
    """A valid date and time that has no UTC equivalent (verify used to crash on it)."""
    doc["offers"][5]["last_modified"] = "0001-01-01T00:00:00+01:00"
    export_from_members(members_of(doc), doc, key, out)


def dangling_reference(out: Path, key: Ed25519PrivateKey, doc: dict[str, Any]) -> None:
    doc["offers"][3]["organization_id"] = "org-does-not-exist"
    export_from_members(members_of(doc), doc, key, out)


def dangling_location(out: Path, key: Ed25519PrivateKey, doc: dict[str, Any]) -> None:
    doc["offers"][4]["location_ids"] = ["loc-does-not-exist"]
    export_from_members(members_of(doc), doc, key, out)


def oversized_field(out: Path, key: Ed25519PrivateKey, doc: dict[str, Any]) -> None:
    doc["offers"][2]["description"] = "x" * 50_000
    export_from_members(members_of(doc), doc, key, out)


def oversized_line(out: Path, key: Ed25519PrivateKey, doc: dict[str, Any]) -> None:
    doc["offers"][2]["translations"] = {f"l{i}": {"title": "y" * 19_000} for i in range(60)}
    export_from_members(members_of(doc), doc, key, out)


def schema_violation(out: Path, key: Ed25519PrivateKey, doc: dict[str, Any]) -> None:
    doc["offers"][1]["min_age"] = "drei"
    export_from_members(members_of(doc), doc, key, out)


def duplicate_child_id(out: Path, key: Ed25519PrivateKey, doc: dict[str, Any]) -> None:
    doc["offers"][-1]["contacts"][0]["id"] = doc["offers"][0]["contacts"][0]["id"]
    export_from_members(members_of(doc), doc, key, out)


def id_ending_in_a_newline(out: Path, key: Ed25519PrivateKey, doc: dict[str, Any]) -> None:
    # JSON Schema's ``$`` (ECMA-262) matches only at the end: ``^[^\u0000-\u001f]+$``
    # refuses a control character at the end too (Python's ``$`` would take "x\n")
    doc["offers"][1]["contacts"][0]["id"] += "\n"
    export_from_members(members_of(doc), doc, key, out)


def wrong_count(out: Path, key: Ed25519PrivateKey, doc: dict[str, Any]) -> None:
    members = members_of(doc)
    export_from_members(members, doc, key, out,
                        {"counts": {"topics": 6, "organizations": 1, "locations": 2,
                                    "offers": 999}})


def not_a_zip(out: Path, _key: Ed25519PrivateKey, _doc: dict[str, Any]) -> None:
    out.write_text("<html>Captive portal: please log in</html>")


CASES: list[tuple[Builder, str]] = [
    (truncated, "archive"), (wrong_signature, "signature"), (unknown_key, "unknown_key"),
    (unsigned, "signature"), (tampered_file, "hash"),
    (unknown_format_version, "format_version"), (zip_bomb, "zip_bomb"),
    (traversal_name, "member_name"), (absolute_name, "member_name"),
    (invalid_json, "invalid_json"), (nan_number, "invalid_json"),
    (lone_surrogate, "invalid_json"), (date_out_of_range, "content"),
    (dangling_reference, "content"),
    (dangling_location, "content"), (oversized_field, "schema"), (oversized_line, "oversized"),
    (schema_violation, "schema"), (id_ending_in_a_newline, "schema"),
    (duplicate_child_id, "content"), (wrong_count, "hash"),
    (not_a_zip, "archive"),
]


@pytest.fixture
def applied(sync: SyncService, tmp_path: Path, key: Ed25519PrivateKey) -> str:
    """The store after a good first sync; returns its content digest."""
    build_export(make_document(40, sequence=1), key, tmp_path / "good.zip")
    assert sync.sync(str(tmp_path / "good.zip")).applied
    return content_digest(sync.paths.database)


@pytest.mark.parametrize(("builder", "reason"), CASES, ids=[c[0].__name__ for c in CASES])
def test_bad_export_leaves_store_unchanged(builder: Builder, reason: str, applied: str,
                                           sync: SyncService, tmp_path: Path,
                                           key: Ed25519PrivateKey) -> None:
    bad = tmp_path / "bad.zip"
    builder(bad, key, make_document(40, sequence=2))
    with pytest.raises(ExportRejected) as error:
        sync.sync(str(bad))
    assert error.value.reason == reason, str(error.value)
    assert "unverändert" in str(error.value)
    assert content_digest(sync.paths.database) == applied
    assert not list(sync.paths.exports.glob("incoming-*"))


def test_downgrade_needs_confirmation(applied: str, sync: SyncService, tmp_path: Path,
                                      key: Ed25519PrivateKey) -> None:
    build_export(make_document(40, sequence=3), key, tmp_path / "three.zip")
    sync.sync(str(tmp_path / "three.zip"))
    after_three = content_digest(sync.paths.database)
    build_export(make_document(30, sequence=2), key, tmp_path / "two.zip")
    with pytest.raises(RestoreNeeded) as error:
        sync.sync(str(tmp_path / "two.zip"))
    assert error.value.reason == "downgrade"
    assert content_digest(sync.paths.database) == after_three
    outcome = sync.sync(str(tmp_path / "two.zip"), allow_restore=True)
    assert outcome.applied and outcome.restored and len(outcome.removed) == 10


def test_other_directory_needs_confirmation(applied: str, sync: SyncService, tmp_path: Path,
                                            key: Ed25519PrivateKey) -> None:
    build_export(make_document(10, sequence=9, directory_id="elsewhere"), key,
                 tmp_path / "other.zip")
    with pytest.raises(RestoreNeeded) as error:
        sync.sync(str(tmp_path / "other.zip"))
    assert error.value.reason == "other_directory"
    assert content_digest(sync.paths.database) == applied


def test_connection_dropped_mid_download(applied: str, sync: SyncService, tmp_path: Path,
                                         key: Ed25519PrivateKey,
                                         export_server: ExportServer) -> None:
    build_export(make_document(40, sequence=2), key, tmp_path / "next.zip")
    data = (tmp_path / "next.zip").read_bytes()
    export_server.put("/export.zip", data, etag='"x"', drop_after=len(data) // 2)
    with pytest.raises(SourceUnavailable):
        sync.sync(export_server.url("/export.zip"), allow_http=True)
    assert content_digest(sync.paths.database) == applied
    assert not list(sync.paths.exports.glob("incoming-*"))


def test_messages_are_translatable(applied: str, sync: SyncService, tmp_path: Path,
                                   key: Ed25519PrivateKey) -> None:
    unknown_key(tmp_path / "u.zip", key, make_document(5, sequence=2))
    with pytest.raises(SyncError) as error:
        sync.sync(str(tmp_path / "u.zip"))
    english = {error.value.template: "Signed with an unknown key ({key_id}).",
               UNCHANGED_NOTE: "Your local data is unchanged."}
    text = error.value.translated(lambda source: english.get(source, source))
    assert text.startswith("Signed with an unknown key (") and text.endswith("unchanged.")
    assert "{" not in text


def test_unchanged_offer_of_a_removed_provider(applied: str, sync: SyncService, tmp_path: Path,
                                               key: Ed25519PrivateKey) -> None:
    """Offers whose lines did not change skip the full check, but not the reference check."""
    document = make_document(40, sequence=2)
    document["organizations"] = [o for o in document["organizations"] if o["id"] != "org-1"]
    for location in document["locations"]:
        if location["organization_id"] == "org-1":
            location["organization_id"] = None
    export_from_members(members_of(document), document, key, tmp_path / "gone.zip")
    with pytest.raises(ExportRejected) as error:
        sync.sync(str(tmp_path / "gone.zip"))
    assert error.value.reason == "content" and "unknown organization" in str(error.value)
    assert content_digest(sync.paths.database) == applied


def test_changed_offer_taking_a_child_id_of_an_unchanged_one(
        applied: str, sync: SyncService, tmp_path: Path, key: Ed25519PrivateKey) -> None:
    """Unchanged offers are not parsed again; their child ids are checked in the store."""
    document = make_document(40, sequence=2)  # same records as the applied export ...
    document["offers"][7]["contacts"][0]["id"] = "ct-8"  # ... but off-7 takes off-8's contact
    export_from_members(members_of(document), document, key, tmp_path / "dup.zip")
    with pytest.raises(ExportRejected) as error:
        sync.sync(str(tmp_path / "dup.zip"))
    assert error.value.reason == "content" and "duplicate contact id" in str(error.value)
    assert content_digest(sync.paths.database) == applied


def test_unchanged_offer_line_twice(applied: str, sync: SyncService, tmp_path: Path,
                                    key: Ed25519PrivateKey) -> None:
    """A line applied last time is not parsed again, but its id still counts once."""
    document = make_document(40, sequence=2)
    members = members_of(document)
    name = RECORD_FILES["offers"]
    first_line = members[name].split(b"\n", 1)[0] + b"\n"
    members[name] += first_line
    export_from_members(members, document, key, tmp_path / "twice.zip",
                        {"counts": {"topics": len(document["topics"]),
                                    "organizations": len(document["organizations"]),
                                    "locations": len(document["locations"]), "offers": 41}})
    with pytest.raises(ExportRejected) as error:
        sync.sync(str(tmp_path / "twice.zip"))
    assert error.value.reason == "content" and "duplicate offer id" in str(error.value)
    assert content_digest(sync.paths.database) == applied


def test_tampered_file_with_a_repeated_line_is_a_hash_mismatch(
        applied: str, sync: SyncService, tmp_path: Path, key: Ed25519PrivateKey) -> None:
    """The offers file is read once in an everyday sync: what is wrong inside a file that
    does not match its signed hash is never reported before the mismatch."""
    build_export(make_document(40, sequence=2), key, tmp_path / "good2.zip")
    with zipfile.ZipFile(tmp_path / "good2.zip") as archive:
        offers = archive.read(RECORD_FILES["offers"])
    rezip(tmp_path / "good2.zip", tmp_path / "bad.zip", replace={
        RECORD_FILES["offers"]: offers + offers.split(b"\n", 1)[0] + b"\n"})
    with pytest.raises(ExportRejected) as error:
        sync.sync(str(tmp_path / "bad.zip"))
    assert error.value.reason == "hash", str(error.value)
    assert content_digest(sync.paths.database) == applied


@pytest.mark.parametrize("where", [0.1, 0.5, 0.9])
def test_corrupt_offers_member_in_an_everyday_sync(
        applied: str, sync: SyncService, tmp_path: Path, key: Ed25519PrivateKey,
        where: float) -> None:
    """An everyday sync inflates the offers file without ZIP's CRC (SafeArchive.line_batches,
    crc=False): a damaged member is still refused before a line of it is parsed, as a
    damaged archive or as a hash mismatch, and the store is left as it was."""
    build_export(make_document(40, sequence=2), key, tmp_path / "good2.zip")
    with zipfile.ZipFile(tmp_path / "good2.zip") as archive:
        info = archive.getinfo(RECORD_FILES["offers"])
    data = bytearray((tmp_path / "good2.zip").read_bytes())
    header = 30 + len(info.filename.encode()) + int.from_bytes(
        data[info.header_offset + 28:info.header_offset + 30], "little")
    at = info.header_offset + header + int(info.compress_size * where)
    data[at] ^= 0x55
    (tmp_path / "bad.zip").write_bytes(bytes(data))
    with pytest.raises(ExportRejected) as error:
        sync.sync(str(tmp_path / "bad.zip"))
    assert error.value.reason in ("archive", "hash"), str(error.value)
    assert content_digest(sync.paths.database) == applied


def _phone_of_a_provider(doc: dict[str, Any]) -> str:
    doc["offers"][-1]["phones"][0]["id"] = "ph-org-0"  # an organization's phone
    return "duplicate phone id ph-org-0"


def _schedule_of_the_first_offer(doc: dict[str, Any]) -> str:
    doc["offers"][-1]["schedules"][0]["id"] = doc["offers"][0]["schedules"][0]["id"]
    return f"duplicate schedule id {doc['offers'][0]['schedules'][0]['id']}"


@pytest.mark.parametrize("take", [_phone_of_a_provider, _schedule_of_the_first_offer])
def test_first_sync_refuses_a_child_id_taken_twice(take: Callable[[dict[str, Any]], str],
                                                   sync: SyncService, tmp_path: Path,
                                                   key: Ed25519PrivateKey) -> None:
    """A full sync checks the child ids of the whole export once all are read (kept as
    text, not as sets): one taken twice is still refused, by name, and nothing is stored."""
    document = make_document(40, sequence=1)
    problem = take(document)
    export_from_members(members_of(document), document, key, tmp_path / "dup.zip")
    empty = content_digest(sync.paths.database)
    with pytest.raises(ExportRejected) as error:
        sync.sync(str(tmp_path / "dup.zip"))
    assert error.value.reason == "content" and problem in str(error.value)
    assert content_digest(sync.paths.database) == empty
