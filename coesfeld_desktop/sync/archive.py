"""Reading an export archive safely: only known member names, bounded sizes, no bombs.

Why not ``ZipFile.extractall``: an archive from outside decides file names and sizes. We
never extract to disk; members are read as streams, the names must be exactly the known
ones (so ``../`` or absolute paths cannot even be asked for), and every read is capped by
both the declared size and our own limits, because a ZIP header can lie.
"""

from __future__ import annotations

import hashlib
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Literal

from coesfeld_desktop.i18n import N_
from coesfeld_desktop.sync.errors import ExportRejected
from coesfeld_desktop.sync.export_format import DEFAULT_LIMITS, MEMBER_NAMES, Limits

_CHUNK = 1024 * 1024


def _reject_name(name: str) -> None:
    raise ExportRejected("member_name", N_("Das Archiv enthält einen unzulässigen "
                                           "Dateinamen: {name}"), name=name[:200])


class SafeArchive:
    """An opened export archive whose member list has been checked."""

    def __init__(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> None:
        self.path = Path(path)
        self.limits = limits
        try:
            size = self.path.stat().st_size
        except OSError as error:
            raise ExportRejected("missing", N_("Die Exportdatei ist nicht lesbar: {error}"),
                                 error=str(error)) from error
        if size > limits.archive_bytes:
            raise ExportRejected("too_large", N_("Die Exportdatei ist zu groß ({size} Bytes)."),
                                 size=size)
        try:
            self._zip = zipfile.ZipFile(self.path)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
            raise ExportRejected("archive", N_("Die Exportdatei ist kein gültiges Archiv "
                                               "(beschädigt oder unvollständig).")) from error
        self.infos: dict[str, zipfile.ZipInfo] = {}
        try:
            self._check_members()
        except BaseException:
            self._zip.close()
            raise

    def _check_members(self) -> None:
        total = 0
        for info in self._zip.infolist():
            name = info.filename
            if name not in MEMBER_NAMES or "/" in name or "\\" in name or name.startswith("."):
                _reject_name(name)
            if name in self.infos:
                _reject_name(name)  # the same name twice: which one would count?
            if info.flag_bits & 0x1:
                raise ExportRejected("archive", N_("Das Archiv ist verschlüsselt."))
            if info.file_size > self.limits.member_bytes:
                self._bomb(name)
            if info.file_size > max(info.compress_size, 1024) * self.limits.compression_ratio:
                self._bomb(name)
            total += info.file_size
            self.infos[name] = info
        if total > self.limits.total_bytes:
            self._bomb("*")

    def _bomb(self, name: str) -> None:
        raise ExportRejected("zip_bomb", N_("Das Archiv entpackt sich auf eine unzulässige "
                                            "Größe ({name})."), name=name)

    def __enter__(self) -> SafeArchive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._zip.close()

    def has(self, name: str) -> bool:
        return name in self.infos

    def _open(self, name: str) -> IO[bytes]:
        if name not in self.infos:
            raise ExportRejected("missing_member", N_("Im Archiv fehlt die Datei {name}."),
                                 name=name)
        return self._zip.open(self.infos[name])

    def read_small(self, name: str, limit: int) -> bytes:
        """A whole member of at most ``limit`` bytes (manifest, signature)."""
        if self.infos.get(name) and self.infos[name].file_size > limit:
            self._bomb(name)
        with self._guard(name), self._open(name) as handle:
            data = handle.read(limit + 1)
        if len(data) > limit:
            self._bomb(name)
        return data

    def check_digest(self, name: str, sha256: str, size: int) -> None:
        """Hash the whole member before anything in it is parsed: only authenticated bytes
        reach the JSON parser (``sha256`` and ``size`` come from the signed manifest)."""
        digest = hashlib.sha256()
        read = 0
        with self._guard(name), self._open(name) as handle:
            while chunk := handle.read(_CHUNK):
                read += len(chunk)
                if read > size:
                    break
                digest.update(chunk)
        if read != size or digest.hexdigest() != sha256:
            raise ExportRejected("hash", N_("Die Datei {name} stimmt nicht mit dem Manifest "
                                            "überein (Prüfsumme)."), name=name)

    def lines(self, name: str, digest: hashlib._Hash | None = None) -> Iterator[bytes]:
        """The member's lines, each capped at ``limits.line_bytes``; feeds ``digest``."""
        for batch in self.line_batches(name, digest):
            yield from batch

    def line_batches(self, name: str, digest: hashlib._Hash | None = None, *,
                     crc: bool = True) -> Iterator[list[bytes]]:
        """The member's non-blank lines, a list of them per chunk read (so a caller can
        handle 100,000 lines with few Python-level steps), each capped at
        ``limits.line_bytes``; feeds ``digest`` with every byte.

        ``crc=False`` inflates the member without ZIP's CRC-32 (≈ 0.04 s of CPU for the
        135 MB offers file of 100,000 offers): only for a caller that compares ``digest``
        with the signed SHA-256 before it parses a line, which any corruption fails."""
        declared = self.infos[name].file_size if name in self.infos else 0
        read = 0
        limit = self.limits.line_bytes
        with self._guard(name):
            pending = b""
            for chunk in (self._chunks(name) if crc else self._inflated(name)):
                read += len(chunk)
                if read > declared or read > self.limits.member_bytes:
                    self._bomb(name)
                if digest is not None:
                    digest.update(chunk)
                parts = chunk.split(b"\n")
                if pending:
                    parts[0] = pending + parts[0]
                pending = parts.pop()
                if len(pending) > limit or max(map(len, parts), default=0) > limit:
                    self._line_too_long(name)
                # (bytes.isspace: no copy of the line, as strip() made)
                yield [line for line in parts if line and not line.isspace()]
            if pending and not pending.isspace():
                yield [pending]

    def _chunks(self, name: str) -> Iterator[bytes]:
        with self._open(name) as handle:
            while chunk := handle.read(_CHUNK):
                yield chunk

    def _inflated(self, name: str) -> Iterator[bytes]:
        """The member's bytes inflated straight from the file (see :meth:`line_batches`),
        at most ``_CHUNK`` at a time; a header that does not match the member list or a
        broken stream raises ``BadZipFile``."""
        info = self.infos.get(name)
        if info is None:
            self._open(name)  # refuses it as missing
            return
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            yield from self._chunks(name)  # zipfile knows how (or says why not)
            return
        with self.path.open("rb") as handle:
            handle.seek(info.header_offset)
            header = handle.read(_LOCAL_HEADER.size)
            if len(header) != _LOCAL_HEADER.size:
                raise zipfile.BadZipFile(name)
            fields = _LOCAL_HEADER.unpack(header)
            magic, name_length, extra_length = fields[0], fields[9], fields[10]
            if magic != b"PK\x03\x04" or handle.read(name_length) != name.encode("ascii"):
                raise zipfile.BadZipFile(name)
            handle.seek(extra_length, 1)
            inflater = zlib.decompressobj(-15) \
                if info.compress_type == zipfile.ZIP_DEFLATED else None
            left = info.compress_size
            try:
                while left > 0:
                    data = handle.read(min(_CHUNK, left))
                    if not data:
                        raise EOFError(name)
                    left -= len(data)
                    if inflater is None:
                        yield data
                        continue
                    while data:  # at most _CHUNK inflated bytes at a time (a bomb's too)
                        if inflated := inflater.decompress(data, _CHUNK):
                            yield inflated
                        data = inflater.unconsumed_tail
                if inflater is not None and (rest := inflater.flush()):
                    yield rest
            except zlib.error as error:
                raise zipfile.BadZipFile(name) from error

    def _line_too_long(self, name: str) -> None:
        raise ExportRejected("oversized", N_("Ein Eintrag in {name} ist zu groß."), name=name)

    class _Guard:
        def __init__(self, name: str) -> None:
            self.name = name

        def __enter__(self) -> None:
            return None

        def __exit__(self, kind: object, error: object, _tb: object) -> Literal[False]:
            if isinstance(error, zipfile.BadZipFile | EOFError | OSError | ValueError) and not \
                    isinstance(error, ExportRejected):
                raise ExportRejected("archive", N_("Die Datei {name} im Archiv ist beschädigt."),
                                     name=self.name) from error
            return False

    def _guard(self, name: str) -> SafeArchive._Guard:
        return SafeArchive._Guard(name)


_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")


def leading_members(head: bytes, names: tuple[str, ...]) -> dict[str, bytes] | None:
    """The first members of a ZIP archive from its first bytes, while it downloads.

    Returns the members (decompressed) once ``head`` holds all of ``names`` in this order,
    ``None`` while more bytes are needed, and ``{}`` when the archive does not start with
    them (an older publisher; then nothing is learnt early). Bounded: only what ``head``
    holds is read, and a member may not inflate beyond 64 times its stored size.
    """
    found: dict[str, bytes] = {}
    offset = 0
    for name in names:
        if len(head) < offset + _LOCAL_HEADER.size:
            return None
        (magic, _version, flags, method, _time, _date, _crc, stored, size, name_length,
         extra_length) = _LOCAL_HEADER.unpack_from(head, offset)
        start = offset + _LOCAL_HEADER.size
        if magic != b"PK\x03\x04" or flags & 0x9 or method not in (0, 8) or \
                size > stored * 64 + 1024:
            return {}
        if len(head) < start + name_length:
            return None
        if head[start:start + name_length] != name.encode("ascii"):
            return {}
        data_start = start + name_length + extra_length
        if len(head) < data_start + stored:
            return None
        data = head[data_start:data_start + stored]
        if method == 8:
            try:
                inflater = zlib.decompressobj(-15)
                data = inflater.decompress(data, size + 1)
            except zlib.error:
                return {}
        if len(data) != size:
            return {}
        found[name] = data
        offset = data_start + stored
    return found


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()
