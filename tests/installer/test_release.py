"""Roll-out pieces that need no Windows: the Linux install script, the release workflow, the
example preset and the Inno Setup script's switches."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALL_SH = ROOT / "installer" / "linux" / "install.sh"
WORKFLOW = ROOT / ".github" / "workflows" / "windows-release.yml"
ISS = ROOT / "installer" / "angebotslotse.iss"
APP_ID = "de.kreis-coesfeld.Angebotslotse"

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="bash and Linux paths")


def _fake_bundle(folder: Path, marker: str) -> Path:
    """A bundle folder of the shape PyInstaller builds, with install.sh at its top."""
    bundle = folder / "angebotslotse"
    resources = bundle / "_internal" / "resources"
    shutil.copytree(ROOT / "resources" / "linux", resources / "linux")
    shutil.copytree(ROOT / "resources" / "icons", resources / "icons")
    program = bundle / "angebotslotse"
    program.write_text(f"#!/bin/sh\necho {marker}\n", encoding="utf-8")
    program.chmod(0o755)
    shutil.copy2(INSTALL_SH, bundle / "install.sh")
    return bundle


def _install(bundle: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": os.environ["PATH"], "HOME": str(home)}
    return subprocess.run(["bash", str(bundle / "install.sh"), *args], env=env,
                          capture_output=True, text=True, timeout=60, check=False)


def test_install_upgrade_and_uninstall_per_user_keep_the_users_data(tmp_path: Path) -> None:
    home = tmp_path / "home"
    data = home / ".local" / "share" / "Angebotslotse"
    data.mkdir(parents=True)
    (data / "angebotslotse.sqlite3").write_bytes(b"the user's notes")
    preset = tmp_path / "preset"
    (preset / "keys").mkdir(parents=True)
    (preset / "preset.toml").write_text('[search]\ndefault_town = "Olfen"\n', encoding="utf-8")
    (preset / "keys" / "district.pub").write_text("ed25519 AAAA district\n", encoding="utf-8")

    first = _install(_fake_bundle(tmp_path / "v1", "version-1"), home, "--preset", str(preset))
    assert first.returncode == 0, first.stderr
    target = home / ".local" / "opt" / "angebotslotse"
    link = home / ".local" / "bin" / "angebotslotse"
    assert subprocess.run([str(link)], capture_output=True, text=True,
                          check=True).stdout.strip() == "version-1"
    assert (home / ".local/share/applications" / f"{APP_ID}.desktop").is_file()
    assert (home / ".local/share/icons/hicolor/scalable/apps/angebotslotse.svg").is_file()
    assert (target / "preset" / "preset.toml").read_text(encoding="utf-8").count("Olfen") == 1

    upgrade = _install(_fake_bundle(tmp_path / "v2", "version-2"), home)
    assert upgrade.returncode == 0, upgrade.stderr
    assert subprocess.run([str(link)], capture_output=True, text=True,
                          check=True).stdout.strip() == "version-2"
    assert (target / "preset" / "keys" / "district.pub").is_file()  # the preset stays
    assert not list((home / ".local" / "opt").glob(".angebotslotse-new*"))
    assert (data / "angebotslotse.sqlite3").read_bytes() == b"the user's notes"

    removed = _install(target, home, "--uninstall")
    assert removed.returncode == 0, removed.stderr
    assert not target.exists() and not link.exists()
    assert not (home / ".local/share/applications" / f"{APP_ID}.desktop").exists()
    assert (data / "angebotslotse.sqlite3").is_file()  # kept unless asked
    assert "kept" in removed.stdout


def test_uninstall_with_purge_data_removes_the_users_data(tmp_path: Path) -> None:
    home = tmp_path / "home"
    data = home / ".local" / "share" / "Angebotslotse"
    data.mkdir(parents=True)
    bundle = _fake_bundle(tmp_path / "v1", "v1")
    assert _install(bundle, home).returncode == 0
    result = _install(bundle, home, "--uninstall", "--purge-data")
    assert result.returncode == 0
    assert not data.exists()


def test_bad_arguments_are_refused_with_a_message(tmp_path: Path) -> None:
    bundle = _fake_bundle(tmp_path / "v1", "v1")
    unknown = _install(bundle, tmp_path / "home", "--silent")
    assert unknown.returncode == 2 and "unknown option: --silent" in unknown.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    no_preset = _install(bundle, tmp_path / "home", "--preset", str(empty))
    assert no_preset.returncode == 2 and "neither preset.toml nor keys/" in no_preset.stderr


def test_the_windows_release_workflow_is_a_valid_github_workflow() -> None:
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema",
                             "vendor.github-workflows", str(WORKFLOW)],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    text = WORKFLOW.read_text(encoding="utf-8")
    for step in ("runs-on: windows", "PyInstaller", "--self-check", "iscc ",
                 "/VERYSILENT", "actions/upload-artifact"):
        assert step in text, step
    assert text.index("PyInstaller") < text.index("iscc ") < text.index("/VERYSILENT")


def test_the_installer_script_offers_what_installer_readme_documents() -> None:
    iss = ISS.read_text(encoding="utf-8")
    readme = (ROOT / "installer" / "README.md").read_text(encoding="utf-8")
    assert "PrivilegesRequired=admin" in iss and "{autopf}" in iss  # per machine
    assert "{param:PRESET" in iss and "/PURGEDATA" in iss
    assert "[UninstallDelete]" not in iss.split("[Code]")[0].replace(
        "No [UninstallDelete] section", "")
    for switch in ("/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", "/DIR=", "/PRESET=",
                   "/PURGEDATA", "/CURRENTUSER", "preset.toml"):
        assert switch in readme, switch
