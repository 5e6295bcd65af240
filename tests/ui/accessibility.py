"""Walk a window's widgets and list the interactive ones a screen reader could not name."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

INTERACTIVE = (QAbstractButton, QAbstractItemView, QAbstractSlider, QAbstractSpinBox, QComboBox,
               QLineEdit, QPlainTextEdit, QTextEdit)


def _named_by_label(widget: QWidget) -> bool:
    window = widget.window()
    return any(label.buddy() is widget and label.text().strip()
               for label in window.findChildren(QLabel))


def _internal(widget: QWidget) -> bool:
    """Parts Qt builds inside a composite (a spin box's line edit, a combo's popup view...)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractSpinBox | QComboBox):
            return True
        parent = parent.parentWidget()
    return widget.objectName().startswith("qt_")


def unnamed_widgets(root: QWidget) -> list[str]:
    """Interactive widgets with no accessible name, no visible text and no buddy label."""
    problems = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, INTERACTIVE) or _internal(widget):
            continue
        if widget.accessibleName().strip():
            continue
        if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
            continue
        if _named_by_label(widget):
            continue
        problems.append(f"{type(widget).__name__} objectName={widget.objectName()!r} "
                        f"toolTip={widget.toolTip()!r}")
    return problems
