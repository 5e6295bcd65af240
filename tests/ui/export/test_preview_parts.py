"""The parts of the export dialog on their own: the page preview (real PDF pages drawn by
PDFium, paged with the keyboard, each page named), the pre-flight list of names, and the
options (names off by default)."""

from __future__ import annotations

import io

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from app.models.pack import PackSection
from app.ui.views.export.options_panel import OptionsPanel
from app.ui.views.export.page_images import page_count, render_pages
from app.ui.views.export.preflight import NOBODY, PreflightPanel
from app.ui.views.export.preview import THUMB_WIDTH, PagePreview
from tests.sample_pack import HIDDEN, NAMED, session_pack
from tests.ui.accessibility import clashing_mnemonics, unnamed_widgets


def _pdf(pages: int) -> bytes:
    """A real PDF whose page k is black down to k tenths of its height (told apart in pixels)."""
    out = io.BytesIO()
    sheet = canvas.Canvas(out, pagesize=A4)
    width, height = A4
    for k in range(1, pages + 1):
        sheet.setFillColorRGB(0, 0, 0)
        sheet.rect(0, height * (1 - k / 10), width, height * k / 10, stroke=0, fill=1)
        sheet.drawString(72, 72, f"Page {k}")
        sheet.showPage()
    sheet.save()
    return out.getvalue()


def _dark_rows(image) -> float:
    """How far down the page's black band reaches, as a share of its height."""
    x = image.width() // 2
    rows = [y for y in range(image.height()) if QColor(image.pixel(x, y)).lightness() < 60]
    return (max(rows) + 1) / image.height() if rows else 0.0


def _preview(ctx, qtbot, pages: int = 5) -> PagePreview:
    preview = PagePreview(ctx.tasks)
    qtbot.addWidget(preview)
    preview.resize(900, 700)
    preview.show()
    pdf = _pdf(pages)
    preview.show_pages(pdf, render_pages(pdf, THUMB_WIDTH))
    qtbot.waitUntil(lambda: preview.shown == 0)
    return preview


def test_pages_are_drawn_from_the_pdf_one_thumbnail_each():
    pdf = _pdf(4)
    assert page_count(pdf) == 4
    thumbs = render_pages(pdf, THUMB_WIDTH)
    assert [t.width() for t in thumbs] == [THUMB_WIDTH] * 4
    # Page k's band reaches k tenths down: each image is its own page, in order.
    assert [round(_dark_rows(t), 1) for t in thumbs] == [0.1, 0.2, 0.3, 0.4]


def test_every_page_is_named_and_the_large_one_says_which_it_is(ctx, qtbot):
    preview = _preview(ctx, qtbot)
    names = [preview.thumbs.item(i).data(Qt.ItemDataRole.AccessibleTextRole)
             for i in range(preview.thumbs.count())]
    assert names == [f"Page {k} of 5" for k in range(1, 6)]
    assert preview.view.accessibleName() == "Page 1 of 5"
    assert preview.where.text() == "Page 1 of 5"
    assert not preview.previous_button.isEnabled() and preview.next_button.isEnabled()
    assert unnamed_widgets(preview) == []


def test_page_down_up_home_and_end_page_through_the_pack(ctx, qtbot):
    preview = _preview(ctx, qtbot)
    preview.view.setFocus()
    qtbot.keyClick(preview.view, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: preview.shown == 1)
    assert preview.view.accessibleName() == "Page 2 of 5"
    assert preview.thumbs.currentRow() == 1
    large = preview.view.image.pixmap().toImage()
    assert round(_dark_rows(large), 1) == 0.2  # the second page, drawn large
    qtbot.keyClick(preview.view, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: preview.shown == 4)
    assert not preview.next_button.isEnabled()
    qtbot.keyClick(preview.view, Qt.Key.Key_PageDown)  # past the end: stays on the last
    assert preview.current == 4
    qtbot.keyClick(preview.view, Qt.Key.Key_Home)
    qtbot.waitUntil(lambda: preview.shown == 0)
    # The thumbnails answer to the arrow keys.
    preview.thumbs.setFocus()
    qtbot.keyClick(preview.thumbs, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: preview.shown == 1)
    qtbot.mouseClick(preview.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: preview.shown == 2)
    assert preview.where.text() == "Page 3 of 5"


def test_the_preflight_list_shows_each_name_where_and_why(qtbot):
    panel = PreflightPanel()
    qtbot.addWidget(panel)
    pack = session_pack()
    panel.show_names(pack.names)
    rows = panel.names()
    assert rows and all(name == NAMED for name, _, _ in rows)
    assert [(u.name, u.where, u.why) for u in pack.names] == rows
    assert not any(HIDDEN in cell for row in rows for cell in row)
    assert panel.sentence.text().startswith("1 person will be named, in ")
    panel.show_names(())
    assert panel.names() == [] and panel.table.isHidden()
    assert panel.sentence.text() == NOBODY == "Nobody will be named."


def test_names_are_off_by_default_and_options_follow_the_boxes(qtbot):
    panel = OptionsPanel(system=False)
    qtbot.addWidget(panel)
    panel.show()
    options = panel.options()
    assert options.names is False and options.charts is True
    assert PackSection.RECURRING not in panel.sections  # a learning-system section
    panel.sections[PackSection.EVIDENCE].setChecked(False)
    panel.charts.setChecked(False)
    panel.names.setChecked(True)
    options = panel.options()
    assert options.names and not options.charts
    assert PackSection.EVIDENCE not in options.sections
    assert PackSection.CHARTS not in options.sections
    assert PackSection.THEMES in options.sections
    assert panel.table_combo.isHidden()
    panel.set_fmt("csv")
    assert panel.table_combo.isVisible() and not panel.sections_box.isEnabled()
    assert clashing_mnemonics(panel) == {}
    system = OptionsPanel(system=True)
    qtbot.addWidget(system)
    assert PackSection.RECURRING in system.sections
    assert system.form_combo.findData("csv") == -1  # data files are per session
