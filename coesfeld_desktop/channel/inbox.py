"""The district's side of the return channel: every verified message from its sources.

Why its own module: the needs import and the corrections import read their inboxes the same
way (fetch every file, check its signature against the registered centres' keys, skip what
fails with a reason) and differ only in what they make of the messages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from coesfeld_desktop.channel.envelope import Message, MessageRejected, open_sealed
from coesfeld_desktop.channel.transport import Destination, fetch_all
from coesfeld_desktop.sync.signing import PublicKey


def receive_verified(sources: Iterable[Destination], keys: Mapping[str, PublicKey],
                     skipped: Callable[[MessageRejected], None]) -> list[Message]:
    """The messages of every source whose signature a registered centre's key confirms.

    A rejected file is handed to ``skipped`` and left out; an unreachable source raises
    :class:`~coesfeld_desktop.channel.transport.DeliveryFailed` (or ``OSError``).
    """
    messages = []
    for source in sources:
        for name, data in fetch_all(source):
            try:
                messages.append(open_sealed(data, keys, name))
            except MessageRejected as error:
                skipped(error)
    return messages
