"""The update channel against a hostile network and publisher mistakes (issue 20, 1-10).

Real servers on 127.0.0.1 (plain http for the loopback tests, a self-signed https server for
the TLS test); a rejected export always leaves the database content unchanged. No test here
depends on timing: a stalling server stalls until the test ends, and the limits that stop it
are set far apart from what a working run needs.
"""

from __future__ import annotations

import datetime as dt
import json
import socket
import ssl
import threading
import zipfile
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ec import SECP256R1, generate_private_key
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.x509.oid import NameOID

from coesfeld_desktop.cli import main as app_main
from coesfeld_desktop.commands.publish import main as publish_main
from coesfeld_desktop.progress import Cancelled, Progress
from coesfeld_desktop.sync.errors import (
    ExportExpired,
    ExportRejected,
    InsecureConnection,
    RestoreNeeded,
    ServerError,
    SourceMissing,
    SourceUnavailable,
    SyncError,
    TransferStalled,
)
from coesfeld_desktop.sync.export_format import DEFAULT_LIMITS, Limits
from coesfeld_desktop.sync.publisher import KeyAnnouncement, build_export, write_export
from coesfeld_desktop.sync.service import SyncService, stale_days
from coesfeld_desktop.sync.signing import load_public_keys, public_key_line
from coesfeld_desktop.userdata.preferences import SyncSourceProblem, check_sync_source
from coesfeld_desktop.userdata.sync_source import SourceKind, parse_source
from tests.sync import conftest
from tests.sync.conftest import ExportServer
from tests.sync.factory import content_digest, make_document, rezip, trusted


def _export(tmp_path: Path, key: Ed25519PrivateKey, name: str, sequence: int,
            **changes: object) -> Path:
    document = make_document(12, sequence=sequence)
    document.update(changes)
    out = tmp_path / name
    build_export(document, key, out)
    return out


def _service(sync: SyncService, **limits: float) -> SyncService:
    return SyncService(sync.database, sync.paths, sync.trusted, Limits(**limits))  # type: ignore[arg-type]


# --- 1: same sequence, same content; the publisher never reuses a sequence ----------------


def test_another_export_with_the_same_sequence_is_refused(
        sync: SyncService, key: Ed25519PrivateKey, tmp_path: Path,
        export_server: ExportServer) -> None:
    first = _export(tmp_path, key, "one.zip", 3)
    other = _export(tmp_path, key, "other.zip", 3, title="Ein anderer Inhalt")
    export_server.put("/export.zip", first.read_bytes())
    assert sync.sync(export_server.url("/export.zip"), allow_http=True).applied
    before = content_digest(Path(sync.database.path))
    export_server.put("/export.zip", other.read_bytes())
    with pytest.raises(ExportRejected) as raised:
        sync.sync(export_server.url("/export.zip"), allow_http=True)
    assert raised.value.reason == "sequence_reused"
    assert content_digest(Path(sync.database.path)) == before
    export_server.put("/export.zip", first.read_bytes())  # the very export again: unchanged
    assert sync.sync(export_server.url("/export.zip"), allow_http=True).status == "unchanged"


