"""The theme board of a session: its notes clustered into themes, by mouse or keyboard, with an
outline of the same data, suggestions, votes and a presenter view for sharing the screen.

One tree model (`item_models.board_model`) feeds the cards (`board_canvas`, `board_cards`) and
the outline (`board_outline`); it follows the change bus row by row. Every action is a QAction
of `board_actions`, which runs one board operation through `commands.push_board` (one undo
step); drops reach the same code through the model. `board_view` is the page that holds them;
`opening` shows it in the main window.
"""
