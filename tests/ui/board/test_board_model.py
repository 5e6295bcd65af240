"""The board model: a tree of the tray and the themes with their notes, that follows the store
row by row (never a reset for one change) and turns drops into board operations."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication

from app.models import Session
from app.services.sensemaking import themes, votes
from app.store.engine import Store
from app.ui.item_models.board_model import (
    BLOCK_ROLE,
    COUNT_ROLE,
    FOCUS_ROLE,
    ID_ROLE,
    KIND_ROLE,
    NOTE_KIND_ROLE,
    SPEAKER_ROLE,
    SYNTHESIS_ROLE,
    THEME_ID_ROLE,
    TITLE_ROLE,
    TRAY,
    TRAY_TITLE,
    VOTES_ROLE,
    BoardModel,
)
from tests.ui.board.conftest import themes_of, tray_of


def shape(model: BoardModel) -> list[tuple[str, list[str]]]:
    out = []
    for row in range(model.rowCount()):
        top = model.index(row)
        out.append((top.data(ID_ROLE), [model.index(r, 0, top).data(ID_ROLE)
                                        for r in range(model.rowCount(top))]))
    return out


def stored(store: Store, session: Session) -> list[tuple[str, list[str]]]:
    from app.services.sensemaking import theme_query

    with store.read() as s:
        tray = theme_query.unclustered_note_ids(s, session.id)
    return [(TRAY, tray)] + [(t.id, list(t.note_ids))
                             for t in theme_query.list_themes(store, session.id)]


class Signals:
    """What the model told its views."""

    def __init__(self, model: BoardModel) -> None:
        self.seen: list[str] = []
        for name in ("rowsMoved", "rowsInserted", "rowsRemoved", "dataChanged", "modelReset",
                     "layoutChanged"):
            getattr(model, name).connect(lambda *_, n=name: self.seen.append(n))


def test_the_tree_is_the_tray_then_the_themes_in_board_order(store, sample_session, qapp):
    model = BoardModel(store, sample_session.id)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert shape(model) == stored(store, sample_session)
    tray = model.index(0)
    assert tray.data() == TRAY_TITLE and tray.data(KIND_ROLE) == "tray"
    assert model.total == sum(len(ids) for _, ids in shape(model)) == model.shown()
    theme = themes_of_store(store, sample_session)[0]
    top = model.index(1)
    assert (top.data(TITLE_ROLE), top.data(VOTES_ROLE), top.data(FOCUS_ROLE),
            top.data(SYNTHESIS_ROLE), top.data(COUNT_ROLE)) == (
        theme.title, theme.votes, theme.focus_area_ids, theme.synthesis, len(theme.note_ids))
    spoken = top.data(Qt.ItemDataRole.AccessibleTextRole)
    assert theme.title in spoken and f"{theme.votes} votes" in spoken
    assert f"{len(theme.note_ids)} notes" in spoken
    note = model.index(0, 0, top)
    assert note.data(KIND_ROLE) == "note" and note.data(THEME_ID_ROLE) == theme.id
    assert note.data(NOTE_KIND_ROLE) and note.data(Qt.ItemDataRole.DisplayRole)
    assert isinstance(note.data(SPEAKER_ROLE), str) and isinstance(note.data(BLOCK_ROLE), str)
    said = note.data(Qt.ItemDataRole.AccessibleTextRole)
    assert f"In theme {theme.title}." in said


def themes_of_store(store: Store, session: Session) -> list:
    from app.services.sensemaking import theme_query

    return theme_query.list_themes(store, session.id)


def test_a_moved_note_is_a_row_move_and_an_edit_a_data_change(store, sample_session, qapp):
    model = BoardModel(store, sample_session.id)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    signals = Signals(model)
    first, second = themes_of_store(store, sample_session)[:2]
    _, changes = themes.move_notes(store, [first.note_ids[0]], second.id)
    model.apply(changes)
    assert "rowsMoved" in signals.seen and "modelReset" not in signals.seen
    assert shape(model) == stored(store, sample_session)
    signals.seen.clear()
    _, changes = themes.update_theme(store, first.id, title="Cost of living")
    model.apply(changes)
    assert signals.seen == ["dataChanged"]
    assert model.top_index(first.id).data() == "Cost of living"


def test_it_follows_every_board_operation_without_a_reset(store, sample_session, qapp):
    model = BoardModel(store, sample_session.id)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    signals = Signals(model)
    a, b, c = themes_of_store(store, sample_session)[:3]
    tray = tray_of_store(store, sample_session)
    steps = [
        lambda: themes.create_theme(store, sample_session.id, "Transport", tray[:2]),
        lambda: themes.merge_themes(store, a.id, b.id),
        lambda: themes.split_notes(store, list(a.note_ids[:2]), "Split"),
        lambda: themes.move_theme(store, c.id, 0),
        lambda: votes.add_votes(store, c.id, 3),
        lambda: themes.set_focus_areas(store, c.id, []),
        lambda: themes.delete_theme(store, a.id),
        lambda: themes.move_notes(store, tray[2:4], c.id),
    ]
    from app.services.sensemaking import board_undo

    undos = []
    for step in steps:
        change, changes = step()
        undos.append(change.undo)
        model.apply(changes)
        assert shape(model) == stored(store, sample_session)
    for undo in reversed(undos):
        _, changes = board_undo.revert(store, undo)
        model.apply(changes)
        assert shape(model) == stored(store, sample_session)
    assert "modelReset" not in signals.seen


def tray_of_store(store: Store, session: Session) -> list[str]:
    from app.services.sensemaking import theme_query

    with store.read() as s:
        return theme_query.unclustered_note_ids(s, session.id)


def test_sorting_by_votes_is_a_view_order_that_keeps_the_board_order(store, sample_session,
                                                                     qapp):
    model = BoardModel(store, sample_session.id)
    board = list(model.board)
    last = board[-1]
    _, changes = votes.add_votes(store, last, 500)
    model.apply(changes)
    model.set_by_votes(True)
    assert model.key_at(1) == last
    assert [t.id for t in themes_of_store(store, sample_session)] == board == model.board
    model.set_by_votes(False)
    assert model.order == board


def test_a_filter_shows_some_notes_and_counts_them(store, sample_session, qapp):
    from app.models import NoteKind
    from app.services import capture

    model = BoardModel(store, sample_session.id)
    where = capture.NoteFilter(kinds=(NoteKind.BARRIER,))
    model.set_filter(where)
    barriers = set(capture.note_ids(store, sample_session.id, where))
    assert barriers and model.shown() == len(barriers) < model.total
    assert set(model.parent_of) == barriers


# --- drag and drop ---------------------------------------------------------------------------

def test_dropping_several_notes_on_a_theme_moves_them_in_one_undo_step(page):
    model = page.model
    first, second = themes_of(page)[:2]
    notes = [model.note_index(n) for n in first.note_ids[:2]]
    data = model.mimeData(notes)
    target = model.top_index(second.id)
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, 0, target)
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, target)
    assert set(first.note_ids[:2]) <= set(themes_of(page)[1].note_ids)
    assert model.parent_of[first.note_ids[0]] == second.id
    page.ctx.undo_stack.undo()
    assert themes_of(page)[0].note_ids == first.note_ids
    assert model.parent_of[first.note_ids[0]] == first.id
    page.ctx.undo_stack.redo()
    assert set(first.note_ids[:2]) <= set(themes_of(page)[1].note_ids)


def test_dropping_notes_on_the_tray_unclusters_them(page):
    model = page.model
    first = themes_of(page)[0]
    data = model.mimeData([model.note_index(first.note_ids[0])])
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, model.index(0))
    assert first.note_ids[0] in tray_of(page)


def test_dropping_a_theme_between_rows_reorders_the_board(page):
    model = page.model
    ids = [t.id for t in themes_of(page)]
    data = model.mimeData([model.top_index(ids[0])])
    # Just before the row of the third theme (rows count the tray first).
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    assert [t.id for t in themes_of(page)] == [ids[1], ids[0], ids[2], *ids[3:]]
    assert model.order == [t.id for t in themes_of(page)]
    page.ctx.undo_stack.undo()
    assert [t.id for t in themes_of(page)] == ids
    data = model.mimeData([model.top_index(ids[0])])
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, model.top_index(ids[2]))
    assert [t.id for t in themes_of(page)][2] == ids[0]


def test_a_note_dropped_where_it_is_changes_nothing_and_leaves_no_step(page):
    model = page.model
    first = themes_of(page)[0]
    data = model.mimeData([model.note_index(first.note_ids[0])])
    count = page.ctx.undo_stack.count()
    model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, model.top_index(first.id))
    assert page.ctx.undo_stack.count() == count


def test_a_real_drop_event_on_a_card_moves_the_note(page, qtbot):
    model = page.model
    first, second = themes_of(page)[:2]
    card = page.canvas.card(second.id)
    viewport = card.notes.viewport()
    data = model.mimeData([model.note_index(first.note_ids[0])])
    below = QPoint(viewport.width() // 2, viewport.height() - 3)
    # As a drag arrives: entering the list makes it the drop target, then moving and dropping.
    for kind in (QDragEnterEvent, QDragMoveEvent, QDropEvent):
        event = kind(below, Qt.DropAction.MoveAction, data, Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(lambda: model.parent_of[first.note_ids[0]] == second.id)
    assert first.note_ids[0] in themes_of(page)[1].note_ids


def test_a_note_returns_to_its_place_in_a_long_tray_not_yet_read(store, sample_session, qapp):
    from datetime import timedelta

    from app.models import NoteDraft
    from app.services import capture

    start = sample_session.starts
    drafts = [NoteDraft(text=f"Line {n}", created_at=start + timedelta(minutes=n))
              for n in range(150)]
    capture.add_notes(store, sample_session.id, drafts)
    model = BoardModel(store, sample_session.id)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    theme = themes_of_store(store, sample_session)[0]
    _, changes = themes.move_notes(store, [theme.note_ids[0]], None)
    model.apply(changes)
    assert shape(model) == stored(store, sample_session)
    assert len(model.notes) < 150  # the tray's notes were not all read to find the place
