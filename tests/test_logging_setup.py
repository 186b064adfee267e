"""The log file: in the data folder, rotating, and without bound SQL parameters."""

from __future__ import annotations

import logging
import logging.handlers
from collections.abc import Iterator
from pathlib import Path

import pytest

from coesfeld_desktop.logging_setup import MAX_BYTES, configure_logging, redact
from coesfeld_desktop.paths import AppPaths


@pytest.fixture
def restore_root_logger() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in root.handlers:
        if handler not in handlers:
            handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)


def test_log_goes_to_the_data_folder_and_rotates(tmp_path: Path,
                                                 restore_root_logger: None) -> None:
    paths = AppPaths(tmp_path / "home")
    log_file = configure_logging(paths)
    configure_logging(paths)  # twice is once
    ours = [h for h in logging.getLogger().handlers
            if isinstance(h, logging.handlers.RotatingFileHandler)]
    assert len(ours) == 1 and ours[0].maxBytes == MAX_BYTES and ours[0].backupCount == 5
    assert log_file == paths.logs / "angebotslotse.log"
    logging.getLogger("coesfeld_desktop.test").info("search took %d ms", 12)
    ours[0].flush()
    assert "search took 12 ms" in log_file.read_text(encoding="utf-8")


def test_sql_parameters_never_reach_the_log(tmp_path: Path,
                                            restore_root_logger: None) -> None:
    log_file = configure_logging(AppPaths(tmp_path / "home"))
    error = ("(sqlite3.OperationalError) database is locked\n"
             "[SQL: INSERT INTO note (offer_id, text) VALUES (?, ?)]\n"
             "[parameters: ('off-1', 'Frau K. braucht Hilfe')]")
    logging.getLogger("coesfeld_desktop.test").error("save failed: %s", error)
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_file.read_text(encoding="utf-8")
    assert "Frau K." not in text and "[parameters: hidden]" in text
    assert redact("[parameters: ('a',)]\nnext") == "[parameters: hidden]\nnext"


def test_an_unwritable_data_folder_still_logs_somewhere(tmp_path: Path,
                                                        restore_root_logger: None) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    used = configure_logging(AppPaths(blocker / "home"))
    assert used.name == "angebotslotse.log" and blocker not in used.parents


def test_a_full_disk_drops_log_lines_without_a_traceback_on_stderr(
        capsys: pytest.CaptureFixture[str]) -> None:
    """/dev/full answers every write with ENOSPC, like a full disk."""
    from coesfeld_desktop.logging_setup import _file_handler  # noqa: PLC0415 - the private factory

    full = Path("/dev/full")
    if not full.exists():
        pytest.skip("no /dev/full here")
    handler = _file_handler(full)
    logger = logging.getLogger("test.full-disk")
    logger.addHandler(handler)
    try:
        logger.warning("a line that cannot be written")
    finally:
        logger.removeHandler(handler)
        handler.close()
    assert "Logging error" not in capsys.readouterr().err
