"""One window per data folder: a second start brings the first to the front and exits.

Why a local socket keyed by the data folder: two processes must never write one SQLite
file at once from two windows, but a portable install with its own ``ANGEBOTSLOTSE_HOME``
(or a test) may run beside the normal one. The server name is a hash of the folder's
resolved path, so it is short, has no characters a pipe name forbids, and reveals nothing.

Why a lock file as well: "is anybody listening? no, then I listen" is two steps, and two
starts at the same moment both took the second one (3 of 10 synchronised starts opened two
windows). Who is first is decided atomically by ``QLockFile`` (``instance.lock`` in the data
folder; a lock left by a crashed process is recognised as stale by its process id); only the
holder listens, every other start waits for it to answer and asks it to come forward.

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
import logging
from pathlib import Path

from PySide6.QtCore import QDeadlineTimer, QLockFile, QObject, Qt, QThread, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

ACTIVATE = b"activate\n"
LOCK_FILE = "instance.lock"
WAIT_FOR_FIRST_MS = 10_000  # the first instance may still be starting up

log = logging.getLogger(__name__)


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
        Path(home).mkdir(parents=True, exist_ok=True)
        self._lock = QLockFile(str(Path(home) / LOCK_FILE))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone, never by age

    def try_activate_existing(self, timeout_ms: int = WAIT_FOR_FIRST_MS) -> bool:
        """True if another instance for this folder runs (it was asked to come forward);
        False if this is the first one, which now holds the lock and should :meth:`listen`.
        """
        if self._lock.tryLock(0):
            return False
        deadline = QDeadlineTimer(timeout_ms)
        while not deadline.hasExpired():
            if self._send_activate(min(500, max(1, deadline.remainingTime()))):
                return True
            if self._lock.tryLock(0):  # the other one ended meanwhile: we are first now
                return False
            QThread.msleep(20)  # it holds the lock but does not listen yet: ask again
        log.warning("another instance holds %s but does not answer", LOCK_FILE)
        return True  # never a second window on the same data

    def _send_activate(self, timeout_ms: int) -> bool:
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
        """Start answering later instances; call only after :meth:`try_activate_existing`
        returned False (this process holds the lock).

        A socket file left behind by a crashed instance is removed first (on Unix it would
        block ``listen``); the lock says nobody else uses it.
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
        if self._lock.isLocked():
            self._lock.unlock()

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
