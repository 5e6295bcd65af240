"""Cairn: plan, capture and make sense of sensemaking workshops."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("cairn")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+source"
