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


class SharedFolderUnavailable(CairnError):
    """The shared folder is missing, unplugged or unreadable; nothing was read or written."""


class NeedsConfirmation(CairnError):
    """The operation stopped to ask the person first (e.g. a sync round deleting many records)."""


def sentence_from(err: ValidationError) -> str:
    """Turn pydantic's report into one plain sentence about the first offending field."""
    first = err.errors()[0]
    field = " ".join(str(p) for p in first.get("loc", ()) if isinstance(p, str)).replace("_", " ")
    name = field.capitalize() or "The value"
    kind = first.get("type", "")
    ctx = first.get("ctx") or {}
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        text = f"{name} cannot be empty"
    elif kind == "string_too_long":
        text = f"{name} is too long (at most {ctx.get('max_length')} characters)"
    elif kind in ("greater_than_equal", "greater_than"):
        text = f"{name} must be at least {ctx.get('ge', ctx.get('gt'))}"
    elif kind in ("less_than_equal", "less_than"):
        text = f"{name} must be at most {ctx.get('le', ctx.get('lt'))}"
    elif kind == "enum":
        text = f"{name} must be one of {ctx.get('expected')}"
    else:
        message = str(first.get("msg", "is not valid"))
        # pydantic prefixes custom errors with "Value error, "; a person does not need that.
        message = message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
        text = f"{name}: {message}"
    return text if text.endswith(".") else text + "."
