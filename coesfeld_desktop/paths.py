"""Every path the app writes to, in one place.

Why one module: tests and portable installs redirect *everything* by setting
``ANGEBOTSLOTSE_HOME``; nothing else in the code may invent its own location.
Read-only bundled files (demo directory, synonyms, fonts) are found through
:func:`resource_dir`, which also works inside a PyInstaller bundle.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

HOME_ENV = "ANGEBOTSLOTSE_HOME"


@dataclass(frozen=True)
class AppPaths:
    """The writable folders of one installation."""

    home: Path

    @property
    def database(self) -> Path:
        return self.home / "angebotslotse.sqlite3"

    @property
    def logs(self) -> Path:
        return self.home / "logs"

    @property
    def exports(self) -> Path:
        """Downloaded and last-good directory exports (sync)."""
        return self.home / "exports"

    @property
    def handouts(self) -> Path:
        return self.home / "handouts"

    @property
    def outbox(self) -> Path:
        """Signed messages for the district waiting for delivery (return channel)."""
        return self.home / "outbox"

    @property
    def channel_password(self) -> Path:
        """The WebDAV password of the return channel: a file only the user can read, kept
        out of the database (which is copied for recovery and support)."""
        return self.home / "centre-key" / "webdav-password"

    def ensure(self) -> AppPaths:
        """Create the folders; returns self so callers can chain."""
        for folder in (self.home, self.logs, self.exports, self.handouts):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def app_paths(environ: os._Environ[str] | dict[str, str] | None = None) -> AppPaths:
    """The paths for this process: ``$ANGEBOTSLOTSE_HOME`` or the platform's user data folder."""
    env = os.environ if environ is None else environ
    override = env.get(HOME_ENV)
    if override:
        return AppPaths(Path(override).expanduser().resolve())
    return AppPaths(Path(platformdirs.user_data_dir("Angebotslotse", "Kreis Coesfeld")))


def resource_dir() -> Path:
    """The bundled, read-only ``resources/`` folder (source checkout or frozen bundle)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def translations_dir() -> Path:
    """The gettext catalogs (``translations/<lang>/LC_MESSAGES/*.mo``)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "translations"
    return Path(__file__).resolve().parent.parent / "translations"
