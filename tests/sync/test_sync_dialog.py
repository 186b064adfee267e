"""The sync dialog and menu wiring, driven offscreen with pytest-qt."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtWidgets import QTreeWidget

from coesfeld_desktop.services import Services
from coesfeld_desktop.sync.publisher import build_export, write_export
from coesfeld_desktop.sync.signing import public_key_line
from coesfeld_desktop.ui.main_window import MainWindow
from coesfeld_desktop.ui.sync_actions import install_sync_actions
from coesfeld_desktop.ui.sync_dialog import SyncDialog
from coesfeld_desktop.ui.tasks import TaskRunner
from tests.sync.factory import content_digest, make_document


@pytest.fixture
def export(services: Services, key: Ed25519PrivateKey, tmp_path: Path) -> Path:
    keys = services.paths.home / "keys"
    keys.mkdir(exist_ok=True)
    (keys / "test-only.pub").write_text(public_key_line(key.public_key(), "test only"))
    path = tmp_path / "district.zip"
    build_export(make_document(30, sequence=1), key, path)
    return path


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    """Waits for its worker threads before the test's objects go away."""
    task_runner = TaskRunner()
    yield task_runner
    task_runner.wait_all()


@pytest.fixture
def make_dialog(qtbot, runner: TaskRunner, services: Services):  # type: ignore[no-untyped-def]
    def make() -> tuple[SyncDialog, TaskRunner]:
        dialog = SyncDialog(services, runner, lambda text: text)
        qtbot.addWidget(dialog)
        return dialog, runner

    return make


def _groups(tree: QTreeWidget) -> list[str]:
    return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]


def test_sync_from_file_replaces_the_demo_then_shows_what_changed(  # type: ignore[no-untyped-def]
        qtbot, make_dialog, export: Path, key: Ed25519PrivateKey, tmp_path: Path) -> None:
    dialog, runner = make_dialog()
    dialog.from_file.setChecked(True)
    dialog.file.setText(str(export))
    with qtbot.wait_signal(dialog.applied, timeout=60_000) as applied:
        handle = dialog.start()
        assert handle is not None and not dialog.sync_button.isEnabled()
    outcome = applied.args[0]
    assert len(outcome.new) == 30
    # against made-up demo offers a list of "changes" would say nothing
    assert dialog.status.text() == ("Demodaten ersetzt: 30 Angebote des Kreises, "
                                    "Stand 1. November 2026.")
    assert not dialog.changes.isVisible()
    runner.wait_all()

    bigger = tmp_path / "district-2.zip"
    build_export(make_document(33, sequence=2), key, bigger)
    dialog.file.setText(str(bigger))
    with qtbot.wait_signal(dialog.applied, timeout=60_000):
        dialog.start()
    assert dialog.status.text().startswith("Abgeglichen: Stand 2. November 2026. 3 neu")
    groups = _groups(dialog.changes)
    assert groups[0] == "Neu (3)" and groups[2].startswith("Nicht mehr im Verzeichnis (")
    assert dialog.sync_button.isEnabled() and not dialog.progress.isVisible()
    with qtbot.wait_signal(dialog.open_offer) as opened:
        item = dialog.changes.topLevelItem(0).child(0)
        dialog.changes.itemActivated.emit(item, 0)
    assert opened.args[0].startswith("off-")
    runner.wait_all()
    # unchanged the second time, said calmly
    assert dialog.start() is not None
    qtbot.wait_until(lambda: not dialog.busy, timeout=60_000)
    assert dialog.status.text() == ("Keine neuen Daten – das Verzeichnis ist aktuell "
                                    "(Stand 2. November 2026).")


def test_cancel_leaves_store_unchanged(  # type: ignore[no-untyped-def]
        qtbot, make_dialog, services: Services, export: Path) -> None:
    before = content_digest(services.paths.database)
    dialog, _runner = make_dialog()
    dialog.from_file.setChecked(True)
    dialog.file.setText(str(export))
    assert dialog.start() is not None
    dialog.cancel()
    qtbot.wait_until(lambda: not dialog.busy, timeout=60_000)
    assert "Abgebrochen" in dialog.status.text()
    assert content_digest(services.paths.database) == before


