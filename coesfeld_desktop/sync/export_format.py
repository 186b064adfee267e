"""The signed directory export: names, limits and the manifest (see ``docs/export-format.md``).

An export is a ZIP archive holding exactly these members::

    manifest.json        what the export is: directory, sequence, counts, SHA-256 per file
    manifest.sig         Ed25519 signature of the manifest bytes (JSON: key_id, signature)
    topics.jsonl         one record per line, shapes as in docs/directory-format.md
    organizations.jsonl
    locations.jsonl
    offers.jsonl         contacts, phones, schedules, translations nested in their offer

Why JSON Lines in a ZIP: one record per line streams in constant memory, a record's line is
its content hash (cheap change detection by stable id), and ZIP is readable everywhere.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

EXPORT_FORMAT = "angebotslotse-export"
FORMAT_VERSION = 1
SUPPORTED_FORMAT_VERSIONS = (1,)

MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.sig"

# record files in the order they are read and applied; key = the document's list name
RECORD_FILES: dict[str, str] = {
    "topics": "topics.jsonl",
    "organizations": "organizations.jsonl",
    "locations": "locations.jsonl",
    "offers": "offers.jsonl",
}
MEMBER_NAMES = frozenset({MANIFEST_NAME, SIGNATURE_NAME, *RECORD_FILES.values()})

# slack over the declared (uncompressed) member sizes: ZIP headers, manifest, signature
ARCHIVE_OVERHEAD_BYTES = 1024 * 1024


@dataclass(frozen=True)
class SyncTuning:
    """How a sync spends memory and processes: no limit on the export, only speed.

    Tests and benchmarks pass their own (tiny batches, always a worker) instead of patching.
    """

    # offers per full-apply batch: amortises a statement, fits the caches; each batch in
    # hand costs both processes memory (at 100,000 offers 1,000 instead of 2,000: 30 MB
    # less peak for the two together, no CPU measurable)
    batch: int = 1000
    # exports at least this large (compressed) build their rows in a worker process; smaller
    # ones in the calling thread, where starting a process would cost more than it saves
    worker_min_bytes: int = 1_000_000
    # lines of parsed offers kept for the apply (so it need not read the archive again) up
    # to this many bytes: an everyday sync changes a few hundred offers (about 2 KB each)
    keep_lines_bytes: int = 64 * 1024 * 1024


DEFAULT_TUNING = SyncTuning()


@dataclass(frozen=True)
class Limits:
    """Hard limits applied before anything is parsed (no zip bomb, no huge field), and the
    bounds of a download (a hostile server must not hold a desk)."""

    # before the signed manifest declares the real size; a 20,000-offer export is 1.4 MB
    archive_bytes: int = 64 * 1024 * 1024
    manifest_bytes: int = 256 * 1024
    member_bytes: int = 2 * 1024 * 1024 * 1024
    total_bytes: int = 4 * 1024 * 1024 * 1024
    compression_ratio: int = 200  # uncompressed / compressed, per member
    line_bytes: int = 1024 * 1024  # one record
    string_chars: int = 20_000  # one text field
    list_items: int = 1_000  # one list inside a record
    depth: int = 8  # nesting inside a record
    records: int = 2_000_000  # per file
    download_seconds: float = 600.0  # the whole download, connecting included
    read_timeout_seconds: float = 30.0  # connecting and waiting for the answer's headers
    min_rate_bytes: int = 1024  # per second, averaged over rate_window_seconds
    rate_window_seconds: float = 30.0


DEFAULT_LIMITS = Limits()


def canonical_json(value: Any) -> bytes:
    """The one byte form records and manifests are written in (sorted keys, no spaces)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def record_line(record: Any) -> bytes:
    return canonical_json(record) + b"\n"


@contextmanager
def bulk_work() -> Iterator[None]:
    """Pause the cyclic garbage collector while streaming records.

    Why: verifying and applying create millions of short-lived dicts while large live
    structures (digests, id sets) exist; every automatic collection walks all of them. With
    the collector paused, parsing is ~2.5x faster; records hold no reference cycles, so
    reference counting frees them anyway.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
