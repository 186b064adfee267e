"""What the local store remembers about syncs: the last applied export and a hash per record.

Why a hash per record: an export carries every record; comparing each line's SHA-256 with
the one applied last time finds new, changed and removed records by stable id without
reading the directory tables. The hashes are trusted only while ``applied_at`` equals the
Datenstand row's ``imported_at`` (both written in the same transaction): any other writer of
the directory (demo bootstrap, a rebuild) makes them stale, and the next sync does a full
apply instead of a wrong incremental one.

Three facts of the applied export live in sync-owned rows of the ``setting`` table (written
in the sync's transaction, so no schema change was needed): the manifest's SHA-256 (the
same sequence must mean the same content), its ``expires_at`` and the key announcements
applied so far (:class:`~coesfeld_desktop.sync.signing.TrustState`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import Connection, DateTime, Integer, String, Table
from sqlalchemy.orm import Mapped, mapped_column

from coesfeld_desktop.store import models as m
from coesfeld_desktop.sync.signing import TrustState

MANIFEST_SHA256_KEY = "sync.manifest_sha256"
EXPIRES_AT_KEY = "sync.expires_at"
TRUST_KEY = "sync.trust"
SETTING_KEYS = (MANIFEST_SHA256_KEY, EXPIRES_AT_KEY, TRUST_KEY)


class SyncState(m.Base):
    """One row: the export last applied and how to ask the server whether it changed."""

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    directory_id: Mapped[str] = mapped_column(String(100))
    sequence: Mapped[int] = mapped_column(Integer)
    archive_sha256: Mapped[str] = mapped_column(String(64))
    key_id: Mapped[str] = mapped_column(String(40))
    source: Mapped[str | None] = mapped_column(String(2000))
    etag: Mapped[str | None] = mapped_column(String(300))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    applied_at: Mapped[dt.datetime] = mapped_column(DateTime)


class SyncRecord(m.Base):
    """The SHA-256 of one record's line in the export last applied."""

    __tablename__ = "sync_record"

    kind: Mapped[str] = mapped_column(String(20), primary_key=True)  # offers, topics, ...
    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    digest: Mapped[str] = mapped_column(String(64))


STATE_TABLE: Table = SyncState.__table__  # type: ignore[assignment]
RECORD_TABLE: Table = SyncRecord.__table__  # type: ignore[assignment]


@dataclass
class LocalState:
    """What a sync needs to know about the local store before looking at an export."""

    directory_id: str | None = None
    sequence: int = 0
    is_demo: bool = True
    published_at: dt.datetime | None = None
    archive_sha256: str | None = None  # None: hashes stale or never synced
    etag: str | None = None
    last_modified: str | None = None
    source: str | None = None
    hashes: dict[str, dict[str, str]] = field(default_factory=dict)
    synced: bool = False  # a signed export was applied (demo or not): downgrades are checked
    manifest_sha256: str | None = None  # of the export applied (None: hashes stale)
    expires_at: dt.datetime | None = None  # of the export applied (None: hashes stale)
    trust: TrustState = field(default_factory=TrustState)  # key announcements, kept always

    @property
    def incremental(self) -> bool:
        return self.archive_sha256 is not None

    def same_export(self, other: LocalState) -> bool:
        """Whether ``other`` was read with the same export applied (no sync in between)."""
        return (self.directory_id, self.sequence, self.archive_sha256) == (
            other.directory_id, other.sequence, other.archive_sha256)


def _stored_time(value: str | None) -> dt.datetime | None:
    """A ``DateTime`` column as SQLAlchemy stores it in SQLite (ISO text)."""
    return None if value is None else dt.datetime.fromisoformat(value)


def read_local_state(connection: Connection, with_hashes: bool = True) -> LocalState:
    # plain SQL: the first ORM query of a process compiles and configures the mappers
    # (0.03 s of a sync's CPU); these two rows need neither
    info = connection.exec_driver_sql(
        "SELECT directory_id, sequence, is_demo, published_at, imported_at "
        f"FROM {m.DirectoryInfo.__tablename__} LIMIT 1").first()
    sync = connection.exec_driver_sql(
        "SELECT directory_id, archive_sha256, source, etag, last_modified, applied_at "
        f"FROM {SyncState.__tablename__} LIMIT 1").first()
    state = LocalState()
    if info is not None:
        state.directory_id = info.directory_id
        state.sequence = info.sequence
        state.is_demo = bool(info.is_demo)
        state.published_at = _stored_time(info.published_at)
    settings: dict[str, str] = dict(connection.exec_driver_sql(
        "SELECT key, value FROM setting WHERE key IN (?, ?, ?)", SETTING_KEYS).fetchall())
    state.trust = TrustState.from_json(settings.get(TRUST_KEY))
    if sync is not None:
        state.source = sync.source
        # the loaded directory came from a signed export (an is_demo flag in it counts not)
        state.synced = info is not None and sync.directory_id == info.directory_id
    if info is None or sync is None or \
            _stored_time(sync.applied_at) != _stored_time(info.imported_at):
        return state
    state.archive_sha256 = sync.archive_sha256
    state.manifest_sha256 = settings.get(MANIFEST_SHA256_KEY) or None
    if settings.get(EXPIRES_AT_KEY):
        state.expires_at = dt.datetime.fromisoformat(settings[EXPIRES_AT_KEY])
    state.etag, state.last_modified = sync.etag, sync.last_modified
    if with_hashes:
        # one kind at a time, rows as plain tuples straight into a dict: half the time of
        # iterating Core rows (100,000 offers: 0.3 -> 0.15 s, on every sync of a new export)
        table = SyncRecord.__tablename__
        cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            kinds = [row[0] for row in cursor.execute(f"SELECT DISTINCT kind FROM {table}")]
            for kind in kinds:
                state.hashes[kind] = dict(cursor.execute(
                    f"SELECT id, digest FROM {table} WHERE kind = ?", (kind,)).fetchall())
        finally:
            cursor.close()
    return state
