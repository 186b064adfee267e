"""Ed25519 keys and manifest signatures.

Why several trusted keys: the district office must be able to rotate its key. An export
names the key that signed it (``key_id``, a short fingerprint); the app accepts it when that
key is one of the public keys it trusts (bundled ``resources/keys/*.pub`` plus
``<home>/keys/*.pub``). Public key files are one line: ``ed25519 <base64> <comment>``.
Private keys are PKCS#8 PEM files, written readable by the owner only.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

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
                key = parse_public_key(path.read_text(encoding="utf-8"))
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
