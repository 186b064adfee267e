"""When the start-up check may be cheap: after a clean exit, and with no damage reported since.

Why: SQLite's full ``quick_check`` reads every page of the database; at 100,000 offers that
is 338 MB and about 0.75 s of CPU (several seconds with a cold disk cache) before the window
could paint. A database closed cleanly by the last session is checked cheaply at start-up
(:func:`~coesfeld_desktop.store.health.inspect_database` with ``full=False``) and fully
in the background once the window shows its first results. The full check runs before the
window only

* after an unclean exit: the marker :data:`SESSION_SUFFIX` that a session writes when it
  opens the database is still there (a crash, a kill, a power cut), or
* when a background check found damage and asked for it (:data:`CHECK_SUFFIX`); that start
  then rebuilds the database as every damaged start does, keeping the user's rows.

Plain files beside the database, no SQL: they must be readable when the database is not.
"""

from __future__ import annotations

import contextlib
import logging
import os

from coesfeld_desktop.paths import AppPaths

log = logging.getLogger(__name__)

SESSION_SUFFIX = ".session"  # "a window has this database open", removed at a clean exit
CHECK_SUFFIX = ".check-needed"  # a background check found damage: check fully next start


def _marker(paths: AppPaths, suffix: str) -> os.PathLike[str]:
    return paths.database.with_name(paths.database.name + suffix)


def full_check_needed(paths: AppPaths) -> bool:
    """True if the next start must run the full check before the window opens."""
    return any(os.path.exists(_marker(paths, suffix))
               for suffix in (SESSION_SUFFIX, CHECK_SUFFIX))


def begin_session(paths: AppPaths) -> None:
    """A window opens the database: until :func:`end_session`, a start counts as unclean."""
    with open(_marker(paths, SESSION_SUFFIX), "w", encoding="utf-8") as handle:
        handle.write(str(os.getpid()))


def end_session(paths: AppPaths) -> None:
    """The window closed the database cleanly: the next start may check cheaply."""
    with contextlib.suppress(FileNotFoundError):
        os.remove(_marker(paths, SESSION_SUFFIX))


def request_full_check(paths: AppPaths, reason: str) -> None:
    """Damage was found while the program runs: the next start checks fully (and repairs).

    Written atomically; the reason is kept for the log of that start.
    """
    marker = _marker(paths, CHECK_SUFFIX)
    pending = f"{os.fspath(marker)}.tmp"
    with open(pending, "w", encoding="utf-8") as handle:
        handle.write(reason[:2000])
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(pending, marker)
    log.warning("database damage found while running (%s); repair at the next start", reason)


def full_check_done(paths: AppPaths) -> None:
    """A full check has run (and any damage was repaired): no request is left."""
    with contextlib.suppress(FileNotFoundError):
        os.remove(_marker(paths, CHECK_SUFFIX))
