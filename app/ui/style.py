"""How Cairn looks: text size from the preferences, theme palettes, and an always-visible focus.

The system's font size is remembered once, so the text-size setting scales it rather than
compounding; "follow the system" tracks the platform's colour scheme and contrast preference.
"""

from __future__ import annotations

import weakref

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStyleFactory,
    QWidget,
)

from app.models import Preferences, ThemeChoice
from app.ui.icons import recolour

# Colour roles per theme. Highlights are dark enough for white text (WCAG AA) in light mode.
_LIGHT = {
    "Window": "#F4F5F7", "WindowText": "#1C1E21", "Base": "#FFFFFF", "AlternateBase": "#EEF1F5",
    "Text": "#1C1E21", "Button": "#E9ECF0", "ButtonText": "#1C1E21", "Highlight": "#1F5FA8",
    "HighlightedText": "#FFFFFF", "Link": "#1A56A0", "LinkVisited": "#5B3A8C",
    "ToolTipBase": "#FFFFE8", "ToolTipText": "#1C1E21", "PlaceholderText": "#5F6670",
    "Light": "#FFFFFF", "Midlight": "#E2E5EA", "Mid": "#A9AFB8", "Dark": "#7B828C",
    "Shadow": "#3C4046", "BrightText": "#FFFFFF",
}
_DARK = {
    "Window": "#1F2124", "WindowText": "#E8EAED", "Base": "#16171A", "AlternateBase": "#25282C",
    "Text": "#E8EAED", "Button": "#2D3035", "ButtonText": "#E8EAED", "Highlight": "#8AB4F8",
    "HighlightedText": "#0B1320", "Link": "#8AB4F8", "LinkVisited": "#C58AF9",
    "ToolTipBase": "#2D3035", "ToolTipText": "#E8EAED", "PlaceholderText": "#A0A6AD",
    "Light": "#45494F", "Midlight": "#3A3D42", "Mid": "#5F646B", "Dark": "#101113",
    "Shadow": "#000000", "BrightText": "#FFFFFF",
}
_HIGH_CONTRAST = {
    "Window": "#000000", "WindowText": "#FFFFFF", "Base": "#000000", "AlternateBase": "#1A1A1A",
    "Text": "#FFFFFF", "Button": "#000000", "ButtonText": "#FFFFFF", "Highlight": "#FFFF00",
    "HighlightedText": "#000000", "Link": "#00FFFF", "LinkVisited": "#FF9DFF",
    "ToolTipBase": "#000000", "ToolTipText": "#FFFFFF", "PlaceholderText": "#D0D0D0",
    "Light": "#FFFFFF", "Midlight": "#333333", "Mid": "#FFFFFF", "Dark": "#FFFFFF",
    "Shadow": "#FFFFFF", "BrightText": "#FFFF00",
}
_DISABLED_TEXT = {"light": "#8A9099", "dark": "#7D828A", "high-contrast": "#C8C8C8"}

