"""The centre's own Ed25519 signing key: created on first use, registered at the district.

Why here and not in the needs analysis: every kind of message a centre sends (needs tables,
corrections) is signed with the same key, so the district registers one key per centre.
Kept apart from ``keys/`` (the trusted export keys): this one signs, it is not trusted.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from coesfeld_desktop.paths import AppPaths
from coesfeld_desktop.sync.signing import generate_key_pair, load_private_key

CENTRE_KEY = "centre.key"
CENTRE_PUB = "centre.pub"


def key_folder(paths: AppPaths) -> Path:
    return paths.home / "centre-key"


def centre_public_key(paths: AppPaths, centre_name: str = "") -> Path:
    """The centre's public key file, created with its private key on first use."""
    private, public = key_folder(paths) / CENTRE_KEY, key_folder(paths) / CENTRE_PUB
    if not private.exists():
        generate_key_pair(private, public, centre_name or "Beratungsstelle")
    return public


def centre_private_key(paths: AppPaths, centre_name: str = "") -> Ed25519PrivateKey:
    centre_public_key(paths, centre_name)
    return load_private_key(key_folder(paths) / CENTRE_KEY)
