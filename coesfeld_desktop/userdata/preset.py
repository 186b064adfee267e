"""The machine-wide preset that a district's IT deploys with the program.

Why: a counselling centre does not configure fifty desks by hand. IT puts one folder beside
the program (or in the machine's configuration folder, or passes it to the installer) that
fixes the district's sync source, the trusted public key(s), the centre's letterhead, the
default town and the UI language. Values the preset sets are *fixed*: every reader gets the
preset's value, the first-run wizard skips what the preset answers, and the settings dialog
shows those fields as set by the administrator. Qt-free, read with :mod:`tomllib`.

The folder holds ``preset.toml`` (see ``installer/preset.example.toml``), optionally
``keys/*.pub`` (trusted export keys) and the logo the preset names.
"""

from __future__ import annotations

import logging
import os
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from coesfeld_desktop.domain.towns import town_by_name
from coesfeld_desktop.userdata.keys import Key

PRESET_ENV = "ANGEBOTSLOTSE_PRESET"
PRESET_FILE = "preset.toml"

log = logging.getLogger(__name__)

# (table, name in the file) -> the preference key it fixes
PRESET_FIELDS: dict[tuple[str, str], str] = {
    ("centre", "name"): Key.CENTRE_NAME,
    ("centre", "address"): Key.CENTRE_ADDRESS,
    ("centre", "phone"): Key.CENTRE_PHONE,
    ("centre", "logo"): Key.CENTRE_LOGO_PATH,
    ("search", "default_town"): Key.DEFAULT_TOWN,
    ("sync", "source"): Key.SYNC_SOURCE,
    ("sync", "check_at_startup"): Key.SYNC_CHECK_AT_STARTUP,
    ("return_channel", "destination"): Key.RETURN_DESTINATION,
    ("return_channel", "user"): Key.RETURN_USER,
    ("display", "language"): Key.UI_LANGUAGE,
    ("search", "stale_months"): Key.STALE_MONTHS,
}


NUMBERS = {("search", "stale_months")}  # fields given as a whole number, not as text


class PresetError(ValueError):
    """The preset file exists but cannot be used; the message names the file and the field."""


@dataclass(frozen=True)
class Preset:
    """Fixed preference values (by preference key) and the folder they came from."""

    folder: Path | None = None
    values: Mapping[str, str] = field(default_factory=dict)

    def fixes(self, key: str) -> bool:
        return key in self.values

    def get(self, key: str) -> str | None:
        return self.values.get(key)

    @property
    def keys_folder(self) -> Path | None:
        """Trusted export keys deployed with the preset (``keys/*.pub``), if any."""
        if self.folder is None or not (self.folder / "keys").is_dir():
            return None
        return self.folder / "keys"


NO_PRESET = Preset()


def preset_folders(environ: Mapping[str, str] | None = None) -> list[Path]:
    """Where a preset is looked for, first found wins.

    ``$ANGEBOTSLOTSE_PRESET`` alone when set (empty: no preset at all, as in tests);
    otherwise ``preset/`` beside the installed program, then the machine's configuration
    folder (``%PROGRAMDATA%\\Kreis Coesfeld\\Angebotslotse\\preset`` on Windows,
    ``/etc/xdg/Angebotslotse/preset`` on Linux).
    """
    env = os.environ if environ is None else environ
    if PRESET_ENV in env:
        chosen = env[PRESET_ENV].strip()
        return [Path(chosen).expanduser()] if chosen else []
    program = Path(sys.executable).resolve().parent if getattr(sys, "frozen", False) else None
    folders = [program / "preset"] if program else []
    folders.append(Path(platformdirs.site_config_dir("Angebotslotse", "Kreis Coesfeld"))
                   / "preset")
    return folders


def _text(table: str, name: str, value: object, file: Path) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int) and (table, name) in NUMBERS:  # stale_months = 18
        return str(value)
    if not isinstance(value, str):
        raise PresetError(f"{file}: [{table}] {name} must be text, not {value!r}")
    return value.strip()


def _check(key: str, value: str, folder: Path, file: Path) -> str:
    """The stored form of one preset value, or :class:`PresetError` naming the field."""
    if key == Key.CENTRE_LOGO_PATH and value:
        logo = Path(value).expanduser()
        logo = logo if logo.is_absolute() else folder / logo
        if not logo.is_file():
            raise PresetError(f"{file}: the logo {value!r} was not found")
        return str(logo)
    if key == Key.DEFAULT_TOWN and value:
        town = town_by_name(value)
        if town is None:
            raise PresetError(f"{file}: {value!r} is not a town of Kreis Coesfeld")
        return town.name
    return value


def read_preset(folder: Path) -> Preset:
    """The preset in ``folder``; :class:`PresetError` when its file is unreadable or wrong."""
    file = folder / PRESET_FILE
    try:
        document = tomllib.loads(file.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        return Preset(folder=folder) if (folder / "keys").is_dir() else NO_PRESET
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise PresetError(f"{file}: {error}") from error
    values: dict[str, str] = {}
    for (table, name), key in PRESET_FIELDS.items():
        section = document.get(table, {})
        if not isinstance(section, dict) or name not in section:
            continue
        values[key] = _check(key, _text(table, name, section[name], file), folder, file)
    known = {table for table, _name in PRESET_FIELDS}
    for table, section in document.items():
        names = {name for (t, name) in PRESET_FIELDS if t == table}
        if table not in known or not isinstance(section, dict) or set(section) - names:
            log.warning("preset %s: unknown entries in [%s] ignored", file, table)
    return Preset(folder=folder, values=values)


def load_preset(environ: Mapping[str, str] | None = None) -> Preset:
    """The deployed preset, or :data:`NO_PRESET`.

    A broken preset is logged and ignored rather than stopping the program: the desk still
    works, and ``angebotslotse self-check`` reports it to IT.
    """
    for folder in preset_folders(environ):
        if not folder.is_dir():
            continue
        try:
            return read_preset(folder)
        except PresetError as error:
            log.error("preset ignored: %s", error)
            return NO_PRESET
    return NO_PRESET