# Focus must always be plain to see: a thick outline in the focus colour on the field,
# list or button that has it. Drawn by the style sheet rather than a Python style override,
# because an override would run Python for every primitive painted.
_QSS = """
QLineEdit, QPlainTextEdit, QTextEdit, QAbstractItemView {{
    border: 1px solid palette(mid);
    border-radius: 3px;
    padding: {pad}px;
}}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QAbstractItemView:focus {{
    border: {width}px solid {focus};
    padding: 0px;
}}
QHeaderView {{ border: none; padding: 0px; }}
QTreeView#navigator::item, QTreeView#sessionsList::item {{ padding: 3px 2px; }}
QPushButton {{
    background-color: palette(button);
    color: palette(button-text);
    border: 1px solid palette(mid);
    border-radius: 4px;
    padding: {button_pad_v}px 12px;
    icon-size: {icon}px;
}}
QPushButton:hover {{ background-color: palette(midlight); }}
QPushButton:pressed {{ background-color: palette(mid); }}
QPushButton:default {{ border-color: {focus}; }}
QPushButton:disabled {{ color: {disabled}; border-color: {disabled}; }}
QPushButton:focus {{
    border: {width}px solid {focus};
    padding: {button_focus_pad_v}px {button_focus_pad_h}px;
}}
QComboBox:focus, QAbstractSpinBox:focus, QSlider:focus {{
    border: {width}px solid {focus};
    border-radius: 3px;
}}
QPushButton[emphasis="primary"] {{
    background-color: palette(highlight);
    color: palette(highlighted-text);
    border-color: palette(highlight);
    font-weight: bold;
}}
QPushButton[emphasis="primary"]:hover {{ background-color: {primary_hover}; }}
QPushButton[emphasis="primary"]:focus {{ border-color: palette(text); }}
QPushButton[emphasis="primary"]:disabled {{
    background-color: palette(button); color: {disabled}; border-color: {disabled};
}}
QPushButton[emphasis="destructive"] {{ color: {error}; border-color: {error}; }}
QPushButton[emphasis="destructive"]:focus {{ border-color: {focus}; }}
QPushButton[emphasis="destructive"]:disabled {{ color: {disabled}; border-color: {disabled}; }}
QCheckBox::indicator, QRadioButton::indicator, QGroupBox::indicator,
QAbstractItemView::indicator {{
    width: {indicator}px; height: {indicator}px;
}}
QLabel#hint {{ color: {muted}; }}
QLabel#error {{ color: {error}; font-weight: bold; }}
QLabel#emptyState {{ color: {muted}; padding: 12px; }}
"""

# Fusion draws check and radio indicators 14 pixels square at any text size; they grow with
# the text from here (a fraction of the line height), never smaller than Fusion's own.
INDICATOR_MIN = 14
INDICATOR_SHARE = 0.85


def icon_size(font: QFont) -> int:
    """The side of a button's or toolbar's icon, in pixels: 16 at normal text, growing with it."""
    return max(16, round(QFontMetrics(font).height() * 0.95))


def indicator_size(font: QFont) -> int:
    """The side of a check box or radio button indicator, in pixels, for text in `font`."""
    return max(INDICATOR_MIN, round(QFontMetrics(font).height() * INDICATOR_SHARE))


def palette_for(theme: str) -> QPalette:
    """The palette of 'light', 'dark' or 'high-contrast'."""
    roles = {"light": _LIGHT, "dark": _DARK, "high-contrast": _HIGH_CONTRAST}[theme]
    palette = QPalette()
    for name, hex_colour in roles.items():
        palette.setColor(getattr(QPalette.ColorRole, name), QColor(hex_colour))
    muted = QColor(_DISABLED_TEXT[theme])
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, muted)
    return palette


def effective_theme(choice: ThemeChoice) -> str:
    """Resolve 'follow the system' to the palette the system asks for right now."""
    if choice != ThemeChoice.SYSTEM:
        return choice.value
    hints = QGuiApplication.styleHints()
    if hints.accessibility().contrastPreference() == Qt.ContrastPreference.HighContrast:
        return "high-contrast"
    return "dark" if hints.colorScheme() == Qt.ColorScheme.Dark else "light"


