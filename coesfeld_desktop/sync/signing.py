"""Ed25519 keys, manifest signatures and in-band key rotation.

Why several trusted keys: the district office must be able to rotate its key. An export
names the key that signed it (``key_id``, a short fingerprint); the app accepts it when that
key is one of the public keys it trusts (bundled ``resources/keys/*.pub`` plus
``<home>/keys/*.pub``, plus keys announced in-band). Public key files are one line:
``ed25519 <base64> <comment>``. Private keys are PKCS#8 PEM files, readable by the owner only.

In-band rotation works like the root metadata of The Update Framework: a manifest signed by
a key trusted now may carry a ``keys`` block (``version``, the ``trusted`` key lines, the
``revoked`` key ids). A block with a higher version than the one stored replaces the
announced keys and adds its revocations for good; a revoked key is never trusted again, not
even from a ``.pub`` file. Every announcement is thus vouched for by a key trusted before it
(the chain starts at the bundled keys), see ``docs/export-format.md``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from coesfeld_desktop.i18n import N_
from coesfeld_desktop.sync.errors import ExportRejected

KEY_PREFIX = "ed25519"
ALGORITHM = "ed25519"


@dataclass(frozen=True)
class PublicKey:
    key_id: str
    key: Ed25519PublicKey
    comment: str = ""


def _raw(public: Ed25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id_of(public: Ed25519PublicKey) -> str:
    """A short, stable fingerprint: the first 16 hex digits of SHA-256 of the raw key."""
    return hashlib.sha256(_raw(public)).hexdigest()[:16]


def public_key_line(public: Ed25519PublicKey, comment: str = "") -> str:
    encoded = base64.b64encode(_raw(public)).decode("ascii")
    return f"{KEY_PREFIX} {encoded} {comment}".rstrip() + "\n"


def parse_public_key(text: str) -> PublicKey:
    parts = text.strip().split(maxsplit=2)
    if len(parts) < 2 or parts[0] != KEY_PREFIX:
        raise ValueError("not an Angebotslotse public key line ('ed25519 <base64> <comment>')")
    try:
        raw = base64.b64decode(parts[1], validate=True)
        public = Ed25519PublicKey.from_public_bytes(raw)
    except (binascii.Error, ValueError) as error:
        raise ValueError(f"invalid public key: {error}") from error
    return PublicKey(key_id_of(public), public, parts[2] if len(parts) > 2 else "")


def load_public_keys(folders: Iterable[Path]) -> dict[str, PublicKey]:
    """Every ``*.pub`` in ``folders`` by key id; unreadable files are skipped."""
    keys: dict[str, PublicKey] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.pub")):
            try:
                # utf-8-sig: Notepad saves a byte order mark in front of the line
                key = parse_public_key(path.read_text(encoding="utf-8-sig"))
            except (OSError, UnicodeDecodeError, ValueError):
                continue
            keys[key.key_id] = key
    return keys


def generate_key_pair(private_path: Path, public_path: Path, comment: str = "") -> str:
    """Write a new key pair; refuses to overwrite. Returns the key id."""
    for path in (private_path, public_path):
        if path.exists():
            raise FileExistsError(f"refusing to overwrite {path}")
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    private_path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)
    public_path.parent.mkdir(parents=True, exist_ok=True)
    public_path.write_text(public_key_line(private.public_key(), comment), encoding="utf-8")
    return key_id_of(private.public_key())


def load_private_key(path: Path) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path} is not an Ed25519 private key")
    return key


def sign_manifest(manifest_bytes: bytes, private: Ed25519PrivateKey) -> bytes:
    """The ``manifest.sig`` member for ``manifest_bytes``."""
    document = {
        "algorithm": ALGORITHM,
        "key_id": key_id_of(private.public_key()),
        "signature": base64.b64encode(private.sign(manifest_bytes)).decode("ascii"),
    }
    return json.dumps(document, sort_keys=True).encode("utf-8")


def verify_manifest(manifest_bytes: bytes, signature_bytes: bytes,
                    trusted: Mapping[str, PublicKey]) -> PublicKey:
    """Check the signature against the trusted keys; returns the key that signed."""
    try:
        document = json.loads(signature_bytes)
        algorithm, key_id = document["algorithm"], document["key_id"]
        signature = base64.b64decode(document["signature"], validate=True)
    except (ValueError, KeyError, TypeError, binascii.Error) as error:
        raise ExportRejected("signature", N_("Die Signatur des Exports ist unlesbar.")) from error
    if algorithm != ALGORITHM:
        raise ExportRejected("signature",
                             N_("Das Signaturverfahren {algorithm} wird nicht unterstützt."),
                             algorithm=str(algorithm))
    key = trusted.get(str(key_id))
    if key is None:
        raise ExportRejected("unknown_key", N_("Der Export ist mit einem unbekannten Schlüssel "
                                               "({key_id}) signiert."), key_id=str(key_id)[:40])
    try:
        key.key.verify(signature, manifest_bytes)
    except InvalidSignature as error:
        raise ExportRejected("signature", N_("Die Signatur des Exports ist ungültig.")) from error
    return key


@dataclass(frozen=True)
class TrustState:
    """The key announcements applied so far (stored with the sync state)."""

    version: int = 0
    keys: tuple[str, ...] = ()  # announced public key lines
    revoked: frozenset[str] = field(default_factory=frozenset)  # key ids, for good

    def to_json(self) -> str:
        return json.dumps({"version": self.version, "keys": list(self.keys),
                           "revoked": sorted(self.revoked)}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> TrustState:
        if not text:
            return cls()
        try:
            data = json.loads(text)
            return cls(int(data["version"]), tuple(str(k) for k in data["keys"]),
                       frozenset(str(k) for k in data["revoked"]))
        except (ValueError, KeyError, TypeError):
            return cls()  # unreadable: only the key files count, revocations are kept below

    def apply_to(self, keys: Mapping[str, PublicKey]) -> dict[str, PublicKey]:
        """``keys`` plus the announced keys, minus every revoked one."""
        trusted = dict(keys)
        for line in self.keys:
            try:
                key = parse_public_key(line)
            except ValueError:
                continue
            trusted.setdefault(key.key_id, key)
        for key_id in self.revoked:
            trusted.pop(key_id, None)
        return trusted


def announced_trust(manifest: Mapping[str, Any], current: TrustState) -> TrustState | None:
    """The trust state a verified manifest's ``keys`` block announces, if newer."""
    block = manifest.get("keys")
    if not isinstance(block, Mapping) or int(block.get("version", 0)) <= current.version:
        return None
    lines = tuple(str(line) for line in block.get("trusted") or ())
    for line in lines:
        try:
            parse_public_key(line)
        except ValueError as error:
            raise ExportRejected("keys", N_("Das Manifest kündigt einen ungültigen Schlüssel "
                                            "an.")) from error
    revoked = current.revoked | {str(k) for k in block.get("revoked") or ()}
    return TrustState(int(block["version"]), lines, frozenset(revoked))
