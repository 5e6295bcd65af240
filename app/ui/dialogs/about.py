"""About Cairn: what it is, its version and licence, and the licences of what it is built on."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.licences import third_party_licences
from app.ui.dialogs.parts import fit_dialog
from app.ui.icons import ICON_SET_CREDIT
from app.ui.style import Heading


class AboutDialog(QDialog):
    """Version, the MIT licence, and third-party licences in a scrolling, read-only box."""

    def __init__(self, parent: QWidget | None = None, *, data_folder: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("About Cairn")
        self.setAccessibleName("About Cairn")

        title = Heading("Cairn", 2.0, self)
        version = QLabel(f"Version {__version__}", self)
        version.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        blurb = QLabel(
            "Plan, capture and make sense of sensemaking workshops for health and social care "
            "learning systems. Like a cairn, every workshop adds its stones, and the pile shows "
            "the way for those who come after.", self)
        blurb.setWordWrap(True)
        licence = QLabel("Cairn is free software under the MIT licence.", self)
        licence.setWordWrap(True)
        icons = QLabel(ICON_SET_CREDIT, self)
        icons.setObjectName("iconCredit")
        icons.setWordWrap(True)
        icons.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.licences = QPlainTextEdit(self)
        self.licences.setObjectName("thirdPartyLicences")
        self.licences.setAccessibleName("Third-party licences")
        self.licences.setReadOnly(True)
        self.licences.setTabChangesFocus(True)
        self.licences.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.licences.setPlainText(f"{ICON_SET_CREDIT}\n\n{third_party_licences()}")
        # A few lines at least; the rest scrolls, so the box fits a 768-pixel screen at 200%.
        self.licences.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        licences_label = QLabel("&Third-party licences:", self)
        licences_label.setBuddy(self.licences)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(version)
        layout.addWidget(blurb)
        layout.addWidget(licence)
        layout.addWidget(icons)
        if data_folder:
            folder = QLabel(f"Your data is kept on this computer in: {data_folder}", self)
            folder.setWordWrap(True)
            folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(folder)
        layout.addWidget(licences_label)
        layout.addWidget(self.licences, 1)
        layout.addWidget(buttons)
        fit_dialog(self, 80, 30)
