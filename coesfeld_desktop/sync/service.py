"""The sync as one call: fetch or copy the export, verify it, apply it, keep it as last good.

Used by the command line and (through the task runner) by the window. Qt-free.
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from coesfeld_desktop.i18n import N_
from coesfeld_desktop.paths import AppPaths, resource_dir
from coesfeld_desktop.progress import NO_PROGRESS, Progress
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.sync.apply import (
    SyncOutcome,
    apply_export,
    child_owners,
    remember_conditional,
)
from coesfeld_desktop.sync.archive import file_sha256
from coesfeld_desktop.sync.errors import ExportRejected, SourceUnavailable
from coesfeld_desktop.sync.export_format import DEFAULT_LIMITS, DEFAULT_TUNING, Limits, SyncTuning
from coesfeld_desktop.sync.fetch import fetch, is_url
from coesfeld_desktop.sync.full_rows import FullRows, open_full_rows
from coesfeld_desktop.sync.signing import PublicKey, load_public_keys
from coesfeld_desktop.sync.state import LocalState, read_local_state
from coesfeld_desktop.sync.verify import verify_export
from coesfeld_desktop.userdata.preset import load_preset

LAST_GOOD_NAME = "last-good-export.zip"


def trusted_key_folders(paths: AppPaths) -> list[Path]:
    """Bundled keys of the district, keys deployed with the machine-wide preset, and keys an
    administrator put into ``<home>/keys``."""
    preset_keys = load_preset().keys_folder
    return [resource_dir() / "keys", *([preset_keys] if preset_keys else []), paths.home / "keys"]


@dataclass
class SyncService:
    database: Database
    paths: AppPaths
    trusted: dict[str, PublicKey] | None = None
    limits: Limits = DEFAULT_LIMITS
    tuning: SyncTuning = DEFAULT_TUNING

    def trusted_keys(self) -> dict[str, PublicKey]:
        if self.trusted is None:
            return load_public_keys(trusted_key_folders(self.paths))
        return self.trusted

    def local_state(self, with_hashes: bool = False) -> LocalState:
        with self.database.engine.connect() as connection:
            return read_local_state(connection, with_hashes)

    @property
    def last_good(self) -> Path:
        return self.paths.exports / LAST_GOOD_NAME

    def sync(self, source: str, progress: Progress = NO_PROGRESS, allow_http: bool = False,
             allow_restore: bool = False) -> SyncOutcome:
        """Sync from an https address or a file path; raises a :class:`SyncError` subclass."""
        local = self.local_state()  # record hashes only once we know the export is new
        self.paths.exports.mkdir(parents=True, exist_ok=True)
        incoming = self.paths.exports / f"incoming-{uuid.uuid4().hex}.zip"
        etag = last_modified = None
        started = time.perf_counter()
        full_rows: FullRows | None = None
        try:
            if is_url(source):
                same_source = local.source == source
                result = fetch(source, incoming,
                               local.etag if same_source else None,
                               local.last_modified if same_source else None,
                               progress, allow_http, max_bytes=self.limits.archive_bytes)
                if result.not_modified:
                    return self._unchanged(local, source, result.etag, result.last_modified)
                etag, last_modified = result.etag, result.last_modified
                if local.archive_sha256 and file_sha256(incoming) == local.archive_sha256:
                    return self._unchanged(local, source, etag, last_modified)
            else:
                if local.archive_sha256 and self._file_sha256(Path(source)) == \
                        local.archive_sha256:
                    return self._unchanged(local, source, etag, last_modified)
                self._copy_file(Path(source), incoming)  # what we verify cannot change
            progress.check()
            fetched = time.perf_counter()
            local = self.local_state(with_hashes=True)
            if not local.incremental:  # a full apply: its rows are built while verifying
                full_rows = open_full_rows(incoming, self.limits, tuning=self.tuning)
            verified = verify_export(incoming, self.trusted_keys(), local, allow_restore,
                                     self.limits, progress, child_owners(self.database),
                                     self.tuning)
            checked = time.perf_counter()
            outcome = apply_export(self.database, verified, progress, source, etag,
                                   last_modified, full_rows)
            outcome.seconds.update(fetch=fetched - started, verify=checked - fetched)
            os.replace(incoming, self.last_good)
            return outcome
        finally:
            if full_rows is not None:
                full_rows.close()
            incoming.unlink(missing_ok=True)

    def _file_sha256(self, path: Path) -> str | None:
        try:
            return file_sha256(path)
        except OSError:
            return None  # reported by _copy_file

    def _copy_file(self, path: Path, incoming: Path) -> None:
        try:
            size = path.stat().st_size
            if size > self.limits.archive_bytes:
                raise ExportRejected("too_large", N_("Die Exportdatei ist zu groß "
                                                     "({size} Bytes)."), size=size)
            shutil.copyfile(path, incoming)
        except OSError as error:
            raise SourceUnavailable(N_("Die Datei {path} ist nicht lesbar ({error})."),
                                    path=str(path), error=error.strerror or str(error)) from error

    def _unchanged(self, local: LocalState, source: str, etag: str | None,
                   last_modified: str | None) -> SyncOutcome:
        if is_url(source) and local.archive_sha256:
            remember_conditional(self.database, source, etag, last_modified)
        return SyncOutcome("unchanged", local.directory_id or "", "", local.sequence,
                           local.published_at.isoformat() if local.published_at else "")
