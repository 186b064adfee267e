"""SafeArchive's line reading: by batches, with or without ZIP's CRC, the same lines."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from coesfeld_desktop.sync.archive import SafeArchive
from coesfeld_desktop.sync.errors import ExportRejected
from coesfeld_desktop.sync.export_format import DEFAULT_LIMITS, RECORD_FILES

NAME = RECORD_FILES["offers"]


def _archive(path: Path, content: bytes, method: int) -> Path:
    with zipfile.ZipFile(path, "w", method) as archive:
        archive.writestr(NAME, content)
    return path


@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED],
                         ids=["deflated", "stored"])
def test_batches_with_and_without_crc_give_the_lines(tmp_path: Path, method: int) -> None:
    """Lines across the 1 MB read chunks, blank and whitespace-only lines (left out), no
    newline at the end: every way of reading gives what splitting the whole file gives."""
    lines = [b'{"id": "off-%d", "text": "%s"}' % (n, b"x" * (n % 977)) for n in range(8000)]
    content = b"\n".join([*lines[:10], b"", b"  \t", b"\r", *lines[10:]])
    path = _archive(tmp_path / "a.zip", content, method)
    expected = [line for line in content.split(b"\n") if line.strip()]
    assert len(expected) == 8000 and sum(map(len, expected)) > 3 * 1024 * 1024
    with SafeArchive(path) as archive:
        assert list(archive.lines(NAME)) == expected
        for crc in (True, False):
            batches = list(archive.line_batches(NAME, crc=crc))
            assert len(batches) > 3
            assert [line for batch in batches for line in batch] == expected


def test_without_crc_a_line_over_the_cap_is_refused(tmp_path: Path) -> None:
    cap = DEFAULT_LIMITS.line_bytes
    long_line = os.urandom(cap // 2 + 1).hex().encode()  # (repeated bytes: a zip bomb)
    path = _archive(tmp_path / "a.zip", b"{}\n" + long_line + b"\n{}\n",
                    zipfile.ZIP_DEFLATED)
    with SafeArchive(path) as archive, pytest.raises(ExportRejected) as error:
        list(archive.line_batches(NAME, crc=False))
    assert error.value.reason == "oversized"
