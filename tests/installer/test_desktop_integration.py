"""The Linux desktop entry and the app icon are valid and point at each other."""

from __future__ import annotations

import configparser
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtSvg import QSvgRenderer

from coesfeld_desktop.paths import resource_dir

DESKTOP_FILE = resource_dir() / "linux" / "de.kreis-coesfeld.Angebotslotse.desktop"
ICONS = resource_dir() / "icons"


def test_desktop_entry_names_the_command_and_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(DESKTOP_FILE, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Exec"].split()[0] == "angebotslotse"
    assert (ICONS / f"{section['Icon']}.svg").is_file()
    assert (ICONS / f"{section['Icon']}.png").is_file()


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate (desktop-file-utils) not installed")
def test_desktop_entry_passes_desktop_file_validate() -> None:
    result = subprocess.run(["desktop-file-validate", str(DESKTOP_FILE)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_icon_png_is_256_pixels_and_licensed() -> None:
    data = (ICONS / "angebotslotse.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (256, 256)
    assert "CC0" in (ICONS / "LICENSE.md").read_text(encoding="utf-8")


def test_icon_svg_renders(qtbot: object) -> None:
    renderer = QSvgRenderer(str(Path(ICONS / "angebotslotse.svg")))
    assert renderer.isValid()
    assert renderer.defaultSize().width() == 256
