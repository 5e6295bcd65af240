"""Dialogs: new learning system, preferences, about."""
