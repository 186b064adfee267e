"""What can go wrong in a sync, as exceptions whose message can be shown to a counsellor.

Why a small hierarchy with a ``kind`` each: the window and the command line must tell apart
an export that was rejected (say why, local data unchanged), a source that was not reachable
(offline is normal: say it quietly), and a connection that was not secure (a security
problem: never shown as "offline"). ``kind`` names the case for the UI and for logs; the
classes group them for ``except`` clauses.

Messages are German source strings marked with ``N_`` and formatted late, so the window
can show them in the counsellor's language: ``error.translated(gettext_for(lang))``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from coesfeld_desktop.i18n import N_, Translate

UNCHANGED_NOTE = N_("Die lokalen Daten sind unverändert.")


class SyncError(Exception):
    """Base class: ``str(error)`` is a complete German sentence, plus the unchanged note."""

    kind: ClassVar[str] = "failed"  # the sync stopped for another reason (worker died ...)

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

    kind: ClassVar[str] = "rejected"

    def __init__(self, reason: str, template: str, **params: Any) -> None:
        self.reason = reason
        super().__init__(template, **params)


class RestoreNeeded(ExportRejected):
    """The export is older than (or another directory than) the local one.

    Applying it is allowed only when the user confirms restoring it.
    """

    kind: ClassVar[str] = "restore"


class ExportExpired(ExportRejected):
    """The signed export is past its ``expires_at``: a frozen or replayed mirror."""

    kind: ClassVar[str] = "expired"


class InsecureConnection(SyncError):
    """The TLS connection failed (certificate, protocol): a security problem, not offline.

    Deliberately not a :class:`SourceUnavailable`: it must never be shown as "offline".
    """

    kind: ClassVar[str] = "tls"


class SourceUnavailable(SyncError):
    """The source could not be reached; the subclasses say how."""

    kind: ClassVar[str] = "offline"


class SourceMissing(SourceUnavailable):
    """The export file is not there or not readable (USB stick not plugged in ...)."""

    kind: ClassVar[str] = "missing"


class ServerError(SourceUnavailable):
    """The server answered, but with an error (HTTP 4xx/5xx, no export at that address)."""

    kind: ClassVar[str] = "server"


class TransferStalled(SourceUnavailable):
    """The download was too slow or took too long (a dead or hostile server)."""

    kind: ClassVar[str] = "slow"
