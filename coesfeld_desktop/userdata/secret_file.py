"""A password kept in a file only the user may read, never in the database.

Why not in the settings table: the database is copied by the recovery, salvaged page by page
and handed to support when something breaks; a password does not belong there. Why not the
operating system's keyring: it is missing on many managed Linux desks and in portable
installs; the data folder is the user's own (its permissions are the protection, as for the
centre's private signing key beside it). A Nextcloud *app password* (revocable, for this one
use) is what the settings dialog asks for.
"""

from __future__ import annotations

import os
from pathlib import Path


class SecretFile:
    """Read and write one secret; an empty secret removes the file."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._memory = ""  # without a path (tests, throwaway preferences): kept in memory

    def read(self) -> str:
        if self.path is None:
            return self._memory
        try:
            return self.path.read_text(encoding="utf-8").strip()
        except (FileNotFoundError, NotADirectoryError):
            return ""

    def write(self, secret: str) -> None:
        secret = secret.strip()
        if self.path is None:
            self._memory = secret
            return
        if not secret:
            self.path.unlink(missing_ok=True)
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(self.path.name + ".part")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            stream.write(secret)
        os.replace(partial, self.path)
