"""Item models adapt; views perform. A table model turns a cell edit, a tick or a drop into one
request to its owner and never performs an edit or pushes an undo step itself."""

from __future__ import annotations

import ast
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt

from app.models import Sector
from app.services.planning import agenda, focus_areas, participants, templates
from app.ui.commands import FieldEdit, TableEdits
from app.ui.item_models.agenda_model import MINUTES, TITLE, AgendaTableModel
from app.ui.item_models.participants_model import (
    ATTENDED,
    MAY_QUOTE,
    SECTOR,
    ParticipantsTableModel,
)
from app.ui.views.system.focus_area_model import KEY, NAME, FocusAreaTableModel

UI = Path(__file__).resolve().parents[2] / "app" / "ui"


def item_model_modules() -> list[Path]:
    return sorted({*UI.joinpath("item_models").glob("*.py"), *UI.rglob("*_model.py")})


def performs(source: str) -> list[str]:
    """What in `source` performs edits: importing app.ui.commands or touching the undo stack."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [f"imports {a.name}" for a in node.names
                      if a.name.startswith("app.ui.commands")]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if module.startswith("app.ui.commands") or (
                    module == "app.ui" and any(a.name == "commands" for a in node.names)):
                found.append(f"imports from {module}")
        elif getattr(node, "attr", getattr(node, "id", None)) == "undo_stack":
            found.append(f"uses undo_stack on line {node.lineno}")
    return found


@pytest.mark.parametrize("source", [
    "from app.ui.commands import push_update\n",
    "import app.ui.commands\n",
    "from app.ui import commands\n",
    "def f(ctx):\n    ctx.undo_stack.push(None)\n",
])
def test_the_check_sees_an_edit_performed(source):
    assert performs(source)


def test_no_item_model_performs_an_edit():
    modules = item_model_modules()
    assert UI / "item_models" / "agenda_model.py" in modules
    assert UI / "views" / "system" / "focus_area_model.py" in modules
    offending = {str(path.relative_to(UI)): found for path in modules
                 if (found := performs(path.read_text(encoding="utf-8")))}
    assert offending == {}


class Requests:
    """An owner that writes down what its table asked for, and changes nothing."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, Any, Any]] = []

    def edit(self, record: Any, /, **fields: Any) -> bool:
        self.asked.append(("edit", record, fields))
        return False

    def move(self, record: Any, to_row: int) -> bool:
        self.asked.append(("move", record, to_row))
        return False


def test_the_agenda_model_asks_its_owner_for_edits_and_moves(ctx, system, qtbot):
    session, _ = templates.plan_from_template(ctx.store, system.id, "builtin-sensemaking-90",
                                              "Winter pressures",
                                              datetime(2026, 12, 8, 10, 0).astimezone())
    owner = Requests()
    model = AgendaTableModel(ctx, session.id, owner)
    items = model.items()

    assert not model.setData(model.index(1, TITLE), "  Check-in round ")
    assert not model.setData(model.index(1, TITLE), items[1].title)  # unchanged: not asked
    assert not model.setData(model.index(2, MINUTES), "25")
    data = model.mimeData([model.index(0, TITLE)])
    model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, model.index(2, TITLE))
    assert not model.move(3, 3) and not model.move(3, 99)  # no move: not asked
    assert model.move(3, 4) is False

    assert owner.asked == [("edit", items[1], {"title": "Check-in round"}),
                           ("edit", items[2], {"minutes": 25}),
                           ("move", items[0], 2), ("move", items[3], 4)]
    assert agenda.list_agenda(ctx.store, session.id) == items
    assert ctx.undo_stack.count() == 0


def test_the_focus_area_model_asks_its_owner_for_edits_and_moves(ctx, system):
    owner = Requests()
    model = FocusAreaTableModel(ctx, system.id, owner)
    areas = model.areas()

    model.setData(model.index(3, KEY), 0)
    model.setData(model.index(0, NAME), "Community-led care")
    model.dropMimeData(model.mimeData([model.index(0, NAME)]), Qt.DropAction.MoveAction, 4, 0,
                       QModelIndex())

    assert owner.asked == [("edit", areas[3], {"key": None}),
                           ("edit", areas[0], {"name": "Community-led care"}),
                           ("move", areas[0], 3)]
    assert focus_areas.list_focus_areas(ctx.store, system.id) == areas
    assert ctx.undo_stack.count() == 0


def test_the_participants_model_asks_its_owner_for_ticks_and_edits(ctx, session):
    participants.add_to_session(ctx.store, session.id, "Aileen Brodie", sector="nhs-board")
    owner = Requests()
    model = ParticipantsTableModel(ctx, session.id, owner)
    record = model.record(0)

    model.setData(model.index(0, MAY_QUOTE), Qt.CheckState.Checked.value,
                  Qt.ItemDataRole.CheckStateRole)
    model.setData(model.index(0, ATTENDED), Qt.CheckState.PartiallyChecked,
                  Qt.ItemDataRole.CheckStateRole)
    model.setData(model.index(0, SECTOR), "housing")

    assert [(kind, fields) for kind, _, fields in owner.asked] == [
        ("edit", {"may_quote": True}), ("edit", {"attended": None}),
        ("edit", {"sector": Sector.HOUSING})]
    assert all(asked is record for _, asked, _ in owner.asked)
    assert participants.list_session_participants(ctx.store, session.id) == [record]
    assert ctx.undo_stack.count() == 0


def test_table_edits_push_one_step_and_nothing_when_unchanged_or_refused(ctx, system,
                                                                         refusals):
    edits = TableEdits(ctx, None, lambda area, fields: FieldEdit(
        f"Rename focus area '{area.name}'", focus_areas.update_focus_area, area))
    area = focus_areas.list_focus_areas(ctx.store, system.id)[0]

    assert not edits.edit(area, name=area.name)
    assert not edits.edit(area, name="")
    assert len(refusals) == 1
    assert not edits.move(area, 2)  # this table has no order to change
    assert ctx.undo_stack.count() == 0

    assert edits.edit(area, name="Community-led care")
    assert ctx.undo_stack.count() == 1
    assert ctx.undo_stack.undoText() == "Rename focus area 'Community Led Approaches'"
    ctx.undo_stack.undo()
    assert focus_areas.list_focus_areas(ctx.store, system.id)[0].name == area.name
