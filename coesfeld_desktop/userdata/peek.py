"""Read a setting straight from the database file, before the store is opened.

Why a module of its own, with only the standard library: the UI language and zoom must be
known before the first window is built, and importing SQLAlchemy and opening the store
before the first paint costs start-up time.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path


def peek_setting(database: Path, key: str, default: str = "") -> str:
    """The stored value of ``key``; a missing, new or unreadable database gives ``default``."""
    if not database.is_file():
        return default
    try:
        with closing(sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)) as connection:
            row = connection.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    except sqlite3.Error:
        return default
    return str(row[0]) if row else default
