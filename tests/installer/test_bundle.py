"""Build the PyInstaller bundle with installer/build_linux.sh and check its self-check report.

Slow (a few minutes): it is the release check of STYLE.md point 10. It builds into a
temporary folder so that parallel runs and the developer's own build/ do not collide.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from coesfeld_desktop import __version__

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "installer" / "build_linux.sh"
STEPS = ("paths", "logging", "resources", "database", "search", "handout", "qt")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="builds the Linux bundle"),
]


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str],
                                                             Path]:
    if not (ROOT / "resources" / "demo" / "directory.json").is_file():
        pytest.skip("resources/demo/directory.json is not there yet: the bundle cannot start")
    build_dir = tmp_path_factory.mktemp("bundle")
    env = dict(os.environ, PYTHON=sys.executable, ANGEBOTSLOTSE_BUILD_DIR=str(build_dir))
    env.pop("ANGEBOTSLOTSE_HOME", None)
    result = subprocess.run(["bash", str(SCRIPT)], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=1800, check=False)
    return result, build_dir / "dist" / "angebotslotse"


def test_the_built_bundle_passes_its_self_check(
    build: tuple[subprocess.CompletedProcess[str], Path]
) -> None:
    result, _bundle = build
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    lines = result.stdout.splitlines()
    assert "self-check passed" in lines
    for step in STEPS:
        assert any(re.match(rf"\s+ok\s+{step}\b", line) for line in lines), (step, lines)
    assert any("_internal/resources" in line for line in lines if "resources" in line)


def test_the_bundle_holds_resources_and_translations_but_not_unused_qt(
    build: tuple[subprocess.CompletedProcess[str], Path]
) -> None:
    result, bundle = build
    assert result.returncode == 0
    internal = bundle / "_internal"
    for needed in ("resources/demo/directory.json", "resources/icons/angebotslotse.svg",
                   "resources/linux/de.kreis-coesfeld.Angebotslotse.desktop"):
        assert (internal / needed).is_file(), needed
    assert list((internal / "resources" / "fonts").glob("*.ttf"))
    if (ROOT / "translations").is_dir() and list(ROOT.glob("translations/*/LC_MESSAGES/*.mo")):
        assert list(internal.glob("translations/*/LC_MESSAGES/*.mo"))
    names = [path.name for path in internal.rglob("*")]
    assert not [n for n in names if "WebEngine" in n or "Qt6Quick" in n or "Qt6Qml" in n]


def test_the_release_tarball_holds_the_bundle_and_its_install_script(
    build: tuple[subprocess.CompletedProcess[str], Path]
) -> None:
    result, bundle = build
    assert result.returncode == 0
    tarballs = list(bundle.parent.glob(f"angebotslotse-{__version__}-linux-*.tar.gz"))
    assert len(tarballs) == 1, list(bundle.parent.iterdir())
    with tarfile.open(tarballs[0]) as archive:
        names = set(archive.getnames())
    assert {"angebotslotse/angebotslotse", "angebotslotse/install.sh"} <= names
