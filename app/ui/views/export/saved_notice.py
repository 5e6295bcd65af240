"""Where an export went, in the main window's status bar, with a button to open its folder.

The status bar's own messages time out; this notice stays until dismissed or replaced by the
next export's, so the facilitator can still find the file after answering a question.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QPushButton, QWidget

NOTICE_NAME = "exportSavedNotice"


class SavedNotice(QWidget):
    """"Saved: <file>" and Show folder / Dismiss."""

    def __init__(self, path: Path, text: str, sentence: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(NOTICE_NAME)
        self.path = path
        self.message = QLabel(text, self)
        self.message.setAccessibleName(sentence)
        self.message.setToolTip(sentence)
        self.folder_button = QPushButton("Show folder", self)
        self.folder_button.setAccessibleName("Show the folder of the exported file")
        self.folder_button.setToolTip(f"Open {path.parent}")
        self.folder_button.clicked.connect(self.open_folder)
        self.close_button = QPushButton("Dismiss", self)
        self.close_button.setAccessibleName("Dismiss the export notice")
        self.close_button.clicked.connect(self.deleteLater)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.message, 1)
        row.addWidget(self.folder_button)
        row.addWidget(self.close_button)

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path.parent)))


def show_saved(window: QWidget, path: Path, text: str, sentence: str) -> SavedNotice | None:
    """Put the notice in `window`'s status bar (replacing an earlier one): `text` shown,
    `sentence` (with the whole path) in its tooltip and accessible name. None when `window`
    has no status bar."""
    if not isinstance(window, QMainWindow):
        return None
    bar = window.statusBar()
    for old in bar.findChildren(SavedNotice, NOTICE_NAME):
        bar.removeWidget(old)
        old.deleteLater()
    notice = SavedNotice(path, text, sentence, bar)
    # Permanent, on the left of the others: a temporary message would hide a normal widget,
    # and the status bar shows one as soon as the file is written.
    bar.insertPermanentWidget(0, notice)
    notice.show()
    return notice
