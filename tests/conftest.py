"""Shared fixtures: real services on a temporary folder; Qt always offscreen.

Why a copied template: loading the demo directory and building the search index takes a
moment; it is done once per test session and the finished folder is copied for each test,
so every test still gets its own database and window.ini.
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before anything imports Qt
# no machine-wide preset of the machine running the tests (tests that want one set their own)
os.environ["ANGEBOTSLOTSE_PRESET"] = ""

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from coesfeld_desktop.paths import HOME_ENV, AppPaths
from coesfeld_desktop.services import open_services

if TYPE_CHECKING:
    from coesfeld_desktop.services import Services

# fixtures shared by the settings, first-run and accessibility tests
pytest_plugins = ("tests.ui.preference_fixtures",)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that drives widgets (uses ``qtbot``) is marked ``gui``."""
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing a test starts may write into the real user data folder."""
    monkeypatch.setenv(HOME_ENV, str(tmp_path / "angebotslotse-home"))


@pytest.fixture(scope="session")
def _services_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("services-template")
    open_services(AppPaths(home)).close()
    return home


@pytest.fixture
def app_paths(tmp_path: Path, _services_template: Path) -> AppPaths:
    """``tmp_path`` as a fresh installation folder with the demo directory already loaded."""
    shutil.copytree(_services_template, tmp_path, dirs_exist_ok=True)
    return AppPaths(tmp_path)


@pytest.fixture
def services(app_paths: AppPaths) -> Iterator[Services]:
    """``open_services`` on a temporary folder (real store, real search, demo data)."""
    opened = open_services(app_paths)
    yield opened
    opened.close()
