"""Delivering queued message files to the district, and reading them there.

A destination is a folder (USB stick, network share) or a WebDAV folder URL (Nextcloud:
``https://cloud.example.org/remote.php/dav/files/<user>/<folder>/``). Messages wait in the
desk's outbox until a delivery succeeds, so working offline loses nothing. WebDAV goes through
``webdav4`` (maintained, httpx-based); plain ``http://`` is accepted only on loopback.
"""

from __future__ import annotations

import ipaddress
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

PASSWORD_ENV = "ANGEBOTSLOTSE_WEBDAV_PASSWORD"
TIMEOUT_SECONDS = 30.0
CONNECT_SECONDS = 5.0  # an unreachable server is given up quickly (the sync waits for it)


class DeliveryFailed(OSError):
    """The destination could not be reached or written; the message stays queued."""


@dataclass(frozen=True)
class Destination:
    """Where messages go: a local folder or a WebDAV folder."""

    folder: Path | None = None
    url: str = ""
    user: str = ""
    password: str = field(default="", repr=False)  # else $ANGEBOTSLOTSE_WEBDAV_PASSWORD

    @classmethod
    def parse(cls, text: str, user: str = "", password: str = "") -> Destination:
        text = text.strip()
        if not text:
            raise ValueError("no folder or WebDAV address given")
        if "://" not in text:
            return cls(folder=Path(text).expanduser())
        parsed = urlparse(text)
        if parsed.scheme == "file":
            return cls(folder=Path(parsed.path))
        if parsed.scheme not in ("https", "http") or not parsed.hostname:
            raise ValueError(f"not a folder or WebDAV address: {text}")
        if parsed.scheme == "http" and not _loopback(parsed.hostname):
            raise ValueError("plain http is only allowed on this computer (127.0.0.1); "
                             "use https")
        return cls(url=text.rstrip("/") + "/", user=user or parsed.username or "",
                   password=password)

    def __str__(self) -> str:
        return self.url or str(self.folder)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@contextmanager
def _client(destination: Destination) -> Iterator[Any]:
    """A webdav4 client over an httpx client that is closed afterwards."""
    import httpx  # noqa: PLC0415 - only for WebDAV destinations
    from webdav4.client import Client  # noqa: PLC0415

    password = destination.password or os.environ.get(PASSWORD_ENV, "")
    auth = (destination.user, password) if destination.user else None
    timeout = httpx.Timeout(TIMEOUT_SECONDS, connect=CONNECT_SECONDS)
    with httpx.Client(auth=auth, timeout=timeout) as http:
        yield Client(destination.url, http_client=http, retry=False)


def deliver(file: Path, destination: Destination) -> None:
    """Copy one message file to ``destination`` (atomically where the folder allows)."""
    try:
        if destination.folder is not None:
            if not destination.folder.is_dir():
                raise DeliveryFailed(f"folder not found: {destination.folder}")
            partial = destination.folder / (file.name + ".part")
            shutil.copyfile(file, partial)
            os.replace(partial, destination.folder / file.name)
            return
        with _client(destination) as client, file.open("rb") as stream:
            client.upload_fileobj(stream, file.name, overwrite=True)
    except DeliveryFailed:
        raise
    except Exception as error:  # network, HTTP status, permissions: all "not delivered"
        raise DeliveryFailed(f"{destination}: {type(error).__name__}: {error}") from error


def fetch_all(source: Destination) -> Iterator[tuple[str, bytes]]:
    """Every ``*.json`` message file at ``source`` (a folder or a WebDAV folder)."""
    if source.folder is not None:
        for path in sorted(source.folder.glob("*.json")):
            yield path.name, path.read_bytes()
        return
    with _client(source) as client:
        try:
            entries = client.ls("", detail=True)
        except Exception as error:
            raise DeliveryFailed(f"{source}: {type(error).__name__}: {error}") from error
        for entry in sorted(entries, key=lambda item: str(item["name"])):
            name = str(entry["name"]).rstrip("/").rsplit("/", 1)[-1]
            if entry.get("type") != "file" or not name.endswith(".json"):
                continue
            with tempfile.TemporaryFile() as buffer:
                client.download_fileobj(name, buffer)
                buffer.seek(0)
                yield name, buffer.read()


class Outbox:
    """Message files waiting for delivery in ``<data folder>/outbox``; sent ones are moved
    to ``outbox/sent`` (kept for the centre's own records)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def put(self, name: str, data: bytes) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / name
        partial = self.folder / (name + ".part")
        partial.write_bytes(data)
        os.replace(partial, target)  # a resubmission replaces the queued one
        return target

    def pending(self) -> list[Path]:
        return sorted(self.folder.glob("*.json")) if self.folder.is_dir() else []

    def send(self, destination: Destination) -> tuple[list[str], list[str]]:
        """Deliver every queued message; returns (sent, failed messages)."""
        sent: list[str] = []
        failed: list[str] = []
        for file in self.pending():
            try:
                deliver(file, destination)
            except DeliveryFailed as error:
                failed.append(str(error))
                break  # the destination is not there: keep the rest queued too
            done = self.folder / "sent"
            done.mkdir(exist_ok=True)
            os.replace(file, done / file.name)
            sent.append(file.name)
        return sent, failed
