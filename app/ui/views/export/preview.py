"""The preview of a pack's pages: thumbnails down the side, the chosen page large beside them.

Paged with the keyboard: arrow keys in the thumbnails, Page Up / Page Down (and Home / End)
anywhere in the preview. Every page is named "Page 3 of 12" for screen readers, and the large
page says which page it shows. The large page is drawn on the task manager, quietly, so paging
through a long pack never holds up the window.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QKeyEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.ui.buttons import action_button
from app.ui.style import name_scroll_parts
from app.ui.tasks import Progress, TaskManager
from app.ui.views.export.page_images import render_page

THUMB_WIDTH = 96  # pixels: about a sixth of the large page, enough to see the layout
PAGING_KEYS = {Qt.Key.Key_PageDown: 1, Qt.Key.Key_PageUp: -1}


def page_name(index: int, total: int) -> str:
    return f"Page {index + 1} of {total}"


class _PageView(QScrollArea):
    """The large page: takes focus, so Page Up / Page Down page through from here too."""

    paged = Signal(int)  # +1 or -1; Home/End send a large step
    resized = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.image = QLabel(self)
        self.image.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.image.setBackgroundRole(self.image.backgroundRole())
        self.setWidget(self.image)
        self.setWidgetResizable(True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if key in PAGING_KEYS:
            self.paged.emit(PAGING_KEYS[key])
        elif key == Qt.Key.Key_Home:
            self.paged.emit(-1_000_000)
        elif key == Qt.Key.Key_End:
            self.paged.emit(1_000_000)
        else:
            super().keyPressEvent(event)


class PagePreview(QWidget):
    """Thumbnails of every page and the chosen one large; or a sentence when there are none."""

    page_shown = Signal(int)  # the index of the page now drawn large

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._pdf = b""
        self._large: dict[tuple[int, int], QImage] = {}  # (page, width) -> image
        self.current = -1
        self.shown = -1  # the page drawn large, once its image has come back
        self.thumbs = QListWidget(self)
        self.thumbs.setAccessibleName("Pages")
        self.thumbs.setViewMode(QListWidget.ViewMode.IconMode)
        self.thumbs.setFlow(QListWidget.Flow.TopToBottom)
        self.thumbs.setWrapping(False)
        self.thumbs.setMovement(QListWidget.Movement.Static)
        self.thumbs.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.thumbs.setIconSize(QSize(THUMB_WIDTH, THUMB_WIDTH * 297 // 210))
        self.thumbs.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.thumbs.setFixedWidth(THUMB_WIDTH + 40)
        self.thumbs.currentRowChanged.connect(self.go_to)
        self.view = _PageView(self)
        self.view.setAccessibleName("Page")
        self.view.paged.connect(self.step)
        self.where = QLabel(self)
        self.previous_button = action_button(self, "Previous page", "Show the page before "
                                             "(Page Up)", lambda: self.step(-1))
        self.next_button = action_button(self, "Next page", "Show the page after (Page Down)",
                                         lambda: self.step(1))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)

        pages = QWidget(self)
        paging = QHBoxLayout()
        paging.addWidget(self.previous_button)
        paging.addWidget(self.where, 1, Qt.AlignmentFlag.AlignCenter)
        paging.addWidget(self.next_button)
        right = QVBoxLayout()
        right.addWidget(self.view, 1)
        right.addLayout(paging)
        row = QHBoxLayout(pages)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.thumbs)
        row.addLayout(right, 1)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.message)
        self.stack.addWidget(pages)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.say("The preview appears here once the pack is ready.")
        name_scroll_parts(self)
        # A resized window draws the large page again at its new width, once it settles.
        self._redraw = QTimer(self)
        self._redraw.setSingleShot(True)
        self._redraw.setInterval(150)
        self._redraw.timeout.connect(lambda: self.go_to(self.current))
        self._drawn_width = 0
        self.view.resized.connect(self._view_resized)

    # --- what is shown ---------------------------------------------------------------------------

    def say(self, text: str) -> None:
        """A sentence instead of pages (building, a data file, or no pages)."""
        self.message.setText(text)
        self.message.setAccessibleName(text)
        self.stack.setCurrentIndex(0)

    def show_pages(self, pdf: bytes, thumbs: list[QImage]) -> None:
        """A new PDF and its thumbnails (one per page); the first page is shown large."""
        self._pdf, self._large = pdf, {}
        self.current = self.shown = -1
        total = len(thumbs)
        self.thumbs.blockSignals(True)
        self.thumbs.clear()
        for index, image in enumerate(thumbs):
            pixmap = QPixmap.fromImage(image)
            # Drawn at the screen's pixel ratio, shown THUMB_WIDTH wide: sharp when scaled.
            pixmap.setDevicePixelRatio(max(1.0, image.width() / THUMB_WIDTH))
            item = QListWidgetItem(pixmap, str(index + 1))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, page_name(index, total))
            item.setToolTip(page_name(index, total))
            self.thumbs.addItem(item)
        self.thumbs.blockSignals(False)
        if not total:
            self.say("The pack has no pages.")
            return
        self.stack.setCurrentIndex(1)
        self.go_to(0)

    @property
    def total(self) -> int:
        return self.thumbs.count()

    def step(self, by: int) -> None:
        if self.total:
            self.go_to(max(0, min(self.total - 1, self.current + by)))

    def go_to(self, index: int) -> None:
        """Show page `index` large (drawn in the background the first time)."""
        if not 0 <= index < self.total:
            return
        self.current = index
        name = page_name(index, self.total)
        self.where.setText(name)
        self.view.setAccessibleName(name)
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < self.total - 1)
        if self.thumbs.currentRow() != index:
            self.thumbs.blockSignals(True)
            self.thumbs.setCurrentRow(index)
            self.thumbs.blockSignals(False)
        width = self._drawn_width = self._large_width()
        found = self._large.get((index, width))
        if found is not None:
            self._draw(index, found)
            return
        pdf = self._pdf
        self.shown = -1  # until this page comes back drawn at this width

        def work(_progress: Progress) -> QImage:
            return render_page(pdf, index, width)

        self._tasks.run(work, lambda image: self._drawn(pdf, index, width, image), owner=self)

    def _large_width(self) -> int:
        """The large page's width in device pixels: the view's, so text on it stays sharp."""
        # Room left by the up-and-down scroll bar a long page shows, so none appears sideways.
        view = self.view
        room = (view.width() - 2 * view.frameWidth()
                - view.verticalScrollBar().sizeHint().width() - 4)
        return max(200, int(room * self.devicePixelRatioF()))

    def _drawn(self, pdf: bytes, index: int, width: int, image: QImage) -> None:
        if pdf is not self._pdf:
            return  # a newer pack has replaced this one meanwhile
        self._large[(index, width)] = image
        if index == self.current:
            self._draw(index, image)

    def _draw(self, index: int, image: QImage) -> None:
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        self.view.image.setPixmap(pixmap)
        self.view.image.setAccessibleName(page_name(index, self.total))
        self.shown = index
        self.page_shown.emit(index)

    def _view_resized(self) -> None:
        if self.total and abs(self._large_width() - self._drawn_width) > 24:
            self._redraw.start()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if key in PAGING_KEYS:
            self.step(PAGING_KEYS[key])
        else:
            super().keyPressEvent(event)
