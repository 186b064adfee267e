"""The composition root: builds the services one installation needs and hands them out.

Why: there is no global app object. The window, the command line and the tests receive a
:class:`Services` explicitly, so a test can build one on a temporary folder without patching.

Why opened on first use, in two steps: the window paints before the store and the search
are imported, and the first result list is on screen before SQLAlchemy is (importing and
configuring it and the ORM: ≈ 0.45 s of CPU). ``Services(paths)`` costs nothing; the first
part asked for opens the store (filling it on first start) with what the first list reads
— the search, the result rows, the settings, the correction marks, all plain SQL; the
saved list, the notes and the handout history (with its retention) open with the first
of them or with :meth:`Services.open`, the sync when first asked for (its modules: ≈ 0.05 s
CPU). :func:`open_services` opens everything at once, for the command line and the tests.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coesfeld_desktop.paths import AppPaths, app_paths

if TYPE_CHECKING:
    from coesfeld_desktop.channel.transport import Destination
    from coesfeld_desktop.corrections.service import CorrectionService
    from coesfeld_desktop.handout.history import HandoutHistory
    from coesfeld_desktop.search.service import SearchService
    from coesfeld_desktop.store.database import Database
    from coesfeld_desktop.store.directory_reads import DirectoryReads
    from coesfeld_desktop.sync.service import Courier as SyncCourier
    from coesfeld_desktop.sync.service import SyncService
    from coesfeld_desktop.userdata.notes import NoteService
    from coesfeld_desktop.userdata.preferences import Preferences
    from coesfeld_desktop.userdata.saved_list import SavedListService
    from coesfeld_desktop.userdata.settings import SettingsService


@dataclass(frozen=True)
class _Parts:
    """What the first result list reads, none of it through SQLAlchemy."""

    database: Database
    directory: DirectoryReads
    search: SearchService
    settings: SettingsService
    preferences: Preferences
    corrections: CorrectionService


@dataclass(frozen=True)
class _UserParts:
    """The counsellor's own lists, notes and handout history (read through the ORM)."""

    saved_list: SavedListService
    notes: NoteService
    handout_history: HandoutHistory


def _open_parts(paths: AppPaths) -> _Parts:
    # start-up time: the store and the search load only when opened, SQLAlchemy after them
    from coesfeld_desktop.corrections.service import CorrectionService  # noqa: PLC0415
    from coesfeld_desktop.search.service import SearchService  # noqa: PLC0415
    from coesfeld_desktop.startup.directory import ensure_directory  # noqa: PLC0415
    from coesfeld_desktop.store.database import Database  # noqa: PLC0415
    from coesfeld_desktop.store.directory_reads import DirectoryReads  # noqa: PLC0415
    from coesfeld_desktop.userdata.preferences import Preferences  # noqa: PLC0415
    from coesfeld_desktop.userdata.secret_file import SecretFile  # noqa: PLC0415
    from coesfeld_desktop.userdata.settings import SettingsService  # noqa: PLC0415

    database = Database(paths.database)
    ensure_directory(database)
    settings = SettingsService(database)
    preferences = Preferences(settings, password_file=SecretFile(paths.channel_password))
    return _Parts(
        database=database,
        directory=DirectoryReads(database),
        search=SearchService(database),
        settings=settings,
        preferences=preferences,
        corrections=CorrectionService(database, paths, lambda: preferences.centre.name),
    )


def _open_user_parts(parts: _Parts) -> _UserParts:
    # start-up time: these read through the ORM, which loads after the first result list
    from coesfeld_desktop.handout.history import HandoutHistory  # noqa: PLC0415
    from coesfeld_desktop.userdata.notes import NoteService  # noqa: PLC0415
    from coesfeld_desktop.userdata.saved_list import SavedListService  # noqa: PLC0415

    handout_history = HandoutHistory(parts.database)
    handout_history.forget_older_than(parts.preferences.handout_history_days)  # the retention
    return _UserParts(saved_list=SavedListService(parts.database),
                      notes=NoteService(parts.database), handout_history=handout_history)


def _open_sync(paths: AppPaths, parts: _Parts) -> SyncService:
    # start-up time: the sync's modules load when it is first asked for, after the first list
    from coesfeld_desktop.sync.service import SyncService  # noqa: PLC0415

    return SyncService(parts.database, paths, courier=sync_courier(paths, parts.preferences))


def return_destination(preferences: Preferences) -> Destination | None:
    """The stored return-channel destination with its credentials; None when not set up
    (or when a stored value no longer parses: then nothing is sent, the settings say why)."""
    from coesfeld_desktop.channel.transport import Destination  # noqa: PLC0415 - start-up time

    text = preferences.return_destination
    if not text:
        return None
    try:
        return Destination.parse(text, preferences.return_user, preferences.return_password)
    except ValueError:
        return None


def sync_courier(paths: AppPaths, preferences: Preferences) -> SyncCourier:
    """What the sync calls afterwards: the outbox to the stored destination, if any."""
    from coesfeld_desktop.channel.courier import outbox_courier  # noqa: PLC0415 - start-up time

    return outbox_courier(paths.outbox, lambda: return_destination(preferences))


class Services:
    """Everything one installation offers the window and the commands, opened on first use."""

    def __init__(self, paths: AppPaths) -> None:
        self.paths = paths.ensure()
        self._parts: _Parts | None = None
        self._user_parts: _UserParts | None = None
        self._sync: SyncService | None = None
        self._lock = threading.Lock()

    def open(self) -> Services:
        """Open the store now (on first start: fill it with the directory), with every part
        but the sync; the handout history forgets what is older than its retention."""
        self._user_opened()
        return self

    @property
    def is_open(self) -> bool:
        return self._parts is not None

    def _opened(self) -> _Parts:
        if self._parts is None:
            with self._lock:  # a worker thread may ask first
                if self._parts is None:
                    self._parts = _open_parts(self.paths)
        return self._parts

    def _user_opened(self) -> _UserParts:
        parts = self._opened()
        if self._user_parts is None:
            with self._lock:
                if self._user_parts is None:
                    self._user_parts = _open_user_parts(parts)
        return self._user_parts

    @property
    def database(self) -> Database:
        return self._opened().database

    @property
    def directory(self) -> DirectoryReads:
        """Read-only directory access: result rows, details, Datenstand, filter lists."""
        return self._opened().directory

    @property
    def search(self) -> SearchService:
        return self._opened().search

    @property
    def saved_list(self) -> SavedListService:
        return self._user_opened().saved_list

    @property
    def notes(self) -> NoteService:
        return self._user_opened().notes

    @property
    def settings(self) -> SettingsService:
        return self._opened().settings

    @property
    def preferences(self) -> Preferences:
        return self._opened().preferences

    @property
    def handout_history(self) -> HandoutHistory:
        return self._user_opened().handout_history

    @property
    def sync(self) -> SyncService:
        parts = self._opened()
        if self._sync is None:
            with self._lock:
                if self._sync is None:
                    self._sync = _open_sync(self.paths, parts)
        return self._sync

    @property
    def corrections(self) -> CorrectionService:
        """"Stimmt etwas nicht?": reports of wrong offer facts for the district."""
        return self._opened().corrections

    def close(self) -> None:
        if self._parts is not None:
            self._parts.database.close()


def open_services(paths: AppPaths | None = None) -> Services:
    """Open (and on first start fill) the local store under ``paths``."""
    return Services(paths or app_paths()).open()