def test_publisher_counts_up_and_refuses_to_go_back(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    keys = tmp_path / "keys" / "kreis"
    assert publish_main(["keygen", "--out", str(keys)]) == 0
    source = tmp_path / "directory.json"
    document = make_document(5, sequence=1)
    del document["sequence"]
    source.write_text(json.dumps(document), encoding="utf-8")
    sequences = []
    for number in range(3):
        out = tmp_path / f"e{number}.zip"
        assert publish_main(["build", str(source), "--key", f"{keys}.key",
                             "--out", str(out)]) == 0
        with zipfile.ZipFile(out) as archive:
            sequences.append(json.loads(archive.read("manifest.json"))["sequence"])
    assert sequences == [1, 2, 3]
    capsys.readouterr()
    for reused in ("3", "2"):
        assert publish_main(["build", str(source), "--key", f"{keys}.key", "--sequence",
                             reused, "--out", str(tmp_path / "reused.zip")]) == 1
        assert "never reused" in capsys.readouterr().err
    assert not (tmp_path / "reused.zip").exists()


# --- 2: expiry, and a calm notice when the data is old -------------------------------------


def test_an_expired_export_is_refused_even_with_a_higher_sequence(
        sync: SyncService, key: Ed25519PrivateKey, tmp_path: Path,
        export_server: ExportServer) -> None:
    export_server.put("/export.zip", _export(tmp_path, key, "one.zip", 1).read_bytes())
    assert sync.sync(export_server.url("/export.zip"), allow_http=True).applied
    before = content_digest(Path(sync.database.path))
    old = make_document(12, sequence=9)
    write_export(old, old, key, tmp_path / "old.zip",
                 generated_at=dt.datetime(2020, 3, 1, tzinfo=dt.UTC), valid_days=60)
    export_server.put("/export.zip", (tmp_path / "old.zip").read_bytes())
    with pytest.raises(ExportExpired) as raised:
        sync.sync(export_server.url("/export.zip"), allow_http=True)
    assert raised.value.reason == "expired" and raised.value.kind == "expired"
    assert content_digest(Path(sync.database.path)) == before


def test_old_data_is_noticed_calmly_after_the_signed_expiry(
        sync: SyncService, key: Ed25519PrivateKey, tmp_path: Path) -> None:
    document = make_document(5, sequence=1)
    document["published_at"] = "2026-11-01T08:00:00Z"
    build_export(document, key, tmp_path / "one.zip", valid_days=30)
    assert sync.sync(str(tmp_path / "one.zip")).applied
    local = sync.local_state()
    assert local.expires_at is not None
    assert stale_days(local, local.expires_at - dt.timedelta(days=1)) is None
    later = local.expires_at + dt.timedelta(days=10)
    assert stale_days(local, later) == (later - dt.datetime(2026, 11, 1, 8)).days


def test_a_server_answering_304_forever_still_lets_old_data_show_as_old(
        sync: SyncService, key: Ed25519PrivateKey, tmp_path: Path,
        export_server: ExportServer) -> None:
    document = make_document(5, sequence=1)
    build_export(document, key, tmp_path / "one.zip", valid_days=30)
    export_server.put("/export.zip", (tmp_path / "one.zip").read_bytes(), etag='"v1"')
    assert sync.sync(export_server.url("/export.zip"), allow_http=True).applied
    assert sync.sync(export_server.url("/export.zip"), allow_http=True).status == "unchanged"
    assert export_server.log[-1][2] == 304
    local = sync.local_state()
    assert local.expires_at is not None
    assert stale_days(local, local.expires_at + dt.timedelta(days=1)) is not None


# --- 3: deadline, minimum rate, cancel -----------------------------------------------------


def test_a_server_that_stalls_is_given_up(sync: SyncService, key: Ed25519PrivateKey,
                                          tmp_path: Path, export_server: ExportServer) -> None:
    body = _export(tmp_path, key, "one.zip", 1).read_bytes()
    export_server.files["/export.zip"] = conftest.Served(body, stall_after=100)
    service = _service(sync, rate_window_seconds=0.5, min_rate_bytes=100_000)
    with pytest.raises(TransferStalled) as raised:
        service.sync(export_server.url("/export.zip"), allow_http=True)
    assert raised.value.kind == "slow"
    assert not list(sync.paths.exports.glob("incoming-*.zip"))


def test_a_trickling_server_meets_the_total_deadline(
        sync: SyncService, key: Ed25519PrivateKey, tmp_path: Path,
        export_server: ExportServer) -> None:
    body = _export(tmp_path, key, "one.zip", 1).read_bytes()
    export_server.files["/export.zip"] = conftest.Served(body, trickle=0.01)
    service = _service(sync, download_seconds=0.5, min_rate_bytes=0)
    with pytest.raises(TransferStalled) as raised:
        service.sync(export_server.url("/export.zip"), allow_http=True)
    assert "Sekunden" in str(raised.value)


def test_cancel_stops_a_stalled_download(sync: SyncService, key: Ed25519PrivateKey,
                                         tmp_path: Path, export_server: ExportServer) -> None:
    body = _export(tmp_path, key, "one.zip", 1).read_bytes()
    export_server.files["/export.zip"] = conftest.Served(body, stall_after=10)
    started = threading.Event()

    def report(done: int, _total: int, _message: str) -> None:
        if done >= 10:
            started.set()

    progress = Progress(report)

    def cancel_once_started() -> None:
        if started.wait(60):
            progress.cancel()

    threading.Thread(target=cancel_once_started, daemon=True).start()
    with pytest.raises(Cancelled):
        sync.sync(export_server.url("/export.zip"), progress, allow_http=True)
    assert sync.local_state().directory_id is None


# --- 4: a TLS failure is a security problem, not "offline" ---------------------------------


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[str]:
    """An https server on 127.0.0.1 with a self-signed certificate nobody trusts."""
    private = generate_private_key(SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                   .public_key(private.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - dt.timedelta(days=1))
                   .not_valid_after(now + dt.timedelta(days=1))
                   .sign(private, hashes.SHA256()))
    (tmp_path / "cert.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "key.pem").write_bytes(private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    state = ExportServer()
    server = ThreadingHTTPServer(("127.0.0.1", 0), conftest._handler(state))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{server.server_address[1]}/export.zip"
    server.shutdown()
    server.server_close()
    thread.join(5)


def test_a_bad_certificate_is_a_security_problem(sync: SyncService, tls_server: str,
                                                 tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(InsecureConnection) as raised:
        sync.sync(tls_server)
    assert raised.value.kind == "tls" and "Sicherheitsproblem" in str(raised.value)
    monkeypatch.setenv("ANGEBOTSLOTSE_HOME", str(tmp_path / "cli-home"))
    assert app_main(["sync", tls_server]) == 5
    err = capsys.readouterr().err
    assert err.startswith("insecure (tls)") and "unavailable" not in err


# --- 5: size limits ------------------------------------------------------------------------


def test_an_endless_body_is_cut_at_the_size_the_signed_manifest_declares(
        sync: SyncService, key: Ed25519PrivateKey, tmp_path: Path,
        export_server: ExportServer) -> None:
    body = _export(tmp_path, key, "one.zip", 1).read_bytes()
    export_server.files["/export.zip"] = conftest.Served(body, endless=b"\0" * 65536)
    with zipfile.ZipFile(tmp_path / "one.zip") as archive:
        declared = sum(e["bytes"] for e in json.loads(archive.read("manifest.json"))["files"]
                       .values())
    received: list[int] = []
    progress = Progress(lambda done, _total, _message: received.append(done))
    with pytest.raises(ExportRejected) as raised:
        sync.sync(export_server.url("/export.zip"), progress, allow_http=True)
    assert raised.value.reason == "too_large"
    assert max(received) < declared * 2 + 2 * 1024 * 1024 < DEFAULT_LIMITS.archive_bytes
    assert sync.local_state().directory_id is None


def test_a_device_file_is_refused_at_once(sync: SyncService) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    with pytest.raises(ExportRejected) as raised:
        sync.sync("/dev/zero")
    assert raised.value.reason == "not_a_file"


def test_a_missing_file_has_its_own_kind(sync: SyncService, tmp_path: Path) -> None:
    with pytest.raises(SourceMissing) as raised:
        sync.sync(str(tmp_path / "nowhere.zip"))
    assert raised.value.kind == "missing"


def test_a_server_error_and_being_offline_are_told_apart(
        sync: SyncService, export_server: ExportServer, tmp_path: Path) -> None:
    with pytest.raises(ServerError) as raised:  # the server answers 404
        sync.sync(export_server.url("/nothing-here.zip"), allow_http=True)
    assert raised.value.kind == "server"
    with socket.socket() as probe:  # a port nobody listens on: offline-like
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(SourceUnavailable) as offline:
        sync.sync(f"http://127.0.0.1:{port}/export.zip", allow_http=True)
    assert offline.value.kind == "offline"


# --- 6: nothing unsigned is parsed ---------------------------------------------------------


def test_a_tampered_record_file_fails_its_hash_before_it_is_parsed(
        sync: SyncService, key: Ed25519PrivateKey, tmp_path: Path) -> None:
    good = _export(tmp_path, key, "one.zip", 1)
    rezip(good, tmp_path / "bad.zip", replace={"offers.jsonl": b'{"id": "x", oops\n'})
    with pytest.raises(ExportRejected) as raised:
        sync.sync(str(tmp_path / "bad.zip"))
    assert raised.value.reason == "hash"  # not "invalid_json": the line was never parsed


# --- 7: is_demo in a signed export does not switch off the downgrade check -----------------


def test_a_demo_flag_does_not_open_the_door_to_downgrades(
        sync: SyncService, key: Ed25519PrivateKey, tmp_path: Path) -> None:
    assert sync.sync(str(_export(tmp_path, key, "five.zip", 5, is_demo=True))).applied
    with pytest.raises(RestoreNeeded) as raised:
        sync.sync(str(_export(tmp_path, key, "three.zip", 3)))
    assert raised.value.reason == "downgrade"


# --- 8: in-band key rotation and revocation; .pub files with a BOM -------------------------


def test_keys_rotate_and_retire_in_band(sync: SyncService, key: Ed25519PrivateKey,
                                        tmp_path: Path) -> None:
    new = Ed25519PrivateKey.generate()
    new_line = public_key_line(new.public_key(), "kreis-2028")
    announce = KeyAnnouncement(1, [new_line])
    document = make_document(6, sequence=1)
    build_export(document, key, tmp_path / "one.zip", keys=announce)
    assert sync.sync(str(tmp_path / "one.zip")).applied  # signed by the old key
    assert sync.sync(str(_export(tmp_path, new, "two.zip", 2))).applied  # the new one
    retire = KeyAnnouncement(2, [new_line], [next(iter(trusted(key)))])
    build_export(make_document(6, sequence=3), new, tmp_path / "three.zip", keys=retire)
    assert sync.sync(str(tmp_path / "three.zip")).applied
    before = content_digest(Path(sync.database.path))
    with pytest.raises(ExportRejected) as raised:  # the old key, still in the key files
        sync.sync(str(_export(tmp_path, key, "four.zip", 4)))
    assert raised.value.reason == "unknown_key"
    assert content_digest(Path(sync.database.path)) == before


def test_an_announcement_by_an_untrusted_key_counts_for_nothing(
        sync: SyncService, tmp_path: Path) -> None:
    stranger = Ed25519PrivateKey.generate()
    build_export(make_document(6, sequence=1), stranger, tmp_path / "one.zip",
                 keys=KeyAnnouncement(1, [public_key_line(stranger.public_key())]))
    with pytest.raises(ExportRejected) as raised:
        sync.sync(str(tmp_path / "one.zip"))
    assert raised.value.reason == "unknown_key"
    assert sync.local_state().trust.version == 0


def test_a_public_key_saved_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    key = Ed25519PrivateKey.generate()
    (tmp_path / "notepad.pub").write_bytes(
        "\ufeff".encode() + public_key_line(key.public_key(), "Kreis").encode() + b"\r\n")
    assert set(load_public_keys([tmp_path])) == set(trusted(key))


# --- 9 and 10: leftovers, the command line's last resort -----------------------------------


def test_leftover_downloads_are_cleaned_up(sync: SyncService, key: Ed25519PrivateKey,
                                           tmp_path: Path) -> None:
    leftover = sync.paths.exports / "incoming-0123abcd.zip"
    leftover.parent.mkdir(parents=True, exist_ok=True)
    leftover.write_bytes(b"half a download")
    assert sync.sync(str(_export(tmp_path, key, "one.zip", 1))).applied
    assert not leftover.exists()
    assert (sync.paths.exports / "last-good-export.zip").exists()


def test_the_command_line_reports_any_sync_error(monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("ANGEBOTSLOTSE_HOME", str(tmp_path / "home"))

    def die(*_args: object, **_kwargs: object) -> None:
        raise SyncError("Die Angebote konnten nicht übernommen werden ({error}).",
                        error="the worker process ended early")

    monkeypatch.setattr(SyncService, "sync", die)
    assert app_main(["sync", str(tmp_path / "x.zip")]) == 2
    assert capsys.readouterr().err.startswith("failed (failed): Die Angebote")


# --- sources are parsed once ---------------------------------------------------------------


@pytest.mark.parametrize(("text", "kind"), [
    ("https://kreis.example/export.zip", SourceKind.HTTPS),
    ("http://127.0.0.1:8000/export.zip", SourceKind.LOOPBACK_HTTP),
    ("/media/usb/export.zip", SourceKind.FILE),
    ("file:///media/usb/export%20neu.zip", SourceKind.FILE),
])
def test_sources_are_typed(text: str, kind: SourceKind) -> None:
    source = parse_source(text, allow_http=True)
    assert source.kind is kind
    if text.startswith("file://"):
        assert source.path == Path("/media/usb/export neu.zip")


def test_a_file_url_is_synced_from_its_path(sync: SyncService, key: Ed25519PrivateKey,
                                            tmp_path: Path) -> None:
    export = _export(tmp_path, key, "one.zip", 1)
    assert sync.sync(export.as_uri()).applied


def test_plain_http_elsewhere_stays_refused(sync: SyncService) -> None:
    with pytest.raises(ExportRejected) as raised:
        sync.sync("http://kreis.example/export.zip", allow_http=True)
    assert raised.value.reason == "insecure_url"



def test_the_settings_check_agrees_with_the_sync(tmp_path: Path) -> None:
    export = tmp_path / "export.zip"
    export.write_bytes(b"")
    assert check_sync_source(export.as_uri()) is None
    assert check_sync_source((tmp_path / "gone.zip").as_uri()) is SyncSourceProblem.MISSING_FILE
    assert check_sync_source("http://kreis.example/export.zip") is SyncSourceProblem.BAD_URL
    assert check_sync_source("https://kreis.example/export.zip") is None
