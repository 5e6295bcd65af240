"""Errors a person can read: each carries one clear sentence and means nothing was changed."""

from __future__ import annotations

from pydantic import ValidationError


class CairnError(Exception):
    """Base of every error shown to a person. `str(err)` is the sentence to show."""


class InvalidInput(CairnError):
    """The input was refused; the store is unchanged."""


class NotFound(CairnError):
    """No record answers to the given id or name."""


class StoreError(CairnError):
    """The local store cannot be opened or written (newer version, unwritable folder, full disk)."""


def sentence_from(err: ValidationError) -> str:
    """Turn pydantic's report into one sentence naming the first offending field."""
    first = err.errors()[0]
    field = " ".join(str(p) for p in first.get("loc", ()) if isinstance(p, str)).replace("_", " ")
    message = first.get("msg", "is not valid")
    # pydantic prefixes custom errors with "Value error, "; a person does not need that.
    message = message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    text = f"{field.capitalize()}: {message}" if field else message
    return text if text.endswith(".") else text + "."
