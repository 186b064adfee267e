"""The machine-wide preset: read from its folder, fixes preferences, adds trusted keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from coesfeld_desktop.paths import AppPaths
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.sync.service import trusted_key_folders
from coesfeld_desktop.sync.signing import generate_key_pair, load_public_keys
from coesfeld_desktop.userdata.preferences import CentreDetails, Key, Preferences
from coesfeld_desktop.userdata.preset import (
    NO_PRESET,
    PRESET_ENV,
    PresetError,
    load_preset,
    preset_folders,
    read_preset,
)
from coesfeld_desktop.userdata.settings import SettingsService

EXAMPLE = Path(__file__).resolve().parents[2] / "installer" / "preset.example.toml"
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154"
    "78da63fccf50000003e001823a1c4d0c0000000049454e44ae426082")


def write_preset(folder: Path, text: str, *, logo: bool = True, key: bool = True) -> Path:
    """A preset folder as IT deploys it: preset.toml, the logo, keys/district.pub."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "preset.toml").write_text(text, encoding="utf-8")
    if logo:
        (folder / "logo.png").write_bytes(TINY_PNG)
    if key:
        generate_key_pair(folder / "private" / "district.key", folder / "keys" / "district.pub",
                         "Kreis Coesfeld (Test)")
    return folder


FULL = """
[centre]
name = "Familienbüro Musterstadt (Beispiel)"
address = "Marktplatz 1\\n48249 Dülmen"
phone = "02594 000000"
logo = "logo.png"

[search]
default_town = "dülmen"

[sync]
source = "https://verzeichnis.example.org/kreis-coesfeld/export.zip"
check_at_startup = true

[return_channel]
destination = "https://cloud.example.org/remote.php/dav/files/kreis/meldungen/"
user = "beratung-musterstadt"

[display]
language = "ar"
"""


@pytest.fixture
def prefs(tmp_path: Path):
    database = Database(tmp_path / "prefs.sqlite3")
    yield lambda preset: Preferences(SettingsService(database), preset)
    database.close()


def test_a_full_preset_fixes_every_value_and_answers_every_question(tmp_path: Path,
                                                                     prefs) -> None:
    folder = write_preset(tmp_path / "preset", FULL)
    preset = read_preset(folder)
    preferences = prefs(preset)
    assert preferences.centre.name == "Familienbüro Musterstadt (Beispiel)"
    assert preferences.centre.address == "Marktplatz 1\n48249 Dülmen"
    assert preferences.centre.logo_path == str(folder / "logo.png")  # relative to the folder
    assert preferences.default_town == "Dülmen"  # normalised to the town's name
    assert preferences.sync_source.startswith("https://verzeichnis.example.org/")
    assert preferences.sync_check_at_startup is True
    assert preferences.ui_language == "ar"
    assert preferences.return_destination.startswith("https://cloud.example.org/")
    assert preferences.return_user == "beratung-musterstadt"
    assert preferences.open_questions() == []
    assert preferences.is_fixed(Key.SYNC_SOURCE) and not preferences.is_fixed(Key.ZOOM_PERCENT)


def test_fixed_values_cannot_be_overwritten_but_the_others_can(tmp_path: Path,
                                                                prefs) -> None:
    folder = write_preset(tmp_path / "preset", '[sync]\nsource = "https://a.example.org/x.zip"\n',
                          logo=False)
    preferences = prefs(read_preset(folder))
    preferences.sync_source = "/media/usb/export.zip"
    preferences.centre = CentreDetails(name="Eigene Stelle")
    assert preferences.sync_source == "https://a.example.org/x.zip"
    assert preferences.centre.name == "Eigene Stelle"
    # the sync page stays: it also asks where the messages to the district go
    assert preferences.open_questions() == ["display", "centre", "search", "sync"]


def test_without_a_preset_nothing_is_fixed(prefs) -> None:
    preferences = prefs(NO_PRESET)
    preferences.default_town = "Olfen"
    assert preferences.default_town == "Olfen"
    assert not preferences.is_fixed(Key.DEFAULT_TOWN)
    assert len(preferences.open_questions()) == 4


def test_the_preset_keys_are_trusted_for_sync(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_preset(tmp_path / "preset", FULL)
    monkeypatch.setenv(PRESET_ENV, str(folder))
    folders = trusted_key_folders(AppPaths(tmp_path / "home"))
    assert folder / "keys" in folders
    district = load_public_keys([folder / "keys"])
    assert set(district) <= set(load_public_keys(folders)) and district


@pytest.mark.parametrize(("text", "problem"), [
    ("[search]\ndefault_town = \"Münster\"\n", "not a town of Kreis Coesfeld"),
    ("[centre]\nlogo = \"fehlt.png\"\n", "was not found"),
    ("[sync]\nsource = 42\n", "must be text"),
    ("[sync\nsource = \"x\"\n", "preset.toml"),
])
def test_a_broken_preset_names_the_problem(tmp_path: Path, text: str, problem: str) -> None:
    folder = write_preset(tmp_path / "preset", text, logo=False, key=False)
    with pytest.raises(PresetError, match=problem):
        read_preset(folder)


def test_a_broken_preset_is_ignored_and_logged_not_fatal(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    folder = write_preset(tmp_path / "preset", "[search\n", logo=False, key=False)
    monkeypatch.setenv(PRESET_ENV, str(folder))
    assert load_preset() is NO_PRESET
    assert "preset ignored" in caplog.text


def test_a_preset_written_by_notepad_with_a_bom_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "preset"
    folder.mkdir()
    (folder / "preset.toml").write_bytes("\ufeff[display]\nlanguage = \"uk\"\n".encode())
    assert read_preset(folder).get(Key.UI_LANGUAGE) == "uk"


def test_where_a_preset_is_looked_for(tmp_path: Path) -> None:
    assert preset_folders({PRESET_ENV: ""}) == []
    assert preset_folders({PRESET_ENV: str(tmp_path)}) == [tmp_path]
    machine = preset_folders({})
    assert machine and machine[-1].name == "preset"


def test_the_documented_example_preset_is_valid(tmp_path: Path) -> None:
    folder = tmp_path / "preset"
    folder.mkdir()
    text = EXAMPLE.read_text(encoding="utf-8")
    (folder / "preset.toml").write_text(text, encoding="utf-8")
    (folder / "logo.png").write_bytes(TINY_PNG)
    preset = read_preset(folder)
    assert set(preset.values) == {Key.CENTRE_NAME, Key.CENTRE_ADDRESS, Key.CENTRE_PHONE,
                                  Key.CENTRE_LOGO_PATH, Key.DEFAULT_TOWN, Key.SYNC_SOURCE,
                                  Key.SYNC_CHECK_AT_STARTUP, Key.UI_LANGUAGE,
                                  Key.RETURN_DESTINATION, Key.RETURN_USER}
