"""One window per data folder: a second start brings the first to the front and exits.

Why a local socket keyed by the data folder: two processes must never write one SQLite
file at once from two windows, but a portable install with its own ``ANGEBOTSLOTSE_HOME``
(or a test) may run beside the normal one. The server name is a hash of the folder's
resolved path, so it is short, has no characters a pipe name forbids, and reveals nothing.

Usage at start-up::

    instance = SingleInstance(paths.home)
    if instance.try_activate_existing():
        return 0
    instance.listen()
    instance.activation_requested.connect(lambda: bring_to_front(window))
"""

from __future__ import annotations

import getpass
import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

ACTIVATE = b"activate\n"


def server_name(home: Path) -> str:
    """The local socket name for the data folder ``home`` (same folder, same name)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in odd containers
        user = ""
    key = f"{user}\0{Path(home).expanduser().resolve()}".encode()
    return "angebotslotse-" + hashlib.sha256(key).hexdigest()[:24]


class SingleInstance(QObject):
    """The first instance listens; later ones send ``activate`` and leave."""

    activation_requested = Signal()

    def __init__(self, home: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(home)
        self._server: QLocalServer | None = None

    def try_activate_existing(self, timeout_ms: int = 1000) -> bool:
        """True if another instance for this folder runs and was asked to come forward."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(ACTIVATE)
        socket.flush()
        socket.waitForBytesWritten(timeout_ms)
        socket.disconnectFromServer()
        if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            socket.waitForDisconnected(timeout_ms)
        return True

    def listen(self) -> bool:
        """Start answering later instances; call only after :meth:`try_activate_existing`.

        A socket file left behind by a crashed instance is removed first (on Unix it would
        block ``listen``); nobody answered on it, so nobody uses it.
        """
        QLocalServer.removeServer(self.name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.newConnection.connect(self._accept)
        if not server.listen(self.name):
            server.deleteLater()
            return False
        self._server = server
        return True

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None

    def _accept(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        data = bytes(socket.readAll().data())
        if ACTIVATE.strip() in data:
            self.activation_requested.emit()


def bring_to_front(window: QWidget) -> None:
    """Show, un-minimise and raise ``window`` (the window manager may still only flash it)."""
    state = window.windowState() & ~Qt.WindowState.WindowMinimized
    window.setWindowState(state | Qt.WindowState.WindowActive)
    window.show()
    window.raise_()
    window.activateWindow()
