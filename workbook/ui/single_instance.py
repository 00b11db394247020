"""One app per data folder: a second start hands its workbook to the app already running.

``workbook FILE`` (what the menu entry and the file manager run) first offers FILE to an app
running on the same data folder (:func:`hand_off`). When one takes it, the new process exits
at once and the running one opens FILE in a window of its own (windows.WindowManager), so
two processes never fight over the settings. Otherwise this process opens its own window and
serves (:class:`InstanceServer`) from right after the window's first paint.

The channel is a QLocalSocket: a Unix socket (in ``$XDG_RUNTIME_DIR`` when there is one,
else the temp folder, readable by its owner only) or a named pipe on Windows. Its name comes
from the user and the data folder, so ``--data-dir``, ``--temp-data-dir`` and test runs
never reach the person's real app. One request per connection, one JSON line::

    {"v": 1, "user": "1000", "data": "/home/me/.local/share/…", "open": "/abs/x.workbook" or null,
     "cwd": "/where/it/was/started"}

answered by ``ok`` (taken) or ``no`` (not for this app: another protocol version, user or
data folder, should two names ever collide).
"""

from __future__ import annotations

import json
import os
import sys
import time
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDir, QObject, QTimer, Signal

from workbook import APP_ID
from workbook.paths import AppDirs

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

PROTOCOL = 1
CONNECT_MS = 300
# Connecting succeeds as soon as a live app listens, but its answer waits for its event
# loop, which may be busy for a moment (loading a big workbook): allow it longer.
ANSWER_MS = 5000
MAX_REQUEST = 64 * 1024  # bytes; a request is a short JSON line
_POLL_MS = 20  # PySide6 keeps the GIL during waitFor*(): short waits let other threads run
_DROP_SILENT_MS = 3000  # a client that connects and says nothing is dropped after this


def _owner() -> str:
    # The uid on Unix (no import needed: start-up time); the account name on Windows.
    getuid = getattr(os, "getuid", None)
    return str(getuid()) if getuid is not None else os.environ.get("USERNAME", "")


def server_name(dirs: AppDirs) -> str:
    """The channel's name for this user and data folder: a socket's path on Unix."""
    key = f"{_owner()}\0{dirs.data}".encode("utf-8", "surrogateescape")
    name = f"{APP_ID}-{zlib.crc32(key):08x}"
    if sys.platform == "win32":
        return name  # a named pipe
    # $XDG_RUNTIME_DIR is private to the user and emptied at log-out, so no stale socket
    # outlives the session; else the temp folder, where Qt puts a socket by plain name.
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    folder = runtime if runtime and os.path.isdir(runtime) else QDir.tempPath()
    return os.path.join(folder, name)


def _nobody_listens(name: str) -> bool:
    # A Unix socket is a file: with none there is nobody to ask, and no need to load
    # QtNetwork (~10 ms) before the first window appears.
    return os.path.isabs(name) and not os.path.exists(name)


def encode_request(dirs: AppDirs, path: Path | None) -> bytes:
    cwd = os.getcwd()
    request = {
        "v": PROTOCOL,
        "user": _owner(),
        "data": str(dirs.data),
        "open": None if path is None else str(Path(cwd, path.expanduser())),
        "cwd": cwd,
    }
    return json.dumps(request, ensure_ascii=False).encode() + b"\n"


def decode_request(dirs: AppDirs, line: bytes) -> tuple[bool, Path | None]:
    """Whether a request is for this app, and the workbook it asks for (None: just show up)."""
    try:
        request = json.loads(line)
    except ValueError:
        return False, None
    if not isinstance(request, dict) or request.get("v") != PROTOCOL:
        return False, None
    if request.get("user") != _owner() or request.get("data") != str(dirs.data):
        return False, None
    wanted, cwd = request.get("open"), request.get("cwd")
    if wanted is None:
        return True, None
    if not isinstance(wanted, str) or not wanted or not isinstance(cwd, str):
        return False, None
    return True, Path(cwd, wanted)  # the client sends it absolute; cwd is a second guard


