"""Kill-safety: a sync killed at any moment leaves the store fully old or fully new.

The sync runs in a subprocess (``tests/sync/fault_run.py``) whose write observer SIGKILLs
it after its N-th write statement, or right after the commit. Driven by the statement count
only, never by a sleep: the same kills happen on a fast and on a slow machine. After each kill
SQLite's ``integrity_check`` must pass and the content digest must equal either the digest
before or the digest after a clean sync.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from coesfeld_desktop.paths import AppPaths
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.sync.archive import file_sha256
from coesfeld_desktop.sync.publisher import build_export
from coesfeld_desktop.sync.service import LAST_GOOD_NAME, NEXT_GOOD_NAME, SyncService
from coesfeld_desktop.sync.signing import public_key_line
from tests.sync.factory import changed_document, content_digest, make_document

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")
ROOT = Path(__file__).resolve().parents[2]


def _home(folder: Path, key: Ed25519PrivateKey) -> AppPaths:
    paths = AppPaths(folder).ensure()
    (folder / "keys").mkdir(exist_ok=True)
    (folder / "keys" / "test-only.pub").write_text(public_key_line(key.public_key(), "test"))
    return paths


def _sync_in_process(paths: AppPaths, export: Path) -> None:
    database = Database(paths.database)
    try:
        assert SyncService(database, paths).sync(str(export)).applied
    finally:
        database.close()


def _run(home: Path, export: Path, kill_at: int | str = 10**9) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "tests.sync.fault_run", str(home),
                             str(export), str(kill_at)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _check(home: Path, allowed: set[str]) -> str:
    database = home / "angebotslotse.sqlite3"
    connection = sqlite3.connect(database)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        connection.close()
    digest = content_digest(database)
    assert digest in allowed
    return digest


def _scenario(tmp_path: Path, key: Ed25519PrivateKey, offers: int
              ) -> tuple[Path, Path, str, str]:
    """A store holding export 1, export 2 (changes, removals, additions) and both digests."""
    first = make_document(offers, sequence=1)
    second, _changed = changed_document(first, 0.2, sequence=2)
    second["offers"] = second["offers"][: offers - offers // 10] + [
        {**o, "id": f"new-{o['id']}", "contacts": [], "phones": [], "schedules": [],
         "cost_options": []} for o in first["offers"][: offers // 10]]
    second["organizations"] = [{**o, "name": o["name"] + " (umbenannt)"}
                               for o in first["organizations"]]
    build_export(first, key, tmp_path / "one.zip")
    build_export(second, key, tmp_path / "two.zip")
    template = tmp_path / "template"
    _sync_in_process(_home(template, key), tmp_path / "one.zip")
    old = content_digest(template / "angebotslotse.sqlite3")
    reference = tmp_path / "reference"
    shutil.copytree(template, reference)
    # the clean run goes through the same subprocess path as the killed ones: the shared
    # working tree may change under a long test run, and both sides then see the same code
    process = _run(reference, tmp_path / "two.zip")
    _out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err.decode()
    new = content_digest(reference / "angebotslotse.sqlite3")
    assert old != new
    return template, tmp_path / "two.zip", old, new


@pytest.mark.slow
def test_killed_after_n_statements(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    template, export, old, new = _scenario(tmp_path, key, 200)
    seen: dict[str, int] = {old: 0, new: 0}
    for fault_after in (1, 2, 3, 5, 8, 12, 17, 23, 30, 40, 55, 75, 100, 10_000):
        home = tmp_path / f"run-{fault_after}"
        shutil.copytree(template, home)
        process = _run(home, export, fault_after)
        _out, err = process.communicate(timeout=120)
        assert process.returncode in (-signal.SIGKILL, 0), err.decode()
        digest = _check(home, {old, new})
        seen[digest] += 1
        if process.returncode == 0:
            assert digest == new
            break
        assert digest == old  # killed before commit: nothing of the new export is visible
    assert seen[old] >= 8 and seen[new] == 1


def _kill_first_syncs(tmp_path: Path, key: Ed25519PrivateKey, export: Path,
                      points: tuple[int, ...], leftover: str) -> None:
    """Kill a first sync of ``export`` after each of ``points`` write statements: every
    kill leaves the empty store (and ``leftover`` in exports/); the next sync is clean."""
    empty = tmp_path / "empty"
    _home(empty, key)
    Database(AppPaths(empty).database).close()
    old = content_digest(empty / "angebotslotse.sqlite3")
    reference = tmp_path / "reference"
    shutil.copytree(empty, reference)
    _sync_in_process(AppPaths(reference), export)
    new = content_digest(reference / "angebotslotse.sqlite3")
    for fault_after in points:
        home = tmp_path / f"first-{fault_after}"
        shutil.copytree(empty, home)
        process = _run(home, export, fault_after)
        _out, err = process.communicate(timeout=300)
        assert process.returncode == -signal.SIGKILL, err.decode()
        assert _check(home, {old, new}) == old  # nothing of the new export is visible
        assert list((home / "exports").glob(leftover))  # what a kill leaves behind
    # the store syncs cleanly after a kill, and the leftover download is cleaned up
    _sync_in_process(AppPaths(home), export)
    assert content_digest(home / "angebotslotse.sqlite3") == new
    assert not list((home / "exports").glob("incoming-*"))


@pytest.mark.slow
def test_killed_in_the_full_apply_of_a_first_sync(tmp_path: Path, key: Ed25519PrivateKey
                                                  ) -> None:
    # 3,000 offers: a full apply in batches (index rows included); kills spread over it
    build_export(make_document(3000, sequence=1), key, tmp_path / "one.zip")
    _kill_first_syncs(tmp_path, key, tmp_path / "one.zip", (1, 3, 6, 10, 15, 25, 40),
                      "incoming-*.zip")


@pytest.mark.slow
def test_killed_after_the_commit_keeps_last_good_with_the_database(
        tmp_path: Path, key: Ed25519PrivateKey) -> None:
    template, export, old, new = _scenario(tmp_path, key, 50)
    home = tmp_path / "after-commit"
    shutil.copytree(template, home)
    process = _run(home, export, "commit")
    _out, err = process.communicate(timeout=120)
    assert process.returncode == -signal.SIGKILL, err.decode()
    assert _check(home, {old, new}) == new  # committed
    exports = home / "exports"
    assert (exports / NEXT_GOOD_NAME).exists()  # killed before it was moved into place
    database = Database(AppPaths(home).database)
    try:
        service = SyncService(database, AppPaths(home))
        service.settle()  # what the next sync does first
        applied = service.local_state().archive_sha256
    finally:
        database.close()
    assert file_sha256(exports / LAST_GOOD_NAME) == applied == file_sha256(export)
    assert not (exports / NEXT_GOOD_NAME).exists()


@pytest.mark.slow
def test_killed_while_copying_the_prebuilt_file(tmp_path: Path, key: Ed25519PrivateKey
                                                ) -> None:
    """The full sync from the prebuilt directory file (sync/apply_prebuilt.py), killed at
    its statements (about 67) as the records' full apply is."""
    manifest = build_export(make_document(3000, sequence=1), key, tmp_path / "one.zip",
                            prebuilt=True)
    assert manifest["prebuilt"]
    _kill_first_syncs(tmp_path, key, tmp_path / "one.zip", (1, 2, 8, 20, 33, 40, 50, 60),
                      "incoming-*.sqlite")  # the inflated file
