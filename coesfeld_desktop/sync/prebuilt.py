"""The prebuilt directory database: what it holds, how it is named, made and unpacked.

Why: a full apply from the records builds every row and index text in Python — 2.3 times
the CPU of SQLite bulk-writing the same rows (``bench/sync.py``, 100,000 offers). The
publisher builds those rows once, with the very apply code the desks run, and ships them
beside the export as a gzip'd SQLite file whose size and SHA-256 are in the signed manifest
(``prebuilt``). A desk whose store has the same layout takes the file for a full sync: the
download is checked against the manifest, inflated, checked table by table against its own
schema and copied over in one transaction (:mod:`apply_prebuilt`). The records stay in
every export: for desks of another layout, and as the way taken whenever the file is
missing, stale or does not match.

The file holds the directory and search-index tables and the record hashes; never the
sync's own state (which export, from where: the desk writes that itself) and never a
user table.
"""

from __future__ import annotations

import hashlib
import sqlite3
import tempfile
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from coesfeld_desktop.i18n import N_
from coesfeld_desktop.progress import NO_PROGRESS, Progress
from coesfeld_desktop.search.index.facets import FACET_LAYOUT
from coesfeld_desktop.search.index.tables import (
    DATES_TABLE,
    FACET_TABLE,
    FACTS_TABLE,
    FTS_TABLE,
    INDEX_VERSION,
    TITLE_FTS_TABLE,
    WORDS_TABLE,
)
from coesfeld_desktop.store.models import DIRECTORY_TABLES
from coesfeld_desktop.store.schema import SCHEMA_VERSION
from coesfeld_desktop.sync.archive import file_sha256
from coesfeld_desktop.sync.errors import ExportRejected

SUFFIX = ".sqlite.gz"
_CHUNK = 1024 * 1024

# FTS5 keeps an index in ordinary "shadow" tables; the virtual tables themselves hold nothing.
# offer_fts stores its text (content), offer_title_fts reads it from offer_fts.
_SHADOWS = (*(f"{FTS_TABLE}_{part}" for part in ("data", "idx", "content", "docsize", "config")),
            *(f"{TITLE_FTS_TABLE}_{part}" for part in ("data", "idx", "docsize", "config")))

# What the file brings, in the order it is copied. directory_info is the desk's own row
# (from the signed manifest, with the time it was applied), like the sync state.
COPIED_TABLES: tuple[str, ...] = (
    *(name for name in DIRECTORY_TABLES if name != "directory_info"),
    "sync_record", FACTS_TABLE, FACET_TABLE, DATES_TABLE, WORDS_TABLE, *_SHADOWS,
)


class PrebuiltUnusable(Exception):
    """The prebuilt file cannot be used here; the sync takes the records instead."""


def layout_id() -> str:
    """What a store must match to take a prebuilt file: its schema, the index's layout and
    the filter dimensions the index's facet tokens stand for."""
    facets = hashlib.sha256(FACET_LAYOUT.encode()).hexdigest()[:10]
    return f"store{SCHEMA_VERSION}-index{INDEX_VERSION}-facets{facets}"


def prebuilt_name(export_name: str) -> str:
    """The file beside export ``NAME.zip``: ``NAME.<layout>.sqlite.gz``."""
    stem = export_name[:-4] if export_name.lower().endswith(".zip") else export_name
    return f"{stem}.{layout_id()}{SUFFIX}"


def matching_entry(manifest: Mapping[str, Any]) -> dict[str, Any] | None:
    """The manifest's prebuilt file for this program's layout, if it lists one (a checked
    manifest: its schema allows plain file names only, so the file lies beside the export)."""
    for entry in manifest.get("prebuilt") or ():
        if entry.get("layout") == layout_id():
            return dict(entry)
    return None


def _rejected(name: str) -> ExportRejected:
    return ExportRejected("hash", N_("Die Datei {name} stimmt nicht mit dem Manifest überein "
                                     "(Prüfsumme)."), name=name)


def inflate_checked(packed: Path, entry: Mapping[str, Any], target: Path,
                    progress: Progress = NO_PROGRESS) -> None:
    """Check ``packed`` against the signed entry (size, SHA-256), then inflate it into
    ``target``, never writing more than the entry declares."""
    name = str(entry["name"])
    if packed.stat().st_size != int(entry["bytes"]) or file_sha256(packed) != entry["sha256"]:
        raise _rejected(name)
    limit = int(entry["raw_bytes"])
    inflater = zlib.decompressobj(wbits=31)  # gzip
    written = 0
    with packed.open("rb") as source, target.open("wb") as sink:
        while chunk := source.read(_CHUNK):
            while chunk:
                data = inflater.decompress(chunk, 8 * _CHUNK)
                written += len(data)
                if written > limit:
                    raise _rejected(name)
                sink.write(data)
                chunk = inflater.unconsumed_tail
            progress.check()
        data = inflater.flush()
        written += len(data)
        sink.write(data)
    if not inflater.eof or written != limit:
        raise _rejected(name)


def pack(database: Path, out: Path) -> dict[str, Any]:
    """Compact the directory rows of a store the publisher built into ``out`` (gzip, written
    beside and moved into place); returns the manifest entry for it."""
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".prebuilt-") as folder:
        raw = Path(folder) / "directory.sqlite"
        connection = sqlite3.connect(database)
        try:
            # only what a desk copies; the sync's own rows are the desk's to write
            for statement in ("DELETE FROM sync_state", "DELETE FROM setting",
                              "DELETE FROM directory_info"):
                connection.execute(statement)
            connection.commit()
            connection.execute("VACUUM INTO ?", (str(raw),))
        finally:
            connection.close()
        compact = sqlite3.connect(raw)
        try:  # a file that will only be read: no write-ahead log beside it at the desk
            compact.execute("PRAGMA journal_mode=DELETE")
        finally:
            compact.close()
        partial = out.with_name(out.name + ".partial")
        digest, size = hashlib.sha256(), 0
        deflater = zlib.compressobj(6, zlib.DEFLATED, 31)
        with raw.open("rb") as source, partial.open("wb") as sink:
            while chunk := source.read(_CHUNK):
                data = deflater.compress(chunk)
                digest.update(data)
                size += len(data)
                sink.write(data)
            data = deflater.flush()
            digest.update(data)
            size += len(data)
            sink.write(data)
        raw_bytes = raw.stat().st_size
        partial.replace(out)
    return {"name": out.name, "layout": layout_id(), "bytes": size,
            "sha256": digest.hexdigest(), "raw_bytes": raw_bytes}
