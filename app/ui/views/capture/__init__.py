"""Live capture: the capture view, scribe mode and note import."""
