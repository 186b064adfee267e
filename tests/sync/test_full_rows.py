"""A full apply's rows built in a worker process: the same store as building them in the
calling thread; cancelling, a rejected export or a killed sync leave no worker behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from coesfeld_desktop.paths import AppPaths
from coesfeld_desktop.progress import Cancelled, Progress
from coesfeld_desktop.startup.directory import demo_directory_path, load_directory_document
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.sync import full_rows
from coesfeld_desktop.sync.apply import apply_export
from coesfeld_desktop.sync.errors import ExportRejected
from coesfeld_desktop.sync.export_format import DEFAULT_LIMITS, SyncTuning
from coesfeld_desktop.sync.full_rows import Batch, RowWorker, open_full_rows
from coesfeld_desktop.sync.publisher import build_export, write_export
from coesfeld_desktop.sync.service import SyncService
from coesfeld_desktop.sync.signing import public_key_line
from coesfeld_desktop.sync.state import LocalState
from coesfeld_desktop.sync.verify import verify_export
from tests.sync.factory import content_digest, make_document, trusted

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def workers(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[RowWorker]]:
    """Every export goes through a worker process (3 offers a batch); the workers started."""
    started: list[RowWorker] = []
    original = RowWorker.__init__

    def record(self: RowWorker, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)  # type: ignore[arg-type]
        started.append(self)

    monkeypatch.setattr(RowWorker, "__init__", record)
    yield started


IN_WORKER = SyncTuning(batch=3, worker_min_bytes=0)  # every export, 3 offers a batch
IN_THREAD = SyncTuning(worker_min_bytes=1 << 40)


def _sync(tmp_path: Path, name: str, export: Path, key: Ed25519PrivateKey,
          progress: Progress | None = None, tuning: SyncTuning = IN_WORKER) -> Path:
    paths = AppPaths(tmp_path / name).ensure()
    database = Database(paths.database)
    try:
        service = SyncService(database, paths, trusted(key), tuning=tuning)
        outcome = service.sync(str(export), progress) if progress else service.sync(str(export))
        assert outcome.full
    finally:
        database.close()
    return paths.database


def test_worker_stores_what_the_calling_thread_stores(tmp_path: Path, key: Ed25519PrivateKey,
                                                      workers: list[RowWorker]) -> None:
    document = make_document(20, sequence=1)
    document["offers"][4]["status"] = "inactive"
    build_export(document, key, tmp_path / "one.zip")
    in_worker = _sync(tmp_path, "worker", tmp_path / "one.zip", key)
    assert len(workers) == 1 and workers[0]._process.exitcode == 0
    in_thread = _sync(tmp_path, "thread", tmp_path / "one.zip", key, tuning=IN_THREAD)
    assert len(workers) == 1  # the second sync built its rows here
    assert content_digest(in_worker) == content_digest(in_thread)


def test_batches_come_in_file_order_with_keys_from_one(tmp_path: Path,
                                                       key: Ed25519PrivateKey) -> None:
    document = make_document(8, sequence=1)
    manifest = build_export(document, key, tmp_path / "one.zip")
    worker = open_full_rows(tmp_path / "one.zip", DEFAULT_LIMITS, manifest["files"],
                            worker=True)
    try:
        batches: list[Batch] = list(worker.batches())
    finally:
        worker.close()
    assert [offers for offers, _active, _statements in batches] == [8]
    statements = dict(batches[0][2])
    offer_insert = next(sql for sql in statements if sql.startswith('INSERT INTO "offer" '))
    assert [row[0] for row in statements[offer_insert]] == list(range(1, 9))  # pk first
    assert set(worker.file_digests) == {"topics.jsonl", "organizations.jsonl",
                                        "locations.jsonl", "offers.jsonl"}


def test_cancel_stops_the_worker_and_keeps_the_store(tmp_path: Path, key: Ed25519PrivateKey,
                                                     workers: list[RowWorker]) -> None:
    build_export(make_document(30, sequence=1), key, tmp_path / "one.zip")
    paths = AppPaths(tmp_path / "home").ensure()
    database = Database(paths.database)
    load_directory_document(database, demo_directory_path())  # as on first start
    database.close()
    store = paths.database
    before = content_digest(store)

    def report(done: int, total: int, message: str) -> None:
        if message == "Angebote werden übernommen" and done >= 6:
            progress.cancel()

    progress = Progress(report)
    with pytest.raises(Cancelled):
        _sync(tmp_path, "home", tmp_path / "one.zip", key, progress)
    assert content_digest(store) == before
    assert len(workers) == 1
    assert all(not worker._process.is_alive() for worker in workers)


def test_no_worker_starts_for_an_export_signed_by_an_unknown_key(
        tmp_path: Path, key: Ed25519PrivateKey, workers: list[RowWorker]) -> None:
    build_export(make_document(10, sequence=1), Ed25519PrivateKey.generate(),
                 tmp_path / "unknown-key.zip")
    paths = AppPaths(tmp_path / "home").ensure()
    database = Database(paths.database)
    try:
        with pytest.raises(ExportRejected):
            SyncService(database, paths, trusted(key), tuning=IN_WORKER).sync(
                str(tmp_path / "unknown-key.zip"))
    finally:
        database.close()
    assert workers == []  # the signature is checked before anything reads the records


def test_a_rejected_export_stops_the_worker_started_for_it(
        tmp_path: Path, key: Ed25519PrivateKey, workers: list[RowWorker]) -> None:
    document = make_document(10, sequence=1)
    document["offers"][3]["organization_id"] = "nobody"  # found while verifying the records
    write_export(document, document, key, tmp_path / "bad.zip")
    paths = AppPaths(tmp_path / "home").ensure()
    database = Database(paths.database)
    try:
        with pytest.raises(ExportRejected) as raised:
            SyncService(database, paths, trusted(key), tuning=IN_WORKER).sync(
                str(tmp_path / "bad.zip"))
    finally:
        database.close()
    assert raised.value.reason == "content"
    assert len(workers) == 1 and not workers[0]._process.is_alive()


def test_the_worker_hashes_a_file_before_parsing_it(tmp_path: Path,
                                                    key: Ed25519PrivateKey) -> None:
    manifest = build_export(make_document(10, sequence=1), key, tmp_path / "one.zip")
    files = {**manifest["files"], "offers.jsonl": {**manifest["files"]["offers.jsonl"],
                                                   "sha256": "0" * 64}}
    for worker in (True, False):
        with open_full_rows(tmp_path / "one.zip", DEFAULT_LIMITS, files,
                            worker=worker) as rows, pytest.raises(ExportRejected) as raised:
            list(rows.batches())
        assert raised.value.reason == "hash"


def test_a_broken_archive_is_reported_from_the_worker(tmp_path: Path) -> None:
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip archive")
    worker = open_full_rows(broken, DEFAULT_LIMITS, {}, worker=True)
    try:
        with pytest.raises(ExportRejected) as raised:
            list(worker.batches())
    finally:
        worker.close()
    assert raised.value.reason == "archive"


class _OtherFile:
    """Batches read from another file than the one verified (changed in between)."""

    def __init__(self, rows: full_rows.FullRows) -> None:
        self.rows = rows
        self.file_digests: dict[str, str] = {}

    def batches(self) -> Iterator[Batch]:
        yield from self.rows.batches()
        self.file_digests = {**self.rows.file_digests, "offers.jsonl": "0" * 64}

    def close(self) -> None:
        self.rows.close()

    def __enter__(self) -> _OtherFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def test_rows_from_a_changed_file_are_not_committed(tmp_path: Path, key: Ed25519PrivateKey,
                                                    database: Database) -> None:
    build_export(make_document(10, sequence=1), key, tmp_path / "one.zip")
    verified = verify_export(tmp_path / "one.zip", trusted(key), LocalState())
    before = content_digest(Path(database.path))
    rows = _OtherFile(open_full_rows(tmp_path / "one.zip", DEFAULT_LIMITS,
                                     verified.manifest["files"], worker=False))
    with pytest.raises(ExportRejected) as raised:
        apply_export(database, verified, full_rows=rows)
    assert raised.value.reason == "hash"
    assert content_digest(Path(database.path)) == before


def _processes_with(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker.encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_worker_ends_when_the_sync_process_is_killed(tmp_path: Path,
                                                     key: Ed25519PrivateKey) -> None:
    # 80 batches: far more than the worker can hand on before the sync reads them
    build_export(make_document(400, sequence=1), key, tmp_path / "one.zip")
    home = tmp_path / "home"
    AppPaths(home).ensure()
    (home / "keys").mkdir()
    (home / "keys" / "test.pub").write_text(public_key_line(key.public_key(), "test"))
    marker = f"ANGEBOTSLOTSE_TEST_MARKER={os.getpid()}-{time.monotonic_ns()}"
    # killed after its first batch's statements, with more batches still to come
    code = ("import sys\n"
            "from pathlib import Path\n"
            "from coesfeld_desktop.paths import AppPaths\n"
            "from coesfeld_desktop.store.database import Database\n"
            "from coesfeld_desktop.sync.export_format import SyncTuning\n"
            "from coesfeld_desktop.sync.service import SyncService\n"
            "from tests.sync.fault_run import KillAt\n"
            "paths = AppPaths(Path(sys.argv[1])).ensure()\n"
            "SyncService(Database(paths.database), paths, observer=KillAt(40, False),\n"
            "            tuning=SyncTuning(batch=5, worker_min_bytes=0)).sync(sys.argv[2])\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT), marker.split("=")[0]: marker.split("=")[1]}
    errors = tmp_path / "stderr.txt"
    with errors.open("wb") as stderr:
        process = subprocess.Popen([sys.executable, "-c", code, str(home),
                                    str(tmp_path / "one.zip")], cwd=ROOT,
                                   env=env, stdout=subprocess.DEVNULL, stderr=stderr)
        seen: set[int] = set()
        while process.poll() is None:
            seen.update(_processes_with(marker))
            time.sleep(0.02)
    assert process.returncode == -signal.SIGKILL, errors.read_text()
    assert seen - {process.pid}, "the worker process was never seen"
    deadline = time.monotonic() + 20
    while _processes_with(marker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _processes_with(marker) == []


def test_the_write_ahead_log_is_copied_back_after_the_sync(tmp_path: Path,
                                                          key: Ed25519PrivateKey) -> None:
    """The sync commits without checkpointing; a background thread copies the whole log
    into the database file, and the pooled connection gets SQLite's automatic checkpoints
    back."""
    build_export(make_document(40, sequence=1), key, tmp_path / "one.zip")
    paths = AppPaths(tmp_path / "home").ensure()
    database = Database(paths.database)
    try:
        assert SyncService(database, paths, trusted(key)).sync(str(tmp_path / "one.zip")).full
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar_one() == 1000
        for thread in database._checkpoints:
            thread.join(timeout=30)
        assert database.last_checkpoint is not None
        busy, in_log, copied = database.last_checkpoint
        assert busy == 0 and in_log > 0 and copied == in_log  # all of the sync's pages
    finally:
        database.close()
    assert not Path(f"{paths.database}-wal").exists()  # the last connection removed it
    assert content_digest(paths.database)  # readable without the log


def test_without_a_worker_process_the_rows_are_built_here(tmp_path: Path,
                                                          key: Ed25519PrivateKey,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    build_export(make_document(12, sequence=1), key, tmp_path / "one.zip")

    def refuse(self: RowWorker, *args: object) -> None:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(RowWorker, "__init__", refuse)
    manifest = build_export(make_document(12, sequence=1), key, tmp_path / "one.zip")
    rows = open_full_rows(tmp_path / "one.zip", DEFAULT_LIMITS, manifest["files"], worker=True)
    try:
        assert sum(batch[0] for batch in rows.batches()) == 12
    finally:
        rows.close()
    assert not isinstance(rows, RowWorker)
