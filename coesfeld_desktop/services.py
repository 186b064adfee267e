"""The composition root: builds the services one installation needs and hands them out.

Why: there is no global app object. The window, the command line and the tests receive a
:class:`Services` explicitly, so a test can build one on a temporary folder without patching.
"""

from __future__ import annotations

from dataclasses import dataclass

from coesfeld_desktop.paths import AppPaths, app_paths
from coesfeld_desktop.search.service import SearchService
from coesfeld_desktop.startup.directory import ensure_directory
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.userdata.notes import NoteService
from coesfeld_desktop.userdata.saved_list import SavedListService
from coesfeld_desktop.userdata.settings import SettingsService


@dataclass
class Services:
    paths: AppPaths
    database: Database
    search: SearchService
    saved_list: SavedListService
    notes: NoteService
    settings: SettingsService

    def close(self) -> None:
        self.database.close()


def open_services(paths: AppPaths | None = None) -> Services:
    """Open (and on first start fill) the local store under ``paths``."""
    paths = (paths or app_paths()).ensure()
    database = Database(paths.database)
    ensure_directory(database)
    return Services(
        paths=paths,
        database=database,
        search=SearchService(database),
        saved_list=SavedListService(database),
        notes=NoteService(database),
        settings=SettingsService(database),
    )