def test_offline_is_quiet_and_without_system_text(  # type: ignore[no-untyped-def]
        qtbot, make_dialog) -> None:
    dialog, _runner = make_dialog()
    dialog.from_url.setChecked(True)
    dialog.url.setText("https://127.0.0.1:9/export.zip")
    assert dialog.start() is not None
    qtbot.wait_until(lambda: not dialog.busy, timeout=60_000)
    assert dialog.status.text() == (
        "Keine Verbindung zu 127.0.0.1: Der Rechner ist offline oder die Adresse ist falsch. "
        "Sie arbeiten mit dem vorhandenen Datenstand weiter. Die lokalen Daten sind "
        "unverändert.")


def test_a_missing_file_is_not_called_offline(  # type: ignore[no-untyped-def]
        qtbot, make_dialog, tmp_path: Path) -> None:
    dialog, _runner = make_dialog()
    dialog.from_file.setChecked(True)
    dialog.file.setText(str(tmp_path / "usb" / "export.zip"))
    assert dialog.start() is not None
    qtbot.wait_until(lambda: not dialog.busy, timeout=60_000)
    text = dialog.status.text()
    assert text.startswith("Die Datei „export.zip“ wurde nicht gefunden.")
    assert "Offline" not in text and "Errno" not in text and "No such file" not in text


def test_the_dialog_says_where_the_address_comes_from(make_dialog) -> None:  # type: ignore[no-untyped-def]
    dialog, _runner = make_dialog()
    assert "Kreis Coesfeld" in dialog.source_hint.text()


def test_rejected_export_says_why(  # type: ignore[no-untyped-def]
        qtbot, make_dialog, tmp_path: Path) -> None:
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK not really")
    dialog, _runner = make_dialog()
    dialog.from_file.setChecked(True)
    dialog.file.setText(str(junk))
    assert dialog.start() is not None
    qtbot.wait_until(lambda: not dialog.busy, timeout=60_000)
    assert "kein gültiges Archiv" in dialog.status.text()
    assert "unverändert" in dialog.status.text()


@pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)")
def test_menu_entry_in_main_window(  # type: ignore[no-untyped-def]
        qtbot, services: Services, export: Path) -> None:
    window = MainWindow(services)
    qtbot.addWidget(window)
    actions = install_sync_actions(window, services)
    data_menu = window.menu("Daten")
    assert data_menu is not None and actions.sync_action in data_menu.actions()
    assert actions.sync_action.shortcut().toString() == "Ctrl+R"
    dialog = actions.open_dialog()
    dialog.from_file.setChecked(True)
    dialog.file.setText(str(export))
    with qtbot.wait_signal(dialog.applied, timeout=60_000):
        dialog.start()
    assert "Demodaten" not in window.statusBar().currentMessage()
    assert not window._demo_label.isVisibleTo(window)  # the Datenstand was re-read
    actions.runner.wait_all()
    dialog.close()


def test_the_status_bar_says_calmly_when_the_data_is_past_its_expiry(
        qtbot, services: Services, key: Ed25519PrivateKey, tmp_path: Path) -> None:
    keys = services.paths.home / "keys"
    keys.mkdir(exist_ok=True)
    (keys / "test-only.pub").write_text(public_key_line(key.public_key(), "test only"))
    document = make_document(5, sequence=1)
    document["published_at"] = "2026-01-05T08:00:00Z"
    write_export(document, document, key, tmp_path / "old.zip",
                 generated_at=dt.datetime(2026, 1, 5, 8, tzinfo=dt.UTC), valid_days=30)
    # an expired export is refused by a sync; a confirmed restore (or a recovery) applies it
    assert services.sync.sync(str(tmp_path / "old.zip"), allow_restore=True).applied
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.refresh_status()
    days = (dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.datetime(2026, 1, 5, 8)).days
    assert window._status_label.text().endswith(f"– Datenstand älter als {days} Tage")
    fresh = make_document(5, sequence=2)
    build_export(fresh, key, tmp_path / "fresh.zip")
    assert services.sync.sync(str(tmp_path / "fresh.zip")).applied
    window.refresh_status()
    assert "älter als" not in window._status_label.text()
