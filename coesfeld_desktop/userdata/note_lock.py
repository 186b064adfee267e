"""An optional passphrase for the counsellor's notes: encrypted at rest with AES-256-GCM.

Why: notes are the one place where a counsellor may write something about a family, and the
database file is readable by anyone who can read the user's data folder (an administrator,
a backup, a stolen laptop without disk encryption). With a passphrase set, each note's text
is stored as ``enc1:`` + base64(nonce ‖ AES-GCM ciphertext); the key comes from the
passphrase through scrypt (n=2^15, r=8, p=1, a random 16-byte salt kept in the settings),
both from the maintained ``cryptography`` library. A known text encrypted with the key
(``notes.check``) tells a right passphrase from a wrong one.

Limits (see ``docs/privacy.md``): only the note *texts* are encrypted, not the offer they
belong to or the time; the key is in memory while the program runs; a forgotten passphrase
cannot be recovered (the notes are then lost, by design); an attacker with the file can try
passphrases offline, which scrypt only slows down — a long passphrase matters.
"""

from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from coesfeld_desktop.userdata.keys import Key
from coesfeld_desktop.userdata.settings import SettingsService

PREFIX = "enc1:"
CHECK_TEXT = "angebotslotse-notes"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
MIN_PASSPHRASE = 8


class NotesLocked(RuntimeError):
    """Notes are protected by a passphrase that has not been entered in this session."""


class WrongPassphrase(ValueError):
    """The passphrase does not open the notes."""


def derive_key(passphrase: str, salt: bytes) -> bytes:
    kdf = Scrypt(salt=salt, length=32, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)
    return kdf.derive(passphrase.encode("utf-8"))


def seal_with(key: bytes, text: str) -> str:
    """``text`` encrypted with ``key`` in the stored form (``enc1:...``)."""
    nonce = os.urandom(12)
    sealed = AESGCM(key).encrypt(nonce, text.encode("utf-8"), None)
    return PREFIX + base64.b64encode(nonce + sealed).decode("ascii")


def _open(key: bytes, stored: str) -> str:
    raw = base64.b64decode(stored[len(PREFIX):])
    return AESGCM(key).decrypt(raw[:12], raw[12:], None).decode("utf-8")


class NoteLock:
    """Whether notes are protected, and the key while they are unlocked."""

    def __init__(self, settings: SettingsService) -> None:
        self._settings = settings
        self._key: bytes | None = None

    @property
    def enabled(self) -> bool:
        return bool(self._settings.get(Key.NOTES_SALT, ""))

    @property
    def locked(self) -> bool:
        return self.enabled and self._key is None

    def unlock(self, passphrase: str) -> None:
        """Raises :class:`WrongPassphrase` unless ``passphrase`` opens the notes."""
        salt = base64.b64decode(self._settings.get(Key.NOTES_SALT, ""))
        key = derive_key(passphrase, salt)
        try:
            if _open(key, self._settings.get(Key.NOTES_CHECK, "")) != CHECK_TEXT:
                raise WrongPassphrase
        except (InvalidTag, ValueError) as error:
            raise WrongPassphrase from error
        self._key = key

    def forget_key(self) -> None:
        self._key = None

    def seal(self, text: str) -> str:
        """The text as stored: encrypted when notes are protected."""
        if not self.enabled:
            return text
        if self._key is None:
            raise NotesLocked
        return seal_with(self._key, text)

    def open(self, stored: str) -> str:
        """The text of a stored note (plain text stays plain)."""
        if not stored.startswith(PREFIX):
            return stored
        if self._key is None:
            raise NotesLocked
        return _open(self._key, stored)

    def new_key(self, passphrase: str) -> tuple[str, str, bytes]:
        """Salt and check value to store for ``passphrase``, and its key (not yet in use)."""
        if len(passphrase) < MIN_PASSPHRASE:
            raise ValueError(f"a passphrase needs at least {MIN_PASSPHRASE} characters")
        salt = os.urandom(16)
        key = derive_key(passphrase, salt)
        return base64.b64encode(salt).decode("ascii"), seal_with(key, CHECK_TEXT), key

    def use_key(self, key: bytes | None) -> None:
        """Use ``key`` from now on (after its salt was stored; ``None``: protection off)."""
        self._key = key
