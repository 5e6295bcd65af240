"""Planning: learning systems, focus areas and tags, sessions and their timed agendas,
templates, participants and consent, and the run sheet and calendar invite of a session."""
