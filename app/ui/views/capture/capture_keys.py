"""The capture shortcuts, shared by the capture view and scribe mode.

Ctrl+1…9 toggle focus areas, Alt+1…9 choose the kind, Ctrl+D stars, F9 starts or pauses the
clock, Shift+F9 stops it, Ctrl+] and Ctrl+[ (or Alt+Page Down/Up, for keyboards where brackets
need AltGr) move between agenda blocks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from app.ui.views.capture.capture_session import CaptureSession
from app.ui.views.capture.composer import NoteComposer


def add_key(widget: QWidget, text: str, keys: Sequence[str], slot: Callable[[], object],
            context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut) -> QAction:
    """An action that lives on `widget`, so its keys work wherever focus is inside it."""
    action = QAction(text, widget)
    action.setShortcuts([QKeySequence(k) for k in keys])
    action.setShortcutContext(context)
    action.triggered.connect(lambda: slot())
    widget.addAction(action)
    return action


def add_capture_keys(widget: QWidget, composer: NoteComposer, session: CaptureSession, *,
                     area_key: Callable[[int], object], star: Callable[[], object],
                     start_or_pause: Callable[[], object],
                     context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut,
                     ) -> list[QAction]:
    actions = [add_key(widget, f"Focus area {n}", [f"Ctrl+{n}"], lambda n=n: area_key(n), context)
               for n in range(1, 10)]
    actions += [add_key(widget, f"Kind {n}", [f"Alt+{n}"], lambda n=n: composer.set_kind_key(n),
                        context) for n in range(1, 10)]
    actions += [
        add_key(widget, "Star", ["Ctrl+D"], star, context),
        add_key(widget, "Start or pause the clock", ["F9"], start_or_pause, context),
        add_key(widget, "Stop the clock", ["Shift+F9"],
                lambda: session.clock_action(session.clock.stop), context),
        add_key(widget, "Next block", ["Ctrl+]", "Alt+PgDown"], lambda: session.step_block(+1),
                context),
        add_key(widget, "Previous block", ["Ctrl+[", "Alt+PgUp"],
                lambda: session.step_block(-1), context),
    ]
    return actions
