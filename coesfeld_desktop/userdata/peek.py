"""Read a setting straight from the database file, before the store is opened.

Why a module of its own, with only the standard library: the UI language and zoom must be
known before the first window is built, and importing SQLAlchemy and opening the store
before the first paint costs start-up time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from contextlib import closing
from pathlib import Path


def peek_setting(database: Path, key: str, default: str = "") -> str:
    """The stored value of ``key``; a missing, new or unreadable database gives ``default``."""
    return peek_settings(database, {key: default})[key]


def peek_settings(database: Path, defaults: Mapping[str, str]) -> dict[str, str]:
    """The stored values of several keys with one open of the file (start-up reads three);
    keys not stored, or a missing, new or unreadable database, give their defaults."""
    found = dict(defaults)
    if not database.is_file() or not defaults:
        return found
    marks = ", ".join("?" * len(defaults))
    try:
        with closing(sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)) as connection:
            rows = connection.execute(f"SELECT key, value FROM setting WHERE key IN ({marks})",
                                      tuple(defaults)).fetchall()
    except sqlite3.Error:
        return found
    found.update((str(key), str(value)) for key, value in rows)
    return found
