"""Thin Qt item models over service results.

A model holds its rows, answers `data()` and `flags()`, and follows change-sets (`apply`). It
never performs an edit: a cell edit, a tick, a drop or a move is one request to the `RowEdits`
(`row_edits.py`) its view gave it, and the view makes that one service call and one undo step
through `app.ui.commands.TableEdits`. tests/ui/test_item_models_adapt.py keeps it so.
"""