def hand_off(dirs: AppDirs, path: Path | None, *, name: str | None = None) -> bool:
    """Offer ``path`` to the app running on ``dirs``; True when it took it.

    Blocking (it runs before this process has an event loop). Quick when nothing listens:
    no socket file, or a stale one, which refuses at once. ``name`` is for tests.
    """
    name = name or server_name(dirs)
    if _nobody_listens(name):
        return False
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(name)
    try:
        if not socket.waitForConnected(CONNECT_MS):
            return False
        socket.write(encode_request(dirs, path))
        deadline = time.monotonic() + ANSWER_MS / 1000
        while socket.bytesToWrite() and time.monotonic() < deadline:
            socket.waitForBytesWritten(_POLL_MS)
        return _read_line(socket, deadline) == b"ok"
    finally:
        socket.abort()


def _read_line(socket: QLocalSocket, deadline: float) -> bytes | None:
    from PySide6.QtNetwork import QLocalSocket

    connected = QLocalSocket.LocalSocketState.ConnectedState
    while not socket.canReadLine():
        if time.monotonic() >= deadline:
            return None
        if not socket.waitForReadyRead(_POLL_MS) and socket.state() != connected:
            break  # it hung up; what it said is in the buffer
    return bytes(socket.readLine().data()).strip() if socket.canReadLine() else None


class InstanceServer(QObject):
    """Listens for later starts on the same data folder; emits what they ask to open."""

    open_requested = Signal(object)  # Path, or None: "show yourself"

    def __init__(self, dirs: AppDirs, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._dirs = dirs
        self.name = server_name(dirs)
        self._server: QLocalServer | None = None

    @property
    def listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    def listen(self) -> bool:
        """Start serving; False when a live app serves this data folder already."""
        from PySide6.QtNetwork import QLocalServer

        # Ask first: on Unix, Qt binds a socket with access options beside the name and
        # renames it into place, so listening would quietly take the name from a live app.
        if _answers(self.name):
            return False
        QLocalServer.removeServer(self.name)  # nobody answers: a socket left by a crash
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.newConnection.connect(self._on_server_new_connection)
        if not server.listen(self.name):
            server.deleteLater()
            return False
        self._server = server
        return True

    def close(self) -> None:
        """Stop serving (removes the socket file)."""
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None

    def _on_server_new_connection(self) -> None:
        assert self._server is not None
        while (client := self._server.nextPendingConnection()) is not None:
            _Conversation(client, self)

    def answer(self, line: bytes) -> bytes:
        """The reply to one request line; emits ``open_requested`` (queued) when taken."""
        taken, path = decode_request(self._dirs, line)
        if taken:
            # After the reply is on its way: opening a workbook can take a while.
            QTimer.singleShot(0, self, lambda: self.open_requested.emit(path))
        return b"ok\n" if taken else b"no\n"


class _Conversation(QObject):
    """One client connection: read a line, answer it, hang up."""

    def __init__(self, client: QLocalSocket, server: InstanceServer) -> None:
        super().__init__(client)  # goes with the socket
        self._client = client
        self._server = server
        self._answered = False
        client.readyRead.connect(self._on_client_ready_read)
        client.disconnected.connect(client.deleteLater)
        QTimer.singleShot(_DROP_SILENT_MS, client, client.abort)
        self._on_client_ready_read()  # it may have written before we looked

    def _on_client_ready_read(self) -> None:
        client = self._client
        if self._answered or not client.canReadLine():
            if client.bytesAvailable() > MAX_REQUEST:
                client.abort()
            return
        self._answered = True
        client.write(self._server.answer(bytes(client.readLine(MAX_REQUEST).data())))
        client.flush()
        client.disconnectFromServer()


def _answers(name: str) -> bool:
    """Whether a live app listens on ``name`` (a connection is accepted)."""
    if _nobody_listens(name):
        return False
    from PySide6.QtNetwork import QLocalSocket

    probe = QLocalSocket()
    probe.connectToServer(name)
    alive = probe.waitForConnected(CONNECT_MS)
    probe.abort()
    return alive
