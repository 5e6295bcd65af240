"""Cairn: plan, capture and make sense of sensemaking workshops."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # The version is read from the installed metadata only when asked for: importing
    # importlib.metadata costs start-up time that most runs do not need.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("cairn")
        except PackageNotFoundError:  # a source tree that was not installed
            return "0.0.0+source"
    raise AttributeError(name)
