"""The stored return-channel destination: what waits in the outbox goes to the district with
each sync (a real WebDAV server with a password on 127.0.0.1), and an unreachable or broken
destination never fails or changes the sync."""

from __future__ import annotations

import datetime as dt
import os
import socket
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from coesfeld_desktop.channel.envelope import read_message_file
from coesfeld_desktop.needs.categories import Period
from coesfeld_desktop.needs.log import Anliegen
from coesfeld_desktop.needs.service import NeedsService
from coesfeld_desktop.services import Services, return_destination, sync_courier
from coesfeld_desktop.sync.publisher import build_export
from coesfeld_desktop.sync.service import SyncService
from coesfeld_desktop.sync.signing import load_public_keys
from coesfeld_desktop.userdata.preferences import DestinationProblem, check_return_destination
from coesfeld_desktop.userdata.settings import SettingsService
from tests.needs.webdav_server import webdav_folder
from tests.sync.factory import make_document, trusted


def _queue_needs(services: Services) -> NeedsService:
    needs = NeedsService(services.database, services.paths, "Familienbüro Dülmen")
    topic = next(iter(needs.topics()))
    for _ in range(4):
        needs.record(Anliegen((topic,), "no_offer", "Dülmen", "kindergarten", "ar"))
    needs.queue(Period.parse(str(dt.date.today().year)))
    return needs


def _sync_service(services: Services, key: Ed25519PrivateKey) -> SyncService:
    return SyncService(services.database, services.paths, trusted(key),
                       courier=sync_courier(services.paths, services.preferences))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_queued_needs_go_with_the_sync_to_a_password_protected_webdav_folder(
        services: Services, tmp_path: Path) -> None:
    key = Ed25519PrivateKey.generate()
    export = tmp_path / "export.zip"
    build_export(make_document(12), key, export)
    needs = _queue_needs(services)
    assert len(needs.outbox.pending()) == 1
    dav = tmp_path / "dav"
    dav.mkdir()
    with webdav_folder(dav, "beratung-duelmen", "app-passwort-123") as url:
        services.preferences.return_destination = url
        services.preferences.return_user = "beratung-duelmen"
        services.preferences.return_password = "app-passwort-123"
        outcome = _sync_service(services, key).sync(str(export))
    assert outcome.applied
    assert outcome.delivered is not None
    assert (outcome.delivered.sent, outcome.delivered.waiting, outcome.delivered.problem) == \
        (1, 0, "")
    arrived = list(dav.glob("*.json"))
    assert len(arrived) == 1 and needs.outbox.pending() == []
    keys = load_public_keys([needs.key_folder])
    assert read_message_file(arrived[0], keys).kind == "needs-report"


def test_a_wrong_password_keeps_the_message_queued_and_the_sync_applied(
        services: Services, tmp_path: Path) -> None:
    key = Ed25519PrivateKey.generate()
    export = tmp_path / "export.zip"
    build_export(make_document(12), key, export)
    needs = _queue_needs(services)
    dav = tmp_path / "dav"
    dav.mkdir()
    with webdav_folder(dav, "beratung-duelmen", "richtig") as url:
        services.preferences.return_destination = url
        services.preferences.return_user = "beratung-duelmen"
        services.preferences.return_password = "falsch"
        outcome = _sync_service(services, key).sync(str(export))
        assert outcome.applied and outcome.delivered is not None
        assert outcome.delivered.sent == 0 and outcome.delivered.waiting == 1
        assert outcome.delivered.problem
        assert list(dav.glob("*.json")) == [] and len(needs.outbox.pending()) == 1
        # the password corrected: the next sync (nothing new to apply) sends it
        services.preferences.return_password = "richtig"
        again = _sync_service(services, key).sync(str(export))
    assert again.status == "unchanged"
    assert again.delivered is not None and again.delivered.sent == 1
    assert len(list(dav.glob("*.json"))) == 1


def test_an_unreachable_server_or_a_broken_courier_never_fails_the_sync(
        services: Services, tmp_path: Path) -> None:
    key = Ed25519PrivateKey.generate()
    export = tmp_path / "export.zip"
    build_export(make_document(12), key, export)
    needs = _queue_needs(services)
    services.preferences.return_destination = f"http://127.0.0.1:{_free_port()}/nobody/"
    outcome = _sync_service(services, key).sync(str(export))
    assert outcome.applied
    assert outcome.delivered is not None and outcome.delivered.waiting == 1
    assert len(needs.outbox.pending()) == 1

    def broken() -> None:
        raise RuntimeError("the courier itself is broken")

    export2 = tmp_path / "export2.zip"
    build_export(make_document(12, sequence=2), key, export2)
    service = SyncService(services.database, services.paths, trusted(key), courier=broken)
    second = service.sync(str(export2))
    assert second.applied and second.sequence == 2
    assert second.delivered is not None and "broken" in second.delivered.problem


def test_without_a_destination_nothing_is_sent(services: Services, tmp_path: Path) -> None:
    key = Ed25519PrivateKey.generate()
    export = tmp_path / "export.zip"
    build_export(make_document(12), key, export)
    needs = _queue_needs(services)
    outcome = _sync_service(services, key).sync(str(export))
    assert outcome.applied and outcome.delivered is None
    assert len(needs.outbox.pending()) == 1


def test_a_folder_destination_and_the_password_kept_out_of_the_database(
        services: Services, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    services.preferences.return_destination = str(usb)
    assert return_destination(services.preferences) is not None
    services.preferences.return_destination = "https://cloud.example.org/remote.php/dav/k/"
    services.preferences.return_user = "kreis"
    services.preferences.return_password = "geheim-app-passwort"
    stored = SettingsService(services.database).all()
    assert "geheim-app-passwort" not in "".join(stored.values())
    file = services.paths.channel_password
    assert file.read_text(encoding="utf-8") == "geheim-app-passwort"
    if os.name == "posix":
        assert stat.S_IMODE(file.stat().st_mode) == 0o600
    destination = return_destination(services.preferences)
    assert destination is not None and destination.password == "geheim-app-passwort"
    assert "geheim" not in repr(destination)
    services.preferences.return_password = ""
    assert not file.exists()


@pytest.mark.parametrize(("text", "problem"), [
    ("", None),
    ("https://cloud.example.org/remote.php/dav/files/k/bedarf/", None),
    ("http://127.0.0.1:8080/dav/", None),
    ("http://cloud.example.org/dav/", DestinationProblem.INSECURE),
    ("ftp://cloud.example.org/", DestinationProblem.BAD_URL),
    ("https://", DestinationProblem.BAD_URL),
    ("/no/such/folder/anywhere", DestinationProblem.MISSING_FOLDER),
])
def test_what_a_destination_may_be(text: str, problem: DestinationProblem | None) -> None:
    assert check_return_destination(text) is problem
