"""The main window: welcome, navigator kept in step with the store, actions, remembered state."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QTabWidget

from app.services.planning import sessions, systems
from app.ui.dialogs.new_system import NewSystemDialog
from app.ui.item_models.navigator import ID_ROLE
from app.ui.main_window import MainWindow
from app.ui.views.system.system_view import SystemView
from app.ui.views.welcome import WelcomeView
from tests.ui.accessibility import clashing_mnemonics, unnamed_widgets


def load_the_sample(window: MainWindow, qtbot) -> None:
    """Load the sample as a person does, and wait until its task has run its course."""
    with qtbot.waitSignal(window.ctx.tasks.finished, timeout=30_000):
        window.actions.load_sample.trigger()


def _texts(window: MainWindow) -> list[str]:
    model = window.navigator_model
    out = []
    for row in range(model.rowCount()):
        system = model.index(row, 0)
        out.append(system.data())
        out.extend("  " + model.index(r, 0, system).data().split("\n")[0]
                   for r in range(model.rowCount(system)))
    return out


def test_an_empty_store_opens_on_the_welcome(window):
    assert isinstance(window.stack.currentWidget(), WelcomeView)
    assert not window.actions.new_session.isEnabled()
    assert window.windowTitle() == "Cairn"
    assert unnamed_widgets(window) == []
    assert clashing_mnemonics(window) == {}


def test_a_store_with_a_system_opens_it(ctx, qtbot, system, session):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert isinstance(window.stack.currentWidget(), SystemView)
    assert _texts(window) == [system.name, "  " + session.title]
    assert window.actions.new_session.isEnabled()
    assert unnamed_widgets(window) == []
    assert clashing_mnemonics(window) == {}


def test_creating_a_system_in_the_dialog_shows_it_in_the_navigator(window, qtbot, ctx):
    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, NewSystemDialog)
        qtbot.keyClicks(dialog.name, "Orkney learning system")
        qtbot.keyClicks(dialog.purpose, "Learn from island communities")
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, fill_in)
    window.actions.new_system.trigger()
    assert _texts(window) == ["Orkney learning system"]
    page = window.stack.currentWidget()
    assert isinstance(page, SystemView)
    stored = systems.list_systems(ctx.store)
    assert [(s.name, s.purpose) for s in stored] == [("Orkney learning system",
                                                     "Learn from island communities")]
    assert page.system_id == stored[0].id
    assert window.windowTitle() == "Orkney learning system — Cairn"


def test_a_refused_name_keeps_the_dialog_open_with_the_sentence(ctx, qtbot, system, refusals):
    dialog = NewSystemDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.name.setText(system.name)
    dialog.submit()
    assert refusals == [f"There is already a learning system called '{system.name}'."]
    assert dialog.created is None and dialog.result() == 0
    assert len(systems.list_systems(ctx.store)) == 1


def test_the_navigator_inserts_updates_moves_and_removes_only_what_changed(system, window, ctx):
    model = window.navigator_model
    ctx.announce(systems.update_system(ctx.store, system.id, name=system.name)[1])
    resets: list[bool] = []
    model.modelAboutToBeReset.connect(lambda: resets.append(True))
    starts = datetime(2026, 3, 2, 10, 0).astimezone()

    later, changes = sessions.create_session(ctx.store, system.id, "Second workshop",
                                             starts + timedelta(days=7))
    ctx.announce(changes)
    first, changes = sessions.create_session(ctx.store, system.id, "First workshop", starts)
    ctx.announce(changes)
    assert _texts(window) == [system.name, "  First workshop", "  Second workshop"]
    row = model.index_of(first.id)
    assert "Mon 2 Mar 2026, 10:00 · Planned" in row.data()

    ctx.announce(sessions.update_session(ctx.store, first.id, status="done")[1])
    assert model.index_of(first.id).data().endswith("· Done")
    ctx.announce(sessions.update_session(ctx.store, first.id,
                                         starts=starts + timedelta(days=14))[1])
    assert _texts(window) == [system.name, "  Second workshop", "  First workshop"]
    ctx.announce(sessions.delete_session(ctx.store, later.id)[1])
    assert _texts(window) == [system.name, "  First workshop"]
    assert resets == []


def test_undo_of_a_rename_reaches_the_navigator(system, window, ctx, qtbot):
    page = window.stack.currentWidget()
    assert isinstance(page, SystemView)
    page.details.name.setFocus()
    page.details.name.selectAll()
    qtbot.keyClicks(page.details.name, "Shetland learning system")
    qtbot.keyClick(page.details.name, Qt.Key.Key_Return)
    assert _texts(window) == ["Shetland learning system"]
    window.actions.undo.trigger()
    assert _texts(window) == [system.name]
    assert systems.get_system(ctx.store, system.id).name == system.name
    window.actions.redo.trigger()
    assert _texts(window) == ["Shetland learning system"]


def test_choosing_a_session_opens_it_and_back(system, session, window):
    assert window.select(session.id)
    assert window.page_id == session.id
    assert window.windowTitle() == f"{session.title} — Cairn"
    assert window.current_system_id() == system.id
    window.select(system.id)
    assert isinstance(window.stack.currentWidget(), SystemView)


def test_standard_shortcuts(window):
    a = window.actions
    assert QKeySequence("Ctrl+N") in a.new_session.shortcuts()
    assert QKeySequence("Ctrl+Shift+N") in a.new_system.shortcuts()
    assert a.undo.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert QKeySequence("Ctrl++") in a.bigger_text.shortcuts()
    assert QKeySequence("Ctrl+-") in a.smaller_text.shortcuts()
    assert a.reset_text.shortcut() == QKeySequence("Ctrl+0")
    assert a.preferences.shortcuts()
    for action in a.all():
        assert action.statusTip(), action.text()


def test_text_size_actions_apply_and_are_saved(window, ctx, qapp):
    from app.ui.style import base_point_size

    base = base_point_size(qapp)
    window.actions.bigger_text.trigger()
    assert ctx.prefs.text_scale == 115
    assert qapp.font().pointSizeF() == pytest.approx(base * 1.15, abs=0.1)
    window.actions.smaller_text.trigger()
    window.actions.smaller_text.trigger()
    assert ctx.prefs.text_scale == 85
    window.actions.reset_text.trigger()
    assert qapp.font().pointSizeF() == pytest.approx(base, abs=0.1)
    assert json.loads(ctx.prefs_path.read_text())["text_scale"] == 100


def test_size_and_the_open_record_are_remembered(ctx, qtbot, system, session):
    first = MainWindow(ctx)
    qtbot.addWidget(first)
    first.resize(700, 500)
    first.show()
    first.select(session.id)
    first.close()
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    assert again.size().width() == 700
    assert again.page_id == session.id


def test_loading_the_sample_opens_it_once(window, ctx, qtbot):
    load_the_sample(window, qtbot)
    first = window.current_system_id()
    assert first is not None
    assert isinstance(window.stack.currentWidget(), SystemView)
    assert window.statusBar().currentMessage().startswith("Loaded the sample learning system")
    load_the_sample(window, qtbot)
    assert window.navigator_model.system_ids() == [first]
    assert "not loaded twice" in window.statusBar().currentMessage()


def test_new_session_plans_in_the_selected_system_and_opens_it(system, window, ctx,
                                                               monkeypatch):
    from app.ui.views.session.new_session_dialog import NewSessionDialog

    asked: list[str] = []

    def plan(cls, ctx_, parent, system_id):
        asked.append(system_id)
        created, changes = sessions.create_session(
            ctx_.store, system_id, "Planned from the toolbar",
            datetime(2026, 5, 4, 13, 0).astimezone())
        ctx_.announce(changes)
        return created

    monkeypatch.setattr(NewSessionDialog, "plan", classmethod(plan))
    window.actions.new_session.trigger()
    assert asked == [system.id]
    assert window.windowTitle() == "Planned from the toolbar — Cairn"
    assert _texts(window) == [system.name, "  Planned from the toolbar"]


def test_the_welcome_buttons_start_the_two_journeys(window, qtbot, monkeypatch):
    started: list[str] = []
    monkeypatch.setattr(MainWindow, "new_system", lambda self: started.append("new"))
    monkeypatch.setattr(MainWindow, "load_sample", lambda self: started.append("sample"))
    fresh = MainWindow(window.ctx)
    qtbot.addWidget(fresh)
    qtbot.mouseClick(fresh.welcome.new_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(fresh.welcome.sample_button, Qt.MouseButton.LeftButton)
    assert started == ["new", "sample"]


def test_f6_moves_between_the_navigator_and_the_page(system, window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.navigator.setFocus()
    window.actions.switch_pane.trigger()
    assert window.page.isAncestorOf(QApplication.focusWidget())
    window.actions.switch_pane.trigger()
    assert QApplication.focusWidget() is window.navigator


def test_when_the_open_session_goes_another_page_opens(system, session, window, ctx):
    window.select(session.id)
    ctx.announce(sessions.delete_session(ctx.store, session.id)[1])
    assert window.page_id == system.id
    assert isinstance(window.stack.currentWidget(), SystemView)
    ctx.undo_stack.clear()


def test_the_toolbar_undo_stays_short_and_says_what_it_undoes(ctx, qtbot, system):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    from app.ui.commands import push_edit

    push_edit(ctx, window, "Rename the learning system",
              lambda: systems.update_system(ctx.store, system.id, name="Renamed"),
              lambda: systems.update_system(ctx.store, system.id, name=system.name))
    toolbar = window.toolbar
    undo_button = next(toolbar.widgetForAction(a) for a in toolbar.actions() if a.text() == "Undo")
    assert undo_button.isEnabled()
    assert undo_button.accessibleName() == "Undo Rename the learning system"
    undo_button.click()
    assert systems.get_system(ctx.store, system.id).name == system.name
    assert not undo_button.isEnabled()


def test_no_two_things_on_a_page_answer_to_the_same_alt_key(window, ctx, qtbot):
    """Every page of the sample, each session tab and the capture view: one Alt+letter each."""
    assert clashing_mnemonics(window) == {}, "welcome"
    load_the_sample(window, qtbot)
    model = window.navigator_model
    system = model.index(0, 0)
    pages = [system] + [model.index(r, 0, system) for r in range(min(2, model.rowCount(system)))]
    for index in pages:
        window.select(index.data(ID_ROLE))
        tabs = window.page.findChild(QTabWidget)
        for tab in range(tabs.count() if tabs is not None else 1):
            if tabs is not None:
                tabs.setCurrentIndex(tab)
            qtbot.wait(1)
            assert clashing_mnemonics(window) == {}, (index.data(), tab)
    window.open_capture()
    qtbot.wait(1)
    assert clashing_mnemonics(window) == {}, "capture"
