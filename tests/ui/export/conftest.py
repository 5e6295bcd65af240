"""Fixtures for the export dialog: the learning system of invented people with mixed consent
(tests/services/exports/mixed_consent.py) on the real store, and the dialog opened from the
session page as a facilitator would, waited for until its pre-flight list is built."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from app.ui.views.export.export_dialog import ExportDialog
from tests.services.exports import mixed_consent

BUILD_TIMEOUT_MS = 30_000  # a PDF laid out and drawn on a shared, busy machine


@pytest.fixture
def world(store, tmp_path):
    return mixed_consent.build(store, tmp_path)


def wait_built(qtbot, dialog: ExportDialog) -> ExportDialog:
    qtbot.waitUntil(lambda: dialog.current is not None and dialog.building is None,
                    timeout=BUILD_TIMEOUT_MS)
    return dialog


def open_from_session_page(window, qtbot, session_id: str) -> ExportDialog:
    assert window.select(session_id)
    window.page.export_button.click()
    [dialog] = [d for d in window.findChildren(ExportDialog) if d.isVisible()]
    qtbot.waitExposed(dialog)
    return wait_built(qtbot, dialog)


def save(qtbot, dialog: ExportDialog, out):
    """Save to `out` (as the save dialog would answer) and wait until the task has ended."""
    with qtbot.waitSignal(dialog.ended, timeout=BUILD_TIMEOUT_MS) as ended:
        assert dialog.save(out) is not None
    return ended.args[0]


def pdf_text(path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return "\n".join(page.extract_text() for page in reader.pages)
