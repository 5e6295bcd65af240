"""Sensemaking: what a session's notes become. Themes on a board, votes, coverage, actions and
evidence.

- `themes`: the theme board's operations: create (from selected notes too), rename, write a
  synthesis, move notes into a theme, between themes and back to the tray, merge, split,
  reorder, delete, tag with focus areas (suggested from the notes' tags); and reading a
  session's themes with their votes and notes.
- `votes`: dot votes, recorded as records that add up across laptops (`theme_votes`).
- `suggestions`: an offline suggestion of themes for the unclustered notes, each with the
  shared words that made it; accepting one is one operation.
- `board_undo`: the undo every board operation returns, and `revert`, which applies it.
- `recurring`, `recurring_query`, `recurring_suggest`: themes of several sessions linked as
  one recurring theme, its timeline across the sessions, and suggested links.
- `actions`: knowledge into action, linked to themes.
- `evidence`: case studies, publications and the rest, with references imported from RIS;
  `attachments`: a file attached to a piece of evidence, kept once by its SHA-256 in the
  store's folder; `theme_choices`: the themes an action or evidence can link to.
- `coverage`: notes and themes per focus area and session, and who was heard.

Every operation is one unit of work and one undo step, and a refused one changes nothing.
Import the modules by their full path (`from app.services.sensemaking import themes`).
"""
