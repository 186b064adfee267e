"""What the window says about the sync state, as German source strings (no heavy imports:
the main window reads them before the store is opened)."""

from __future__ import annotations

from coesfeld_desktop.i18n import N_

STALE_NOTICE = N_("Datenstand älter als {days} Tage")
STALE_NOTICE_ONE_DAY = N_("Datenstand älter als einen Tag")


def stale_notice(days: int) -> str:
    """The German source of the notice for ``days`` (translate it with ``gettext``, then
    ``.format(days=days)``); shown once the applied export is past its signed expiry."""
    return STALE_NOTICE_ONE_DAY if days == 1 else STALE_NOTICE
