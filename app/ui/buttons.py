"""Push buttons made one way: named for screen readers, explained in a tooltip and the status bar."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QPushButton, QWidget


def action_button(parent: QWidget, text: str, tip: str = "",
                  slot: Callable[[], object] | None = None) -> QPushButton:
    """A button that says what it does: `text` with its Alt+letter, `tip` for the longer story.

    The accessible name is the text without "&" or a trailing "…", as a screen reader says it.
    """
    button = QPushButton(text, parent)
    button.setAccessibleName(text.replace("&", "").rstrip("…"))
    if tip:
        button.setToolTip(tip)
        button.setStatusTip(tip)
    if slot is not None:
        button.clicked.connect(lambda: slot())
    return button
