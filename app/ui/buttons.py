"""Push buttons made one way: named for screen readers, explained in a tooltip and the status bar.

A page's one action that matters most is `PRIMARY` (filled in the accent colour); an action
that deletes or removes is `DESTRUCTIVE` (red words and a bin icon, so never colour alone).
The style sheet in style.py draws both from the button's `emphasis` property.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QPushButton, QWidget

from app.ui.icons import set_icon

PRIMARY = "primary"
DESTRUCTIVE = "destructive"


def action_button(parent: QWidget, text: str, tip: str = "",
                  slot: Callable[[], object] | None = None, *, icon: str = "",
                  emphasis: str = "") -> QPushButton:
    """A button that says what it does: `text` with its Alt+letter, `tip` for the longer story,
    `icon` a role from icons.NAMES, `emphasis` PRIMARY, DESTRUCTIVE or nothing.

    The accessible name is the text without "&" or a trailing "…", as a screen reader says it.
    """
    button = QPushButton(text, parent)
    button.setAccessibleName(text.replace("&", "").rstrip("…"))
    if tip:
        button.setToolTip(tip)
        button.setStatusTip(tip)
    if slot is not None:
        button.clicked.connect(lambda: slot())
    if icon:
        set_icon(button, icon)
    if emphasis:
        emphasise(button, emphasis)
    return button


def emphasise(button: QPushButton, emphasis: str) -> None:
    """Mark `button` as the page's primary action or as destructive, and restyle it."""
    button.setProperty("emphasis", emphasis)
    if emphasis == DESTRUCTIVE and button.icon().isNull():
        set_icon(button, "delete")
    button.style().unpolish(button)
    button.style().polish(button)
