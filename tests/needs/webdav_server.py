"""A real WebDAV server (WsgiDAV on cheroot) on 127.0.0.1 for the return-channel tests."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cheroot import wsgi
from wsgidav.wsgidav_app import WsgiDAVApp


@contextmanager
def webdav_folder(root: Path, user: str = "", password: str = "") -> Iterator[str]:
    """Serve ``root`` over WebDAV on a free loopback port; yields the folder URL."""
    users = {"*": True} if not user else {"*": {user: {"password": password}}}
    app = WsgiDAVApp({
        "host": "127.0.0.1", "port": 0, "provider_mapping": {"/": str(root)},
        "simple_dc": {"user_mapping": users},
        "http_authenticator": {"domain_controller": None, "accept_basic": True,
                               "accept_digest": False, "default_to_digest": False},
        "verbose": 0, "logging": {"enable": False}, "lock_storage": True,
    })
    server = wsgi.Server(("127.0.0.1", 0), app, numthreads=2)
    server.prepare()
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.bind_addr[1]}/"
    finally:
        server.stop()
        thread.join(timeout=10)
