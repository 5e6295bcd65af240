"""Opening the export dialog: from the session page, the learning-system screen, and the main
window's File > Export… (Ctrl+E) for whatever the navigator has selected. One dialog per
session or system: asking again brings the open one forward."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from app.ui.context import AppContext
from app.ui.views.export.export_dialog import ExportDialog


def open_export(ctx: AppContext, parent: QWidget, *, session_id: str | None = None,
                system_id: str | None = None) -> ExportDialog:
    """Show the export dialog for a session or a learning system (modeless: the window stays
    usable while the pack builds)."""
    window = parent.window()
    for dialog in window.findChildren(ExportDialog):
        if (dialog.session_id, dialog.system_id) == (session_id, system_id) and \
                dialog.isVisible():
            dialog.raise_()
            dialog.activateWindow()
            return dialog
    dialog = ExportDialog(ctx, session_id=session_id, system_id=system_id, parent=window)
    dialog.show()
    return dialog


def export_action(parent: QWidget) -> QAction:
    """File > &Export… (Ctrl+E); the main window connects it to what is selected."""
    from app.ui.actions import make_action

    return make_action(parent, "&Export…", "Export the selected session's summary pack or data, "
                       "or the selected learning system's pack", keys=("Ctrl+E",))


def install_export(window) -> QAction:  # type: ignore[no-untyped-def]
    """Add File > Export… to the main window, after the commands that make things, enabled
    while the navigator has a session or learning system selected."""
    action = export_action(window)
    file_menu = window.menuBar().actions()[0].menu()
    items = file_menu.actions()
    separator = next((a for a in items if a.isSeparator()), None)
    file_menu.insertSeparator(separator) if separator is not None else file_menu.addSeparator()
    file_menu.insertAction(separator, action)
    action.triggered.connect(lambda: export_selected(window))

    def follow(*_: object) -> None:
        action.setEnabled(window.current_id() is not None)

    window.navigator.selectionModel().currentChanged.connect(follow)
    window.ctx.bus.changed.connect(follow)
    follow()
    return action


def export_selected(window) -> ExportDialog | None:  # type: ignore[no-untyped-def]
    """Export what the navigator has selected: a session, or a learning system."""
    from app.ui.item_models.navigator import ID_ROLE, KIND_ROLE

    current = window.navigator.currentIndex()
    if not current.isValid():
        window.ctx.bus.alert.emit("Choose a session or a learning system first, then export it.")
        return None
    record_id = current.data(ID_ROLE)
    if current.data(KIND_ROLE) == "session":
        return open_export(window.ctx, window, session_id=record_id)
    return open_export(window.ctx, window, system_id=record_id)
