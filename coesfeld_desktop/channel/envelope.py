"""Signed messages: a JSON document signed with the centre's own Ed25519 key.

A message file is JSON: ``{"format": FORMAT, "key_id": …, "signature": …, "message": "…"}``
where ``message`` is the JSON text of the message itself and the signature covers exactly its
UTF-8 bytes, so nothing is re-serialised before checking. The district registers each
centre's public key (``*.pub``, the same one-line format as the district's export keys).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from coesfeld_desktop.sync.signing import PublicKey, key_id_of

FORMAT = "angebotslotse-message/1"
MAX_MESSAGE_BYTES = 8 * 1024 * 1024
_SAFE = re.compile(r"[^A-Za-z0-9_.-]+")


class MessageRejected(ValueError):
    """A message that is unreadable, unsigned, signed by an unknown key or tampered with."""


@dataclass(frozen=True)
class Message:
    """A verified (or to be signed) message of one ``kind`` from one centre for one period."""

    kind: str
    centre_key: str  # the signing key's id: who sent it
    centre_name: str
    period: str
    created: str  # ISO date
    payload: Mapping[str, Any]

    @property
    def file_name(self) -> str:
        """One file per kind, centre and period: a resubmission replaces the earlier one."""
        return _SAFE.sub("_", f"{self.kind}-{self.centre_key[:16]}-{self.period}") + ".json"


def seal(kind: str, centre_name: str, period: str, payload: Mapping[str, Any],
         private: Ed25519PrivateKey, created: dt.date | None = None) -> tuple[Message, bytes]:
    """The message and its signed file content."""
    message = Message(kind, key_id_of(private.public_key()), centre_name, period,
                      (created or dt.date.today()).isoformat(), payload)
    text = json.dumps({"kind": message.kind, "centre_key": message.centre_key,
                       "centre_name": message.centre_name, "period": message.period,
                       "created": message.created, "payload": message.payload},
                      ensure_ascii=False, sort_keys=True)
    signature = private.sign(text.encode("utf-8"))
    document = {"format": FORMAT, "key_id": message.centre_key,
                "signature": base64.b64encode(signature).decode("ascii"), "message": text}
    return message, json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def open_sealed(data: bytes, trusted: Mapping[str, PublicKey], source: str = "") -> Message:
    """Verify a message file against the registered centre keys; :class:`MessageRejected`."""
    where = f"{source}: " if source else ""
    if len(data) > MAX_MESSAGE_BYTES:
        raise MessageRejected(f"{where}larger than {MAX_MESSAGE_BYTES} bytes")
    try:
        document = json.loads(data.decode("utf-8-sig"))
        if document.get("format") != FORMAT:
            raise MessageRejected(f"{where}not an Angebotslotse message")
        key_id, text = str(document["key_id"]), str(document["message"])
        signature = base64.b64decode(document["signature"], validate=True)
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError,
            binascii.Error) as error:
        if isinstance(error, MessageRejected):
            raise
        raise MessageRejected(f"{where}unreadable message ({type(error).__name__})") from error
    key = trusted.get(key_id)
    if key is None:
        raise MessageRejected(f"{where}signed by an unregistered centre key {key_id[:16]}")
    try:
        key.key.verify(signature, text.encode("utf-8"))
    except InvalidSignature as error:
        raise MessageRejected(f"{where}the signature does not match the content") from error
    inner = json.loads(text)
    if inner.get("centre_key") != key_id:
        raise MessageRejected(f"{where}signed by another centre than it names")
    return Message(str(inner["kind"]), key_id, str(inner.get("centre_name", "")),
                   str(inner["period"]), str(inner["created"]), inner["payload"])


def read_message_file(path: Path, trusted: Mapping[str, PublicKey]) -> Message:
    with path.open("rb") as stream:
        data = stream.read(MAX_MESSAGE_BYTES + 1)
    return open_sealed(data, trusted, path.name)