class _Styler(QObject):
    """Per-application state: the system's base font and the preferences last applied."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName("cairn_styler")
        self.base_font = QFont(app.font())
        self.prefs = Preferences()
        app.setStyle(QStyleFactory.create("Fusion"))
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(self._system_changed)
        hints.accessibility().contrastPreferenceChanged.connect(self._system_changed)

    def _system_changed(self) -> None:
        if self.prefs.theme == ThemeChoice.SYSTEM:
            apply_preferences(QApplication.instance(), self.prefs)  # type: ignore[arg-type]


def _styler(app: QApplication) -> _Styler:
    found = app.findChild(_Styler, "cairn_styler")
    return found if found is not None else _Styler(app)


def base_point_size(app: QApplication) -> float:
    """The system's own text size in points, before Cairn's text-size setting."""
    font = _styler(app).base_font
    if font.pointSizeF() > 0:
        return font.pointSizeF()
    # A font sized in pixels: convert at the screen's logical resolution.
    return font.pixelSize() * 72.0 / max(1.0, app.primaryScreen().logicalDotsPerInchY())


def apply_preferences(app: QApplication, prefs: Preferences) -> None:
    """Set the text size and theme for the whole application, at once."""
    styler = _styler(app)
    styler.prefs = prefs
    font = QFont(styler.base_font)
    font.setPointSizeF(round(base_point_size(app) * prefs.text_scale / 100.0, 1))
    app.setFont(font)
    _refit_followers()
    theme = effective_theme(prefs.theme)
    palette = palette_for(theme)
    app.setPalette(palette)
    recolour()  # icons are drawn in the text colour of the palette
    width = 3 if theme == "high-contrast" else 2
    app.setStyleSheet(_QSS.format(
        width=width, pad=width - 1,
        button_pad_v=5, button_focus_pad_v=6 - width, button_focus_pad_h=13 - width,
        focus=palette.color(QPalette.ColorRole.Highlight).name(),
        muted=palette.color(QPalette.ColorRole.PlaceholderText).name(),
        disabled=palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText).name(),
        error={"light": "#A4262C", "dark": "#FF8A80", "high-contrast": "#FFFF00"}[theme],
        primary_hover=palette.color(QPalette.ColorRole.Highlight).darker(115).name(),
        indicator=indicator_size(font), icon=icon_size(font),
    ))


def follow_text_size(widget: QWidget) -> None:
    """Call `widget.refit()` whenever the text size changes, for as long as it lives.

    Widgets with a font of their own (titles) or sizes measured in lines do not follow the
    application font by themselves.
    """
    _followers.add(widget)


def _refit_followers() -> None:
    for widget in list(_followers):
        if shiboken6.isValid(widget):
            widget.refit()  # type: ignore[attr-defined]


_followers: weakref.WeakSet[QWidget] = weakref.WeakSet()


class Heading(QLabel):
    """A title whose size stays in proportion to the text-size setting."""

    def __init__(self, text: str, scale: float = 1.5, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._scale = scale
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.refit()
        follow_text_size(self)

    def refit(self) -> None:
        font = QFont(QApplication.font())
        font.setPointSizeF(max(1.0, font.pointSizeF() * self._scale))
        font.setWeight(QFont.Weight.DemiBold)
        self.setFont(font)


class OneLineHeading(Heading):
    """A heading kept to one line, cut short with "…" when narrow; the whole of it in the tooltip.

    For screens where height is scarce (live capture at 200% text on a 768-pixel laptop).
    """

    def __init__(self, text: str, scale: float = 1.5, parent: QWidget | None = None) -> None:
        self._full = text
        super().__init__(text, scale, parent)
        self.setWordWrap(False)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setToolTip(text)
        self.setAccessibleName(text)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def refit(self) -> None:
        super().refit()
        self._elide()

    def _elide(self) -> None:
        full = getattr(self, "_full", self.text())
        self.setText(self.fontMetrics().elidedText(full, Qt.TextElideMode.ElideRight,
                                                   max(1, self.width())))


def scrolled(page: QWidget, name: str, parent: QWidget | None = None, *,
             tab_stop: bool = False) -> QScrollArea:
    """`page` in a frameless scroll area that resizes it, named for screen readers.

    Without `tab_stop` the area itself takes no focus, so Tab goes straight to the page's fields.
    """
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(page)
    area.setAccessibleName(name)
    if not tab_stop:
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return area


def name_scroll_parts(root: QWidget) -> None:
    """Give the scroll bars and headers Qt builds inside scroll areas names a screen reader says."""
    areas = [w for w in (root, *root.findChildren(QAbstractScrollArea))
             if isinstance(w, QAbstractScrollArea)]
    for header in areas:
        if isinstance(header, QHeaderView) and not header.accessibleName():
            view = header.parentWidget()
            owner = view.accessibleName() if isinstance(view, QAbstractItemView) else ""
            header.setAccessibleName(f"{owner or 'Table'} headings")
    for area in areas:
        owner = area.accessibleName() or "page"
        for bar, direction in ((area.verticalScrollBar(), "up and down"),
                               (area.horizontalScrollBar(), "sideways")):
            if not bar.accessibleName():
                bar.setAccessibleName(f"Scroll {owner[0].lower()}{owner[1:]} {direction}")
