"""Helpers for the session screen tests: reading the agenda, finishing edits, pressing keys."""

from __future__ import annotations

import gc

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from app.services.planning import agenda


def titles(ctx, session_id: str) -> list[str]:
    return [item.title for item in agenda.list_agenda(ctx.store, session_id)]


def finish_editing(qtbot, table: QAbstractItemView) -> None:
    """The delegate commits on the next turn of the event loop."""
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(qtbot, widget: QWidget, key: Qt.Key,
          modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, key, modifier)


def show_active(qtbot, widget: QWidget, size: tuple[int, int] = (1280, 800)) -> QWidget:
    """Show `widget` as the active window: keys and shortcuts reach it only then."""
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    return widget


def delete_now(widget: QWidget) -> None:
    """Delete a window's Qt objects while the application is alive, not at interpreter exit."""
    widget.close()
    widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
