"""Windows that fit the screens present: a first window's size, and a remembered one checked.

A window remembered from a larger or since-unplugged monitor must not open oversized or off
screen, and a first window on a 1366x768 laptop must leave its status bar on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FIRST_SIZE = QSize(1280, 800)  # the size of a first window where the screen has room for it
TITLE_BAR = 40  # room left for the window's title bar before the real frame is known


def first_geometry(available: QRect) -> QRect:
    """A first window's geometry: 1280x800 where there is room, else the available area,
    less room for the title bar; centred in the screen's available area."""
    width = min(FIRST_SIZE.width(), available.width())
    height = min(FIRST_SIZE.height(), available.height() - TITLE_BAR)
    rect = QRect(0, 0, width, height)
    rect.moveCenter(available.center())
    rect.moveTop(max(available.top() + TITLE_BAR, rect.top()))
    return rect


def fits_a_screen(geometry: QRect) -> bool:
    """Whether a remembered geometry lies within one of the screens present now: a window
    saved on a larger or a since-unplugged monitor must not open off-screen or oversized."""
    for screen in QGuiApplication.screens():
        available = screen.availableGeometry()
        if (geometry.width() <= available.width() and geometry.height() <= available.height()
                and available.intersected(geometry).width() * available.intersected(
                    geometry).height() >= geometry.width() * geometry.height() * 0.9):
            return True
    return False


def keep_on_screen(window: QWidget) -> None:
    """Shrink and move `window` so that, frame and all, it lies within its screen's available
    area (the frame's size is known only once the window is shown)."""
    available = window.screen().availableGeometry()
    frame = window.frameGeometry()
    extra = frame.size() - window.geometry().size()
    width = min(window.width(), available.width() - extra.width())
    height = min(window.height(), available.height() - extra.height())
    if (width, height) != (window.width(), window.height()):
        window.resize(max(width, 1), max(height, 1))
        frame = window.frameGeometry()
    x = min(max(frame.x(), available.x()), available.right() + 1 - frame.width())
    y = min(max(frame.y(), available.y()), available.bottom() + 1 - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)
