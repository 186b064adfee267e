"""Build and sign an export for the district office (``angebotslotse-publish build``).

The input is a directory document (``docs/directory-format.md``), from our own source
folder or converted from HSDS by :mod:`hsds_import`. The output is written to a temporary
file, checked with the very code the app uses (signature, hashes, schema, references), and
only then moved into place, so the office cannot publish an export the desks would reject.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from coesfeld_desktop import __version__
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


def write_export(records: Mapping[str, Iterable[Mapping[str, Any]]], header: Mapping[str, Any],
                 private: Ed25519PrivateKey, out: Path,
                 generated_at: dt.datetime | None = None) -> dict[str, Any]:
    """Write ``records`` (by list name) as a signed export at ``out``; returns the manifest.

    Low level and unchecked: :func:`build_export` is what the office uses. Tests use this to
    build deliberately broken exports.
    """
    files: dict[str, dict[str, Any]] = {}
    counts: dict[str, int] = {}
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for kind, name in RECORD_FILES.items():
            digest, size, count = hashlib.sha256(), 0, 0
            with archive.open(name, "w", force_zip64=True) as member:
                for record in records.get(kind, ()):
                    line = record_line(record)
                    member.write(line)
                    digest.update(line)
                    size += len(line)
                    count += 1
            files[name] = {"sha256": digest.hexdigest(), "bytes": size, "records": count}
            counts[kind] = count
        manifest = {
            "format": EXPORT_FORMAT,
            "format_version": FORMAT_VERSION,
            "directory_id": header["directory_id"],
            "title": header.get("title") or header["directory_id"],
            "sequence": int(header.get("sequence") or 0),
            "published_at": header["published_at"],
            "generated_at": _utc_text(generated_at or dt.datetime.now(dt.UTC)),
            "is_demo": bool(header.get("is_demo", False)),
            "source_language": header.get("source_language") or "de",
            "generator": f"angebotslotse-publish {__version__}",
            "counts": counts,
            "files": files,
        }
        manifest_bytes = canonical_json(manifest)
        archive.writestr(MANIFEST_NAME, manifest_bytes)
        archive.writestr(SIGNATURE_NAME, sign_manifest(manifest_bytes, private))
    return manifest


def build_export(document: Mapping[str, Any], private: Ed25519PrivateKey, out: Path,
                 sequence: int | None = None,
                 published_at: str | None = None) -> dict[str, Any]:
    """Build, self-check and atomically write a signed export; returns the manifest."""
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
    try:
        manifest = write_export(records, header, private, partial)
        public = private.public_key()
        verify_export(partial, {key_id_of(public): PublicKey(key_id_of(public), public)},
                      LocalState())
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


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
