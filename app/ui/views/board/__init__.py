"""The theme board of a session: its notes clustered into themes, by mouse or keyboard, with an
outline of the same data, suggestions, votes and a presenter view for sharing the screen."""
