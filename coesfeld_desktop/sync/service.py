"""The sync as one call: fetch or copy the export, verify it, apply it, keep it as last good.

Used by the command line and (through the task runner) by the window. Qt-free.

The flow decides once: the source is parsed into a typed source, the export is authenticated
(signature, manifest, expiry, sequence) and the plan (full or incremental) decided; only then
does a full apply's row builder start (``with``: it is closed whatever happens), the records
are verified, and the plan is applied.

``last-good-export.zip`` (what a damaged store is rebuilt from) must match the database: the
export is copied to ``last-good-export.next.zip`` before the transaction commits and moved
into place after it; a sync killed in between leaves the copy, and the next sync (or
:meth:`SyncService.settle`) keeps it if the database holds that export, else drops it.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import stat
import time
import uuid
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from coesfeld_desktop.i18n import N_
from coesfeld_desktop.paths import AppPaths, resource_dir
from coesfeld_desktop.progress import NO_PROGRESS, Progress
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.sync.apply import (
    Delivered,
    SyncOutcome,
    WriteObserver,
    apply_export,
    child_owners,
    remember_conditional,
)
from coesfeld_desktop.sync.apply_prebuilt import apply_prebuilt
from coesfeld_desktop.sync.archive import file_sha256, leading_members
from coesfeld_desktop.sync.errors import ExportRejected, SourceMissing, SyncError
from coesfeld_desktop.sync.export_format import (
    ARCHIVE_OVERHEAD_BYTES,
    DEFAULT_LIMITS,
    DEFAULT_TUNING,
    MANIFEST_NAME,
    SIGNATURE_NAME,
    Limits,
    SyncTuning,
)
from coesfeld_desktop.sync.fetch import SizeLimit, check_url, fetch
from coesfeld_desktop.sync.full_rows import open_full_rows
from coesfeld_desktop.sync.prebuilt import PrebuiltUnusable, inflate_checked, matching_entry
from coesfeld_desktop.sync.signing import PublicKey, load_public_keys, verify_manifest
from coesfeld_desktop.sync.state import LocalState, read_local_state
from coesfeld_desktop.sync.verify import AuthenticExport, authenticate_export, verify_records
from coesfeld_desktop.userdata.preset import load_preset
from coesfeld_desktop.userdata.sync_source import BadSource, SyncSource, parse_source

LAST_GOOD_NAME = "last-good-export.zip"
NEXT_GOOD_NAME = "last-good-export.next.zip"
INCOMING_GLOB = "incoming-*"  # downloads: the export, a prebuilt file and its inflated copy

log = logging.getLogger(__name__)

# Sends what waits for the district (needs tables, corrections) after a sync; None when no
# return channel is set up. Built by the composition root: the sync does not know the channel.
Courier = Callable[[], Delivered | None]


def trusted_key_folders(paths: AppPaths) -> list[Path]:
    """Bundled keys of the district, keys deployed with the machine-wide preset, and keys an
    administrator put into ``<home>/keys``."""
    preset_keys = load_preset().keys_folder
    return [resource_dir() / "keys", *([preset_keys] if preset_keys else []), paths.home / "keys"]


def stale_days(local: LocalState, now: dt.datetime | None = None) -> int | None:
    """Days since the Datenstand once the applied export is past its signed expiry, else
    None: the window says calmly "Datenstand älter als N Tage" (offline stays normal)."""
    if local.expires_at is None or local.published_at is None:
        return None
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)  # naive UTC, as stored
    if now <= local.expires_at:
        return None
    return max(0, (now - local.published_at).days)


@dataclass
class SyncService:
    database: Database
    paths: AppPaths
    trusted: dict[str, PublicKey] | None = None
    limits: Limits = DEFAULT_LIMITS
    tuning: SyncTuning = DEFAULT_TUNING
    observer: WriteObserver | None = None  # told of every write (kill-safety tests)
    courier: Courier | None = None  # the return channel's delivery, after each sync
    # a full sync takes the export's prebuilt directory file when it has one for this
    # program (sync/prebuilt.py); off: always the records (benchmarks compare both)
    use_prebuilt: bool = True

    def trusted_keys(self) -> dict[str, PublicKey]:
        """The key files' keys; the key announcements in the store are applied on top when
        an export is checked (see :class:`~coesfeld_desktop.sync.signing.TrustState`)."""
        if self.trusted is None:
            return load_public_keys(trusted_key_folders(self.paths))
        return self.trusted

    def local_state(self, with_hashes: bool = False) -> LocalState:
        with self.database.engine.connect() as connection:
            return read_local_state(connection, with_hashes)

    def stale_days(self) -> int | None:
        return stale_days(self.local_state())

    @property
    def last_good(self) -> Path:
        return self.paths.exports / LAST_GOOD_NAME

    def settle(self) -> None:
        """Tidy up after a sync that was killed: its downloads, and a last good export that
        was copied but not yet moved into place (kept if the store holds it)."""
        exports = self.paths.exports
        for leftover in exports.glob(INCOMING_GLOB):
            leftover.unlink(missing_ok=True)
        pending = exports / NEXT_GOOD_NAME
        if pending.exists():
            applied = self.local_state().archive_sha256
            if applied is not None and file_sha256(pending) == applied:
                os.replace(pending, self.last_good)
            else:
                pending.unlink(missing_ok=True)

    def sync(self, source: str, progress: Progress = NO_PROGRESS, allow_http: bool = False,
             allow_restore: bool = False) -> SyncOutcome:
        """Sync from an https address or a file path; raises a :class:`SyncError` subclass.

        Afterwards (applied or unchanged) the return channel's queue goes to the district,
        when one is set up: its outcome is reported, never raised, and never changes what
        the sync did."""
        outcome = self._sync(source, progress, allow_http, allow_restore)
        outcome.delivered = self.deliver()
        return outcome

    def deliver(self) -> Delivered | None:
        """Send what waits in the return channel's outbox; any failure is reported in the
        result (and logged), never raised."""
        if self.courier is None:
            return None
        try:
            return self.courier()
        except Exception as error:  # a broken channel must never fail a sync
            log.warning("return channel: delivery failed: %s", error, exc_info=True)
            return Delivered(0, 0, f"{type(error).__name__}: {error}")

    def _sync(self, source: str, progress: Progress, allow_http: bool,
              allow_restore: bool) -> SyncOutcome:
        parsed = self._parse(source, allow_http)
        self.paths.exports.mkdir(parents=True, exist_ok=True)
        self.settle()
        local = self.local_state()  # record hashes only once we know the export is new
        incoming = self.paths.exports / f"incoming-{uuid.uuid4().hex}.zip"
        pending = self.paths.exports / NEXT_GOOD_NAME
        etag = last_modified = None
        started = time.perf_counter()
        try:
            if parsed.url is not None:
                same_source = local.source == source
                result = fetch(parsed.url, incoming,
                               local.etag if same_source else None,
                               local.last_modified if same_source else None,
                               progress, allow_http, self.limits, self._size_limit(local))
                if result.not_modified:
                    return self._unchanged(local, parsed, result.etag, result.last_modified)
                etag, last_modified = result.etag, result.last_modified
                if local.archive_sha256 and file_sha256(incoming) == local.archive_sha256:
                    return self._unchanged(local, parsed, etag, last_modified)
            else:
                assert parsed.path is not None
                self._copy_file(parsed.path, incoming)  # what we verify cannot change
                if local.archive_sha256 and file_sha256(incoming) == local.archive_sha256:
                    return self._unchanged(local, parsed, etag, last_modified)
            progress.check()
            fetched = time.perf_counter()
            local = self.local_state(with_hashes=True)
            authentic = authenticate_export(incoming, self.trusted_keys(), local,
                                            allow_restore, self.limits, tuning=self.tuning)
            if authentic.plan.full and self.use_prebuilt:
                prebuilt = self._apply_prebuilt(parsed, source, authentic, pending, progress,
                                                allow_http, etag, last_modified)
                if prebuilt is not None:
                    prebuilt.seconds.update(fetch=fetched - started)
                    os.replace(pending, self.last_good)
                    return prebuilt
            with ExitStack() as stack:
                rows = stack.enter_context(open_full_rows(
                    incoming, self.limits, authentic.manifest["files"], tuning=self.tuning)) \
                    if authentic.plan.full else None  # built while the records are checked
                verified = verify_records(authentic, progress, child_owners(self.database))
                checked = time.perf_counter()
                shutil.copyfile(incoming, pending)  # in place before the commit: see above
                outcome = apply_export(self.database, verified, progress, source, etag,
                                       last_modified, rows, self.observer)
            outcome.seconds.update(fetch=fetched - started, verify=checked - fetched)
            os.replace(pending, self.last_good)
            return outcome
        except BaseException:
            self._drop_pending(pending)
            raise
        finally:
            incoming.unlink(missing_ok=True)

    def _apply_prebuilt(self, parsed: SyncSource, source: str, authentic: AuthenticExport,
                        pending: Path, progress: Progress, allow_http: bool,
                        etag: str | None, last_modified: str | None) -> SyncOutcome | None:
        """A full sync from the export's prebuilt directory file, or None (then the records
        are applied): no file for this program, not reachable, not matching its signed
        hash, or not fitting the store. Only a cancel or a refusal of the export itself
        (an older state meanwhile) ends the sync here."""
        entry = matching_entry(authentic.manifest)
        if entry is None:
            return None
        stem = self.paths.exports / f"incoming-{uuid.uuid4().hex}"
        packed, raw = stem.with_suffix(".sqlite.gz"), stem.with_suffix(".sqlite")
        started = time.perf_counter()
        try:
            try:
                self._obtain_prebuilt(parsed, entry, packed, progress, allow_http)
                inflate_checked(packed, entry, raw, progress)
            except (SyncError, OSError) as error:
                log.warning("prebuilt directory %s not used: %s", entry["name"], error)
                return None
            packed.unlink()
            unpacked = time.perf_counter() - started
            shutil.copyfile(authentic.path, pending)  # in place before the commit
            try:
                outcome = apply_prebuilt(self.database, authentic, raw, progress, source,
                                         etag, last_modified, self.observer)
            except PrebuiltUnusable as error:
                log.warning("prebuilt directory %s not used: %s", entry["name"], error)
                return None
            outcome.seconds["unpack"] = unpacked  # fetching and inflating the file
            return outcome
        finally:
            packed.unlink(missing_ok=True)
            raw.unlink(missing_ok=True)

    def _obtain_prebuilt(self, source: SyncSource, entry: dict[str, Any], packed: Path,
                         progress: Progress, allow_http: bool) -> None:
        """The file named in the manifest, from beside the export; at most its signed size."""
        limit = int(entry["bytes"])
        if source.url is not None:
            fetch(urljoin(source.url, str(entry["name"])), packed, progress=progress,
                  allow_http=allow_http, limits=replace(self.limits, archive_bytes=limit))
        else:
            assert source.path is not None
            self._copy_file(source.path.parent / str(entry["name"]), packed, limit)

    def _drop_pending(self, pending: Path) -> None:
        """After a failed sync: the copy is dropped unless the store holds its export."""
        try:
            if pending.exists() and self.local_state().archive_sha256 != file_sha256(pending):
                pending.unlink(missing_ok=True)
        except Exception:  # the first error is the one to report
            pending.unlink(missing_ok=True)

    @staticmethod
    def _parse(source: str, allow_http: bool) -> SyncSource:
        try:
            return parse_source(source, allow_http)
        except BadSource:
            check_url(source, allow_http)  # raises the matching ExportRejected
            raise

    def _size_limit(self, local: LocalState) -> SizeLimit:
        """While downloading: the archive's size limit from its signed manifest, as soon as
        the first bytes hold it (exports from this publisher start with it)."""
        trusted = local.trust.apply_to(self.trusted_keys())

        def declared(head: bytes) -> int | None:
            members = leading_members(head, (MANIFEST_NAME, SIGNATURE_NAME))
            if members is None:
                return None  # more bytes needed
            if not members:
                return self.limits.archive_bytes  # an older layout: the default stays
            verify_manifest(members[MANIFEST_NAME], members[SIGNATURE_NAME], trusted)
            try:
                files = json.loads(members[MANIFEST_NAME])["files"]
                total = sum(int(entry["bytes"]) for entry in files.values())
            except (ValueError, KeyError, TypeError, AttributeError) as error:
                raise ExportRejected("schema", N_("Das Manifest ist fehlerhaft: {problem}"),
                                     problem="files") from error
            return total + total // 64 + ARCHIVE_OVERHEAD_BYTES

        return declared

    def _copy_file(self, path: Path, incoming: Path, limit: int | None = None) -> None:
        """Copy the export file, refusing quickly what is not a regular file (``/dev/zero``,
        a FIFO) or too large; at most the limit is ever read."""
        limit = self.limits.archive_bytes if limit is None else limit
        try:
            info = path.stat()
            if not stat.S_ISREG(info.st_mode):
                raise ExportRejected("not_a_file", N_("{path} ist keine Exportdatei."),
                                     path=str(path)[:300])
            if info.st_size > limit:
                raise ExportRejected("too_large", N_("Die Exportdatei ist zu groß "
                                                     "({size} Bytes)."), size=info.st_size)
            with path.open("rb") as source, incoming.open("wb") as target:
                copied = 0
                while chunk := source.read(1024 * 1024):
                    copied += len(chunk)
                    if copied > limit:
                        raise ExportRejected("too_large", N_("Die Exportdatei ist zu groß "
                                                             "({size} Bytes)."), size=copied)
                    target.write(chunk)
        except OSError as error:
            raise SourceMissing(N_("Die Datei {path} ist nicht lesbar ({error})."),
                                path=str(path), error=error.strerror or str(error)) from error

    def _unchanged(self, local: LocalState, source: SyncSource, etag: str | None,
                   last_modified: str | None) -> SyncOutcome:
        if source.remote and local.archive_sha256:
            remember_conditional(self.database, source.text, etag, last_modified)
        return SyncOutcome("unchanged", local.directory_id or "", "", local.sequence,
                           local.published_at.isoformat() if local.published_at else "")
