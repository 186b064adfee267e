"""The app's log: one rotating file in the data folder, with nothing about clients in it.

What may be logged: which step ran, how long it took, counts, error types and tracebacks,
file names of the app's own files. What is never logged: search text, notes, Merkliste
entries, names or anything else a counsellor types. Code that logs must pass ids and
counts, not user text. As a second line of defence the formatter hides the
``[parameters: ...]`` part SQLAlchemy puts into its error messages, because bound
parameters can hold a note or a search word.

Why a rotating file of about 1 MB × 5: enough for a support call ("send me the log"),
small enough never to fill a laptop's disk, and old entries disappear on their own.
"""

from __future__ import annotations

import errno
import logging
import logging.handlers
import re
import sys
import tempfile
from pathlib import Path

from coesfeld_desktop.paths import AppPaths

LOG_FILE_NAME = "angebotslotse.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
LOG_FORMAT = "%(asctime)s %(levelname)-8s %(name)s [%(threadName)s]: %(message)s"

_HANDLER_MARK = "_angebotslotse_handler"
_SQL_PARAMETERS = re.compile(r"\[parameters: .*?\](?=\n|$)", re.DOTALL)


def redact(text: str) -> str:
    """Hide bound SQL parameters (they may contain user text) in a message or traceback."""
    return _SQL_PARAMETERS.sub("[parameters: hidden]", text)


class RedactingFormatter(logging.Formatter):
    """The standard formatter, with SQL parameters removed from messages and tracebacks."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class _QuietWhenFullHandler(logging.handlers.RotatingFileHandler):
    """A log that cannot be written (the disk is full) is not worth a traceback on stderr:
    the user gets the app's own "disk full" message; the log line is dropped."""

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging API
        error = sys.exc_info()[1]
        if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
            return
        super().handleError(record)

    def flush(self) -> None:
        try:
            super().flush()
        except OSError as error:
            if error.errno not in (errno.ENOSPC, errno.EDQUOT):
                raise

    def close(self) -> None:
        try:
            super().close()
        except OSError as error:  # the last buffered lines did not fit: dropped
            if error.errno not in (errno.ENOSPC, errno.EDQUOT):
                raise


def _file_handler(path: Path) -> logging.Handler:
    path.parent.mkdir(parents=True, exist_ok=True)
    return _QuietWhenFullHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=False
    )


def configure_logging(paths: AppPaths, level: int = logging.INFO) -> Path:
    """Send the root logger to ``<data folder>/logs/angebotslotse.log``; returns the file used.

    Calling it again (a test, a second window) replaces the handler it added before instead
    of adding a second one. If the data folder cannot be written (read-only, full), the log
    goes to the temporary folder, and failing that to stderr only; start-up never fails
    because of the log.
    """
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _HANDLER_MARK, False):
            root.removeHandler(handler)
            handler.close()
    candidates = (
        paths.logs / LOG_FILE_NAME,
        Path(tempfile.gettempdir()) / "angebotslotse-logs" / LOG_FILE_NAME,
    )
    ours: logging.Handler | None = None
    used = candidates[0]
    for candidate in candidates:
        try:
            ours = _file_handler(candidate)
        except OSError:
            continue
        used = candidate
        break
    if ours is None:
        ours = logging.StreamHandler(sys.stderr)
    setattr(ours, _HANDLER_MARK, True)
    ours.setFormatter(RedactingFormatter(LOG_FORMAT))
    root.addHandler(ours)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    if used != candidates[0]:
        logging.getLogger(__name__).warning("data folder not writable; logging to %s", used)
    return used
