"""The names of the stored preferences, spelled once.

Why a module of its own: the typed preferences, the machine-wide preset and the handout and
sync code all read the same keys, and the preset must not import the preferences it fixes.
"""

from __future__ import annotations


class Key:
    """The stored keys; other modules (handouts, sync) read the same names."""

    CENTRE_NAME = "centre.name"
    CENTRE_ADDRESS = "centre.address"
    CENTRE_PHONE = "centre.phone"
    CENTRE_LOGO_PATH = "centre.logo_path"
    DEFAULT_TOWN = "search.default_town"
    SYNC_SOURCE = "sync.source"
    SYNC_CHECK_AT_STARTUP = "sync.check_at_startup"
    RETURN_DESTINATION = "channel.destination"  # folder or WebDAV URL for the district
    RETURN_USER = "channel.user"  # WebDAV user name (the password is not in the database)
    STALE_MONTHS = "directory.stale_months"  # "zuletzt geprüft" older than this is marked
    UI_LANGUAGE = "ui.language"
    ZOOM_PERCENT = "ui.zoom_percent"
    FIRST_RUN_DONE = "first_run_done"
    HANDOUT_HISTORY_DAYS = "handout.history_days"
    NOTES_SALT = "notes.kdf_salt"  # set: notes are encrypted (userdata/note_lock.py)
    NOTES_CHECK = "notes.check"
