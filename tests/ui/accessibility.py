"""Walk a window's widgets, and its accessible tree, for what a screen reader could not name."""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleInterface
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


# --- the accessible tree, as a screen reader reads it ----------------------------------------

INTERACTIVE_ROLES = {
    QAccessible.Role.PushButton, QAccessible.Role.CheckBox, QAccessible.Role.RadioButton,
    QAccessible.Role.ComboBox, QAccessible.Role.EditableText, QAccessible.Role.SpinBox,
    QAccessible.Role.Slider, QAccessible.Role.ButtonMenu, QAccessible.Role.ButtonDropDown,
    QAccessible.Role.Dial, QAccessible.Role.PageTab, QAccessible.Role.List,
    QAccessible.Role.Table, QAccessible.Role.Tree, QAccessible.Role.ScrollBar,
    QAccessible.Role.Button, QAccessible.Role.Link, QAccessible.Role.MenuItem,
}
# Rows and cells are named by the data they show, which may rightly be empty.
READ_AS_DATA = {QAccessible.Role.List, QAccessible.Role.Table, QAccessible.Role.Tree}


def accessible_nodes(root: QWidget) -> list[tuple[QAccessibleInterface, str]]:
    """Every visible node of `root`'s accessible tree, with its path of roles and names, as
    Qt's accessibility interface (what the platform bridge reads) gives them."""
    nodes: list[tuple[QAccessibleInterface, str]] = []

    def walk(node: QAccessibleInterface, path: str, depth: int) -> None:
        assert depth < 60, f"the accessible tree loops at {path}"
        nodes.append((node, path))
        if node.role() in READ_AS_DATA:
            return
        for at in range(node.childCount()):
            child = node.child(at)
            if child is None or not child.isValid() or child.state().invisible:
                continue
            walk(child, f"{path} > {child.role().name} {child.text(QAccessible.Text.Name)!r}",
                 depth + 1)

    top = QAccessible.queryAccessibleInterface(root)
    assert top is not None, "the window has no accessible interface"
    walk(top, f"{top.role().name} {top.text(QAccessible.Text.Name)!r}", 0)
    return nodes


def accessible_problems(root: QWidget) -> list[str]:
    """Controls a screen reader would read without a name, and combo boxes that read as their
    current choice instead of their purpose."""
    problems = []
    for node, path in accessible_nodes(root):
        role = node.role()
        if role not in INTERACTIVE_ROLES:
            continue
        parent = node.parent()
        if parent is not None and parent.role() == QAccessible.Role.ComboBox \
                and role == QAccessible.Role.List:
            continue  # a combo box's own list of choices: named by the combo box
        name = node.text(QAccessible.Text.Name).strip()
        if not name:
            problems.append(f"unnamed: {path}")
        elif role == QAccessible.Role.ComboBox:
            value = node.text(QAccessible.Text.Value).strip()
            if value and name == value:
                problems.append(f"named by its current text: {path}")
    return problems


def headings(root: QWidget) -> list[str]:
    """The names of the headings a screen reader finds in `root`, in reading order."""
    return [node.text(QAccessible.Text.Name) for node, _ in accessible_nodes(root)
            if node.role() == QAccessible.Role.Heading]
