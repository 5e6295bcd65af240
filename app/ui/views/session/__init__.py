"""The session screens: details, agenda, participants and the planning outputs."""
