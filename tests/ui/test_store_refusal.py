"""At start-up the window says, once the quick check is in, that a damaged or read-only store
will not take changes, without holding up the window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.main import warn_when_refused
from app.store.engine import open_store
from tests.store.fault_helpers import corrupt_page, notes_leaf_page, notes_store, read_only_file


def _shown_refusal(qtbot, store) -> QMessageBox:
    """Open a window over `store` as start-up does and wait for the refusal it shows."""
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    warn_when_refused(window, store, poll_ms=10)

    def found() -> bool:
        box = window.findChild(QMessageBox, "store-refusal")
        return box is not None and box.isVisible()

    qtbot.waitUntil(found, timeout=10_000)
    box = window.findChild(QMessageBox, "store-refusal")
    # Shown window-modal with open(), so the window behind it was never held up by it.
    assert box is not None and box.windowModality() == Qt.WindowModality.WindowModal
    return box


def test_a_damaged_store_is_told_with_how_to_restore_a_backup(qtbot, data_dir):
    path = notes_store(data_dir)
    corrupt_page(path, notes_leaf_page(path))
    store = open_store(data_dir)
    try:
        box = _shown_refusal(qtbot, store)
        assert box.windowTitle() == "Cairn cannot save changes"
        assert box.text() == store.write_refusal()
        assert box.text().startswith(f"The store {path} is damaged (")
        assert "restore cairn.sqlite from your own backup" in box.text()
        box.accept()
    finally:
        store.close()


def test_a_read_only_store_is_told_as_read_only(qtbot, data_dir):
    path = notes_store(data_dir)
    with read_only_file(path):
        store = open_store(data_dir)
        try:
            box = _shown_refusal(qtbot, store)
            assert box.text() == (f"The store {path} is read-only, so Cairn will not save "
                                  "changes to it.")
            box.accept()
        finally:
            store.close()
