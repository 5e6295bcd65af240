"""What a drop on the board asks for: notes into a theme (or the tray), or a theme to a place
on the board. Dragged rows travel as their ids; where they land is read from the row and
parent the view gives, so the cards, the outline and a card's title all mean the same."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex

if TYPE_CHECKING:
    from app.ui.item_models.board_model import BoardModel

MIME = "application/x-cairn-board"


@dataclass(frozen=True)
class DropAsk:
    """Notes into the theme `key` ("" the tray), or `theme` to the board index `place`."""

    notes: list[str]
    key: str = ""
    theme: str = ""
    place: int = -1


def dragged(notes: list[str], themes: list[str]) -> QMimeData:
    data = QMimeData()
    data.setData(MIME, json.dumps({"notes": notes, "themes": themes}).encode())
    return data


def asked_by(model: BoardModel, data: QMimeData, row: int,
             parent: QModelIndex | QPersistentModelIndex) -> DropAsk | None:
    """What dropping `data` at `row` under `parent` asks; None when it asks nothing sensible."""
    if not data.hasFormat(MIME):
        return None
    try:
        asked = json.loads(bytes(data.data(MIME).data()).decode())
    except ValueError:
        return None
    notes, themes = list(asked.get("notes", [])), list(asked.get("themes", []))
    key = model.key_of(parent)
    if notes:
        return DropAsk(notes, key) if key is not None else None
    if len(themes) != 1 or themes[0] not in model.themes:
        return None
    board, moving = model.board, model.board.index(themes[0])
    if key is None:  # between top-level rows: just before the row it lands on
        shown_row = row if row >= 1 else len(model.order) + 1
        before = model.order[shown_row - 1] if shown_row <= len(model.order) else None
        if before is None:
            place = len(board) - 1
        else:
            place = board.index(before)
            place -= 1 if moving < place else 0
    else:  # onto a card or one of its notes: the theme takes that card's place
        place = board.index(key) if key in board else 0
    return DropAsk([], theme=themes[0], place=max(0, min(place, len(board) - 1)))
