"""Sync failures become distinct, translated sentences without raw system text (no Qt)."""

from __future__ import annotations

import errno
from pathlib import Path

from coesfeld_desktop.i18n import N_, gettext_for
from coesfeld_desktop.sync.apply import SyncOutcome
from coesfeld_desktop.sync.errors import ExportRejected, SourceUnavailable
from coesfeld_desktop.ui.sync_actions import install_sync_actions
from coesfeld_desktop.ui.sync_messages import error_message

RAW = "[Errno -2] Name or service not known"


def _unreachable(error: str) -> SourceUnavailable:
    return SourceUnavailable(N_("Der Server {host} ist nicht erreichbar ({error})."),
                             host="daten.kreis-coesfeld.de", error=error)


def test_offline_server_error_refusal_and_missing_export_differ() -> None:
    _ = gettext_for("de")
    offline = error_message(_unreachable(RAW), _)
    server = error_message(_unreachable("HTTP 503"), _)
    refused = error_message(_unreachable("HTTP 403"), _)
    missing = error_message(SourceUnavailable(
        N_("Unter {url} liegt kein Export (HTTP {code})."), url="https://x.example/e.zip",
        code=404), _)
    broken = error_message(SourceUnavailable(
        N_("Die Übertragung wurde unterbrochen ({error})."), error="timed out"), _)
    assert offline.startswith("Keine Verbindung zu daten.kreis-coesfeld.de")
    assert server.startswith("Der Server daten.kreis-coesfeld.de hat einen Fehler gemeldet")
    assert refused.startswith("Der Server daten.kreis-coesfeld.de hat die Anfrage abgelehnt")
    assert missing.startswith("Unter dieser Adresse liegt kein Export")
    assert broken.startswith("Die Übertragung wurde unterbrochen.")
    texts = [offline, server, refused, missing, broken]
    assert len(set(texts)) == 5
    assert all("Errno" not in t and "timed out" not in t and "HTTP" not in t for t in texts)


def test_a_file_that_is_there_but_unreadable_is_not_missing(tmp_path: Path) -> None:
    present = tmp_path / "export.zip"
    present.write_bytes(b"x")
    error = SourceUnavailable(N_("Die Datei {path} ist nicht lesbar ({error})."),
                              path=str(present), error="Permission denied")
    error.__cause__ = PermissionError(errno.EACCES, "Permission denied")
    text = error_message(error, gettext_for("de"))
    assert text.startswith("Die Datei „export.zip“ kann nicht gelesen werden.")
    assert "Permission" not in text


def test_a_rejected_export_says_so_and_drops_the_system_text() -> None:
    error = ExportRejected("unreadable", N_("Die Exportdatei ist nicht lesbar: {error}"),
                           error="[Errno 5] Input/output error")
    text = error_message(error, gettext_for("de"))
    assert text == ("Der Export wurde abgelehnt: Die Exportdatei ist nicht lesbar. "
                    "Die lokalen Daten sind unverändert.")


def test_messages_are_translated() -> None:
    arabic = error_message(_unreachable(RAW), gettext_for("ar"))
    assert "daten.kreis-coesfeld.de" in arabic and "Keine Verbindung" not in arabic
    ukrainian = error_message(_unreachable("HTTP 500"), gettext_for("uk"))
    assert "Der Server" not in ukrainian and "daten.kreis-coesfeld.de" in ukrainian


def test_start_up_sync_after_the_demo_says_the_demo_was_replaced(
        make_window, services) -> None:
    window = make_window()
    actions = install_sync_actions(window, services)
    count = services.directory.status().offer_count
    outcome = SyncOutcome("applied", "kreis", "Kreis Coesfeld", 7, "2026-11-20T08:00:00Z",
                          changed=[("off-1", "A")] * count)
    actions._startup_done(outcome, was_demo=True)
    assert window.statusBar().currentMessage() == (
        f"Demodaten ersetzt: {count} Angebote des Kreises, Stand 20. November 2026.")
    actions._startup_done(outcome, was_demo=False)
    assert window.statusBar().currentMessage().startswith(
        f"Abgeglichen: Stand 20. November 2026. 0 neu, {count} geändert")
