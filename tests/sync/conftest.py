"""Fixtures for sync tests: keys, a store on a temporary folder, a loopback HTTP server."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from coesfeld_desktop.paths import AppPaths
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.sync.service import SyncService
from tests.sync.factory import trusted


@pytest.fixture(scope="session")
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture
def home(tmp_path: Path) -> AppPaths:
    return AppPaths(tmp_path / "home").ensure()


@pytest.fixture
def database(home: AppPaths) -> Iterator[Database]:
    db = Database(home.database)
    yield db
    db.close()


@pytest.fixture
def sync(database: Database, home: AppPaths, key: Ed25519PrivateKey) -> SyncService:
    return SyncService(database, home, trusted(key))


@dataclass
class Served:
    body: bytes
    etag: str | None = None
    last_modified: str | None = None
    drop_after: int | None = None  # close the connection after this many body bytes
    stall_after: int | None = None  # send this many body bytes, then nothing until the end
    trickle: float | None = None  # seconds between single bytes of the body
    endless: bytes | None = None  # after the body, this block again and again (no length)


@dataclass
class ExportServer:
    """What the loopback server serves, and what it was asked."""

    base: str = ""
    files: dict[str, Served] = field(default_factory=dict)
    log: list[tuple[str, dict[str, str], int]] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)  # ends stalling answers

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def put(self, path: str, data: bytes, etag: str | None = None,
            drop_after: int | None = None) -> None:
        self.files[path] = Served(data, etag, "Fri, 27 Nov 2026 10:00:00 GMT", drop_after)


def _handler(state: ExportServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep test output quiet
            pass

        def do_GET(self) -> None:  # http.server API
            served = state.files.get(self.path)
            headers = {k: v for k, v in self.headers.items()}
            if served is None:
                state.log.append((self.path, headers, 404))
                self.send_error(404)
                return
            if served.etag and self.headers.get("If-None-Match") == served.etag:
                state.log.append((self.path, headers, 304))
                self.send_response(304)
                self.send_header("ETag", served.etag)
                self.end_headers()
                return
            state.log.append((self.path, headers, 200))
            self.send_response(200)
            self.send_header("Content-Type", "application/zip")
            if served.endless is None:
                self.send_header("Content-Length", str(len(served.body)))
            if served.etag:
                self.send_header("ETag", served.etag)
            if served.last_modified:
                self.send_header("Last-Modified", served.last_modified)
            self.end_headers()
            try:
                self._body(served)
            except OSError:  # the client gave up: what hostile-server tests expect
                self.close_connection = True

        def _body(self, served: Served) -> None:
            if served.drop_after is not None:
                self.wfile.write(served.body[:served.drop_after])
                self.wfile.flush()
                self.close_connection = True
                return
            if served.stall_after is not None:
                self.wfile.write(served.body[:served.stall_after])
                self.wfile.flush()
                state.stop.wait(60)
                self.close_connection = True
                return
            if served.trickle is not None:
                for index in range(len(served.body)):
                    self.wfile.write(served.body[index:index + 1])
                    self.wfile.flush()
                    if state.stop.wait(served.trickle):
                        break
                self.close_connection = True
                return
            self.wfile.write(served.body)
            while served.endless is not None and not state.stop.is_set():
                self.wfile.write(served.endless)
            self.close_connection = True

    return Handler


@pytest.fixture
def export_server() -> Iterator[ExportServer]:
    state = ExportServer()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    state.stop.set()
    server.shutdown()
    server.server_close()
    thread.join(5)
