"""What a screen reader hears, arranged once for every window.

- Announcements: `announce` sends Qt's accessibility announcement event, polite for a
  confirmation and assertive for an error. Every status-bar message that `follow_status_bar`
  watches is announced (assertively when it came through `ChangeBus.alert`), and so is every
  refusal (`context.show_refusal`), every message box as the focus enters it (warnings and
  errors at once), and every dialog that declares its sentence in `ALERT_PROPERTY`.
- Names: `install` adds an accessibility factory. On Linux Qt names a combo box after its
  current text, so a screen reader hears "Online" and never "Format"; here a combo box is named
  by its purpose (its accessible name, else its label: the label whose buddy it is) and its
  choice is its value. The line edit of an editable combo box takes the same name. The button
  Qt adds to a crowded toolbar (its overflow) is named, and page titles (`style.Heading`) are
  exposed as headings that read as what they show.
"""

from __future__ import annotations

import sys

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleInterface
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QMessageBox,
    QStatusBar,
    QWidget,
)
from PySide6.QtWidgets import QAccessibleWidget as _QAccessibleWidget

Politeness = QAccessible.AnnouncementPoliteness
OVERFLOW_NAME = "More toolbar buttons"
# Qt on Windows and macOS already names a combo box by its label; elsewhere (AT-SPI) it uses the
# current text, which is what a screen reader would then say instead of the field's purpose.
COMBO_NAMED_BY_TEXT = sys.platform not in ("win32", "darwin")


class Announcer(QObject):
    """Sends announcements and reports each one sent (`announced`), so that views and tests
    can follow what a screen reader was told."""

    announced = Signal(object, str, bool)  # target, message, assertive

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._alerts: list[str] = []
        self._asked: list[str] = []
        self._bars: list[QStatusBar] = []

    def announce(self, target: QObject, message: str, *, assertive: bool = False) -> None:
        """Tell a screen reader `message` (about `target`): at once if `assertive`, else when
        it has finished what it is saying."""
        message = message.strip()
        if not message or not shiboken6.isValid(target):
            return
        event = QAccessibleAnnouncementEvent(target, message)
        event.setPoliteness(Politeness.Assertive if assertive else Politeness.Polite)
        QAccessible.updateAccessibility(event)
        self.announced.emit(target, event.message(),
                            event.politeness() == Politeness.Assertive)

    def expect_alert(self, message: str) -> None:
        """The next status-bar message with this text is an error: announce it assertively."""
        self._alerts.append(message.strip())

    def status_asked(self, message: str) -> None:
        """A status message is on its way to the status bars. A bar already showing the same
        words does not report it again, so once the event loop turns, what no bar reported is
        announced from the bars that show it (the same error twice is heard twice)."""
        message = message.strip()
        if message:
            self._asked.append(message)
            QTimer.singleShot(0, self._say_repeats)

    def follow(self, bar: QStatusBar) -> None:
        self._bars.append(bar)
        bar.destroyed.connect(self._forget_bars)
        bar.messageChanged.connect(lambda text, bar=bar: self.status_shown(bar, text))

    def status_shown(self, bar: QStatusBar, message: str) -> None:
        message = message.strip()
        if not message or not shiboken6.isValid(bar):
            return  # the message was cleared or timed out: nothing to say
        if message in self._asked:
            self._asked.remove(message)
        assertive = message in self._alerts
        if assertive:
            self._alerts.remove(message)
        self.announce(bar, message, assertive=assertive)

    def _say_repeats(self) -> None:
        asked, self._asked = self._asked, []
        for message in asked:
            for bar in self._bars:
                if shiboken6.isValid(bar) and bar.currentMessage().strip() == message:
                    self.status_shown(bar, message)

    def _forget_bars(self) -> None:
        self._bars = [bar for bar in self._bars if shiboken6.isValid(bar)]


_announcer: Announcer | None = None


def announcer() -> Announcer:
    """The application's one announcer (made with the first call)."""
    global _announcer
    if _announcer is None or not shiboken6.isValid(_announcer):
        _announcer = Announcer(QApplication.instance())
    return _announcer


def announce(target: QObject, message: str, *, assertive: bool = False) -> None:
    announcer().announce(target, message, assertive=assertive)


def follow_status_bar(bar: QStatusBar) -> None:
    """Announce every message the status bar shows."""
    if bar.property("cairnFollowed"):
        return
    bar.setProperty("cairnFollowed", True)
    announcer().follow(bar)


# --- dialogs that report a problem -----------------------------------------------------------

ALERT_PROPERTY = "cairnAlert"  # a dialog's sentence to announce at once when it opens
_SAID_PROPERTY = "cairnAnnounced"


def announce_dialog(dialog: QWidget, sentence: str, *, assertive: bool = True) -> None:
    """Announce what a dialog says as it opens (and not again when it takes the focus)."""
    dialog.setProperty(_SAID_PROPERTY, True)
    announce(dialog, sentence, assertive=assertive)


def _focus_moved(old: QWidget | None, new: QWidget | None) -> None:
    """A message box, or a dialog that declares its sentence (`ALERT_PROPERTY`), is announced
    when the focus first enters it: errors and warnings at once, other messages politely."""
    if new is None or not shiboken6.isValid(new):
        return
    window = new.window()
    if old is not None and shiboken6.isValid(old) and old.window() is window:
        return
    if window.property(_SAID_PROPERTY):
        return
    if isinstance(window, QMessageBox):
        sentence = window.text()
        assertive = window.icon() in (QMessageBox.Icon.Warning, QMessageBox.Icon.Critical)
    elif isinstance(window.property(ALERT_PROPERTY), str):
        sentence, assertive = window.property(ALERT_PROPERTY), True
    else:
        return
    announce_dialog(window, sentence, assertive=assertive)


