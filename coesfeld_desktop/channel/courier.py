"""The outbox goes to the district together with the sync, when a destination is set up.

Why a courier of its own: the sync must not know the channel (the channel builds on the
sync's key handling), and the needs tables and the corrections wait in the same outbox. The
composition root hands :func:`outbox_courier` to the sync service; the sync calls it after
each sync and reports what it says (see :class:`~coesfeld_desktop.sync.apply.Delivered`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from coesfeld_desktop.channel.transport import Destination, Outbox
from coesfeld_desktop.sync.apply import Delivered

log = logging.getLogger(__name__)


def deliver_outbox(outbox: Outbox, destination: Destination) -> Delivered:
    """Deliver every queued message; what cannot go stays queued for the next sync."""
    if not outbox.pending():
        return Delivered(0, 0)
    sent, failed = outbox.send(destination)
    waiting = len(outbox.pending())
    if failed:
        log.info("return channel: %d sent, %d still queued: %s", len(sent), waiting, failed[0])
    return Delivered(len(sent), waiting, failed[0] if failed else "")


def outbox_courier(folder: Path, destination: Callable[[], Destination | None],
                   ) -> Callable[[], Delivered | None]:
    """A courier for the sync: ``destination()`` is read at each sync (the settings may have
    changed); ``None`` there means "not set up", and nothing is sent."""

    def courier() -> Delivered | None:
        target = destination()
        if target is None:
            return None
        return deliver_outbox(Outbox(folder), target)

    return courier
