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


def _mnemonic(text: str) -> str | None:
    """The letter after a single '&' ('&&' is a literal ampersand), lower-cased."""
    at = 0
    while (at := text.find("&", at)) != -1 and at + 1 < len(text):
        if text[at + 1] == "&":
            at += 2
            continue
        return text[at + 1].lower()
    return None


def clashing_mnemonics(window: QWidget) -> dict[str, list[str]]:
    """Alt+letter keys that more than one visible thing of the window answers to.

    Qt does not refuse a clash: pressing the letter moves between the claimants in turn, so
    someone using the keyboard lands on the wrong field and must press it again.
    """
    from PySide6.QtWidgets import QMenuBar, QTabBar

    claims: dict[str, list[str]] = {}

    def claim(text: str) -> None:
        letter = _mnemonic(text)
        if letter is not None:
            claims.setdefault(letter, []).append(text)

    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QAbstractButton) or (
                isinstance(widget, QLabel) and widget.buddy() is not None):
            claim(widget.text())
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                if widget.isTabVisible(i) and widget.isTabEnabled(i):
                    claim(widget.tabText(i))
        elif isinstance(widget, QMenuBar):
            for action in widget.actions():
                if action.isVisible():
                    claim(action.text())
    return {letter: texts for letter, texts in claims.items() if len(texts) > 1}