# --- names ---------------------------------------------------------------------------------


def _plain(text: str) -> str:
    """A label's text as spoken: no mnemonic ampersand, no trailing colon."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip().rstrip(":")


def label_of(widget: QWidget) -> str:
    """The text of the label whose buddy `widget` is, or ""."""
    window = widget.window()
    for label in window.findChildren(QLabel):
        if label.buddy() is widget and label.text().strip():
            return _plain(label.text())
    return ""


def combo_name(combo: QComboBox) -> str:
    """What a combo box is for: its accessible name, else its label's text."""
    return combo.accessibleName().strip() or label_of(combo)


class _ComboBoxAccessible(_QAccessibleWidget):
    """A combo box named by its purpose, its choice as its value; its list and (when
    editable) its line edit as children, as Qt's own."""

    def __init__(self, combo: QComboBox) -> None:
        super().__init__(combo, QAccessible.Role.ComboBox)
        self._combo = combo

    def _view(self) -> QAbstractItemView | None:
        """The combo's list. Checked by type: Qt deletes accessible interfaces itself, and a
        new view made at a freed interface's address can come back as that stale wrapper."""
        view = self._combo.view()
        return view if isinstance(view, QAbstractItemView) else None

    def _parts(self) -> list[QObject]:
        combo = self._combo
        if not shiboken6.isValid(combo):
            return []
        view = self._view()
        parts: list[QObject] = [view] if view is not None else []
        edit = combo.lineEdit()
        if edit is not None:
            name = combo_name(combo)
            if name and edit.accessibleName() != name:
                edit.setAccessibleName(name)
            parts.append(edit)
        return parts

    def text(self, kind: QAccessible.Text) -> str:
        combo = self._combo
        if not shiboken6.isValid(combo):
            return ""
        if kind == QAccessible.Text.Name:
            return combo_name(combo)
        if kind == QAccessible.Text.Value:
            edit = combo.lineEdit()
            return edit.text() if edit is not None else combo.currentText()
        return super().text(kind)

    def state(self) -> QAccessible.State:
        state = super().state()
        combo = self._combo
        if shiboken6.isValid(combo):
            state.expandable = True
            view = self._view()
            shown = view is not None and view.isVisible()
            state.expanded, state.collapsed = shown, not shown
            state.editable = combo.isEditable()
        return state

    def childCount(self) -> int:
        return len(self._parts())

    def child(self, index: int) -> QAccessibleInterface | None:
        parts = self._parts()
        if 0 <= index < len(parts):
            return QAccessible.queryAccessibleInterface(parts[index])
        return None

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        if child is None:
            return -1
        target = child.object()
        for at, part in enumerate(self._parts()):
            if part is target:
                return at
        return -1

    def actionNames(self) -> list[str]:
        return [self.showMenuAction(), self.pressAction(), *super().actionNames()]

    def doAction(self, name: str) -> None:
        combo = self._combo
        if name in (self.showMenuAction(), self.pressAction()) and shiboken6.isValid(combo):
            if combo.view().isVisible():
                combo.hidePopup()
            else:
                combo.showPopup()
            return
        super().doAction(name)


class _HeadingAccessible(_QAccessibleWidget):
    """A page or section title: a heading that reads as what it shows (in full when cut
    short); a different accessible name it was given (what the page is) becomes its
    description."""

    def __init__(self, label: QLabel) -> None:
        super().__init__(label, QAccessible.Role.Heading)
        self._label = label

    def _shown(self) -> str:
        label = self._label
        text = label.text().strip()
        if text.endswith("…") and label.toolTip():
            return label.toolTip()  # cut short to fit: the tooltip holds the whole of it
        return text or label.accessibleName()

    def text(self, kind: QAccessible.Text) -> str:
        if not shiboken6.isValid(self._label):
            return ""
        if kind == QAccessible.Text.Name:
            return self._shown()
        if kind == QAccessible.Text.Description:
            given = self._label.accessibleName().strip()
            if given and given != self._shown():
                return given
        return super().text(kind)


class _OverflowAccessible(_QAccessibleWidget):
    """The button Qt adds to a toolbar too narrow for its buttons: it shows the rest."""

    def __init__(self, button: QAbstractButton) -> None:
        super().__init__(button, QAccessible.Role.ButtonMenu)
        self._button = button

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Name and shiboken6.isValid(self._button):
            return self._button.accessibleName() or OVERFLOW_NAME
        return super().text(kind)

    def actionNames(self) -> list[str]:
        return [self.pressAction(), *super().actionNames()]

    def doAction(self, name: str) -> None:
        if name == self.pressAction() and shiboken6.isValid(self._button):
            self._button.click()
            return
        super().doAction(name)


def _factory(class_name: str, obj: QObject) -> QAccessibleInterface | None:
    if class_name == "QToolBarExtension" and isinstance(obj, QAbstractButton):
        return _OverflowAccessible(obj)
    if COMBO_NAMED_BY_TEXT and isinstance(obj, QComboBox):
        return _ComboBoxAccessible(obj)
    if isinstance(obj, QLabel) and _is_heading(obj):
        return _HeadingAccessible(obj)
    return None


def _is_heading(label: QLabel) -> bool:
    from app.ui.style import Heading

    return isinstance(label, Heading)


_installed = False


def install() -> None:
    """Add the names and roles above to every window of the application (once)."""
    global _installed
    app = QApplication.instance()
    if _installed or not isinstance(app, QApplication):
        return
    _installed = True
    QAccessible.installFactory(_factory)
    app.focusChanged.connect(_focus_moved)
