"""A request to end the app from outside (SIGTERM when the desktop session logs out or shuts
down, SIGINT from Ctrl+C in a terminal) closes its windows the way Quit does: the note being
typed is kept as a draft, the window's geometry remembered, the store closed after its last
commit.

Python runs a signal handler only between bytecodes, which Qt's event loop never reaches by
itself; the signal's number is written to a socket instead, and a socket notifier wakes the
loop.
"""

from __future__ import annotations

import signal
import socket
import sys

from PySide6.QtCore import QSocketNotifier
from PySide6.QtWidgets import QApplication

ENDING_SIGNALS = ("SIGTERM", "SIGINT", "SIGHUP")


class _Termination:
    """The socket pair, the notifier and the handlers; kept alive by the application."""

    def __init__(self, app: QApplication) -> None:
        self._app = app
        self._read, self._write = socket.socketpair()
        self._read.setblocking(False)
        self._write.setblocking(False)
        signal.set_wakeup_fd(self._write.fileno())
        for name in ENDING_SIGNALS:
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), self._noted)
        self._notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read, app)
        self._notifier.activated.connect(self._woken)

    def _noted(self, _signum: int, _frame: object) -> None:
        """The handler itself: the work is done when the loop wakes."""

    def _woken(self) -> None:
        try:
            self._read.recv(64)
        except BlockingIOError:
            return
        self._app.closeAllWindows()


_installed: _Termination | None = None


def close_on_termination(app: QApplication) -> None:
    """Close every window (as Quit does) when the process is asked to end."""
    global _installed
    if sys.platform == "win32" or _installed is not None:
        return  # Windows ends a GUI process by closing its windows; Qt handles that itself
    _installed = _Termination(app)
