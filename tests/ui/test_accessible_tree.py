"""Every window as a screen reader reads it: Qt's accessibility interface (what the platform
bridge passes on) walked from each top-level window, every page and tab of the sample, capture,
scribe mode and the dialogs. No control without a name, no combo box named by its choice."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAccessible, QAccessibleActionInterface
from PySide6.QtWidgets import QComboBox, QTabWidget, QToolBar, QWidget

from app.services.planning.participant_file import read_participant_file
from app.ui.accessibility import OVERFLOW_NAME
from app.ui.crash import CrashDialog
from app.ui.dialogs.about import AboutDialog
from app.ui.dialogs.new_system import NewSystemDialog
from app.ui.dialogs.preferences import PreferencesDialog
from app.ui.item_models.navigator import ID_ROLE
from app.ui.main_window import MainWindow
from app.ui.views.capture.capture_view import CaptureView
from app.ui.views.session.import_dialogs import ImportPreviewDialog, ImportProblemsDialog
from app.ui.views.session.new_session_dialog import NewSessionDialog
from app.ui.views.session.person_dialogs import AddPersonDialog, InviteDialog
from app.ui.views.system.add_focus_area import AddFocusAreaDialog
from tests.ui.accessibility import accessible_nodes, accessible_problems, headings

PEOPLE = ("Name,Email,Organisation,Sector,Locality,May name,May email,May quote,Access needs\n"
          "Isla Munro,isla.munro@example.org,Sutherland Care Partnership,hscp,Brora,yes,yes,no,\n")


def load_the_sample(window: MainWindow, qtbot) -> None:
    with qtbot.waitSignal(window.ctx.tasks.finished, timeout=30_000):
        window.actions.load_sample.trigger()


def shown(widget: QWidget, qtbot) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_every_page_and_tab_of_the_sample_reads_with_names(window, qtbot, tmp_path: Path):
    assert accessible_problems(window) == [], "welcome"
    load_the_sample(window, qtbot)
    model = window.navigator_model
    system = model.index(0, 0)
    pages = [system] + [model.index(r, 0, system) for r in range(model.rowCount(system))]
    walked = 0
    for index in pages:
        window.select(index.data(ID_ROLE))
        tabs = window.page.findChild(QTabWidget)
        for tab in range(tabs.count() if tabs is not None else 1):
            if tabs is not None:
                tabs.setCurrentIndex(tab)
            qtbot.waitUntil(lambda: window.page.isVisible())
            assert accessible_problems(window) == [], (index.data(), tab)
            walked += 1
    assert walked >= 5
    window.select(model.index(0, 0, system).data(ID_ROLE))
    window.open_capture()
    view = window.page
    assert isinstance(view, CaptureView)
    qtbot.waitUntil(lambda: not view.busy(), timeout=10_000)
    assert accessible_problems(window) == [], "capture"
    view.filters.filters_button.click()
    qtbot.waitUntil(view.filters.panel.isVisible)
    assert accessible_problems(window) == [], "capture with its filters"
    filters = [node.text(QAccessible.Text.Name) for node, _ in accessible_nodes(window)
               if node.role() == QAccessible.Role.ComboBox]
    assert len(filters) >= 6, filters  # the kind of note and the five filters
    view.toggle_scribe()
    qtbot.waitExposed(view.scribe)
    assert accessible_problems(view.scribe) == [], "scribe mode"
    view.toggle_scribe()
    table = tmp_path / "flipchart.csv"
    table.write_text("Comment,Who\nFerries decide when the clinic opens,Housing officer\n",
                     encoding="utf-8")
    view.import_dialog = None
    view.import_notes(table)
    qtbot.waitUntil(lambda: view.import_dialog is not None and view.import_dialog.isVisible(),
                    timeout=20_000)
    assert accessible_problems(view.import_dialog) == [], "importing notes from a table"
    view.import_dialog.reject()


def test_every_combo_box_is_named_by_its_purpose_with_its_choice_as_value(window, qtbot):
    load_the_sample(window, qtbot)
    model = window.navigator_model
    system = model.index(0, 0)
    window.select(model.index(0, 0, system).data(ID_ROLE))
    combos = {node.text(QAccessible.Text.Name): node.text(QAccessible.Text.Value)
              for node, _ in accessible_nodes(window)
              if node.role() == QAccessible.Role.ComboBox}
    assert {"Kind of session", "Format", "Platform", "Status"} <= set(combos), combos
    assert all(value != name for name, value in combos.items())
    # The Platform field is editable: its line edit reads as the field too.
    platform = next(node for node, _ in accessible_nodes(window)
                    if node.role() == QAccessible.Role.ComboBox
                    and node.text(QAccessible.Text.Name) == "Platform")
    edits = [platform.child(i) for i in range(platform.childCount())
             if platform.child(i).role() == QAccessible.Role.EditableText]
    assert [e.text(QAccessible.Text.Name) for e in edits] == ["Platform"]
    assert platform.text(QAccessible.Text.Value) == edits[0].text(QAccessible.Text.Value)
    assert platform.state().editable and platform.state().expandable
    # A screen reader's "open" action shows the choices, and again hides them.
    form = next(node for node, _ in accessible_nodes(window)
                if node.text(QAccessible.Text.Name) == "Format")
    assert not form.state().editable and form.state().collapsed
    actions = form.actionInterface()
    show = QAccessibleActionInterface.showMenuAction()
    assert show in actions.actionNames()
    actions.doAction(show)
    qtbot.waitUntil(lambda: form.state().expanded)
    actions.doAction(show)
    qtbot.waitUntil(lambda: form.state().collapsed)


def test_page_titles_are_headings_that_read_as_what_they_show(window, qtbot, ctx):
    assert headings(window)[:1] == ["Welcome to Cairn"]
    load_the_sample(window, qtbot)
    model = window.navigator_model
    system = model.index(0, 0)
    name = system.data()
    window.select(system.data(ID_ROLE))
    titles = [(node.text(QAccessible.Text.Name), node.text(QAccessible.Text.Description))
              for node, _ in accessible_nodes(window) if node.role() == QAccessible.Role.Heading]
    assert titles[0] == (name, "Learning system")
    assert {"Focus areas", "Sessions", "Free tags"} <= {title for title, _ in titles}
    session = model.index(0, 0, system)
    window.select(session.data(ID_ROLE))
    assert headings(window)[0] == session.data().split("\n")[0]


def test_the_toolbar_overflow_button_is_named(window, qtbot):
    window.resize(360, 500)  # too narrow for the toolbar: Qt adds its "more" button
    toolbar = window.findChild(QToolBar, "mainToolBar")
    qtbot.waitUntil(lambda: any(
        node.text(QAccessible.Text.Name) == OVERFLOW_NAME
        for node, _ in accessible_nodes(toolbar)))
    assert accessible_problems(window) == []


def test_the_dialogs_read_with_names(ctx, qtbot, system, session, tmp_path: Path):
    people = tmp_path / "people.csv"
    people.write_text(PEOPLE, encoding="utf-8")
    dialogs = {
        "new system": NewSystemDialog(ctx),
        "new session": NewSessionDialog(ctx, system.id),
        "preferences": PreferencesDialog(ctx),
        "about": AboutDialog(data_folder=str(tmp_path)),
        "add a person": AddPersonDialog(ctx, session.id),
        "invite": InviteDialog(ctx, session.id, system.id),
        "add a focus area": AddFocusAreaDialog(),
        "import preview": ImportPreviewDialog(people.name, read_participant_file(people),
                                              ["add"]),
        "import problems": ImportProblemsDialog("people.csv", "Nothing was imported.",
                                                ["line 3: no name"]),
        "crash": CrashDialog("Traceback (most recent call last): …"),
    }
    for what, dialog in dialogs.items():
        shown(dialog, qtbot)
        assert accessible_problems(dialog) == [], what
        dialog.close()


def test_a_window_without_names_is_caught(qtbot):
    """The walk itself fails on what it is meant to catch."""
    from PySide6.QtWidgets import QFormLayout, QLineEdit, QPushButton

    page = QWidget()
    form = QFormLayout(page)
    choice = QComboBox(page)
    choice.addItems(["Online", "Hybrid"])
    form.addRow(choice)
    form.addRow(QLineEdit(page))
    form.addRow(QPushButton(page))
    shown(page, qtbot)
    problems = accessible_problems(page)
    assert len(problems) == 3, problems
    form.addRow("&Format:", QComboBox(page))
    assert len(accessible_problems(page)) == 3
