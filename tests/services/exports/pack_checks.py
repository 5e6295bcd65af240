"""Checks every test of a pack's content makes: the text a reader sees, and the names in it."""

from __future__ import annotations

import json
import re

from app.models.pack import Pack


def shown(pack: Pack) -> str:
    """Everything the pack shows a reader (not its list of names or its options)."""
    return json.dumps(pack.model_dump(mode="json", exclude={"names", "options"}),
                      ensure_ascii=False)


def mentions(text: str, name: str) -> bool:
    """Whether `name` is in `text` as whole words, any case, however spaced."""
    pattern = r"\s+".join(re.escape(p) for p in name.split())
    return re.search(rf"(?<!\w){pattern}(?!\w)", text, re.IGNORECASE) is not None


def named_in(pack: Pack, names: tuple[str, ...] | list[str]) -> set[str]:
    """Which of these full names (or their first names, written as names) the pack shows."""
    text = shown(pack)
    found = set()
    for name in names:
        first = name.split()[0]
        if mentions(text, name) or re.search(rf"(?<!\w){re.escape(first)}(?!\w)", text):
            found.add(name)
    return found


def assert_names_recorded(pack: Pack, names: tuple[str, ...] | list[str]) -> None:
    """Every one of these names the pack shows is in its list of names, with where and why;
    and every name in that list is shown."""
    listed = {use.name for use in pack.names}
    for name in named_in(pack, names):
        assert name in listed, f"{name} is shown but not in the list of names"
    for use in pack.names:
        assert use.where and use.why
        assert mentions(shown(pack), use.name), f"{use.name} is listed but not shown"
