"""Build and sign an export for the district office (``angebotslotse-publish build``).

The input is a directory document (``docs/directory-format.md``), from our own source
folder or converted from HSDS by :mod:`hsds_import`. The output is written to a temporary
file, checked with the very code the app uses (signature, hashes, schema, references), and
only then moved into place, so the office cannot publish an export the desks would reject.

The manifest and its signature are the archive's first members, so that a desk knows the
signed sizes after the first kilobytes of a download. Every manifest carries an
``expires_at``; it may carry a ``keys`` block (in-band key rotation, see ``signing.py``).

:class:`PublishState` (``NAME.published.json`` beside the private key ``NAME.key``) keeps
the directory id and the last sequence published with that key: a sequence is never used
twice and never goes backwards.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from coesfeld_desktop import __version__
from coesfeld_desktop.search.index.build import ensure_index
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.sync.apply import apply_export
from coesfeld_desktop.sync.archive import SafeArchive
from coesfeld_desktop.sync.export_format import (
    EXPORT_FORMAT,
    FORMAT_VERSION,
    MANIFEST_NAME,
    RECORD_FILES,
    SIGNATURE_NAME,
    canonical_json,
    record_line,
)
from coesfeld_desktop.sync.prebuilt import pack, prebuilt_name
from coesfeld_desktop.sync.signing import PublicKey, key_id_of, sign_manifest
from coesfeld_desktop.sync.state import LocalState
from coesfeld_desktop.sync.verify import iter_records, verify_export


def read_source(path: Path) -> dict[str, Any]:
    """A directory document from a JSON file or a source folder holding ``directory.json``."""
    path = Path(path)
    if path.is_dir():
        path = path / "directory.json"
    with path.open(encoding="utf-8") as handle:
        document = json.load(handle)
    if not isinstance(document, dict):
        raise ValueError(f"{path} does not hold a directory object")
    return document


def _utc_text(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


DEFAULT_VALID_DAYS = 60


@dataclass(frozen=True)
class KeyAnnouncement:
    """A ``keys`` block for the manifest: the keys desks trust from now on (public key
    lines) and the key ids they never trust again; ``version`` grows with every change."""

    version: int
    trusted: Sequence[str]
    revoked: Sequence[str] = ()

    def as_manifest(self) -> dict[str, Any]:
        return {"version": self.version, "trusted": [line.strip() for line in self.trusted],
                "revoked": list(self.revoked)}


def write_export(records: Mapping[str, Iterable[Mapping[str, Any]]], header: Mapping[str, Any],
                 private: Ed25519PrivateKey, out: Path,
                 generated_at: dt.datetime | None = None, valid_days: int = DEFAULT_VALID_DAYS,
                 keys: KeyAnnouncement | None = None,
                 prebuilt: Sequence[Mapping[str, Any]] = ()) -> dict[str, Any]:
    """Write ``records`` (by list name) as a signed export at ``out``; returns the manifest.

    Low level and unchecked: :func:`build_export` is what the office uses. Tests use this to
    build deliberately broken exports. The records are serialised twice (hashes for the
    manifest first, then the members after it), so they must be iterable twice: lists.
    """
    lists = {kind: list(records.get(kind, ())) for kind in RECORD_FILES}
    files: dict[str, dict[str, Any]] = {}
    counts: dict[str, int] = {}
    for kind, name in RECORD_FILES.items():
        digest, size = hashlib.sha256(), 0
        for record in lists[kind]:
            line = record_line(record)
            digest.update(line)
            size += len(line)
        files[name] = {"sha256": digest.hexdigest(), "bytes": size, "records": len(lists[kind])}
        counts[kind] = len(lists[kind])
    generated = generated_at or dt.datetime.now(dt.UTC)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        manifest = {
            "format": EXPORT_FORMAT,
            "format_version": FORMAT_VERSION,
            "directory_id": header["directory_id"],
            "title": header.get("title") or header["directory_id"],
            "sequence": int(header.get("sequence") or 0),
            "published_at": header["published_at"],
            "generated_at": _utc_text(generated),
            "expires_at": _utc_text(generated + dt.timedelta(days=valid_days)),
            "is_demo": bool(header.get("is_demo", False)),
            "source_language": header.get("source_language") or "de",
            "generator": f"angebotslotse-publish {__version__}",
            "counts": counts,
            "files": files,
        }
        if keys is not None:
            manifest["keys"] = keys.as_manifest()
        if prebuilt:
            manifest["prebuilt"] = [dict(entry) for entry in prebuilt]
        manifest_bytes = canonical_json(manifest)
        archive.writestr(MANIFEST_NAME, manifest_bytes)
        archive.writestr(SIGNATURE_NAME, sign_manifest(manifest_bytes, private))
        for kind, name in RECORD_FILES.items():
            with archive.open(name, "w", force_zip64=True) as member:
                for record in lists[kind]:
                    member.write(record_line(record))
    return manifest


def build_export(document: Mapping[str, Any], private: Ed25519PrivateKey, out: Path,
                 sequence: int | None = None, published_at: str | None = None,
                 valid_days: int = DEFAULT_VALID_DAYS,
                 keys: KeyAnnouncement | None = None, prebuilt: bool = False) -> dict[str, Any]:
    """Build, self-check and atomically write a signed export; returns the manifest.

    With ``prebuilt`` the directory database for this program's layout is written beside
    it too (``sync/prebuilt.py``), before the export that names it."""
    out = Path(out)
    header = dict(document)
    if sequence is not None:
        header["sequence"] = sequence
    if published_at is not None:
        header["published_at"] = published_at
    if not header.get("published_at"):
        header["published_at"] = _utc_text(dt.datetime.now(dt.UTC))
    if not header.get("directory_id"):
        raise ValueError("the directory has no directory_id")
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    records = {kind: document.get(kind) or [] for kind in RECORD_FILES}
    public = private.public_key()
    trusted = {key_id_of(public): PublicKey(key_id_of(public), public)}
    generated = dt.datetime.now(dt.UTC)
    try:
        manifest = write_export(records, header, private, partial, generated, valid_days, keys)
        verify_export(partial, trusted, LocalState())
        if prebuilt:
            entry = build_prebuilt(partial, trusted, out.with_name(prebuilt_name(out.name)))
            manifest = write_export(records, header, private, partial, generated, valid_days,
                                    keys, [entry])
            verify_export(partial, trusted, LocalState())
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


def build_prebuilt(export: Path, trusted: Mapping[str, PublicKey], out: Path) -> dict[str, Any]:
    """Apply ``export`` to a new store exactly as a desk would, then pack its directory
    rows into ``out``; returns the manifest entry (``sync/prebuilt.py``)."""
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".prebuilt-") as folder:
        database = Database(Path(folder) / "store.sqlite3")
        try:
            with database.engine.begin() as connection:
                ensure_index(connection)
            apply_export(database, verify_export(export, trusted, LocalState()))
        finally:
            database.close()
        return pack(Path(folder) / "store.sqlite3", out)


def read_export_document(path: Path) -> dict[str, Any]:
    """An export back as one directory document (for inspection and rebuilding a store).

    The caller must have verified the export; this only reads it, with the safe reader.
    """
    with SafeArchive(path) as archive:
        manifest = json.loads(archive.read_small(MANIFEST_NAME, 1024 * 1024))
        document: dict[str, Any] = {
            "format": "angebotslotse-directory", "format_version": 1,
            **{k: manifest.get(k) for k in ("directory_id", "title", "published_at",
                                            "sequence", "is_demo", "source_language")},
        }
        for kind in RECORD_FILES:
            document[kind] = [record for _line, record in iter_records(archive, kind)]
    return document


@dataclass(frozen=True)
class PublishState:
    """What was last published with a key: kept beside it as ``NAME.published.json``."""

    directory_id: str | None = None
    sequence: int = -1  # none yet
    keys: KeyAnnouncement | None = None  # repeated in every export (desks may be offline)

    @staticmethod
    def path_for(private_key: Path) -> Path:
        return private_key.with_name(private_key.stem + ".published.json")

    @classmethod
    def read(cls, private_key: Path) -> PublishState:
        path = cls.path_for(private_key)
        if not path.exists():
            return cls()
        data = json.loads(path.read_text(encoding="utf-8"))
        keys = data.get("keys")
        announcement = KeyAnnouncement(int(keys["version"]), tuple(keys["trusted"]),
                                       tuple(keys["revoked"])) if keys else None
        return cls(str(data["directory_id"]), int(data["sequence"]), announcement)

    def write(self, private_key: Path) -> None:
        path = self.path_for(private_key)
        partial = path.with_name(path.name + ".partial")
        partial.write_text(json.dumps({
            "directory_id": self.directory_id, "sequence": self.sequence,
            "keys": self.keys.as_manifest() if self.keys else None}, indent=1) + "\n",
            encoding="utf-8")
        os.replace(partial, path)

    def next_sequence(self, directory_id: str, requested: int | None,
                      in_document: int = 0) -> int:
        """The sequence to publish: ``requested`` if it goes forward (else an error);
        without one the document's own if that goes forward, else one more than the last."""
        last = self.sequence if directory_id == self.directory_id else -1
        if requested is None:
            return max(last + 1, in_document, 1)
        if requested <= last:
            raise ValueError(f"sequence {requested} was already published (last: {last}); "
                             "a sequence is never reused and never goes backwards")
        return requested

    def announcing(self, trusted: Sequence[str], revoked: Sequence[str]) -> KeyAnnouncement | None:
        """The keys block for the next export: the stored one, changed if asked to."""
        if not trusted and not revoked:
            return self.keys
        old = self.keys or KeyAnnouncement(0, ())
        lines = [*old.trusted, *(line.strip() for line in trusted
                                 if line.strip() not in old.trusted)]
        gone = [*old.revoked, *(key_id for key_id in revoked if key_id not in old.revoked)]
        return KeyAnnouncement(old.version + 1, tuple(lines), tuple(gone))
