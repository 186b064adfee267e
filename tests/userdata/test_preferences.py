"""Typed preferences: defaults, round trips, checks, and the raw keys other modules read."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from coesfeld_desktop.store.database import Database
from coesfeld_desktop.userdata.preferences import (
    DEFAULT_ZOOM,
    MAX_ZOOM,
    MIN_ZOOM,
    UI_LANGUAGES,
    CentreDetails,
    Key,
    LogoProblem,
    Preferences,
    SyncSourceProblem,
    check_logo,
    check_sync_source,
    next_zoom,
    normalise_language,
)
from coesfeld_desktop.userdata.settings import SettingsService

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'


@pytest.fixture
def settings(tmp_path: Path) -> Iterator[SettingsService]:
    database = Database(tmp_path / "db.sqlite3")
    yield SettingsService(database)
    database.close()


@pytest.fixture
def prefs(settings: SettingsService) -> Preferences:
    return Preferences(settings)


def test_defaults_on_an_empty_store(prefs: Preferences) -> None:
    assert prefs.centre == CentreDetails()
    assert prefs.default_town == ""
    assert prefs.sync_source == "" and prefs.sync_check_at_startup is False
    assert prefs.ui_language == "de"
    assert prefs.zoom_percent == DEFAULT_ZOOM
    assert prefs.first_run_done is False


def test_centre_round_trip_uses_the_shared_keys(
    prefs: Preferences, settings: SettingsService, tmp_path: Path
) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG)
    prefs.centre = CentreDetails(" Familienbüro Dülmen ", "Markt 1\n48249 Dülmen",
                                 "02594 12345", str(logo))
    assert prefs.centre == CentreDetails("Familienbüro Dülmen", "Markt 1\n48249 Dülmen",
                                         "02594 12345", str(logo))
    raw = settings.all()
    assert raw[Key.CENTRE_NAME] == "Familienbüro Dülmen"
    assert raw["centre.logo_path"] == str(logo)
    assert raw["centre.phone"] == "02594 12345"


def test_an_unusable_logo_is_refused_and_nothing_changes(
    prefs: Preferences, tmp_path: Path
) -> None:
    prefs.centre = CentreDetails(name="Alt")
    with pytest.raises(ValueError):
        prefs.centre = CentreDetails(name="Neu", logo_path=str(tmp_path / "fehlt.png"))
    assert prefs.centre.name == "Alt"


def test_default_town_is_one_of_the_eleven(prefs: Preferences, settings: SettingsService) -> None:
    prefs.default_town = "duelmen"
    assert prefs.default_town == "Dülmen"
    prefs.default_town = ""
    assert prefs.default_town == ""
    with pytest.raises(ValueError):
        prefs.default_town = "Münster"
    settings.set(Key.DEFAULT_TOWN, "Atlantis")  # written by hand or by an older version
    assert prefs.default_town == ""


def test_sync_settings(prefs: Preferences, settings: SettingsService) -> None:
    prefs.sync_source = " https://example.org/export.zip "
    prefs.sync_check_at_startup = True
    assert prefs.sync_source == "https://example.org/export.zip"
    assert prefs.sync_check_at_startup is True
    assert settings.get("sync.check_at_startup") == "1"


@pytest.mark.parametrize("language", UI_LANGUAGES)
def test_every_ui_language_round_trips(prefs: Preferences, language: str) -> None:
    prefs.ui_language = language
    assert prefs.ui_language == language


def test_unknown_language_falls_back_to_german(
    prefs: Preferences, settings: SettingsService
) -> None:
    with pytest.raises(ValueError):
        prefs.ui_language = "fr"
    settings.set(Key.UI_LANGUAGE, "fr")
    assert prefs.ui_language == "de"
    assert normalise_language("uk_UA") == "uk"
    assert normalise_language("ar-SY") == "ar"


def test_zoom_is_clamped_and_survives_garbage(
    prefs: Preferences, settings: SettingsService
) -> None:
    prefs.zoom_percent = 125
    assert prefs.zoom_percent == 125
    prefs.zoom_percent = 5000
    assert prefs.zoom_percent == MAX_ZOOM
    settings.set(Key.ZOOM_PERCENT, "groß")
    assert prefs.zoom_percent == DEFAULT_ZOOM


def test_zoom_steps() -> None:
    assert next_zoom(100, +1) == 110
    assert next_zoom(100, -1) == 90
    assert next_zoom(105, +1) == 110 and next_zoom(105, -1) == 100
    assert next_zoom(MAX_ZOOM, +1) == MAX_ZOOM
    assert next_zoom(MIN_ZOOM, -1) == MIN_ZOOM
    assert next_zoom(175, 0) == 100


def test_first_run_flag(prefs: Preferences) -> None:
    prefs.first_run_done = True
    assert prefs.first_run_done is True


@pytest.mark.parametrize(("name", "content", "problem"), [
    ("logo.png", PNG, None),
    ("logo.JPG", JPEG, None),
    ("logo.jpeg", JPEG, None),
    ("logo.svg", SVG, LogoProblem.WRONG_TYPE),  # the handout PDF cannot draw SVG
    ("logo.png", JPEG, LogoProblem.NOT_AN_IMAGE),
    ("logo.gif", b"GIF89a", LogoProblem.WRONG_TYPE),
])
def test_check_logo(tmp_path: Path, name: str, content: bytes,
                    problem: LogoProblem | None) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert check_logo(str(path)) is problem


def test_check_logo_missing_folder_and_empty(tmp_path: Path) -> None:
    assert check_logo("") is None
    assert check_logo(str(tmp_path / "fehlt.png")) is LogoProblem.MISSING
    folder = tmp_path / "ordner.png"
    folder.mkdir()
    assert check_logo(str(folder)) is LogoProblem.NOT_A_FILE


def test_check_sync_source(tmp_path: Path) -> None:
    export = tmp_path / "export.zip"
    export.write_bytes(b"PK")
    assert check_sync_source("") is None
    assert check_sync_source("https://kreis-coesfeld.example/angebote.zip") is None
    assert check_sync_source(str(export)) is None
    assert check_sync_source("https://") is SyncSourceProblem.BAD_URL
    assert check_sync_source("ftp://host/x.zip") is SyncSourceProblem.BAD_URL
    assert check_sync_source(str(tmp_path / "fehlt.zip")) is SyncSourceProblem.MISSING_FILE
