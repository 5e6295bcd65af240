"""Icons from Material Design Icons, drawn by QtAwesome from the font it bundles.

A font rather than a desktop icon theme: locked-down Windows laptops and macOS have no
freedesktop theme, so `QIcon.fromTheme` gave most buttons no icon at all. Icons are drawn in
the palette's text colour, so they follow the light, dark and high-contrast themes.
"""

from __future__ import annotations

import weakref

import qtawesome
import shiboken6
from PySide6.QtGui import QAction, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QAbstractButton

Target = QAbstractButton | QAction

# The role of each icon -> its name in Material Design Icons 6 ("mdi6.").
NAMES = {
    "new-system": "folder-plus-outline",
    "new-session": "calendar-plus",
    "capture": "pencil-plus-outline",
    "board": "view-dashboard-outline",
    "sample": "book-open-page-variant-outline",
    "undo": "undo",
    "redo": "redo",
    "smaller-text": "format-font-size-decrease",
    "bigger-text": "format-font-size-increase",
    "add": "plus",
    "delete": "delete-outline",
    "remove-person": "account-remove-outline",
    "add-person": "account-plus-outline",
    "invite": "account-multiple-plus-outline",
    "import": "file-import-outline",
    "recolour": "palette-outline",
    "retire": "archive-outline",
    "move-up": "arrow-up",
    "move-down": "arrow-down",
    "warning": "alert-outline",
    "edit": "pencil-outline",
    "link": "link-variant",
    "status": "progress-check",
    "attach": "paperclip",
    "detach": "paperclip-off",
    "open": "open-in-new",
    "back": "arrow-left",
    "export": "file-export-outline",
    "calendar": "calendar-export",
    "print": "printer-outline",
    "email": "email-outline",
    "sync": "sync",
    "sync-offline": "sync-off",
    "conflict": "call-split",
    "sync-log": "history",
    "folder": "folder-outline",
    "copy": "content-copy",
    "keep-both": "set-merge",
}

# For the About box: the icon set's own licence, which QtAwesome's (MIT) does not cover.
ICON_SET = "Material Design Icons 6.9.96 by Pictogrammers"
ICON_SET_LICENCE = "Apache License 2.0"
ICON_SET_HOME = "https://pictogrammers.com/library/mdi/"
ICON_SET_CREDIT = (f"Icons: {ICON_SET} ({ICON_SET_HOME}), under the {ICON_SET_LICENCE}, drawn "
                   "by QtAwesome (MIT licence).")


def icon(role: str, *, colour: str | None = None) -> QIcon:
    """The icon for `role` (a key of NAMES) in the text colour of the current palette."""
    palette = QGuiApplication.palette()
    normal = colour or palette.color(QPalette.ColorRole.ButtonText).name()
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText).name()
    return qtawesome.icon(f"mdi6.{NAMES[role]}", color=normal, color_disabled=disabled)


def set_icon(target: Target, role: str) -> None:
    """Give a button or action the icon for `role`, redrawn by `recolour` when the theme
    changes (an icon drawn for a light palette vanishes on a dark or high-contrast one)."""
    target.setIcon(icon(role))
    _given[target] = role


def recolour() -> None:
    """Redraw every icon given by `set_icon` in the current palette's colours."""
    for target, role in list(_given.items()):
        if shiboken6.isValid(target):
            target.setIcon(icon(role))


_given: weakref.WeakKeyDictionary[Target, str] = weakref.WeakKeyDictionary()
