"""Where an export comes from, parsed once into a typed sync source (a stored preference).

Why one parser: the settings dialog, the start-up check and the sync itself must agree on
what a source is. ``https://`` addresses are fetched; plain ``http://`` only from a loopback
address (test servers) and only when the caller allows it; a ``file://`` URL and a plain path
both mean a file (a USB stick, a network share).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname


class SourceKind(Enum):
    HTTPS = "https"
    LOOPBACK_HTTP = "http"  # only to 127.0.0.1, ::1 or localhost (test servers)
    FILE = "file"


class SourceProblem(Enum):
    """Why a text is not a sync source."""

    BAD_URL = "bad_url"  # an unknown scheme, no host, a malformed address
    INSECURE = "insecure"  # plain http to another host than this computer


class BadSource(ValueError):
    def __init__(self, problem: SourceProblem, text: str) -> None:
        self.problem = problem
        super().__init__(f"{problem.value}: {text[:300]}")


@dataclass(frozen=True)
class SyncSource:
    """A parsed source; ``text`` is what the user gave (remembered with the sync state)."""

    kind: SourceKind
    text: str
    url: str | None = None
    path: Path | None = None

    @property
    def remote(self) -> bool:
        return self.kind is not SourceKind.FILE


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _has_scheme(text: str) -> bool:
    head, sep, _rest = text.partition("://")
    return bool(sep) and head.isascii() and head.isalpha() and len(head) > 1


def parse_source(text: str, allow_http: bool = False) -> SyncSource:
    """The typed source for ``text``; raises :class:`BadSource` when it cannot be one."""
    text = text.strip()
    if not _has_scheme(text):
        return SyncSource(SourceKind.FILE, text, path=Path(text).expanduser())
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError as error:
        raise BadSource(SourceProblem.BAD_URL, text) from error
    scheme = parts.scheme.lower()
    if scheme == "file":
        if parts.netloc not in ("", "localhost"):
            raise BadSource(SourceProblem.BAD_URL, text)
        return SyncSource(SourceKind.FILE, text, path=Path(url2pathname(unquote(parts.path))))
    if scheme == "https" and host:
        return SyncSource(SourceKind.HTTPS, text, url=text)
    if scheme == "http" and host:
        if allow_http and is_loopback(host):
            return SyncSource(SourceKind.LOOPBACK_HTTP, text, url=text)
        raise BadSource(SourceProblem.INSECURE, text)
    raise BadSource(SourceProblem.BAD_URL, text)


def is_url(text: str) -> bool:
    """True for a remote (https or loopback http) source, False for a file or path."""
    try:
        return parse_source(text, allow_http=True).remote
    except BadSource:
        return True  # a URL, just not one we accept: the sync says why
