"""What can go wrong in a sync, as exceptions whose message can be shown to a counsellor.

Why one small hierarchy: the window and the command line only need to tell three cases
apart: the export was rejected (say why, local data unchanged), the source was not reachable
(offline is normal, say it quietly), or the user cancelled (:class:`progress.Cancelled`).

Messages are German source strings marked with ``N_`` and formatted late, so the window
can show them in the counsellor's language: ``error.translated(gettext_for(lang))``.
"""

from __future__ import annotations

from typing import Any

from coesfeld_desktop.i18n import N_, Translate

UNCHANGED_NOTE = N_("Die lokalen Daten sind unverändert.")


class SyncError(Exception):
    """Base class: ``str(error)`` is a complete German sentence, plus the unchanged note."""

    def __init__(self, template: str, **params: Any) -> None:
        self.template = template
        self.params = params
        super().__init__(self.translated(lambda text: text))

    def translated(self, gettext: Translate) -> str:
        text = gettext(self.template).format(**self.params)
        return f"{text} {gettext(UNCHANGED_NOTE)}"


class ExportRejected(SyncError):
    """The export failed a check; the local data was not touched.

    ``reason`` is a stable code for tests and logs (``signature``, ``hash``, ``downgrade`` ...).
    """

    def __init__(self, reason: str, template: str, **params: Any) -> None:
        self.reason = reason
        super().__init__(template, **params)


class RestoreNeeded(ExportRejected):
    """The export is older than (or another directory than) the local one.

    Applying it is allowed only when the user confirms restoring it.
    """


class SourceUnavailable(SyncError):
    """The source could not be reached (offline, server down, file missing)."""
